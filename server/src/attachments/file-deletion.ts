import type { EntityManager } from '@mikro-orm/postgresql';
import type { JobQueue } from '../jobs/job-queue.ts';

/** The job that removes an attachment's bytes from the FileStorage (registered by AttachmentsService). */
export const DELETE_FILE_TASK = 'attachments.deleteFile';

/**
 * Deletes stored bytes once the caller's transaction has committed (a job
 * enqueued in it), so a rolled-back delete of the row never removes the file.
 */
export async function deleteStoredFileLater(jobs: JobQueue, em: EntityManager, storageKey: string): Promise<void> {
  await jobs.enqueue(em, DELETE_FILE_TASK, { storageKey });
}
