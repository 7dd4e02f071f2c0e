import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { UserSchema, type User } from '../auth/user.entity.ts';
import type { KefuContext } from '../graphql/context.ts';
import type { ArticleSummary } from '../search/search.service.ts';
import type { Reader } from './help-center.service.ts';
import { loadArticles, loadCategories, loadSections, type ArticleDto, type CategoryDto, type SectionDto } from './kb-read.ts';
import type { ArticleMetrics } from './metrics.service.ts';
import { stateOn } from '../graphql/request-state.ts';

/**
 * Per-request batching for nested knowledge-base fields: a tree or list
 * costs a constant number of queries whatever its size.
 */
export interface KbLoaders {
  users: DataLoader<string, User | null>;
  categories: DataLoader<string, CategoryDto | null>;
  sections: DataLoader<string, SectionDto | null>;
  sectionsByCategory: DataLoader<string, SectionDto[]>;
  articlesBySection: DataLoader<string, ArticleDto[]>;
  metrics(days: number): DataLoader<string, ArticleMetrics>;
  helpSectionArticles(reader: Reader, page: { limit: number; offset: number }): DataLoader<string, ArticleSummary[]>;
}

const KB_LOADERS = Symbol('kefu.kbLoaders');

const byId = <T extends { id: string }>(ids: readonly string[], rows: T[]) => ids.map((id) => rows.find((row) => row.id === id) ?? null);
const groupBy = <T>(ids: readonly string[], rows: T[], key: (row: T) => string) => ids.map((id) => rows.filter((row) => key(row) === id));

export function kbLoaders(context: KefuContext): KbLoaders {
  return stateOn(context, KB_LOADERS, () => createKbLoaders(context));
}

function createKbLoaders(context: KefuContext): KbLoaders {
  const em = context.em as EntityManager;
  const { metrics: metricsService, helpCenter } = context.services.knowledgeBase;
  const keyed = <V>(factory: (key: string) => DataLoader<string, V>) => {
    const map = new Map<string, DataLoader<string, V>>();
    return (key: string) => {
      let loader = map.get(key);
      if (!loader) map.set(key, (loader = factory(key)));
      return loader;
    };
  };
  const metricsFor = keyed((days) => new DataLoader<string, ArticleMetrics>(async (ids) => {
    const map = await metricsService.articleMetrics(em, ids, Number(days));
    return ids.map((id) => map.get(id)!);
  }));
  const sectionArticlesFor = keyed((key) => {
    const { viewer, locale, limit, offset } = JSON.parse(key) as Reader & { limit: number; offset: number };
    return new DataLoader<string, ArticleSummary[]>(async (ids) => {
      const map = await helpCenter.sectionArticles(em, { viewer: viewer ?? context.viewer, locale }, ids, { limit, offset });
      return ids.map((id) => map.get(id) ?? []);
    });
  });
  return {
    users: new DataLoader(async (ids) => byId(ids, await em.find(UserSchema, { id: { $in: [...ids] } }))),
    categories: new DataLoader(async (ids) => byId(ids, await loadCategories(em, ids))),
    sections: new DataLoader(async (ids) => byId(ids, await loadSections(em, { ids }))),
    sectionsByCategory: new DataLoader(async (ids) => groupBy(ids, await loadSections(em, { categoryIds: ids }), (row) => row.categoryId)),
    articlesBySection: new DataLoader(async (ids) => groupBy(ids, await loadArticles(em, { sectionIds: ids }), (row) => row.sectionId)),
    metrics: (days) => metricsFor(String(days)),
    helpSectionArticles: (reader, page) => sectionArticlesFor(JSON.stringify({ locale: reader.locale, ...page })),
  };
}
