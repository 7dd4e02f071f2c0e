import type { KefuContext } from '../graphql/context.ts';
import { guard, mutation } from '../graphql/guard.ts';
import { parseInput } from '../graphql/validate.ts';
import { diffArticleVersions, listVersions } from './article-versions.ts';
import { pageInput } from './kb-input.ts';
import { kbLoaders } from './kb-loaders.ts';
import type { ArticleDto, CategoryDto, SectionDto, TranslationDto } from './kb-read.ts';
import { loadCategories } from './kb-read.ts';
import { checkVideoEmbed } from './video-embed-check.ts';
import { availableTransitions } from './workflow.service.ts';

type Args = Record<string, unknown>;
const kb = (context: KefuContext) => context.services.knowledgeBase;

export const knowledgeBaseResolvers = {
  Query: {
    kbLocales: guard('knowledge.edit', (_p, _a, context) => kb(context).locales.list(context.em)),
    kbCategories: guard('knowledge.edit', (_p, _a, context) => loadCategories(context.em)),
    kbArticle: guard('knowledge.edit', (_p, args: Args, context) => kb(context).articles.get(context.em, args.id)),
    kbArticles: guard('knowledge.edit', (_p, args: Args, context) => kb(context).articles.list(context.em, args)),
    kbArticleVersionDiff: guard('knowledge.edit', (_p, args: Args, context) => diffArticleVersions(context.em, args)),
    kbStaleArticles: guard('knowledge.edit', (_p, args: Args, context) =>
      kb(context).freshness.staleArticles(context.em, parseInput(pageInput, args)),
    ),
    kbContentGaps: guard('knowledge.edit', (_p, args: Args, context) => kb(context).metrics.queryStats(context.em, args.days, args.limit, true)),
    kbMetrics: guard('knowledge.edit', (_p, args: Args, context) => kb(context).metrics.summary(context.em, args.days)),
    kbVideoEmbed: guard('knowledge.edit', (_p, args: Args) => checkVideoEmbed(args.url)),
  },
  Mutation: {
    createKbCategory: mutation('knowledge.publish', (_p, args: Args, context) => kb(context).structure.createCategory(context.em, args.input)),
    updateKbCategory: mutation('knowledge.publish', (_p, args: Args, context) => kb(context).structure.updateCategory(context.em, args.input)),
    deleteKbCategory: mutation('knowledge.publish', (_p, args: Args, context) => kb(context).structure.deleteCategory(context.em, args.id)),
    reorderKbCategories: mutation('knowledge.publish', (_p, args: Args, context) => kb(context).structure.reorderCategories(context.em, args.ids)),
    createKbSection: mutation('knowledge.publish', (_p, args: Args, context) => kb(context).structure.createSection(context.em, args.input)),
    updateKbSection: mutation('knowledge.publish', (_p, args: Args, context) => kb(context).structure.updateSection(context.em, args.input)),
    deleteKbSection: mutation('knowledge.publish', (_p, args: Args, context) => kb(context).structure.deleteSection(context.em, args.id)),
    reorderKbSections: mutation('knowledge.publish', (_p, args: Args, context) =>
      kb(context).structure.reorderSections(context.em, args.categoryId, args.ids),
    ),
    createKbArticle: mutation('knowledge.edit', (_p, args: Args, context) => kb(context).articles.create(context.em, context.viewer!, args.input)),
    updateKbArticle: mutation('knowledge.edit', (_p, args: Args, context) => kb(context).articles.update(context.em, context.viewer!, args.input)),
    // Publishing, unpublishing and archiving additionally need knowledge.publish (checked per transition).
    transitionArticle: mutation('knowledge.edit', (_p, args: Args, context) =>
      kb(context).workflow.transition(context.em, context.viewer!, args.input),
    ),
    reorderKbArticles: mutation('knowledge.edit', (_p, args: Args, context) => kb(context).articles.reorder(context.em, args.sectionId, args.ids)),
    restoreKbArticleVersion: mutation('knowledge.edit', (_p, args: Args, context) =>
      kb(context).articles.restore(context.em, context.viewer!, args.articleId, args.number),
    ),
    deleteKbArticle: mutation('knowledge.publish', (_p, args: Args, context) => kb(context).articles.delete(context.em, context.viewer!, args.id)),
    upsertKbLocale: mutation('settings.manage', (_p, args: Args, context) => kb(context).locales.upsert(context.em, args.input)),
  },
  KbCategory: {
    sections: (category: CategoryDto, _a: Args, context: KefuContext) => kbLoaders(context).sectionsByCategory.load(category.id),
  },
  KbSection: {
    category: (section: SectionDto, _a: Args, context: KefuContext) => kbLoaders(context).categories.load(section.categoryId),
    articles: (section: SectionDto, _a: Args, context: KefuContext) => kbLoaders(context).articlesBySection.load(section.id),
  },
  KbArticle: {
    section: (article: ArticleDto, _a: Args, context: KefuContext) => kbLoaders(context).sections.load(article.sectionId),
    owner: (article: ArticleDto, _a: Args, context: KefuContext) => (article.ownerId ? kbLoaders(context).users.load(article.ownerId) : null),
    createdBy: (article: ArticleDto, _a: Args, context: KefuContext) =>
      article.createdById ? kbLoaders(context).users.load(article.createdById) : null,
    translation: (article: ArticleDto, args: { locale: string }) => article.translations.find((t) => t.locale === args.locale) ?? null,
    availableTransitions: (article: ArticleDto, _a: Args, context: KefuContext) => availableTransitions(context.viewer, article),
    versions: (article: ArticleDto, args: Args, context: KefuContext) => listVersions(context.em, article.id, args),
    metrics: (article: ArticleDto, args: { days?: number }, context: KefuContext) => kbLoaders(context).metrics(args.days ?? 30).load(article.id),
  },
  KbArticleMetrics: {
    comments: (metrics: { articleId: string; days: number }, args: { limit?: number }, context: KefuContext) =>
      kb(context).metrics.comments(context.em, metrics.articleId, metrics.days, args.limit),
  },
  KbArticleTranslation: {
    updatedBy: (translation: TranslationDto, _a: Args, context: KefuContext) =>
      translation.updatedById ? kbLoaders(context).users.load(translation.updatedById) : null,
  },
  KbArticleVersion: {
    author: (version: { authorId: string | null }, _a: Args, context: KefuContext) =>
      version.authorId ? kbLoaders(context).users.load(version.authorId) : null,
  },
  KbArticleStat: {
    article: (stat: { articleId: string }, _a: Args, context: KefuContext) => kb(context).articles.get(context.em, stat.articleId),
  },
  KbMetricsSummary: {
    topArticles: (summary: { days: number }, args: { limit?: number }, context: KefuContext) =>
      kb(context).metrics.topArticles(context.em, summary.days, args.limit),
    topQueries: (summary: { days: number }, args: { limit?: number }, context: KefuContext) =>
      kb(context).metrics.queryStats(context.em, summary.days, args.limit, false),
  },
};
