import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { pgArray, runSql } from '../database/raw-sql.ts';
import { parseInput } from '../graphql/validate.ts';
import { languageOf } from '../search/search-index.ts';
import type { ArticleSummary } from '../search/search.service.ts';
import type { ArticleVisibility, TocHeading } from './article.entity.ts';
import { articleUrl, categoryUrl, helpHomeUrl, sectionUrl } from './help-urls.ts';
import { localeCode, slug } from './kb-input.ts';
import { loadCategories, loadSections, type NameDto } from './kb-read.ts';
import type { LocalesService } from './locales.service.ts';
import { readableVisibilities } from './visibility.ts';

/**
 * The public help center. Every query joins the articles it shows with
 * status = 'published' and the viewer's readable visibilities, so an internal
 * or unpublished article cannot surface through any field; a category or
 * section without a readable article is treated as not existing.
 *
 * Lists pick, per article, the reader's translation or else another one of
 * the same language (a zh-TW reader also gets zh-CN-only articles).
 */
export interface HelpCategoryDto {
  id: string;
  slug: string;
  locale: string;
  name: string;
  description: string | null;
  icon: string | null;
  position: number;
  url: string;
  /** The locale the reader asked for (names may come from a fallback locale). */
  readerLocale: string;
  /** Precomputed for trees; loaded on demand otherwise. */
  sections?: HelpSectionDto[];
}

export interface HelpSectionDto {
  id: string;
  slug: string;
  locale: string;
  name: string;
  description: string | null;
  position: number;
  url: string;
  readerLocale: string;
  category: HelpCategoryDto;
  articleCount: number;
}

export interface HelpArticleDto extends ArticleSummary {
  html: string;
  toc: TocHeading[];
  tags: string[];
  publishedAt: Date | null;
  category: HelpCategoryDto;
  section: HelpSectionDto;
  breadcrumbs: { kind: string; id: string | null; title: string; url: string }[];
  alternates: { locale: string; slug: string; title: string; url: string }[];
}

export interface Reader {
  viewer: Viewer | null;
  locale: string;
}

const readerInput = z.object({ locale: localeCode });
const bySlugInput = z.object({ slug, locale: localeCode });
const PICK_TRANSLATION = `DISTINCT ON (a.id)`;

function localized(translations: NameDto[], locale: string, fallback: string): NameDto {
  return (
    translations.find((t) => t.locale === locale) ??
    translations.find((t) => languageOf(t.locale) === languageOf(locale)) ??
    translations.find((t) => t.locale === fallback) ??
    translations[0] ?? { locale, name: '', description: null }
  );
}

/** The columns every article summary is built from (help-center lists and search hits). */
export type SummaryRow = {
  id: string;
  visibility: ArticleVisibility;
  section_id: string;
  category_id: string;
  locale: string;
  slug: string;
  title: string;
  summary: string | null;
  updated_at: Date;
};

export const toSummary = (row: SummaryRow): ArticleSummary => ({
  id: row.id,
  locale: row.locale,
  slug: row.slug,
  title: row.title,
  summary: row.summary,
  visibility: row.visibility,
  url: articleUrl(row.locale, row.slug),
  sectionId: row.section_id,
  categoryId: row.category_id,
  updatedAt: row.updated_at,
});

export class HelpCenterService {
  readonly #locales: LocalesService;
  constructor(deps: { locales: LocalesService }) {
    this.#locales = deps.locales;
  }

