import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray, runSql } from '../database/raw-sql.ts';
import type { ArticleStatus, ArticleVisibility, TocHeading } from './article.entity.ts';
import { articleUrl } from './help-urls.ts';

/**
 * Staff-side read models, loaded by id lists in one query each so GraphQL
 * loaders can batch them (no query per row in trees and lists).
 */
export interface NameDto {
  locale: string;
  name: string;
  description: string | null;
}

export interface CategoryDto {
  id: string;
  slug: string;
  icon: string | null;
  position: number;
  translations: NameDto[];
  createdAt: Date;
  updatedAt: Date;
}

export interface SectionDto extends Omit<CategoryDto, 'icon'> {
  categoryId: string;
}

export interface TranslationDto {
  articleId: string;
  locale: string;
  slug: string;
  title: string;
  summary: string | null;
  body: Record<string, unknown>;
  html: string;
  plainText: string;
  toc: TocHeading[];
  url: string;
  updatedAt: Date;
  updatedById: string | null;
}

export interface ArticleDto {
  id: string;
  sectionId: string;
  position: number;
  status: ArticleStatus;
  visibility: ArticleVisibility;
  tags: string[];
  ownerId: string | null;
  reviewAt: Date | null;
  stale: boolean;
  publishAt: Date | null;
  publishedAt: Date | null;
  archivedAt: Date | null;
  version: number;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
  translations: TranslationDto[];
}

type Row = Record<string, any>;

function names(rows: Row[], key: string): Map<string, NameDto[]> {
  const map = new Map<string, NameDto[]>();
  for (const row of rows) {
    const list = map.get(row[key]) ?? [];
    list.push({ locale: row.locale, name: row.name, description: row.description });
    map.set(row[key], list);
  }
  return map;
}

export async function loadCategories(em: EntityManager, ids?: readonly string[]): Promise<CategoryDto[]> {
  const where = ids ? `WHERE c.id = ANY(?::uuid[])` : '';
  const rows = await runSql<Row>(em, `SELECT c.* FROM kb_categories c ${where} ORDER BY c.position, c.created_at`, ids ? [pgArray(ids)] : []);
  const translations = names(
    await runSql<Row>(
      em,
      `SELECT t.* FROM kb_category_translations t JOIN kb_locales l ON l.code = t.locale
        WHERE t.category_id = ANY(?::uuid[]) ORDER BY l.position`,
      [pgArray(rows.map((row) => row.id))],
    ),
    'category_id',
  );
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    icon: row.icon,
    position: row.position,
    translations: translations.get(row.id) ?? [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

export async function loadSections(em: EntityManager, by: { ids?: readonly string[]; categoryIds?: readonly string[] }): Promise<SectionDto[]> {
  const [where, params] = by.ids
    ? [`WHERE s.id = ANY(?::uuid[])`, [pgArray(by.ids)]]
    : by.categoryIds
      ? [`WHERE s.category_id = ANY(?::uuid[])`, [pgArray(by.categoryIds)]]
      : ['', []];
  const rows = await runSql<Row>(em, `SELECT s.* FROM kb_sections s ${where} ORDER BY s.position, s.created_at`, params);
  const translations = names(
    await runSql<Row>(
      em,
      `SELECT t.* FROM kb_section_translations t JOIN kb_locales l ON l.code = t.locale
        WHERE t.section_id = ANY(?::uuid[]) ORDER BY l.position`,
      [pgArray(rows.map((row) => row.id))],
    ),
    'section_id',
  );
  return rows.map((row) => ({
    id: row.id,
    categoryId: row.category_id,
    slug: row.slug,
    position: row.position,
    translations: translations.get(row.id) ?? [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

export function toArticleDto(row: Row, translations: TranslationDto[]): ArticleDto {
  const reviewAt = row.review_at ? new Date(row.review_at) : null;
  return {
    id: row.id,
    sectionId: row.section_id,
    position: row.position,
    status: row.status,
    visibility: row.visibility,
    tags: row.tags ?? [],
    ownerId: row.owner_id,
    reviewAt,
    stale: row.status === 'published' && reviewAt !== null && reviewAt.getTime() < Date.now(),
    publishAt: row.publish_at,
    publishedAt: row.published_at,
    archivedAt: row.archived_at,
    version: row.version,
    createdById: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    translations,
  };
}

export async function loadTranslations(em: EntityManager, articleIds: readonly string[]): Promise<Map<string, TranslationDto[]>> {
  const rows = await runSql<Row>(
    em,
    `SELECT t.* FROM kb_article_translations t JOIN kb_locales l ON l.code = t.locale
      WHERE t.article_id = ANY(?::uuid[]) ORDER BY l.position, t.locale`,
    [pgArray(articleIds)],
  );
  const map = new Map<string, TranslationDto[]>();
  for (const row of rows) {
    const list = map.get(row.article_id) ?? [];
    list.push({
      articleId: row.article_id,
      locale: row.locale,
      slug: row.slug,
      title: row.title,
      summary: row.summary,
      body: row.body,
      html: row.html,
      plainText: row.plain_text,
      toc: row.toc ?? [],
      url: articleUrl(row.locale, row.slug),
      updatedAt: row.updated_at,
      updatedById: row.updated_by,
    });
    map.set(row.article_id, list);
  }
  return map;
}

/** Articles by id or by section, with every translation, in display order. */
export async function loadArticles(em: EntityManager, by: { ids?: readonly string[]; sectionIds?: readonly string[] }): Promise<ArticleDto[]> {
  const [where, params] = by.ids ? [`WHERE a.id = ANY(?::uuid[])`, [pgArray(by.ids)]] : [`WHERE a.section_id = ANY(?::uuid[])`, [pgArray(by.sectionIds ?? [])]];
  const rows = await runSql<Row>(em, `SELECT a.* FROM kb_articles a ${where} ORDER BY a.position, a.created_at`, params);
  const translations = await loadTranslations(em, rows.map((row) => row.id));
  return rows.map((row) => toArticleDto(row, translations.get(row.id) ?? []));
}

export async function loadArticle(em: EntityManager, id: string): Promise<ArticleDto | null> {
  return (await loadArticles(em, { ids: [id] }))[0] ?? null;
}
