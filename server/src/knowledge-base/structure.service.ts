import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { pgArray, runSql } from '../database/raw-sql.ts';
import { badInput, conflict, notFound } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import type { SearchService } from '../search/search.service.ts';
import { id, nameTranslations, slug } from './kb-input.ts';
import { loadCategories, loadSections, type CategoryDto, type SectionDto } from './kb-read.ts';
import {
  KbCategorySchema,
  KbCategoryTranslationSchema,
  KbSectionSchema,
  KbSectionTranslationSchema,
} from './kb-structure.entity.ts';
import type { LocalesService } from './locales.service.ts';

const icon = z.string().trim().max(60).nullish().transform((value) => value || null);
const createCategoryInput = z.object({ slug, icon, translations: nameTranslations.min(1, 'needs at least one translation') });
const updateCategoryInput = z.object({ id: id('category'), slug: slug.nullish(), icon, translations: nameTranslations.nullish() });
const createSectionInput = z.object({ categoryId: id('category'), slug, translations: nameTranslations.min(1, 'needs at least one translation') });
const updateSectionInput = z.object({
  id: id('section'),
  categoryId: id('category').nullish(),
  slug: slug.nullish(),
  translations: nameTranslations.nullish(),
});
const reorderInput = z.object({ parentId: id('parent').nullish(), ids: z.array(id('item')).max(1000) });

type TranslationSchema = typeof KbCategoryTranslationSchema | typeof KbSectionTranslationSchema;

/** Categories and sections: names per locale, order, and safe deletion (only when empty). */
export class StructureService {
  readonly #locales: LocalesService;
  readonly #search: SearchService;
  constructor(deps: { locales: LocalesService; search: SearchService }) {
    this.#locales = deps.locales;
    this.#search = deps.search;
  }

  async createCategory(em: EntityManager, rawInput: unknown): Promise<CategoryDto> {
    const input = parseInput(createCategoryInput, rawInput);
    await this.#locales.assertKnown(em, input.translations.map((t) => t.locale), (i) => `translations.${i}.locale`);
    const [{ next }] = await runSql<{ next: number }>(em, `SELECT coalesce(max(position), -1) + 1 AS next FROM kb_categories`);
    const category = em.create(KbCategorySchema, { slug: input.slug, icon: input.icon, position: Number(next) });
    for (const translation of input.translations) em.create(KbCategoryTranslationSchema, { category, ...translation });
    await this.#flush(em, 'category');
    return (await loadCategories(em, [category.id]))[0]!;
  }

  async updateCategory(em: EntityManager, rawInput: unknown): Promise<CategoryDto> {
    const input = parseInput(updateCategoryInput, rawInput);
    const category = await em.findOne(KbCategorySchema, { id: input.id });
    if (!category) throw notFound('Category');
    if (input.translations) await this.#locales.assertKnown(em, input.translations.map((t) => t.locale), (i) => `translations.${i}.locale`);
    if (input.slug) category.slug = input.slug;
    if (rawInput && typeof rawInput === 'object' && 'icon' in rawInput) category.icon = input.icon;
    category.updatedAt = new Date();
    if (input.translations) await this.#upsertNames(em, KbCategoryTranslationSchema, 'category', category, input.translations);
    await this.#flush(em, 'category');
    return (await loadCategories(em, [category.id]))[0]!;
  }

  async deleteCategory(em: EntityManager, rawId: unknown): Promise<boolean> {
    const categoryId = parseInput(id('category'), rawId);
    const category = await em.findOne(KbCategorySchema, { id: categoryId });
    if (!category) throw notFound('Category');
    if (await em.count(KbSectionSchema, { category: categoryId })) throw conflict('Move or delete the sections of this category first.');
    em.remove(category);
    await em.flush();
    return true;
  }

  async reorderCategories(em: EntityManager, rawIds: unknown): Promise<CategoryDto[]> {
    const { ids } = parseInput(reorderInput, { ids: rawIds });
    const current = await runSql<{ id: string }>(em, `SELECT id FROM kb_categories FOR UPDATE`);
    await this.#reorder(em, 'kb_categories', current.map((row) => row.id), ids);
    return loadCategories(em);
  }