  async locales(em: EntityManager) {
    return (await this.#locales.enabled(em)).map((locale) => ({ code: locale.code, name: locale.name, isDefault: locale.isDefault }));
  }

  /** Readable article count per section in the reader's language (one grouped query). */
  async #sectionCounts(em: EntityManager, reader: Reader, filter: { sectionIds?: string[]; categoryIds?: string[] } = {}) {
    const params: unknown[] = [pgArray(readableVisibilities(reader.viewer)), languageOf(reader.locale)];
    let where = '';
    if (filter.sectionIds) {
      where = 'AND s.id = ANY(?::uuid[])';
      params.push(pgArray(filter.sectionIds));
    } else if (filter.categoryIds) {
      where = 'AND s.category_id = ANY(?::uuid[])';
      params.push(pgArray(filter.categoryIds));
    }
    const rows = await runSql<{ section_id: string; count: string }>(
      em,
      `SELECT s.id AS section_id, count(DISTINCT a.id) AS count
         FROM kb_sections s
         JOIN kb_articles a ON a.section_id = s.id AND a.status = 'published' AND a.visibility = ANY(?::text[])
         JOIN kb_article_translations t ON t.article_id = a.id AND split_part(lower(t.locale), '-', 1) = ?
        WHERE true ${where}
        GROUP BY s.id`,
      params,
    );
    return new Map(rows.map((row) => [row.section_id, Number(row.count)]));
  }

