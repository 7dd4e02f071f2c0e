import { z } from 'zod';
import type { KefuContext } from '../graphql/context.ts';
import { guard, mutation } from '../graphql/guard.ts';
import { parseInput } from '../graphql/validate.ts';
import type { HelpArticleDto, HelpCategoryDto, HelpSectionDto } from './help-center.service.ts';
import { kbLoaders } from './kb-loaders.ts';
import { existingVisitorKey, visitorOf } from './visitor.ts';

type Args = Record<string, unknown>;
const kb = (context: KefuContext) => context.services.knowledgeBase;
const page = z.object({ limit: z.number().int().min(1).max(200).default(100), offset: z.number().int().min(0).default(0) });

export const helpCenterResolvers = {
  Query: {
    helpLocales: guard('public', (_p, _a, context) => kb(context).helpCenter.locales(context.em)),
    helpCategories: guard('public', (_p, args: Args, context) => kb(context).helpCenter.categories(context.em, context.viewer, args.locale)),
    helpCategory: guard('public', (_p, args: Args, context) => kb(context).helpCenter.category(context.em, context.viewer, args)),
    helpSection: guard('public', (_p, args: Args, context) => kb(context).helpCenter.section(context.em, context.viewer, args)),
    helpArticle: guard('public', (_p, args: Args, context) => kb(context).helpCenter.article(context.em, context.viewer, args)),
    popularArticles: guard('public', (_p, args: Args, context) =>
      kb(context).helpCenter.popular(context.em, context.viewer, args.locale, args.limit),
    ),
    helpSitemap: guard('public', (_p, _a, context) => kb(context).helpCenter.sitemap(context.em)),
  },
  Mutation: {
    recordArticleView: mutation('public', (_p, args: Args, context) =>
      kb(context).metrics.recordView(context.em, context.viewer, visitorOf(context), args.articleId, args.locale),
    ),
    voteHelpful: mutation('public', (_p, args: Args, context) =>
      kb(context).metrics.vote(context.em, context.viewer, visitorOf(context), args.input),
    ),
    recordSuggestionOpen: mutation('public', (_p, args: Args, context) =>
      kb(context).metrics.recordSuggestionOpen(context.em, context.viewer, visitorOf(context), args.input),
    ),
  },
  HelpCategory: {
    sections: (category: HelpCategoryDto, _a: Args, context: KefuContext) =>
      category.sections ?? kb(context).helpCenter.sectionsOf(context.em, { viewer: context.viewer, locale: category.readerLocale }, category.id),
  },
  HelpSection: {
    articles: (section: HelpSectionDto, args: Args, context: KefuContext) =>
      kbLoaders(context)
        .helpSectionArticles({ viewer: context.viewer, locale: section.readerLocale }, parseInput(page, args))
        .load(section.id),
  },
  HelpArticle: {
    related: (article: HelpArticleDto, args: Args, context: KefuContext) => kb(context).helpCenter.related(context.em, context.viewer, article, args.limit),
    viewerVote: (article: HelpArticleDto, _a: Args, context: KefuContext) =>
      kb(context).metrics.viewerVote(context.em, existingVisitorKey(context), article.id),
  },
};
