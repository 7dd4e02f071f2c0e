import type { ArticleVisibility } from '../knowledge-base/article.entity.ts';
import type { ArticleRow } from './article-rows.ts';

/**
 * What a search engine adapter must do. Two implementations: the embedded
 * engine on PostgreSQL (default) and Meilisearch (MEILISEARCH_URL). One
 * contract test suite (server/test/search-contract.test.ts) runs against both.
 *
 * Documents are one per article translation, and only published articles are
 * indexed; the search service still re-checks status and visibility against
 * PostgreSQL when it loads the hits, so a stale index can never show an
 * unpublished or internal article to the public.
 */
export interface SearchDocument {
  /** `<articleId>_<locale>`. */
  id: string;
  articleId: string;
  locale: string;
  /** Language family (`zh` for zh-CN and zh-TW): searched together. */
  language: string;
  visibility: ArticleVisibility;
  categoryId: string;
  sectionId: string;
  title: string;
  summary: string;
  body: string;
  tags: string[];
  updatedAt: string;
}

export interface SearchQuery {
  text: string;
  /** Reader's locale: ranked first among equally good matches, and chosen among translations of one article. */
  preferLocale: string;
  /** Language families to search (e.g. ['zh']); undefined: all. */
  languages?: string[];
  /** Exact locales to search; undefined: all. */
  locales?: string[];
  visibilities: ArticleVisibility[];
  categoryId?: string;
  sectionId?: string;
  limit: number;
  offset: number;
  /**
   * `most`: a search box query, nearly every term must match.
   * `some`: long free text (a customer's message): a few good terms are enough.
   */
  matching?: 'most' | 'some';
}

export interface SearchHit {
  articleId: string;
  locale: string;
  score: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Estimated number of matching articles. */
  total: number;
  /** Index words the query matched beyond its own terms (typo corrections), for highlighting. */
  expansions: string[];
  /**
   * The page's hits as read from the database of record in the same statement
   * (status and visibility re-checked; see article-rows.ts), keyed by article.
   * Only an engine living in PostgreSQL can give them; otherwise the service
   * loads them in a second statement.
   */
  articles?: Map<string, ArticleRow[]>;
}

/** The documents an article should have in the index now; none means "remove it". */
export interface ArticleDocuments {
  articleId: string;
  documents: SearchDocument[];
}

export interface SearchIndex {
  readonly engine: 'embedded' | 'meilisearch';
  /** Creates the index and applies its settings (idempotent). */
  prepare(): Promise<void>;
  /** Replaces every document of each listed article. */
  apply(changes: ArticleDocuments[]): Promise<void>;
  /** Removes every document. */
  clear(): Promise<void>;
  /** After a bulk rebuild: refresh statistics and the like (optional). */
  optimize?(): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
}

/** `zh` for zh-CN / zh-TW, `en` for en-GB… */
export const languageOf = (locale: string) => locale.split('-')[0]!.toLowerCase();
