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
 * turn public by being pasted into an article.
 */
export async function syncArticleAssets(em: EntityManager, articleId: string): Promise<void> {
  const bodies = await runSql<{ body: unknown }>(em, `SELECT body FROM kb_article_translations WHERE article_id = ?`, [articleId]);
  const ids = referencedAttachmentIds(bodies.map((row) => row.body));
  if (ids.length > 0) {
    const linkable = await runSql<{ id: string }>(
      em,
      `SELECT a.id FROM attachments a JOIN users u ON u.id = a.uploaded_by_id
        WHERE a.id = ANY(?::text[]) AND a.message_id IS NULL AND u.role <> 'customer'`,
      [pgArray(ids)],
    );
    const allowed = new Set(linkable.map((row) => row.id));
    const refused = ids.filter((id) => !allowed.has(id));
    if (refused.length > 0) {
      throw badInput([{ field: 'translations', message: `files must be uploaded to the knowledge base first (${refused.join(', ')})` }]);
    }
  }
  await runSql(em, `DELETE FROM kb_article_assets WHERE article_id = ? AND NOT (attachment_id = ANY(?::text[]))`, [articleId, pgArray(ids)]);
  if (ids.length > 0) {
    await runSql(
      em,
      `INSERT INTO kb_article_assets (article_id, attachment_id) SELECT ?, unnest(?::text[]) ON CONFLICT DO NOTHING`,
      [articleId, pgArray(ids)],
    );
  }
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
