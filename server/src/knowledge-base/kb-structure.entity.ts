import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** A content language; en, zh-CN and zh-TW are seeded, admins add more. */
export const KbLocaleSchema = defineEntity({
  name: 'KbLocale',
  tableName: 'kb_locales',
  properties: {
    code: p.string().primary(),
    name: p.string(),
    enabled: p.boolean().default(true),
    isDefault: p.boolean().default(false),
    position: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type KbLocale = InferEntity<typeof KbLocaleSchema>;

export const KbCategorySchema = defineEntity({
  name: 'KbCategory',
  tableName: 'kb_categories',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    slug: p.string().unique(),
    icon: p.string().nullable(),
    position: p.integer(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type KbCategory = InferEntity<typeof KbCategorySchema>;

export const KbCategoryTranslationSchema = defineEntity({
  name: 'KbCategoryTranslation',
  tableName: 'kb_category_translations',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    category: () => p.manyToOne(KbCategorySchema).deleteRule('cascade'),
    locale: p.string(),
    name: p.string(),
    description: p.text().nullable(),
  },
});
export type KbCategoryTranslation = InferEntity<typeof KbCategoryTranslationSchema>;

export const KbSectionSchema = defineEntity({
  name: 'KbSection',
  tableName: 'kb_sections',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    category: () => p.manyToOne(KbCategorySchema),
    slug: p.string().unique(),
    position: p.integer(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type KbSection = InferEntity<typeof KbSectionSchema>;

export const KbSectionTranslationSchema = defineEntity({
  name: 'KbSectionTranslation',
  tableName: 'kb_section_translations',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    section: () => p.manyToOne(KbSectionSchema).deleteRule('cascade'),
    locale: p.string(),
    name: p.string(),
    description: p.text().nullable(),
  },
});
export type KbSectionTranslation = InferEntity<typeof KbSectionTranslationSchema>;
