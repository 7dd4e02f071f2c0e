import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '@kefu/plugin-sdk';
import { runSql } from '../database/raw-sql.ts';
import { articleUrl } from './help-urls.ts';

export interface OpenedSuggestion {
  articleId: string;
  title: string;
  url: string;
  query: string;
  openedAt: Date;
}

/**
 * The contact form's deflection record, seen from the ticket: which
 * suggested articles the requester opened before still writing in. Agents
 * see it so they do not answer with the article the customer already read.
 */
export async function openedSuggestions(em: EntityManager, viewer: Viewer | null, ticketId: string): Promise<OpenedSuggestion[]> {
  if (!viewer || viewer.role === 'customer') return [];
  const rows = await runSql<{ article_id: string; title: string; locale: string; slug: string; query: string; created_at: Date }>(
    em,
    `SELECT o.article_id, t.title, t.locale, t.slug, o.query, o.created_at
       FROM kb_suggestion_opens o
       JOIN kb_article_translations t ON t.article_id = o.article_id AND t.locale = o.locale
      WHERE o.ticket_id = ?
      ORDER BY o.created_at`,
    [ticketId],
  );
  return rows.map((row) => ({
    articleId: row.article_id,
    title: row.title,
    url: articleUrl(row.locale, row.slug),
    query: row.query,
    openedAt: new Date(row.created_at),
  }));
}
