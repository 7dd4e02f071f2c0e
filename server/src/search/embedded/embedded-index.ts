import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { distance } from 'fastest-levenshtein';
import { LRUCache } from 'lru-cache';
import { pgArray, runSql } from '../../database/raw-sql.ts';
import { fromJson, type ArticleRow } from '../article-rows.ts';
import { allowedTypos, analyzeQuery } from '../query-terms.ts';
import type { ArticleDocuments, SearchDocument, SearchIndex, SearchQuery, SearchResult } from '../search-index.ts';
import { hanBigrams, quoteLexeme, tsvectorLiteral, vocabulary } from './index-text.ts';
import { atLeast, bodyTier, looseSearch, titleTier, unitQueries, withArticleRows, type SqlQuery } from './search-sql.ts';

type Tier = Omit<SearchResult, 'expansions' | 'articles'> & { articles: Map<string, ArticleRow[]> };

/**
 * The default engine: PostgreSQL full text over ICU-segmented, normalised
 * text (server/src/text/segment.ts), in two tables — `search_documents`
 * (filters and title vector, narrow) and `search_bodies` (whole-text and
 * Chinese-bigram vectors).
 *
 * - Each query term matches through its alternatives: itself, synonyms, typo
 *   corrections for Latin words (pg_trgm candidates from `search_terms`,
 *   confirmed by edit distance), and the prefix of the word being typed.
 * - Search box: every term must match (all but ~40 % in long questions);
 *   title matches rank first; whole-text matches (by ts_rank) are only looked
 *   up when titles do not fill the page — the cheap query answers most keystrokes.
 * - Free text (suggestions), and long questions that found nothing: a few
 *   matched terms are enough, more matched terms first.
 * - A Chinese query that still found nothing gets a second chance on
 *   character bigrams (typos, unusual word breaks).
 */
export class EmbeddedSearchIndex implements SearchIndex {
  readonly engine = 'embedded' as const;
  readonly #orm: MikroORM;
  readonly #corrections = new LRUCache<string, string[]>({ max: 10_000, ttl: 60_000 });

  constructor(deps: { orm: MikroORM }) {
    this.#orm = deps.orm;
  }