  async #tree(em: EntityManager, reader: Reader, filter: { categoryIds?: string[]; sectionIds?: string[] } = {}): Promise<HelpCategoryDto[]> {
    const counts = await this.#sectionCounts(em, reader, filter);
    if (!counts.size) return [];
    const fallback = await this.#locales.defaultLocale(em);
    const sections = await loadSections(em, { ids: [...counts.keys()] });
    const categories = await loadCategories(em, [...new Set(sections.map((section) => section.categoryId))]);
    return categories.map((category) => {
      const name = localized(category.translations, reader.locale, fallback);
      const dto: HelpCategoryDto = {
        id: category.id,
        slug: category.slug,
        locale: name.locale,
        name: name.name,
        description: name.description,
        icon: category.icon,
        position: category.position,
        url: categoryUrl(reader.locale, category.slug),
        readerLocale: reader.locale,
      };
      dto.sections = sections
        .filter((section) => section.categoryId === category.id)
        .map((section) => {
          const sectionName = localized(section.translations, reader.locale, fallback);
          return {
            id: section.id,
            slug: section.slug,
            locale: sectionName.locale,
            name: sectionName.name,
            description: sectionName.description,
            position: section.position,
            url: sectionUrl(reader.locale, section.slug),
            readerLocale: reader.locale,
            category: dto,
            articleCount: counts.get(section.id) ?? 0,
          };
        });
      return dto;
    });
  }

  async categories(em: EntityManager, viewer: Viewer | null, rawLocale: unknown): Promise<HelpCategoryDto[]> {
    const { locale } = parseInput(readerInput, { locale: rawLocale });
    return this.#tree(em, { viewer, locale });
  }

  async category(em: EntityManager, viewer: Viewer | null, rawInput: unknown): Promise<HelpCategoryDto | null> {
    const input = bySlugInput.safeParse(rawInput);
    if (!input.success) return null;
    const [row] = await runSql<{ id: string }>(em, `SELECT id FROM kb_categories WHERE slug = ?`, [input.data.slug]);
    if (!row) return null;
    return (await this.#tree(em, { viewer, locale: input.data.locale }, { categoryIds: [row.id] }))[0] ?? null;
  }

  async section(em: EntityManager, viewer: Viewer | null, rawInput: unknown): Promise<HelpSectionDto | null> {
    const input = bySlugInput.safeParse(rawInput);
    if (!input.success) return null;
    const [row] = await runSql<{ id: string }>(em, `SELECT id FROM kb_sections WHERE slug = ?`, [input.data.slug]);
    if (!row) return null;
    const section = (await this.#tree(em, { viewer, locale: input.data.locale }, { sectionIds: [row.id] }))[0]?.sections?.[0];
    if (section) delete section.category.sections; // partial; the resolver loads all sections if asked
    return section ?? null;
  }

  /** Sections of a category, for a category reached without its tree (e.g. from an article). */
  async sectionsOf(em: EntityManager, reader: Reader, categoryId: string): Promise<HelpSectionDto[]> {
    return (await this.#tree(em, reader, { categoryIds: [categoryId] }))[0]?.sections ?? [];
  }

  /** Articles of several sections in one query (a loader batches sections of one page). */
  async sectionArticles(em: EntityManager, reader: Reader, sectionIds: readonly string[], page: { limit: number; offset: number }): Promise<Map<string, ArticleSummary[]>> {
    const rows = await runSql<SummaryRow & { rank: string }>(
      em,
      `SELECT * FROM (
         SELECT picked.*, row_number() OVER (PARTITION BY picked.section_id ORDER BY picked.position, picked.created_at) AS rank
           FROM (
             SELECT ${PICK_TRANSLATION} a.id, a.visibility, a.section_id, s.category_id, a.position, a.created_at,
                    t.locale, t.slug, t.title, t.summary, t.updated_at
               FROM kb_articles a
               JOIN kb_sections s ON s.id = a.section_id
               JOIN kb_article_translations t ON t.article_id = a.id AND split_part(lower(t.locale), '-', 1) = ?
              WHERE a.section_id = ANY(?::uuid[]) AND a.status = 'published' AND a.visibility = ANY(?::text[])
              ORDER BY a.id, (t.locale = ?) DESC, t.locale
           ) picked
       ) ranked
       WHERE rank > ? AND rank <= ?
       ORDER BY section_id, rank`,
      [languageOf(reader.locale), pgArray(sectionIds), pgArray(readableVisibilities(reader.viewer)), reader.locale, page.offset, page.offset + page.limit],
    );
    const map = new Map<string, ArticleSummary[]>(sectionIds.map((id) => [id, []]));
    for (const row of rows) map.get(row.section_id)?.push(toSummary(row));
    return map;
  }

  async article(em: EntityManager, viewer: Viewer | null, rawInput: unknown): Promise<HelpArticleDto | null> {
    const input = bySlugInput.safeParse(rawInput);
    if (!input.success) return null;
    const { locale } = input.data;
    const [row] = await runSql<SummaryRow & { html: string; toc: TocHeading[]; tags: string[]; published_at: Date | null }>(
      em,
      `SELECT a.id, a.visibility, a.section_id, s.category_id, a.tags, a.published_at,
              t.locale, t.slug, t.title, t.summary, t.html, t.toc, t.updated_at
         FROM kb_article_translations t
         JOIN kb_articles a ON a.id = t.article_id
         JOIN kb_sections s ON s.id = a.section_id
        WHERE t.locale = ? AND t.slug = ? AND a.status = 'published' AND a.visibility = ANY(?::text[])`,
      [locale, input.data.slug, pgArray(readableVisibilities(viewer))],
    );
    if (!row) return null;
    const reader = { viewer, locale };
    const [category] = await this.#tree(em, reader, { sectionIds: [row.section_id] });
    const section = category?.sections?.[0];
    if (!category || !section) return null;
    delete category.sections; // only this article's section was loaded; the resolver loads all of them if asked
    const alternates = await runSql<{ locale: string; slug: string; title: string }>(
      em,
      `SELECT t.locale, t.slug, t.title FROM kb_article_translations t JOIN kb_locales l ON l.code = t.locale
        WHERE t.article_id = ? AND l.enabled ORDER BY l.position`,
      [row.id],
    );
    return {
      ...toSummary(row),
      html: row.html,
      toc: row.toc ?? [],
      tags: row.tags ?? [],
      publishedAt: row.published_at,
      category,
      section,
      breadcrumbs: [
        { kind: 'home', id: null, title: 'Help center', url: helpHomeUrl(locale) },
        { kind: 'category', id: category.id, title: category.name, url: category.url },
        { kind: 'section', id: section.id, title: section.name, url: section.url },
      ],
      alternates: alternates.map((alt) => ({ ...alt, url: articleUrl(alt.locale, alt.slug) })),
    };
  }

  /** Readable articles in the same section or sharing tags, most shared tags first. */
  async related(em: EntityManager, viewer: Viewer | null, article: HelpArticleDto, rawLimit: unknown): Promise<ArticleSummary[]> {
    const limit = parseInput(z.number().int().min(1).max(20), rawLimit ?? 5);
    const rows = await runSql<SummaryRow>(
      em,
      `SELECT * FROM (
         SELECT ${PICK_TRANSLATION} a.id, a.visibility, a.section_id, s.category_id, t.locale, t.slug, t.title, t.summary, t.updated_at,
                cardinality(ARRAY(SELECT unnest(a.tags) INTERSECT SELECT unnest(?::text[]))) AS shared_tags,
                (a.section_id = ?) AS same_section, a.position
           FROM kb_articles a
           JOIN kb_sections s ON s.id = a.section_id
           JOIN kb_article_translations t ON t.article_id = a.id AND split_part(lower(t.locale), '-', 1) = ?
          WHERE a.id <> ? AND a.status = 'published' AND a.visibility = ANY(?::text[])
            AND (a.section_id = ? OR a.tags && ?::text[])
          ORDER BY a.id, (t.locale = ?) DESC, t.locale
       ) candidates
       ORDER BY shared_tags DESC, same_section DESC, position, id
       LIMIT ?`,
      [
        pgArray(article.tags), article.sectionId, languageOf(article.locale), article.id, pgArray(readableVisibilities(viewer)),
        article.sectionId, pgArray(article.tags), article.locale, limit,
      ],
    );
    return rows.map(toSummary);
  }

  /** Most viewed readable articles of the last 30 days; recently published ones fill up a quiet help center. */
  async popular(em: EntityManager, viewer: Viewer | null, rawLocale: unknown, rawLimit: unknown): Promise<ArticleSummary[]> {
    const { locale, limit } = parseInput(z.object({ locale: localeCode, limit: z.number().int().min(1).max(50).default(10) }), {
      locale: rawLocale,
      limit: rawLimit ?? undefined,
    });
    const rows = await runSql<SummaryRow>(
      em,
      `SELECT * FROM (
         SELECT ${PICK_TRANSLATION} a.id, a.visibility, a.section_id, s.category_id, a.published_at,
                t.locale, t.slug, t.title, t.summary, t.updated_at,
                coalesce((SELECT sum(views) FROM kb_article_daily_stats d WHERE d.article_id = a.id AND d.day > current_date - 30), 0) AS views
           FROM kb_articles a
           JOIN kb_sections s ON s.id = a.section_id
           JOIN kb_article_translations t ON t.article_id = a.id AND split_part(lower(t.locale), '-', 1) = ?
          WHERE a.status = 'published' AND a.visibility = ANY(?::text[])
          ORDER BY a.id, (t.locale = ?) DESC, t.locale
       ) candidates
       ORDER BY views DESC, published_at DESC NULLS LAST, id
       LIMIT ?`,
      [languageOf(locale), pgArray(readableVisibilities(viewer)), locale, limit],
    );
    return rows.map(toSummary);
  }

  /** Public articles with every enabled translation: sitemap.xml and prerendering. Never signed_in or internal ones. */
  async sitemap(em: EntityManager) {
    const rows = await runSql<{ id: string; updated_at: Date; locale: string; slug: string; title: string }>(
      em,
      `SELECT a.id, greatest(a.updated_at, t.updated_at) AS updated_at, t.locale, t.slug, t.title
         FROM kb_articles a
         JOIN kb_article_translations t ON t.article_id = a.id
         JOIN kb_locales l ON l.code = t.locale AND l.enabled
        WHERE a.status = 'published' AND a.visibility = 'public'
        ORDER BY a.id, l.position`,
    );
    const entries = new Map<string, { articleId: string; updatedAt: Date; alternates: { locale: string; slug: string; title: string; url: string }[] }>();
    for (const row of rows) {
      const entry = entries.get(row.id) ?? { articleId: row.id, updatedAt: row.updated_at, alternates: [] };
      if (row.updated_at > entry.updatedAt) entry.updatedAt = row.updated_at;
      entry.alternates.push({ locale: row.locale, slug: row.slug, title: row.title, url: articleUrl(row.locale, row.slug) });
      entries.set(row.id, entry);
    }
    return [...entries.values()];
  }
}
