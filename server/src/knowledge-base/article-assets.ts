import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray, runSql } from '../database/raw-sql.ts';
import { badInput } from '../graphql/errors.ts';
import { ATTACHMENT_PATH_PREFIX } from './render/sanitize.ts';
import { isStaff, readableVisibilities } from './visibility.ts';

const ATTACHMENT_ID = /^[A-Za-z0-9_-]{22,64}$/;

/** Attachment ids an article body points at: images (`src`) and downloadable files (`href`) under /attachments/. */
export function referencedAttachmentIds(bodies: unknown[]): string[] {
  const ids = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const { attrs, content } = node as { attrs?: Record<string, unknown>; content?: unknown[] };
    for (const value of [attrs?.src, attrs?.href]) {
      if (typeof value !== 'string' || !value.startsWith(ATTACHMENT_PATH_PREFIX)) continue;
      const id = value.slice(ATTACHMENT_PATH_PREFIX.length).split(/[?#/]/)[0]!;
      if (ATTACHMENT_ID.test(id)) ids.add(id);
    }
    if (Array.isArray(content)) content.forEach(visit);
  };
  bodies.forEach(visit);
  return [...ids];
}

/**
 * Records which uploaded files an article shows, after its translations were
 * saved. Only files uploaded by staff and not sent with a message can become
 * article files: a message's attachment (or a customer's upload) must never
 * turn public by being pasted into an article. A file the article no longer
 * shows is released (see releaseFiles).
 */
export async function syncArticleAssets(em: EntityManager, articleId: string): Promise<void> {
  const bodies = await runSql<{ body: unknown }>(em, `SELECT body FROM kb_article_translations WHERE article_id = ?`, [articleId]);
  const ids = referencedAttachmentIds(bodies.map((row) => row.body));
  if (ids.length > 0) {
    // KEY SHARE until the commit: the orphaned-files cleanup cannot delete a file being linked right now.
    const linkable = await runSql<{ id: string }>(
      em,
      `SELECT a.id FROM attachments a JOIN users u ON u.id = a.uploaded_by_id
        WHERE a.id = ANY(?::text[]) AND a.message_id IS NULL AND u.role <> 'customer'
        FOR KEY SHARE OF a`,
      [pgArray(ids)],
    );
    const allowed = new Set(linkable.map((row) => row.id));
    const refused = ids.filter((id) => !allowed.has(id));
    if (refused.length > 0) {
      throw badInput([{ field: 'translations', message: `files must be uploaded to the knowledge base first (${refused.join(', ')})` }]);
    }
  }
  const dropped = await runSql<{ attachment_id: string }>(
    em,
    `DELETE FROM kb_article_assets WHERE article_id = ? AND NOT (attachment_id = ANY(?::text[])) RETURNING attachment_id`,
    [articleId, pgArray(ids)],
  );
  await releaseFiles(em, dropped.map((row) => row.attachment_id));
  if (ids.length > 0) {
    await runSql(
      em,
      `INSERT INTO kb_article_assets (article_id, attachment_id) SELECT ?, unnest(?::text[]) ON CONFLICT DO NOTHING`,
      [articleId, pgArray(ids)],
    );
    await runSql(em, `DELETE FROM kb_released_assets WHERE attachment_id = ANY(?::text[])`, [pgArray(ids)]);
  }
}

/** Remembers the files a new version shows: no file a version could restore is ever purged. */
export async function recordVersionAssets(em: EntityManager, versionId: string, bodies: unknown[]): Promise<void> {
  const ids = referencedAttachmentIds(bodies);
  if (ids.length === 0) return;
  await runSql(
    em,
    `INSERT INTO kb_version_assets (version_id, attachment_id)
     SELECT ?, a.id FROM attachments a WHERE a.id = ANY(?::text[]) ON CONFLICT DO NOTHING`,
    [versionId, pgArray(ids)],
  );
}

/** Before an article is deleted (its links and versions go with it): its files are released. */
export async function releaseArticleFiles(em: EntityManager, articleId: string): Promise<void> {
  const rows = await runSql<{ attachment_id: string }>(
    em,
    `SELECT attachment_id FROM kb_article_assets WHERE article_id = ?
     UNION
     SELECT va.attachment_id FROM kb_version_assets va JOIN kb_article_versions v ON v.id = va.version_id WHERE v.article_id = ?`,
    [articleId, articleId],
  );
  await releaseFiles(em, rows.map((row) => row.attachment_id));
}

/**
 * Starts (or restarts) the grace period of files that just lost a use. Other
 * uses may remain — another article, a version — which the cleanup checks
 * when the period is over; linking a file again ends its release.
 */
async function releaseFiles(em: EntityManager, attachmentIds: string[]): Promise<void> {
  if (attachmentIds.length === 0) return;
  await runSql(
    em,
    `INSERT INTO kb_released_assets (attachment_id) SELECT unnest(?::text[])
     ON CONFLICT (attachment_id) DO UPDATE SET released_at = now()`,
    [pgArray(attachmentIds)],
  );
}

/**
 * Whether the viewer may download an article file: staff always (they edit
 * drafts), others when one of its articles is published and readable by
 * them — the same visibility rule as the article pages.
 */
export async function kbAssetAccess(em: EntityManager, viewer: Viewer | null, attachmentId: string): Promise<boolean> {
  const [row] = await runSql<{ readable: boolean }>(
    em,
    `SELECT bool_or(?::boolean OR (a.status = 'published' AND a.visibility = ANY(?::text[]))) AS readable
       FROM kb_article_assets s JOIN kb_articles a ON a.id = s.article_id
      WHERE s.attachment_id = ?`,
    [isStaff(viewer), pgArray(readableVisibilities(viewer)), attachmentId],
  );
  return row?.readable === true;
}
