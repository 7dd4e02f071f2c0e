import type { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { distance } from 'fastest-levenshtein';
import { LRUCache } from 'lru-cache';
import { pgArray, runSql } from '../../database/raw-sql.ts';
import { allowedTypos, analyzeQuery, HAN, SEARCH_SYNONYMS } from '../query-terms.ts';
import type { ArticleDocuments, SearchIndex, SearchQuery, SearchResult } from '../search-index.ts';
import { hanBigrams, quoteLexeme, tsvectorLiteral, vocabulary } from './index-text.ts';

/**
 * The default engine: PostgreSQL full text over ICU-segmented, normalised text.
 *
 * - every query term must match (all but a few in long questions), each term
 *   through its alternatives: itself, its prefix while it is being typed,
 *   synonyms, and for Latin words close index words found with pg_trgm and
 *   confirmed by edit distance;
 * - ranking: more query terms matched, then more of them in the title, then
 *   ts_rank (title A > summary/tags B > body C), then the reader's locale;
 * - when nothing matches a Chinese query, character bigrams give a second
 *   chance (typos, unusual segmentation).
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
    await this.#em().transactional(async (em) => {
      await runSql(em, `DELETE FROM search_documents WHERE article_id = ANY(?::uuid[])`, [pgArray(changes.map((change) => change.articleId))]);
      const words = new Set<string>();
      for (const { documents } of changes) {
        for (const doc of documents) {
          const tags = doc.tags.join(' ');
          await runSql(
            em,
            `INSERT INTO search_documents (article_id, locale, language, visibility, category_id, section_id, tsv, title_tsv, grams, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?::tsvector, ?::tsvector, array_to_tsvector(?::text[]), ?)`,
            [
              doc.articleId, doc.locale, doc.language, doc.visibility, doc.categoryId, doc.sectionId,
              tsvectorLiteral([{ text: doc.title, weight: 'A' }, { text: `${doc.summary} ${tags}`, weight: 'B' }, { text: doc.body, weight: 'C' }]),
              tsvectorLiteral([{ text: doc.title, weight: 'A' }]),
              pgArray(hanBigrams(`${doc.title} ${doc.summary} ${doc.body}`)),
              doc.updatedAt,
            ],
          );
          for (const word of vocabulary(`${doc.title} ${doc.summary} ${tags} ${doc.body}`)) words.add(word);
        }
      }
      if (words.size) {
        await runSql(em, `INSERT INTO search_terms (term) SELECT unnest(?::text[]) ON CONFLICT DO NOTHING`, [pgArray([...words])]);
      }
    });
  }

  async clear(): Promise<void> {
    const em = this.#em();
    await runSql(em, `TRUNCATE search_documents, search_terms`);
    this.#corrections.clear();
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const { terms, prefixLast } = analyzeQuery(query.text);
    if (!terms.length) return { hits: [], total: 0, expansions: [] };
    const em = this.#em();
    const corrections = await this.#typoCorrections(em, terms);
    const expansions = [...new Set([...corrections.values()].flat())];

    const termQueries = terms.map((term, index) => {
      const alternatives = new Set([quoteLexeme(term)]);
      const isLast = index === terms.length - 1;
      if (isLast && prefixLast && (HAN.test(term) || term.length >= 2)) alternatives.add(`${quoteLexeme(term)}:*`);
      for (const synonym of SEARCH_SYNONYMS[term] ?? []) alternatives.add(quoteLexeme(synonym));
      for (const correction of corrections.get(term) ?? []) alternatives.add(quoteLexeme(correction));
      return `(${[...alternatives].join(' | ')})`;
    });
    // Long questions carry filler words: allow some terms to be missing; free text (suggestions) needs only a few.
    const required =
      query.matching === 'some'
        ? Math.min(terms.length, Math.max(2, Math.ceil(terms.length * 0.25)))
        : terms.length <= 2
          ? terms.length
          : Math.ceil(terms.length * 0.6);
    const result = await this.#run(em, query, termQueries, required, 'tsv', 'title_tsv');
    if (result.hits.length || !terms.some((term) => HAN.test(term))) return { ...result, expansions };

    const grams = hanBigrams(terms.join(' '));
    if (grams.length < 2) return { ...result, expansions };
    const fallback = await this.#run(em, query, grams.map(quoteLexeme), Math.max(2, Math.ceil(grams.length * 0.6)), 'grams', null);
    return { ...fallback, expansions };
  }

  async #run(
    em: EntityManager,
    query: SearchQuery,
    termQueries: string[],
    required: number,
    vector: 'tsv' | 'grams',
    titleVector: 'title_tsv' | null,
  ): Promise<Omit<SearchResult, 'expansions'>> {
    const filters: string[] = [];
    const filterParams: unknown[] = [];
    filters.push(`d.visibility = ANY(?::text[])`);
    filterParams.push(pgArray(query.visibilities));
    if (query.languages) {
      filters.push(`d.language = ANY(?::text[])`);
      filterParams.push(pgArray(query.languages));
    }
    if (query.locales) {
      filters.push(`d.locale = ANY(?::text[])`);
      filterParams.push(pgArray(query.locales));
    }
    if (query.categoryId) {
      filters.push(`d.category_id = ?`);
      filterParams.push(query.categoryId);
    }
    if (query.sectionId) {
      filters.push(`d.section_id = ?`);
      filterParams.push(query.sectionId);
    }
    const language = query.preferLocale.split('-')[0]!.toLowerCase();
    const any = termQueries.join(' | ');
    const terms = pgArray(termQueries);
    const titleCoverage = titleVector
      ? `(SELECT count(*) FROM unnest(?::tsquery[]) AS t(q) WHERE d.${titleVector} @@ t.q)`
      : '0';
    const rows = await runSql<{ article_id: string; locale: string; coverage: number; title_coverage: number; rank: number; total: string }>(
      em,
      `WITH matches AS (
         SELECT d.article_id, d.locale,
                (SELECT count(*) FROM unnest(?::tsquery[]) AS t(q) WHERE d.${vector} @@ t.q) AS coverage,
                ${titleCoverage} AS title_coverage,
                ${vector === 'tsv' ? `ts_rank(d.tsv, ?::tsquery)` : '0'} AS rank,
                CASE WHEN d.locale = ? THEN 2 WHEN d.language = ? THEN 1 ELSE 0 END AS locale_preference
           FROM search_documents d
          WHERE d.${vector} @@ ?::tsquery AND ${filters.join(' AND ')}
       ), best AS (
         SELECT DISTINCT ON (article_id) * FROM matches
          WHERE coverage >= ?
          ORDER BY article_id, locale_preference DESC, coverage DESC, rank DESC
       )
       SELECT article_id, locale, coverage, title_coverage, rank, count(*) OVER () AS total
         FROM best
        ORDER BY coverage DESC, title_coverage DESC, rank DESC, locale_preference DESC, article_id
        LIMIT ? OFFSET ?`,
      [
        terms,
        ...(titleVector ? [terms] : []),
        ...(vector === 'tsv' ? [any] : []),
        query.preferLocale,
        language,
        any,
        ...filterParams,
        required,
        query.limit,
        query.offset,
      ],
    );
    return {
      hits: rows.map((row) => ({
        articleId: row.article_id,
        locale: row.locale,
        score: Number(row.coverage) * 10 + Number(row.title_coverage) * 5 + Number(row.rank),
      })),
      total: rows.length ? Number(rows[0]!.total) : 0,
    };
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
