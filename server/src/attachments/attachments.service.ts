import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { KefuConfig } from '../config/config.ts';
import { sql } from '../database/sql.ts';
import { badInput, forbidden, KefuError, notFound } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { AttachmentSchema, type Attachment } from './attachment.entity.ts';
import { DEFAULT_ALLOWED_TYPES, isInlineImage, safeFileName, sniffAllowedType } from './content-policy.ts';
import { DELETE_FILE_TASK, deleteStoredFileLater } from './file-deletion.ts';
import type { FileStorage } from './file-storage.ts';

/** Whether the viewer may read a message (the tickets/conversations visibility rule). */
export type MessageAccess = (em: EntityManager, viewer: Viewer, messageId: string) => Promise<boolean>;

/** Whether the viewer (anonymous too) may read a file shown by knowledge-base articles (their visibility rule). */
export type ArticleFileAccess = (em: EntityManager, viewer: Viewer | null, attachmentId: string) => Promise<boolean>;

/** What the API shows of an attachment. */
export interface AttachmentView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  isImage: boolean;
  url: string;
  createdAt: Date;
}

export const MAX_ATTACHMENTS_PER_MESSAGE = 20;
const PURGE_TASK = 'attachments.purgeDraft';
const ATTACHMENT_ID = /^[A-Za-z0-9_-]{22,64}$/;

const attachmentIds = z
  .array(z.string().regex(ATTACHMENT_ID, 'must be attachment ids'))
  .max(MAX_ATTACHMENTS_PER_MESSAGE, `at most ${MAX_ATTACHMENTS_PER_MESSAGE} attachments per message`)
  .nullish();

/** 160 random bits, URL-safe: an attachment id cannot be guessed or enumerated. */
const newAttachmentId = () => randomBytes(20).toString('base64url');

export class UploadRefused extends KefuError {
  readonly httpStatus: number;
  constructor(httpStatus: number, message: string) {
    super('BAD_USER_INPUT', `file: ${message}`, { fields: [{ field: 'file', message }] });
    this.httpStatus = httpStatus;
  }
}

export class AttachmentsService {
  readonly #config: KefuConfig['attachments'];
  readonly #stagingDir: string;
  readonly #allowed: ReadonlySet<string>;
  readonly #storage: FileStorage;
  readonly #jobs: JobQueue;
  readonly #logger: Logger;
  readonly #orm: MikroORM;
  readonly #messageAccess: MessageAccess;
  readonly #articleFileAccess: ArticleFileAccess;