  #em(): EntityManager {
    return this.#orm.em.fork() as unknown as EntityManager;
  }

  async prepare(): Promise<void> {
    // The tables come from the migrations.
  }

  async apply(changes: ArticleDocuments[]): Promise<void> {
    if (!changes.length) return;
    const documents = changes.flatMap((change) => change.documents);
    await this.#em().transactional(async (em) => {
      const ids = pgArray(changes.map((change) => change.articleId));
      await runSql(em, `DELETE FROM search_documents WHERE article_id = ANY(?::uuid[])`, [ids]);
      await runSql(em, `DELETE FROM search_bodies WHERE article_id = ANY(?::uuid[])`, [ids]);
      if (!documents.length) return;
      const rows = documents.map(toRows);
      await runSql(
        em,
        `INSERT INTO search_documents (article_id, locale, language, visibility, category_id, section_id, title_tsv, title_length, updated_at)
         SELECT article_id, locale, language, visibility, category_id, section_id, title_tsv::tsvector, title_length, updated_at
           FROM json_to_recordset(?::json) AS r(article_id uuid, locale text, language text, visibility text, category_id uuid,
                                              section_id uuid, title_tsv text, title_length int, updated_at timestamptz)`,
        [JSON.stringify(rows.map((row) => row.document))],
      );
      await runSql(
        em,
        `INSERT INTO search_bodies (article_id, locale, language, visibility, category_id, section_id, tsv, grams)
         SELECT article_id, locale, language, visibility, category_id, section_id, tsv::tsvector, array_to_tsvector(grams)
           FROM json_to_recordset(?::json) AS r(article_id uuid, locale text, language text, visibility text, category_id uuid,
                                              section_id uuid, tsv text, grams text[])`,
        [JSON.stringify(rows.map((row) => row.body))],
      );
      const words = [...new Set(documents.flatMap((doc) => vocabulary(`${doc.title} ${doc.summary} ${doc.tags.join(' ')} ${doc.body}`)))];
      if (words.length) await runSql(em, `INSERT INTO search_terms (term) SELECT unnest(?::text[]) ON CONFLICT DO NOTHING`, [pgArray(words)]);
    });
  }

  /** Fresh planner statistics after a rebuild, or the planner guesses (and scans) on 10,000 new rows. */
  async optimize(): Promise<void> {
    await runSql(this.#em(), `ANALYZE search_documents, search_bodies, search_terms`);
  }

  async clear(): Promise<void> {
    await runSql(this.#em(), `TRUNCATE search_documents, search_bodies, search_terms`);
    this.#corrections.clear();
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const { units, prefixLast } = analyzeQuery(query.text);
    if (!units.length) return { hits: [], total: 0, expansions: [] };
    const em = this.#em();
    const corrections = await this.#typoCorrections(em, units.filter((unit) => unit.length === 1).map((unit) => unit[0]!));
    const expansions = [...new Set([...corrections.values()].flat())];
    const title = unitQueries(units, prefixLast, corrections, 'title');
    const body = unitQueries(units, prefixLast, corrections, 'body');
    // Free-text tiers page in SQL: every row they return is on the page.
    const sqlPaged = { skip: 0, take: query.limit };
    const page = (rows: Tier) => ({ ...rows, hits: rows.hits.slice(query.offset, query.offset + query.limit), expansions });

    if (query.matching === 'some') {
      const required = Math.min(units.length, Math.max(2, Math.ceil(units.length * 0.25)));
      return { ...(await this.#run(em, withArticleRows(looseSearch(query, 'tsv', body, required), query, sqlPaged))), expansions };
    }
    // Long questions carry filler words: allow some units to be missing.
    const required = units.length <= 2 ? units.length : Math.ceil(units.length * 0.6);
    const titleSql = titleTier(query, title.join(' | '), atLeast(title, required));
    const titles = await this.#run(em, withArticleRows(titleSql, query, { skip: query.offset, take: query.limit }), 2);
    if (titles.total >= query.offset + query.limit) return page(titles);
    const excluded = titles.hits.map((hit) => hit.articleId);
    const bodySql = bodyTier(query, body.join(' | '), atLeast(body, required), excluded);
    // Body hits follow the title hits on the page.
    const bodies = await this.#run(em, withArticleRows(bodySql, query, { skip: query.offset - titles.hits.length, take: query.limit }), 1);
    if (titles.hits.length || bodies.hits.length) {
      return page({ hits: [...titles.hits, ...bodies.hits], total: titles.total + bodies.total, articles: new Map([...titles.articles, ...bodies.articles]) });
    }

    if (units.length >= 4) {
      const loose = await this.#run(em, withArticleRows(looseSearch(query, 'tsv', body, required), query, sqlPaged));
      if (loose.hits.length) return { ...loose, expansions };
    }
    const grams = hanBigrams(units.flat().join(' '));
    if (grams.length >= 2) {
      const gramSql = looseSearch(query, 'grams', grams.map(quoteLexeme), Math.max(2, Math.ceil(grams.length * 0.6)));
      return { ...(await this.#run(em, withArticleRows(gramSql, query, sqlPaged))), expansions };
    }
    return { hits: [], total: 0, expansions };
  }

  async #run(em: EntityManager, { sql, params }: SqlQuery, tierBonus = 0): Promise<Tier> {
    const rows = await runSql<{ article_id: string; locale: string; rank: number; total: string; articles: ArticleRow[] | null }>(em, sql, params);
    const seen = new Set<string>();
    const articles = new Map<string, ArticleRow[]>();
    // Rows arrive best first, the reader's locale first among one article's translations.
    const hits = rows.flatMap((row) => {
      if (row.articles) articles.set(row.article_id, fromJson(row.articles));
      if (seen.has(row.article_id)) return [];
      seen.add(row.article_id);
      return [{ articleId: row.article_id, locale: row.locale, score: tierBonus + Number(row.rank) }];
    });
    return { hits, total: rows.length ? Number(rows[0]!.total) : 0, articles };
  }

  /** Close index words for Latin terms the index does not contain (pg_trgm candidates, edit distance decides). */
  async #typoCorrections(em: EntityManager, terms: string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    const unknown: string[] = [];
    for (const term of terms) {
      if (allowedTypos(term) === 0) continue;
      const cached = this.#corrections.get(term);
      if (cached) result.set(term, cached);
      else unknown.push(term);
    }
    if (!unknown.length) return result;
    const rows = await runSql<{ query: string; known: boolean; similar: string[] }>(
      em,
      `SELECT q AS query,
              EXISTS (SELECT 1 FROM search_terms WHERE term = q) AS known,
              ARRAY(SELECT term FROM search_terms WHERE term % q AND term <> q ORDER BY similarity(term, q) DESC LIMIT 8) AS similar
         FROM unnest(?::text[]) AS q`,
      [pgArray(unknown)],
    );
    for (const row of rows) {
      const budget = allowedTypos(row.query);
      const corrections = row.known ? [] : row.similar.filter((word) => distance(word, row.query) <= budget).slice(0, 3);
      this.#corrections.set(row.query, corrections);
      result.set(row.query, corrections);
    }
    return result;
  }
}

function toRows(doc: SearchDocument) {
  const title = tsvectorLiteral([{ text: doc.title, weight: 'A' }]);
  return {
    document: {
      article_id: doc.articleId,
      locale: doc.locale,
      language: doc.language,
      visibility: doc.visibility,
      category_id: doc.categoryId,
      section_id: doc.sectionId,
      title_tsv: title,
      title_length: [...doc.title].length,
      updated_at: doc.updatedAt,
    },
    body: {
      article_id: doc.articleId,
      locale: doc.locale,
      language: doc.language,
      visibility: doc.visibility,
      category_id: doc.categoryId,
      section_id: doc.sectionId,
      tsv: tsvectorLiteral([
        { text: doc.title, weight: 'A' },
        { text: `${doc.summary} ${doc.tags.join(' ')}`, weight: 'B' },
        { text: doc.body, weight: 'C' },
      ]),
      grams: hanBigrams(`${doc.title} ${doc.summary} ${doc.body}`),
    },
  };
}
