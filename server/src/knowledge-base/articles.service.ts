import type { Viewer } from '@kefu/plugin-sdk';
import { LockMode, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { UserSchema } from '../auth/user.entity.ts';
import { pgArray, runSql } from '../database/raw-sql.ts';
import type { EventBus } from '../events/event-bus.ts';
import { badInput, conflict, notFound } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import type { SearchService } from '../search/search.service.ts';
import {
  KbArticleSchema,
  KbArticleTranslationSchema,
  KbArticleVersionSchema,
  type KbArticle,
  type VersionReason,
} from './article.entity.ts';
import { articleTranslations, articleVisibility, id, localeCode, pageInput, tags, type ArticleTranslationInput } from './kb-input.ts';
import { loadArticle, loadArticles, toArticleDto, loadTranslations, type ArticleDto } from './kb-read.ts';
import { KbSectionSchema } from './kb-structure.entity.ts';
import type { LocalesService } from './locales.service.ts';
import { recordVersionAssets, releaseArticleFiles, syncArticleAssets } from './article-assets.ts';
import { renderArticleBody, type TiptapNode } from './render/tiptap-html.ts';
import type { StructureService } from './structure.service.ts';
import type { ArticleSnapshot } from './versions.ts';
import { snapshotKey } from './versions.ts';

const createInput = z.object({
  sectionId: id('section'),
  visibility: articleVisibility,
  tags: tags.nullish(),
  ownerId: id('user').nullish(),
  reviewAt: z.date().nullish(),
  translations: articleTranslations.min(1, 'needs at least one translation'),
});

const updateInput = z.object({
  id: id('article'),
  expectedVersion: z.number().int().min(1).nullish(),
  sectionId: id('section').nullish(),
  visibility: articleVisibility.nullish(),
  tags: tags.nullish(),
  ownerId: id('user').nullish(),
  reviewAt: z.date().nullish(),
  clearReviewAt: z.boolean().nullish(),
  translations: articleTranslations.nullish(),
  removeLocales: z.array(localeCode).max(30).nullish(),
});

const listInput = pageInput.extend({
  filter: z
    .object({
      status: z.enum(['draft', 'in_review', 'published', 'archived']).nullish(),
      visibility: articleVisibility.nullish(),
      sectionId: id('section').nullish(),
      categoryId: id('category').nullish(),
      ownerId: id('user').nullish(),
      stale: z.boolean().nullish(),
      text: z.string().trim().max(200).nullish(),
    })
    .nullish(),
});

/**
 * Articles: create, save (every save is a version), delete, order. Workflow
 * transitions are in workflow.service.ts; reads for the public in
 * help-center.service.ts.
 */
export class ArticlesService {
  readonly #events: EventBus;
  readonly #search: SearchService;
  readonly #locales: LocalesService;
  readonly #structure: StructureService;

  constructor(deps: { events: EventBus; search: SearchService; locales: LocalesService; structure: StructureService }) {
    this.#events = deps.events;
    this.#search = deps.search;
    this.#locales = deps.locales;
    this.#structure = deps.structure;
  }

  async get(em: EntityManager, rawId: unknown): Promise<ArticleDto | null> {
    const parsed = id('article').safeParse(rawId);
    return parsed.success ? loadArticle(em, parsed.data) : null;
  }

  async list(em: EntityManager, rawInput: unknown): Promise<{ nodes: ArticleDto[]; totalCount: number }> {
    const input = parseInput(listInput, rawInput);
    const filter = input.filter ?? {};
    const where: string[] = ['true'];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      where.push(sql);
      params.push(...values);
    };
    if (filter.status) add('a.status = ?', filter.status);
    if (filter.visibility) add('a.visibility = ?', filter.visibility);
    if (filter.sectionId) add('a.section_id = ?', filter.sectionId);
    if (filter.categoryId) add('s.category_id = ?', filter.categoryId);
    if (filter.ownerId) add('a.owner_id = ?', filter.ownerId);
    if (filter.stale) add(`a.status = 'published' AND a.review_at < now()`);
    if (filter.stale === false) add(`NOT (a.status = 'published' AND a.review_at < now())`);
    if (filter.text) {
      const pattern = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      add(`EXISTS (SELECT 1 FROM kb_article_translations t WHERE t.article_id = a.id AND (t.title ILIKE ? OR t.slug ILIKE ?))`, pattern, pattern);
    }
    const rows = await runSql<Record<string, unknown> & { total: string }>(
      em,
      `SELECT a.*, count(*) OVER () AS total FROM kb_articles a JOIN kb_sections s ON s.id = a.section_id
        WHERE ${where.join(' AND ')} ORDER BY a.updated_at DESC, a.id LIMIT ? OFFSET ?`,
      [...params, input.limit, input.offset],
    );
    const translations = await loadTranslations(em, rows.map((row) => row.id as string));
    return {
      nodes: rows.map((row) => toArticleDto(row, translations.get(row.id as string) ?? [])),
      totalCount: rows.length ? Number(rows[0]!.total) : 0,
    };
  }

  async create(em: EntityManager, actor: Viewer, rawInput: unknown): Promise<ArticleDto> {
    const input = parseInput(createInput, rawInput);
    await this.#locales.assertKnown(em, input.translations.map((t) => t.locale), (i) => `translations.${i}.locale`);
    const section = await em.findOne(KbSectionSchema, { id: input.sectionId });
    if (!section) throw badInput([{ field: 'sectionId', message: 'no such section' }]);
    const owner = await this.#owner(em, input.ownerId ?? actor.id, 'ownerId');
    const [{ next }] = await runSql<{ next: number }>(em, `SELECT coalesce(max(position), -1) + 1 AS next FROM kb_articles WHERE section_id = ?`, [
      section.id,
    ]);
    const article = em.create(KbArticleSchema, {
      section,
      position: Number(next),
      visibility: input.visibility,
      tags: input.tags ?? [],
      owner,
      reviewAt: input.reviewAt ?? null,
      createdBy: em.getReference(UserSchema, actor.id),
    });
    for (const translation of input.translations) this.#createTranslation(em, article, translation, actor.id);
    await this.#flush(em, input.translations);
    await syncArticleAssets(em, article.id);
    await this.recordVersion(em, article, 'created', actor.id);
    await this.#events.publishIn(em, 'knowledge.articleEdited', { articleId: article.id, version: 1, status: article.status }, actor.id);
    return (await loadArticle(em, article.id))!;
  }

  async update(em: EntityManager, actor: Viewer, rawInput: unknown): Promise<ArticleDto> {
    const input = parseInput(updateInput, rawInput);
    const article = await this.lock(em, input.id);
    if (input.expectedVersion && input.expectedVersion !== article.version) {
      throw conflict(`The article was changed by someone else (version ${article.version}); reload it and apply your changes again.`);
    }
    const before = await this.snapshot(em, article);
    if (input.translations) await this.#locales.assertKnown(em, input.translations.map((t) => t.locale), (i) => `translations.${i}.locale`);
    if (input.sectionId && input.sectionId !== article.section.id) {
      const section = await em.findOne(KbSectionSchema, { id: input.sectionId });
      if (!section) throw badInput([{ field: 'sectionId', message: 'no such section' }]);
      const [{ next }] = await runSql<{ next: number }>(em, `SELECT coalesce(max(position), -1) + 1 AS next FROM kb_articles WHERE section_id = ?`, [
        section.id,
      ]);
      article.section = section;
      article.position = Number(next);
    }
    if (input.visibility) article.visibility = input.visibility;
    if (input.tags) article.tags = input.tags;
    if (input.ownerId) article.owner = await this.#owner(em, input.ownerId, 'ownerId');
    if (input.clearReviewAt) article.reviewAt = null;
    else if (input.reviewAt) article.reviewAt = input.reviewAt;
    if (input.reviewAt || input.clearReviewAt) article.staleNotifiedAt = null;
    await this.#applyTranslations(em, article, input.translations ?? [], input.removeLocales ?? [], actor.id);
    await syncArticleAssets(em, article.id);
    await this.#saveVersionIfChanged(em, article, before, 'edited', actor.id);
    return (await loadArticle(em, article.id))!;
  }

  /** Replaces the content with a version's snapshot; recorded as a new version. */
  async restore(em: EntityManager, actor: Viewer, rawArticleId: unknown, rawNumber: unknown): Promise<ArticleDto> {
    const { articleId, number } = parseInput(z.object({ articleId: id('article'), number: z.number().int().min(1) }), {
      articleId: rawArticleId,
      number: rawNumber,
    });
    const article = await this.lock(em, articleId);
    const version = await em.findOne(KbArticleVersionSchema, { article: articleId, number });
    if (!version) throw notFound('Version');
    const target = version.snapshot as unknown as ArticleSnapshot;
    const before = await this.snapshot(em, article);
    const section = await em.findOne(KbSectionSchema, { id: target.sectionId });
    if (section && section.id !== article.section.id) article.section = section;
    article.visibility = target.visibility as KbArticle['visibility'];
    article.tags = target.tags;
    article.owner = target.ownerId ? ((await em.findOne(UserSchema, { id: target.ownerId })) ?? article.owner) : null;
    article.reviewAt = target.reviewAt ? new Date(target.reviewAt) : null;
    const keep = new Set(target.translations.map((t) => t.locale));
    const current = await em.find(KbArticleTranslationSchema, { article });
    await this.#applyTranslations(
      em,
      article,
      target.translations.map((t) => ({ ...t, body: t.body })),
      current.filter((t) => !keep.has(t.locale)).map((t) => t.locale),
      actor.id,
    );
    await syncArticleAssets(em, article.id);
    await this.#saveVersionIfChanged(em, article, before, 'restored', actor.id, true);
    return (await loadArticle(em, article.id))!;
  }

  async delete(em: EntityManager, actor: Viewer, rawId: unknown): Promise<boolean> {
    const article = await this.lock(em, parseInput(id('article'), rawId));
    const articleId = article.id;
    await releaseArticleFiles(em, articleId);
    em.remove(article);
    await em.flush();
    await this.#search.articlesChanged(em, [articleId]);
    await this.#events.publishIn(em, 'knowledge.articleDeleted', { articleId }, actor.id);
    return true;
  }

  async reorder(em: EntityManager, rawSectionId: unknown, rawIds: unknown): Promise<ArticleDto[]> {
    const sectionId = parseInput(id('section'), rawSectionId);
    if (!(await em.count(KbSectionSchema, { id: sectionId }))) throw notFound('Section');
    const current = await runSql<{ id: string }>(em, `SELECT id FROM kb_articles WHERE section_id = ? FOR UPDATE`, [sectionId]);
    const ids = parseInput(z.array(id('article')).max(5000), rawIds);
    await this.#structure.reorderArticles(em, current.map((row) => row.id), ids);
    return loadArticles(em, { sectionIds: [sectionId] });
  }

  /** Loads the article row locked for this transaction (serialises saves and version numbers). */
  async lock(em: EntityManager, articleId: string): Promise<KbArticle> {
    const article = await em.findOne(KbArticleSchema, { id: articleId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!article) throw notFound('Article');
    return article;
  }

  async snapshot(em: EntityManager, article: KbArticle): Promise<ArticleSnapshot> {
    const translations = await em.find(KbArticleTranslationSchema, { article }, { orderBy: { locale: 'asc' } });
    return {
      sectionId: article.section.id,
      visibility: article.visibility,
      tags: [...article.tags],
      ownerId: article.owner?.id ?? null,
      reviewAt: article.reviewAt ? new Date(article.reviewAt).toISOString() : null,
      translations: translations.map((t) => ({ locale: t.locale, slug: t.slug, title: t.title, summary: t.summary ?? null, body: t.body })),
    };
  }

  /** Appends a version with the current content (the article's version counter moves with it). */
  async recordVersion(em: EntityManager, article: KbArticle, reason: VersionReason, actorId: string | null): Promise<void> {
    const snapshot = await this.snapshot(em, article);
    if (reason !== 'created') article.version += 1;
    const version = em.create(KbArticleVersionSchema, {
      article,
      number: article.version,
      reason,
      status: article.status,
      author: actorId ? em.getReference(UserSchema, actorId) : null,
      snapshot: snapshot as unknown as Record<string, unknown>,
    });
    await em.flush();
    await recordVersionAssets(em, version.id, snapshot.translations.map((t) => t.body));
  }

  async #saveVersionIfChanged(
    em: EntityManager,
    article: KbArticle,
    before: ArticleSnapshot,
    reason: VersionReason,
    actorId: string,
    always = false,
  ): Promise<void> {
    await em.flush();
    const after = await this.snapshot(em, article);
    if (!always && snapshotKey(after) === snapshotKey(before)) return;
    article.updatedAt = new Date();
    await this.recordVersion(em, article, reason, actorId);
    // Published content changed (or moved): the index must follow. Drafts are not indexed.
    if (article.status === 'published') await this.#search.articlesChanged(em, [article.id]);
    await this.#events.publishIn(em, 'knowledge.articleEdited', { articleId: article.id, version: article.version, status: article.status }, actorId);
  }

  async #applyTranslations(em: EntityManager, article: KbArticle, upserts: ArticleTranslationInput[], removals: string[], actorId: string): Promise<void> {
    const existing = await em.find(KbArticleTranslationSchema, { article });
    const remaining = new Set(existing.map((t) => t.locale));
    for (const locale of removals) remaining.delete(locale);
    for (const t of upserts) remaining.add(t.locale);
    if (remaining.size === 0) throw badInput([{ field: 'removeLocales', message: 'an article keeps at least one translation' }]);
    for (const translation of existing) {
      if (removals.includes(translation.locale) && !upserts.some((t) => t.locale === translation.locale)) em.remove(translation);
    }
    for (const input of upserts) {
      const current = existing.find((t) => t.locale === input.locale);
      if (!current) {
        this.#createTranslation(em, article, input, actorId);
        continue;
      }
      const unchanged =
        current.slug === input.slug && current.title === input.title && (current.summary ?? null) === input.summary &&
        JSON.stringify(current.body) === JSON.stringify(input.body);
      if (unchanged) continue;
      em.assign(current, {
        slug: input.slug,
        title: input.title,
        summary: input.summary,
        body: input.body,
        ...renderArticleBody(input.body as TiptapNode),
        updatedAt: new Date(),
        updatedBy: em.getReference(UserSchema, actorId),
      });
    }
    await this.#flush(em, upserts);
  }

  #createTranslation(em: EntityManager, article: KbArticle, input: ArticleTranslationInput, actorId: string): void {
    em.create(KbArticleTranslationSchema, {
      article,
      locale: input.locale,
      slug: input.slug,
      title: input.title,
      summary: input.summary,
      body: input.body,
      ...renderArticleBody(input.body as TiptapNode),
      updatedBy: em.getReference(UserSchema, actorId),
    });
  }

  async #owner(em: EntityManager, userId: string, field: string) {
    const owner = await em.findOne(UserSchema, { id: userId });
    if (!owner || owner.role === 'customer' || !owner.active) throw badInput([{ field, message: 'must be an active staff member' }]);
    return owner;
  }

  /** A duplicate slug in a locale is the unique index's call; name the offending translation. */
  async #flush(em: EntityManager, translations: ArticleTranslationInput[]): Promise<void> {
    try {
      await em.flush();
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const taken = await runSql<{ locale: string; slug: string }>(
        em.fork() as EntityManager,
        `SELECT locale, slug FROM kb_article_translations WHERE (locale, slug) IN (SELECT * FROM unnest(?::text[], ?::text[]))`,
        [pgArray(translations.map((t) => t.locale)), pgArray(translations.map((t) => t.slug))],
      ).catch(() => []);
      const problems = translations.flatMap((t, index) =>
        taken.some((row) => row.locale === t.locale && row.slug === t.slug) ? [{ field: `translations.${index}.slug`, message: 'is already used in this locale' }] : [],
      );
      throw badInput(problems.length ? problems : [{ field: 'translations', message: 'a slug is already used in its locale' }]);
    }
  }
}
