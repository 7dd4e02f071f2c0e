import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { deleteStoredFileLater } from '../attachments/file-deletion.ts';
import { sql } from '../database/sql.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { RecurringJob } from '../jobs/recurring-job.ts';

const TASK = 'knowledge.purgeOrphanedFiles';
const EVERY_MS = 24 * 3600_000;
const BATCH = 200;

/**
 * Deletes files uploaded for articles once nothing can show them again: no
 * article shows it now, no saved version shows it (so restoring a version
 * always finds its files), and no message claimed it — for longer than the
 * grace period (KB_ORPHANED_FILES_GRACE_DAYS) since an article last let it
 * go (`kb_released_assets`, written when an edit removes a file or an article
 * is deleted). Runs daily as a durable job; the row goes in a transaction
 * and the bytes through the attachments' file-deletion job after the commit.
 */
export class OrphanedFilesCleanup {
  readonly #orm: MikroORM;
  readonly #jobs: JobQueue;
  readonly #logger: Logger;
  readonly #graceDays: number;
  readonly #job: RecurringJob;

  constructor(deps: { orm: MikroORM; jobs: JobQueue; logger: Logger; graceDays: number }) {
    this.#orm = deps.orm;
    this.#jobs = deps.jobs;
    this.#logger = deps.logger.child({ component: 'knowledge-base' });
    this.#graceDays = deps.graceDays;
    this.#job = new RecurringJob(deps, TASK, EVERY_MS, () => this.run());
  }

  /** (Re)schedules the daily run; one pending job across all instances. */
  schedule(runAt?: Date): Promise<void> {
    return this.#job.schedule(runAt);
  }

  /** One pass over every file whose grace period is over; returns how many were deleted. */
  async run(): Promise<number> {
    let deleted = 0;
    for (;;) {
      const batch = await this.#orm.em.fork().transactional((em) => this.#batch(em as unknown as EntityManager));
      deleted += batch.deleted;
      if (batch.examined < BATCH) break;
    }
    if (deleted > 0) this.#logger.info({ deleted }, 'orphaned knowledge-base files deleted');
    return deleted;
  }

  async #batch(em: EntityManager): Promise<{ examined: number; deleted: number }> {
    // Lock first: an article being saved with one of these files holds a share
    // lock on it (syncArticleAssets) and is skipped until a later run…
    const due = await sql<{ id: string }>(
      em,
      `SELECT a.id FROM kb_released_assets r JOIN attachments a ON a.id = r.attachment_id
        WHERE r.released_at < now() - make_interval(days => $1)
        ORDER BY r.released_at LIMIT $2
        FOR UPDATE OF a SKIP LOCKED`,
      [this.#graceDays, BATCH],
    );
    if (due.length === 0) return { examined: 0, deleted: 0 };
    const ids = due.map((row) => row.id);
    // …then look again with a fresh snapshot, which sees links committed while we waited.
    const orphans = await sql<{ id: string; storageKey: string }>(
      em,
      `SELECT a.id, a.storage_key AS "storageKey" FROM attachments a
        WHERE a.id = ANY($1::text[]) AND a.message_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM kb_article_assets s WHERE s.attachment_id = a.id)
          AND NOT EXISTS (SELECT 1 FROM kb_version_assets v WHERE v.attachment_id = a.id)`,
      [ids],
    );
    const orphanIds = orphans.map((row) => row.id);
    // Still used: stop watching it. Losing that use releases it again, with a new grace period.
    await sql(em, `DELETE FROM kb_released_assets WHERE attachment_id = ANY($1::text[]) AND NOT (attachment_id = ANY($2::text[]))`, [ids, orphanIds]);
    if (orphans.length > 0) {
      await sql(em, `DELETE FROM attachments WHERE id = ANY($1::text[])`, [orphanIds]);
      for (const orphan of orphans) await deleteStoredFileLater(this.#jobs, em, orphan.storageKey);
    }
    return { examined: due.length, deleted: orphans.length };
  }
}
