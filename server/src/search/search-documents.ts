import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray, runSql } from '../database/raw-sql.ts';
import type { ArticleVisibility } from '../knowledge-base/article.entity.ts';
import { languageOf, type ArticleDocuments } from './search-index.ts';

interface Row {
  article_id: string;
  status: string;
  visibility: ArticleVisibility;
  tags: string[];
  section_id: string;
  category_id: string;
  locale: string | null;
  title: string | null;
  summary: string | null;
  plain_text: string | null;
  updated_at: Date | null;
}

/**
 * What the index should hold for these articles, read from PostgreSQL (the
 * source of truth): one document per translation of a published article,
 * nothing for any other status or for a deleted article.
 */
export async function articleDocuments(em: EntityManager, articleIds: string[]): Promise<ArticleDocuments[]> {
  const rows = await runSql<Row>(
    em,
    `SELECT a.id AS article_id, a.status, a.visibility, a.tags, a.section_id, s.category_id,
            t.locale, t.title, t.summary, t.plain_text, t.updated_at
       FROM kb_articles a
       JOIN kb_sections s ON s.id = a.section_id
       LEFT JOIN kb_article_translations t ON t.article_id = a.id
      WHERE a.id = ANY(?::uuid[])`,
    [pgArray(articleIds)],
  );
  const byArticle = new Map<string, ArticleDocuments>(articleIds.map((articleId) => [articleId, { articleId, documents: [] }]));
  for (const row of rows) {
    if (row.status !== 'published' || !row.locale) continue;
    byArticle.get(row.article_id)!.documents.push({
      id: `${row.article_id}_${row.locale}`,
      articleId: row.article_id,
      locale: row.locale,
      language: languageOf(row.locale),
      visibility: row.visibility,
      categoryId: row.category_id,
      sectionId: row.section_id,
      title: row.title ?? '',
      summary: row.summary ?? '',
      body: row.plain_text ?? '',
      tags: row.tags ?? [],
      updatedAt: new Date(row.updated_at ?? Date.now()).toISOString(),
    });
  }
  return [...byArticle.values()];
}

/** Ids of every published article, in batches, for a full reindex. */
export async function* publishedArticleIds(em: EntityManager, batchSize: number): AsyncGenerator<string[]> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await runSql<{ id: string }>(
      em,
      `SELECT id FROM kb_articles WHERE status = 'published' AND id > ? ORDER BY id LIMIT ?`,
      [after, batchSize],
    );
    if (!rows.length) return;
    yield rows.map((row) => row.id);
    after = rows.at(-1)!.id;
  }
}

export async function countPublishedArticles(em: EntityManager): Promise<number> {
  const [row] = await runSql<{ count: string }>(em, `SELECT count(*) AS count FROM kb_articles WHERE status = 'published'`);
  return Number(row?.count ?? 0);
}