  async createSection(em: EntityManager, rawInput: unknown): Promise<SectionDto> {
    const input = parseInput(createSectionInput, rawInput);
    await this.#locales.assertKnown(em, input.translations.map((t) => t.locale), (i) => `translations.${i}.locale`);
    const category = await em.findOne(KbCategorySchema, { id: input.categoryId });
    if (!category) throw badInput([{ field: 'categoryId', message: 'no such category' }]);
    const section = em.create(KbSectionSchema, { category, slug: input.slug, position: await this.#nextSectionPosition(em, category.id) });
    for (const translation of input.translations) em.create(KbSectionTranslationSchema, { section, ...translation });
    await this.#flush(em, 'section');
    return (await loadSections(em, { ids: [section.id] }))[0]!;
  }

  async updateSection(em: EntityManager, rawInput: unknown): Promise<SectionDto> {
    const input = parseInput(updateSectionInput, rawInput);
    const section = await em.findOne(KbSectionSchema, { id: input.id });
    if (!section) throw notFound('Section');
    if (input.translations) await this.#locales.assertKnown(em, input.translations.map((t) => t.locale), (i) => `translations.${i}.locale`);
    let moved = false;
    if (input.categoryId && input.categoryId !== section.category.id) {
      const category = await em.findOne(KbCategorySchema, { id: input.categoryId });
      if (!category) throw badInput([{ field: 'categoryId', message: 'no such category' }]);
      section.category = category;
      section.position = await this.#nextSectionPosition(em, category.id);
      moved = true;
    }
    if (input.slug) section.slug = input.slug;
    section.updatedAt = new Date();
    if (input.translations) await this.#upsertNames(em, KbSectionTranslationSchema, 'section', section, input.translations);
    await this.#flush(em, 'section');
    if (moved) {
      // The index filters by category: published articles of a moved section need new documents.
      const articles = await runSql<{ id: string }>(em, `SELECT id FROM kb_articles WHERE section_id = ? AND status = 'published'`, [section.id]);
      await this.#search.articlesChanged(em, articles.map((row) => row.id));
    }
    return (await loadSections(em, { ids: [section.id] }))[0]!;
  }

  async deleteSection(em: EntityManager, rawId: unknown): Promise<boolean> {
    const sectionId = parseInput(id('section'), rawId);
    const section = await em.findOne(KbSectionSchema, { id: sectionId });
    if (!section) throw notFound('Section');
    const [{ count }] = await runSql<{ count: string }>(em, `SELECT count(*) AS count FROM kb_articles WHERE section_id = ?`, [sectionId]);
    if (Number(count)) throw conflict('Move or delete the articles of this section first.');
    em.remove(section);
    await em.flush();
    return true;
  }

  async reorderSections(em: EntityManager, rawCategoryId: unknown, rawIds: unknown): Promise<SectionDto[]> {
    const { parentId, ids } = parseInput(reorderInput, { parentId: rawCategoryId, ids: rawIds });
    const current = await runSql<{ id: string }>(em, `SELECT id FROM kb_sections WHERE category_id = ? FOR UPDATE`, [parentId]);
    if (!current.length && !(await em.count(KbCategorySchema, { id: parentId! }))) throw notFound('Category');
    await this.#reorder(em, 'kb_sections', current.map((row) => row.id), ids);
    return loadSections(em, { categoryIds: [parentId!] });
  }

  /** Positions follow the given order; the list must name every current child exactly once. */
  async #reorder(em: EntityManager, table: 'kb_categories' | 'kb_sections' | 'kb_articles', currentIds: string[], ids: string[]): Promise<void> {
    const current = new Set(currentIds);
    if (ids.length !== current.size || new Set(ids).size !== ids.length || !ids.every((value) => current.has(value))) {
      throw badInput([{ field: 'ids', message: 'must list every item of the parent exactly once' }]);
    }
    await runSql(
      em,
      `UPDATE ${table} AS t SET position = o.position - 1
         FROM unnest(?::uuid[]) WITH ORDINALITY AS o(id, position) WHERE t.id = o.id`,
      [pgArray(ids)],
    );
  }

  reorderArticles(em: EntityManager, currentIds: string[], ids: string[]): Promise<void> {
    return this.#reorder(em, 'kb_articles', currentIds, ids);
  }

  async #nextSectionPosition(em: EntityManager, categoryId: string): Promise<number> {
    const [{ next }] = await runSql<{ next: number }>(em, `SELECT coalesce(max(position), -1) + 1 AS next FROM kb_sections WHERE category_id = ?`, [
      categoryId,
    ]);
    return Number(next);
  }

  async #upsertNames(
    em: EntityManager,
    schema: TranslationSchema,
    owner: 'category' | 'section',
    parent: object,
    translations: { locale: string; name: string; description: string | null }[],
  ): Promise<void> {
    const existing = await em.find(schema as typeof KbCategoryTranslationSchema, { [owner]: parent } as never);
    for (const translation of translations) {
      const current = existing.find((item) => item.locale === translation.locale);
      if (current) em.assign(current, { name: translation.name, description: translation.description });
      else em.create(schema as typeof KbCategoryTranslationSchema, { [owner]: parent, ...translation } as never);
    }
  }

  async #flush(em: EntityManager, what: 'category' | 'section'): Promise<void> {
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw badInput([{ field: 'slug', message: `another ${what} already uses this slug` }]);
      throw error;
    }
  }
}
