import { createHash } from 'node:crypto';
import { Meilisearch, type Settings, type Task } from 'meilisearch';
import { normalizeText } from '../../text/segment.ts';
import { analyzeQuery, HAN, SEARCH_SYNONYMS, unitTexts } from '../query-terms.ts';
import type { ArticleDocuments, SearchDocument, SearchIndex, SearchQuery, SearchResult } from '../search-index.ts';

/**
 * Meilisearch adapter. Text is normalised as for the embedded engine
 * (Traditional folded to Simplified, full-width to ASCII, lower case) and
 * stored in language-suffixed fields so `localizedAttributes` tells
 * Meilisearch which segmenter to use (`*_zh` → its Chinese one); the query
 * gets the same normalisation and stoplist.
 *
 * Keys: the master key is used only here, on the server, to create two keys
 * scoped to this one index — a write key (documents, settings, tasks) and a
 * search key — and every later request uses those. The master key never
 * reaches a browser: all searches go through Kefu's GraphQL API, which
 * applies visibility itself.
 */
interface MeiliDocument {
  id: string;
  articleId: string;
  locale: string;
  language: string;
  visibility: string;
  categoryId: string;
  sectionId: string;
  tags: string[];
  title_zh?: string;
  summary_zh?: string;
  body_zh?: string;
  title?: string;
  summary?: string;
  body?: string;
}

const SEARCHABLE = ['title_zh', 'title', 'tags', 'summary_zh', 'summary', 'body_zh', 'body'];

export const MEILISEARCH_SETTINGS: Settings = {
  searchableAttributes: SEARCHABLE,
  filterableAttributes: ['articleId', 'locale', 'language', 'visibility', 'categoryId', 'sectionId'],
  displayedAttributes: ['id', 'articleId', 'locale'],
  distinctAttribute: 'articleId',
  rankingRules: ['words', 'typo', 'attribute', 'proximity', 'exactness', 'sort'],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  localizedAttributes: [
    { attributePatterns: ['*_zh'], locales: ['cmn'] },
    { attributePatterns: ['title', 'summary', 'body', 'tags'], locales: ['eng'] },
  ],
  synonyms: SEARCH_SYNONYMS,
  pagination: { maxTotalHits: 1000 },
};

function toMeili(doc: SearchDocument): MeiliDocument {
  const suffix = doc.language === 'zh' ? '_zh' : '';
  return {
    id: doc.id.replace(/[^A-Za-z0-9_-]/g, '_'),
    articleId: doc.articleId,
    locale: doc.locale,
    language: doc.language,
    visibility: doc.visibility,
    categoryId: doc.categoryId,
    sectionId: doc.sectionId,
    tags: doc.tags.map((tag) => normalizeText(tag)),
    [`title${suffix}`]: normalizeText(doc.title),
    [`summary${suffix}`]: normalizeText(doc.summary),
    [`body${suffix}`]: normalizeText(doc.body),
  };
}

/** A task that ran but failed (bad settings, bad document) must fail the job, so it is retried and visible. */
function succeeded(task: Task): Task {
  if (task.status !== 'succeeded') throw new Error(`Meilisearch task ${task.uid} ${task.type} ${task.status}: ${task.error?.message ?? 'no details'}`);
  return task;
}

const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const inList = (field: string, values: string[]) => `${field} IN [${values.map(quote).join(', ')}]`;

