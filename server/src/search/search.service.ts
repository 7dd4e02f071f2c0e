import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import type { KefuConfig } from '../config/config.ts';
import { rateLimited } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { ArticleVisibility } from '../knowledge-base/article.entity.ts';
import { toSummary } from '../knowledge-base/help-center.service.ts';
import { localeCode } from '../knowledge-base/kb-input.ts';
import { readableVisibilities } from '../knowledge-base/visibility.ts';
import { loadArticleRows } from './article-rows.ts';
import { EmbeddedSearchIndex } from './embedded/embedded-index.ts';
import { highlight, matcher, snippet } from './highlight.ts';
import { SearchIndexQueue } from './index-queue.ts';
import { MeilisearchIndex } from './meilisearch/meilisearch-index.ts';
import { analyzeQuery, unitTexts } from './query-terms.ts';
import { countPublishedArticles, publishedArticleIds, articleDocuments } from './search-documents.ts';
import { languageOf, type SearchIndex, type SearchQuery, type SearchResult } from './search-index.ts';
import { SearchLog, type SearchSource } from './search-log.ts';

export interface ArticleSummary {
  id: string;
  locale: string;
  slug: string;
  title: string;
  summary: string | null;
  visibility: ArticleVisibility;
  url: string;
  sectionId: string;
  categoryId: string;
  updatedAt: Date;
}

export interface ArticleSearchHit {
  article: ArticleSummary;
  titleHighlight: string;
  snippetHighlight: string;
  score: number;
}

const searchInput = z.object({
  query: z.string().max(200, 'is longer than 200 characters'),
  locale: localeCode,
  categoryId: z.uuid().nullish(),
  sectionId: z.uuid().nullish(),
  limit: z.number().int().min(1).max(50).default(10),
  offset: z.number().int().min(0).max(1000).default(0),
});
const suggestInput = z.object({
  text: z.string().max(2000),
  locale: localeCode,
  limit: z.number().int().min(1).max(20).default(5),
});

export interface SearchCaller {
  viewer: Viewer | null;
  ip: string;
  /** Groups one reader's keystrokes into one logged search. */
  visitorKey: string;
}

/**
 * Knowledge-base search for every audience. The engine finds candidates; the
 * database has the last word: hits are loaded from PostgreSQL with status
 * and visibility re-checked, so an index lagging behind (engine outage) can
 * never reveal an unpublished or internal article.
 */
export class SearchService {
  #index: SearchIndex;
  readonly queue: SearchIndexQueue;
  readonly log: SearchLog;
  readonly #orm: MikroORM;
  readonly #limiter: RateLimiterMemory;

