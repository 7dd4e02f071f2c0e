import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray, runSql } from '../database/raw-sql.ts';
import type { SummaryRow } from '../knowledge-base/help-center.service.ts';

/** What a search hit shows, read from the database of record: the summary plus text for the snippet. */
export type ArticleRow = SummaryRow & { plain_text: string };

/** Characters of body text a snippet is cut from (a snippet is ~160 around the first match). */
const SNIPPET_SOURCE = 2_000;

/**
 * SQL for one hit's readable translations as a JSON array: the article must
 * still be published and readable by this audience, so a lagging index can
 * never show an unpublished or internal article. Only the hit's translation
 * and the reader's are returned; the service picks one. The arguments are
 * SQL expressions (columns or `?` placeholders), `visibilities` a text[].
 * Its own aliases are prefixed `kb_` so they cannot capture the caller's columns.
 */
export function articleRowsJson(refs: { articleId: string; hitLocale: string; preferLocale: string; visibilities: string }): string {
  return `(SELECT coalesce(json_agg(json_build_object(
             'id', kb_a.id, 'visibility', kb_a.visibility, 'section_id', kb_a.section_id, 'category_id', kb_s.category_id,
             'locale', kb_t.locale, 'slug', kb_t.slug, 'title', kb_t.title, 'summary', kb_t.summary,
             'plain_text', left(kb_t.plain_text, ${SNIPPET_SOURCE}), 'updated_at', kb_t.updated_at)), '[]'::json)
      FROM kb_articles kb_a
      JOIN kb_sections kb_s ON kb_s.id = kb_a.section_id
      JOIN kb_article_translations kb_t ON kb_t.article_id = kb_a.id AND (kb_t.locale = ${refs.hitLocale} OR kb_t.locale = ${refs.preferLocale})
     WHERE kb_a.id = ${refs.articleId} AND kb_a.status = 'published' AND kb_a.visibility = ANY(${refs.visibilities}::text[]))`;
}

/** JSON gives timestamps as strings; the API's summaries carry dates. */
export function fromJson(rows: ArticleRow[]): ArticleRow[] {
  return rows.map((row) => ({ ...row, updated_at: new Date(row.updated_at) }));
}

/** The same rows for hits from an engine outside PostgreSQL (Meilisearch): one statement for the page. */
export async function loadArticleRows(
  em: EntityManager,
  hits: { articleId: string; locale: string }[],
  scope: { preferLocale: string; visibilities: readonly string[] },
): Promise<Map<string, ArticleRow[]>> {
  const rows = await runSql<{ article_id: string; articles: ArticleRow[] }>(
    em,
    `SELECT h.article_id, ${articleRowsJson({ articleId: 'h.article_id', hitLocale: 'h.locale', preferLocale: '?', visibilities: '?' })} AS articles
       FROM unnest(?::uuid[], ?::text[]) AS h(article_id, locale)`,
    [scope.preferLocale, pgArray(scope.visibilities), pgArray(hits.map((hit) => hit.articleId)), pgArray(hits.map((hit) => hit.locale))],
  );
  return new Map(rows.map((row) => [row.article_id, fromJson(row.articles)]));
}