/** A stable key uid per index and role, so restarts find the keys they created. */
function keyUid(indexUid: string, role: string): string {
  const hex = createHash('sha256').update(`kefu:${indexUid}:${role}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export class MeilisearchIndex implements SearchIndex {
  readonly engine = 'meilisearch' as const;
  readonly #host: string;
  readonly #masterKey: string | undefined;
  readonly #indexUid: string;
  #writer: Meilisearch | undefined;
  #searcher: Meilisearch | undefined;

  constructor(options: { url: string; masterKey?: string; indexUid: string; timeoutMs?: number }) {
    this.#host = options.url;
    this.#masterKey = options.masterKey;
    this.#indexUid = options.indexUid;
  }

  /** Creates the index, its settings and the two scoped keys (idempotent). */
  async prepare(): Promise<void> {
    const admin = new Meilisearch({ host: this.#host, apiKey: this.#masterKey, timeout: 10_000 });
    await admin.createIndex(this.#indexUid, { primaryKey: 'id' }).waitTask({ timeout: 30_000 }).catch(() => undefined);
    succeeded(await admin.index(this.#indexUid).updateSettings(MEILISEARCH_SETTINGS).waitTask({ timeout: 60_000 }));
    if (!this.#masterKey) {
      // Development server without a master key: no keys to scope.
      this.#writer = admin;
      this.#searcher = admin;
      return;
    }
    const writeKey = await this.#scopedKey(admin, 'write', ['documents.*', 'indexes.get', 'settings.*', 'tasks.get']);
    const searchKey = await this.#scopedKey(admin, 'search', ['search']);
    this.#writer = new Meilisearch({ host: this.#host, apiKey: writeKey, timeout: 10_000 });
    this.#searcher = new Meilisearch({ host: this.#host, apiKey: searchKey, timeout: 2_000 });
  }

  async #scopedKey(admin: Meilisearch, role: string, actions: string[]): Promise<string> {
    const uid = keyUid(this.#indexUid, role);
    try {
      return (await admin.getKey(uid)).key;
    } catch {
      const created = await admin.createKey({
        uid,
        name: `kefu-${this.#indexUid}-${role}`,
        description: `Kefu ${role} key for index ${this.#indexUid}`,
        actions,
        indexes: [this.#indexUid],
        expiresAt: null,
      });
      return created.key;
    }
  }

  async #clients(): Promise<{ writer: Meilisearch; searcher: Meilisearch }> {
    if (!this.#writer || !this.#searcher) await this.prepare();
    return { writer: this.#writer!, searcher: this.#searcher! };
  }

  async apply(changes: ArticleDocuments[]): Promise<void> {
    if (!changes.length) return;
    const index = (await this.#clients()).writer.index<MeiliDocument>(this.#indexUid);
    // Tasks of one index run in order, so the delete lands before the add.
    succeeded(await index.deleteDocuments({ filter: inList('articleId', changes.map((change) => change.articleId)) }).waitTask({ timeout: 30_000 }));
    const documents = changes.flatMap((change) => change.documents.map(toMeili));
    if (documents.length) succeeded(await index.addDocuments(documents).waitTask({ timeout: 60_000 }));
  }

  async clear(): Promise<void> {
    succeeded(await (await this.#clients()).writer.index(this.#indexUid).deleteAllDocuments().waitTask({ timeout: 60_000 }));
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const analyzed = analyzeQuery(query.text);
    const terms = unitTexts(analyzed);
    if (!terms.length) return { hits: [], total: 0, expansions: [] };
    const filters = [inList('visibility', query.visibilities)];
    if (query.languages) filters.push(inList('language', query.languages));
    if (query.locales) filters.push(inList('locale', query.locales));
    if (query.categoryId) filters.push(`categoryId = ${quote(query.categoryId)}`);
    if (query.sectionId) filters.push(`sectionId = ${quote(query.sectionId)}`);
    const response = await (await this.#clients()).searcher.index<MeiliDocument>(this.#indexUid).search(terms.join(' '), {
      filter: filters.join(' AND '),
      limit: query.limit,
      offset: query.offset,
      attributesToRetrieve: ['articleId', 'locale'],
      showRankingScore: true,
      // A search box wants every word (dropping the last ones if needed); free text, the rarest words.
      matchingStrategy: query.matching === 'some' ? 'frequency' : 'last',
      locales: terms.some((term) => HAN.test(term)) ? ['cmn'] : undefined,
    });
    return {
      hits: response.hits.map((hit) => ({ articleId: hit.articleId, locale: hit.locale, score: hit._rankingScore ?? 0 })),
      total: response.estimatedTotalHits ?? response.hits.length,
      expansions: [],
    };
  }
}