  constructor(deps: { config: KefuConfig; orm: MikroORM; jobs: JobQueue; logger: Logger }) {
    const { config, orm } = deps;
    this.#orm = orm;
    this.#index = config.meilisearch.url
      ? new MeilisearchIndex({ url: config.meilisearch.url, masterKey: config.meilisearch.masterKey, indexUid: config.meilisearch.index })
      : new EmbeddedSearchIndex({ orm });
    this.queue = new SearchIndexQueue({ orm, jobs: deps.jobs, logger: deps.logger, index: () => this.#index });
    this.log = new SearchLog({ orm, logger: deps.logger });
    this.#limiter = new RateLimiterMemory({ points: config.search.ratePerMinute, duration: 60 });
  }

  get index(): SearchIndex {
    return this.#index;
  }

  /** Swaps the engine (tests simulate an outage by wrapping the real one). */
  useIndex(index: SearchIndex): void {
    this.#index = index;
  }

  /** Queues index updates for these articles in the caller's transaction (durable, replayed after outages). */
  articlesChanged(em: EntityManager, articleIds: string[]): Promise<void> {
    return this.queue.enqueue(em, articleIds);
  }

  /** Help-center search: published articles the caller may read, in the reader's language family. */
  async searchArticles(em: EntityManager, caller: SearchCaller, rawInput: unknown) {
    const input = parseInput(searchInput, rawInput);
    await this.#throttle(caller.ip);
    return this.#search(em, caller, input, { visibilities: readableVisibilities(caller.viewer), languages: [languageOf(input.locale)] }, 'public');
  }

  /** Staff search: every visibility, every language (the reader's first). */
  async searchStaff(em: EntityManager, caller: SearchCaller, rawInput: unknown) {
    const input = parseInput(searchInput, rawInput);
    return this.#search(em, caller, input, { visibilities: ['public', 'signed_in', 'internal'] }, 'staff');
  }

  /** Deflection (contact form) and agent assist: same rules, free text, all languages. */
  async suggest(em: EntityManager, caller: SearchCaller, rawInput: unknown): Promise<ArticleSearchHit[]> {
    const input = parseInput(suggestInput, rawInput);
    await this.#throttle(caller.ip);
    const result = await this.#search(
      em,
      caller,
      { query: input.text.slice(0, 300), locale: input.locale, limit: input.limit, offset: 0 },
      { visibilities: readableVisibilities(caller.viewer), matching: 'some' },
      'suggest',
    );
    return result.hits;
  }

  async #search(
    em: EntityManager,
    caller: SearchCaller,
    input: { query: string; locale: string; categoryId?: string | null; sectionId?: string | null; limit: number; offset: number },
    scope: Pick<SearchQuery, 'visibilities' | 'languages' | 'matching'>,
    source: SearchSource,
  ) {
    const query: SearchQuery = {
      text: input.query,
      preferLocale: input.locale,
      ...scope,
      categoryId: input.categoryId ?? undefined,
      sectionId: input.sectionId ?? undefined,
      limit: input.limit,
      offset: input.offset,
    };
    const found = await this.#index.search(query);
    const hits = await this.#hydrate(em, found, query);
    const total = Math.max(found.total - (found.hits.length - hits.length), hits.length);
    this.log.record(caller.visitorKey, { query: input.query, locale: input.locale, source, resultCount: total });
    return { query: input.query, totalHits: total, hits };
  }

  /** Hits as the database of record has them (dropping anything no longer published or readable), in the reader's translation where there is one. */
  async #hydrate(em: EntityManager, found: SearchResult, query: SearchQuery): Promise<ArticleSearchHit[]> {
    if (!found.hits.length) return [];
    const articles = found.articles ?? (await loadArticleRows(em, found.hits, query));
    const analyzed = analyzeQuery(query.text);
    const terms = { terms: unitTexts(analyzed), prefixLast: analyzed.prefixLast, expansions: found.expansions };
    const pattern = matcher(terms);
    const preferredLanguage = languageOf(query.preferLocale);
    return found.hits.flatMap((hit) => {
      const translations = articles.get(hit.articleId) ?? [];
      const row =
        (languageOf(hit.locale) === preferredLanguage && translations.find((t) => t.locale === query.preferLocale)) ||
        translations.find((t) => t.locale === hit.locale);
      if (!row) return [];
      return [
        {
          article: toSummary(row),
          titleHighlight: highlight(row.title, terms, pattern),
          snippetHighlight: snippet([row.summary, row.plain_text].filter(Boolean).join(' — '), terms, 160, pattern),
          score: hit.score,
        },
      ];
    });
  }

  async #throttle(ip: string): Promise<void> {
    try {
      await this.#limiter.consume(ip);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw rateLimited(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
      throw error;
    }
  }

  async status() {
    return { engine: this.#index.engine, ...(await this.queue.status()) };
  }

  /**
   * Rebuilds the index from PostgreSQL: clears it, then adds every published
   * article in batches. Reports progress as (done, total).
   */
  async reindex(onProgress: (done: number, total: number) => void = () => {}): Promise<{ articles: number; seconds: number }> {
    const started = performance.now();
    const em = this.#orm.em.fork() as unknown as EntityManager;
    await this.#index.prepare();
    const total = await countPublishedArticles(em);
    await this.#index.clear();
    let done = 0;
    onProgress(0, total);
    for await (const ids of publishedArticleIds(em, 250)) {
      await this.#index.apply(await articleDocuments(em, ids));
      done += ids.length;
      onProgress(done, total);
    }
    await this.#index.optimize?.();
    return { articles: done, seconds: (performance.now() - started) / 1000 };
  }
}
