import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { UserSchema } from '../auth/user.entity.ts';
import { KbSectionSchema } from './kb-structure.entity.ts';

export const ARTICLE_STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
export const ARTICLE_VISIBILITIES = ['public', 'signed_in', 'internal'] as const;
export type ArticleVisibility = (typeof ARTICLE_VISIBILITIES)[number];
export const VERSION_REASONS = ['created', 'edited', 'status_changed', 'restored'] as const;
export type VersionReason = (typeof VERSION_REASONS)[number];

export const KbArticleSchema = defineEntity({
  name: 'KbArticle',
  tableName: 'kb_articles',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    section: () => p.manyToOne(KbSectionSchema),
    position: p.integer(),
    status: p.enum(ARTICLE_STATUSES).default('draft'),
    visibility: p.enum(ARTICLE_VISIBILITIES),
    tags: p.array().default([]),
    owner: () => p.manyToOne(UserSchema).nullable().deleteRule('set null'),
    reviewAt: p.datetime().nullable(),
    staleNotifiedAt: p.datetime().nullable(),
    publishAt: p.datetime().nullable(),
    /** Who scheduled publishAt; the publication is recorded in their name. */
    publishScheduledBy: () => p.manyToOne(UserSchema).joinColumn('publish_scheduled_by').nullable().deleteRule('set null'),
    publishedAt: p.datetime().nullable(),
    archivedAt: p.datetime().nullable(),
    version: p.integer().default(1),
    createdBy: () => p.manyToOne(UserSchema).joinColumn('created_by').nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type KbArticle = InferEntity<typeof KbArticleSchema>;

export interface TocHeading {
  id: string;
  text: string;
  level: number;
}

/** One locale of an article; html, plainText and toc are derived from body on every save. */
export const KbArticleTranslationSchema = defineEntity({
  name: 'KbArticleTranslation',
  tableName: 'kb_article_translations',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    article: () => p.manyToOne(KbArticleSchema).deleteRule('cascade'),
    locale: p.string(),
    slug: p.string(),
    title: p.string(),
    summary: p.text().nullable(),
    body: p.json<Record<string, unknown>>(),
    html: p.text(),
    plainText: p.text(),
    toc: p.json<TocHeading[]>(),
    updatedAt: p.datetime().onCreate(() => new Date()),
    updatedBy: () => p.manyToOne(UserSchema).joinColumn('updated_by').nullable().deleteRule('set null'),
  },
});
export type KbArticleTranslation = InferEntity<typeof KbArticleTranslationSchema>;

export const KbArticleVersionSchema = defineEntity({
  name: 'KbArticleVersion',
  tableName: 'kb_article_versions',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    article: () => p.manyToOne(KbArticleSchema).deleteRule('cascade'),
    number: p.integer(),
    reason: p.enum(VERSION_REASONS),
    status: p.enum(ARTICLE_STATUSES),
    author: () => p.manyToOne(UserSchema).nullable().deleteRule('set null'),
    snapshot: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type KbArticleVersion = InferEntity<typeof KbArticleVersionSchema>;