  constructor(deps: {
    config: KefuConfig;
    orm: MikroORM;
    storage: FileStorage;
    jobs: JobQueue;
    logger: Logger;
    messageAccess: MessageAccess;
    articleFileAccess: ArticleFileAccess;
  }) {
    this.#orm = deps.orm;
    this.#messageAccess = deps.messageAccess;
    this.#articleFileAccess = deps.articleFileAccess;
    this.#config = deps.config.attachments;
    this.#stagingDir = join(deps.config.dataDir, 'tmp', 'uploads');
    this.#allowed = new Set(this.#config.allowedTypes ?? DEFAULT_ALLOWED_TYPES);
    this.#storage = deps.storage;
    this.#jobs = deps.jobs;
    this.#logger = deps.logger.child({ component: 'attachments' });
    deps.jobs.register(PURGE_TASK, (payload) => this.#purgeDraft(payload));
    deps.jobs.register(DELETE_FILE_TASK, (payload) => this.#deleteFile(payload));
  }

  get maxBytes(): number {
    return this.#config.maxBytes;
  }

  /**
   * Streams an upload to a staging file (counting and hashing on the way,
   * stopping at the size limit), sniffs its type from the bytes, then hands
   * it to the storage and records a draft owned by the uploader. A refused
   * upload leaves nothing behind.
   */
  async upload(em: EntityManager, viewer: Viewer, file: { filename: string; stream: Readable & { truncated?: boolean } }): Promise<AttachmentView> {
    await mkdir(this.#stagingDir, { recursive: true, mode: 0o700 });
    const staged = join(this.#stagingDir, randomUUID());
    const max = this.#config.maxBytes;
    const hash = createHash('sha256');
    let size = 0;
    try {
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          size += chunk.length;
          if (size > max) return callback(new UploadRefused(413, `is larger than ${max} bytes`));
          hash.update(chunk);
          callback(null, chunk);
        },
      });
      await pipeline(file.stream, meter, createWriteStream(staged, { flags: 'wx', mode: 0o600 }));
      if (file.stream.truncated) throw new UploadRefused(413, `is larger than ${max} bytes`);
      if (size === 0) throw new UploadRefused(400, 'is empty');
      const sniffed = await sniffAllowedType(staged, file.filename, this.#allowed);
      if (!sniffed) throw new UploadRefused(415, 'this type of file is not accepted');

      const id = newAttachmentId();
      const now = new Date();
      const storageKey = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${id}`;
      await this.#storage.putFile(storageKey, staged, { contentType: sniffed.contentType, size });
      try {
        const attachment = await em.transactional(async (tx) => {
          const row = tx.create(AttachmentSchema, {
            id,
            storageKey,
            filename: safeFileName(file.filename, sniffed),
            contentType: sniffed.contentType,
            size,
            sha256: hash.digest('hex'),
            uploadedById: viewer.id,
            messageId: null,
          });
          await tx.flush();
          const runAt = new Date(Date.now() + this.#config.draftTtlHours * 3600_000);
          await this.#jobs.enqueue(tx, PURGE_TASK, { id }, { runAt, jobKey: `${PURGE_TASK}:${id}` });
          return row;
        });
        return toView(attachment);
      } catch (error) {
        await this.#storage.delete(storageKey);
        throw error;
      }
    } finally {
      await rm(staged, { force: true });
    }
  }

  /**
   * The attachment and its bytes, when the viewer may read it: an attached
   * file by whoever may read its message; a file shown by knowledge-base
   * articles by whoever may read one of them (anonymous visitors included);
   * any other draft only by its uploader. NOT_FOUND for unknown ids,
   * UNAUTHENTICATED / FORBIDDEN otherwise — before any byte is read.
   */
  async openForViewer(em: EntityManager, viewer: Viewer | null, id: string): Promise<{ attachment: Attachment; stream: Readable }> {
    if (!ATTACHMENT_ID.test(id)) throw notFound('Attachment');
    const attachment = await em.findOne(AttachmentSchema, { id });
    if (!attachment) throw notFound('Attachment');
    let allowed: boolean;
    if (attachment.messageId) allowed = viewer !== null && (await this.#messageAccess(em, viewer, attachment.messageId));
    else allowed = (viewer !== null && attachment.uploadedById === viewer.id) || (await this.#articleFileAccess(em, viewer, attachment.id));
    if (!allowed) throw viewer ? forbidden() : new KefuError('UNAUTHENTICATED', 'Sign in first.');
    return { attachment, stream: await this.#storage.read(attachment.storageKey) };
  }

  /**
   * Moves the viewer's drafts onto a message they just wrote, in the
   * message's transaction. Any id that is not the viewer's own draft refuses
   * the whole message (BAD_USER_INPUT), so nothing is half-attached.
   */
  async attachToMessage(em: EntityManager, viewer: Viewer, messageId: string, rawIds: unknown): Promise<void> {
    const ids = [...new Set(parseInput(attachmentIds, rawIds) ?? [])];
    if (!ids.length) return;
    const claimed = await sql<{ id: string }>(
      em,
      `UPDATE attachments SET message_id = $1, attached_at = now()
        WHERE id = ANY($2::text[]) AND uploaded_by_id = $3 AND message_id IS NULL
        RETURNING id`,
      [messageId, ids, viewer.id],
    );
    if (claimed.length !== ids.length) {
      throw badInput([{ field: 'attachmentIds', message: 'must be files you uploaded and have not attached yet' }]);
    }
  }

  /** Attaches to the first message of a ticket just created (createTicket / submitTicket). */
  async attachToNewTicket(em: EntityManager, viewer: Viewer, ticketId: string, rawIds: unknown): Promise<void> {
    const ids = parseInput(attachmentIds, rawIds) ?? [];
    if (!ids.length) return;
    const [first] = await sql<{ id: string }>(em, `SELECT id FROM messages WHERE ticket_id = $1 ORDER BY seq LIMIT 1`, [ticketId]);
    if (!first) throw badInput([{ field: 'attachmentIds', message: 'need a message body to attach to' }]);
    await this.attachToMessage(em, viewer, first.id, ids);
  }

  /** Removes one of the viewer's drafts (e.g. taken out of the composer). */
  async deleteDraft(em: EntityManager, viewer: Viewer, rawId: unknown): Promise<boolean> {
    const id = parseInput(z.string().regex(ATTACHMENT_ID, 'must be an attachment id'), rawId);
    const attachment = await em.findOne(AttachmentSchema, { id });
    if (!attachment) throw notFound('Attachment');
    if (attachment.uploadedById !== viewer.id || attachment.messageId) throw forbidden('Only your own unsent attachments can be removed.');
    em.remove(attachment);
    await em.flush();
    await deleteStoredFileLater(this.#jobs, em, attachment.storageKey);
    return true;
  }

  /** Attachments of many messages at once (the Message.attachments loader), oldest first. */
  async listForMessages(em: EntityManager, messageIds: readonly string[]): Promise<Map<string, AttachmentView[]>> {
    const rows = await sql<Attachment>(
      em,
      `SELECT id, filename, content_type AS "contentType", size::int AS size, message_id AS "messageId", created_at AS "createdAt"
         FROM attachments WHERE message_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [messageIds],
    );
    const byMessage = new Map<string, AttachmentView[]>();
    for (const row of rows) {
      const list = byMessage.get(row.messageId!) ?? [];
      list.push(toView(row));
      byMessage.set(row.messageId!, list);
    }
    return byMessage;
  }

  /**
   * A draft nobody claimed is deleted. Files the knowledge base has used (an
   * article shows it, a version keeps it, or it was let go recently) are left
   * to the knowledge base's own cleanup, which keeps them while any version
   * could be restored (knowledge-base/orphaned-files.ts).
   */
  async #purgeDraft(payload: unknown): Promise<void> {
    const { id } = z.object({ id: z.string() }).parse(payload);
    await this.#orm.em.fork().transactional(async (tx) => {
      const [row] = await sql<{ storageKey: string }>(
        tx,
        `DELETE FROM attachments WHERE id = $1 AND message_id IS NULL
            AND NOT EXISTS (SELECT 1 FROM kb_article_assets WHERE attachment_id = attachments.id)
            AND NOT EXISTS (SELECT 1 FROM kb_version_assets WHERE attachment_id = attachments.id)
            AND NOT EXISTS (SELECT 1 FROM kb_released_assets WHERE attachment_id = attachments.id)
          RETURNING storage_key AS "storageKey"`,
        [id],
      );
      if (row) await deleteStoredFileLater(this.#jobs, tx, row.storageKey);
    });
  }

  async #deleteFile(payload: unknown): Promise<void> {
    const { storageKey } = z.object({ storageKey: z.string() }).parse(payload);
    await this.#storage.delete(storageKey);
    this.#logger.debug({ storageKey }, 'attachment file deleted');
  }

}

export function toView(row: Pick<Attachment, 'id' | 'filename' | 'contentType' | 'size' | 'createdAt'>): AttachmentView {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.contentType,
    size: Number(row.size),
    isImage: isInlineImage(row.contentType),
    url: `/attachments/${row.id}`,
    createdAt: row.createdAt,
  };
}
