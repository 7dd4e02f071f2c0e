import { pgArray } from '../../database/raw-sql.ts';
import { articleRowsJson } from '../article-rows.ts';
import { HAN, SEARCH_SYNONYMS } from '../query-terms.ts';
import type { SearchQuery } from '../search-index.ts';
import { quoteLexeme } from './index-text.ts';

/** Whole-text matches ranked per query, at most: bounds the cost of very common words. */
export const BODY_CANDIDATES = 200;
/** Free-text candidates examined, at most. */
export const LOOSE_CANDIDATES = 1_000;
const MAX_COMBINATIONS = 40;

export interface SqlQuery {
  sql: string;
  params: unknown[];
}

/**
 * tsquery text per query unit: the word (or the phrase of single Chinese
 * characters, or their joined form), synonyms, typo corrections and, for the
 * word being typed, its prefix. Titles get the prefix from the first
 * character (titles are short and few); whole texts only from the fourth Latin
 * or second Chinese character (a prefix like "pa" expands to hundreds of words).
 */
export function unitQueries(units: string[][], prefixLast: boolean, corrections: Map<string, string[]>, target: 'title' | 'body'): string[] {
  return units.map((unit, index) => {
    const last = index === units.length - 1 && prefixLast;
    const joined = unit.join('');
    const han = HAN.test(joined);
    const minimumPrefix = target === 'title' ? (han ? 1 : 2) : han ? 2 : 4;
    const prefix = last && [...joined].length >= minimumPrefix ? ':*' : '';
    const alternatives = new Set<string>();
    if (unit.length > 1) {
      alternatives.add(`(${unit.map((char, i) => `${quoteLexeme(char)}${i === unit.length - 1 ? prefix : ''}`).join(' <-> ')})`);
      alternatives.add(`${quoteLexeme(joined)}${prefix}`);
    } else {
      alternatives.add(quoteLexeme(joined));
      if (prefix) alternatives.add(`${quoteLexeme(joined)}:*`);
    }
    for (const synonym of SEARCH_SYNONYMS[joined] ?? []) alternatives.add(quoteLexeme(synonym));
    for (const correction of corrections.get(joined) ?? []) alternatives.add(quoteLexeme(correction));
    return alternatives.size === 1 ? [...alternatives][0]! : `(${[...alternatives].join(' | ')})`;
  });
}

function combinations<T>(items: T[], size: number): T[][] {
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [first, ...rest] = items;
  return [...combinations(rest, size - 1).map((combo) => [first!, ...combo]), ...combinations(rest, size)];
}

function countCombinations(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

/** "At least `required` of these", exactly, as one tsquery the GIN index can answer. */
export function atLeast(queries: string[], required: number): string {
  if (required >= queries.length) return queries.join(' & ');
  let size = required;
  // Too many combinations: demand one more unit (stricter, still exact).
  while (size < queries.length && countCombinations(queries.length, size) > MAX_COMBINATIONS) size++;
  return combinations(queries, size)
    .map((combo) => `(${combo.join(' & ')})`)
    .join(' | ');
}

function filters(alias: string, query: SearchQuery, params: unknown[]): string {
  const where = [`${alias}.visibility = ANY(?::text[])`];
  params.push(pgArray(query.visibilities));
  if (query.languages) {
    where.push(`${alias}.language = ANY(?::text[])`);
    params.push(pgArray(query.languages));
  }
  if (query.locales) {
    where.push(`${alias}.locale = ANY(?::text[])`);
    params.push(pgArray(query.locales));
  }
  if (query.categoryId) {
    where.push(`${alias}.category_id = ?`);
    params.push(query.categoryId);
  }
  if (query.sectionId) {
    where.push(`${alias}.section_id = ?`);
    params.push(query.sectionId);
  }
  return where.join(' AND ');
}

function preference(alias: string, query: SearchQuery, params: unknown[]): string {
  params.push(query.preferLocale, query.preferLocale.split('-')[0]!.toLowerCase());
  return `CASE WHEN ${alias}.locale = ? THEN 2 WHEN ${alias}.language = ? THEN 1 ELSE 0 END`;
}

/** Matches counted exactly up to this; beyond it the total is an estimate (like Meilisearch's). */
export const MAX_COUNTED = 1_000;

/**
 * Tier 1: articles whose title matches the query. Title vectors are small and
 * live in the narrow table, so this is cheap even for one-letter prefixes: a
 * top-N sort, and a count that stops at MAX_COUNTED. Returns translations
 * (several per article possible, the reader's locale first); the caller keeps
 * the first per article.
 */
export function titleTier(query: SearchQuery, all: string, required: string): SqlQuery {
  const params: unknown[] = [all];
  const pref = preference('d', query, params);
  params.push(required);
  const where = filters('d', query, params);
  params.push((query.offset + query.limit) * 2 + 10, MAX_COUNTED);
  return {
    params,
    sql: `WITH matched AS (
        SELECT d.article_id, d.locale, ts_rank(d.title_tsv, ?::tsquery) AS rank, d.title_length, ${pref} AS pref
          FROM search_documents d
         WHERE d.title_tsv @@ ?::tsquery AND ${where}
      ), top AS (
        SELECT * FROM matched ORDER BY rank DESC, title_length, pref DESC, article_id LIMIT ?
      )
      SELECT article_id, locale, rank, (SELECT count(DISTINCT article_id) FROM (SELECT article_id FROM matched LIMIT ?) c) AS total,
             row_number() OVER (ORDER BY rank DESC, title_length, pref DESC, article_id) AS ordinal
        FROM top ORDER BY ordinal`,
  };
}

/**
 * Tier 2, run only when titles do not fill the page: articles matching in
 * their whole text (title A > summary/tags B > body C), at most BODY_CANDIDATES
 * examined, best ts_rank first.
 */
export function bodyTier(query: SearchQuery, all: string, required: string, excluded: string[]): SqlQuery {
  const params: unknown[] = [all];
  const pref = preference('b', query, params);
  params.push(required, pgArray(excluded));
  const where = filters('b', query, params);
  params.push(BODY_CANDIDATES);
  return {
    params,
    sql: `SELECT article_id, locale, rank, count(*) OVER () AS total, row_number() OVER (ORDER BY rank DESC, pref DESC, article_id) AS ordinal FROM (
        SELECT DISTINCT ON (b.article_id) b.article_id, b.locale, ts_rank(b.tsv, ?::tsquery) AS rank, ${pref} AS pref
          FROM (SELECT * FROM search_bodies b WHERE b.tsv @@ ?::tsquery AND b.article_id <> ALL(?::uuid[]) AND ${where} LIMIT ?) b
         ORDER BY b.article_id, pref DESC
      ) best
      ORDER BY ordinal`,
  };
}

/**
 * Free text (a customer's message), and the fallback for long questions:
 * any unit may match; of at most LOOSE_CANDIDATES such articles, those with at
 * least `required` distinct units are kept, more matched units first.
 */
export function looseSearch(query: SearchQuery, vector: 'tsv' | 'grams', queries: string[], required: number): SqlQuery {
  const params: unknown[] = [...queries];
  const coverage = queries.map(() => `(b.${vector} @@ ?::tsquery)::int`).join(' + ');
  const any = queries.join(' | ');
  params.push(any);
  const pref = preference('b', query, params);
  params.push(any);
  const where = filters('b', query, params);
  params.push(LOOSE_CANDIDATES, required, query.limit, query.offset);
  return {
    params,
    sql: `SELECT article_id, locale, rank, count(*) OVER () AS total,
             row_number() OVER (ORDER BY coverage DESC, rank DESC, pref DESC, article_id) AS ordinal FROM (
        SELECT DISTINCT ON (article_id) * FROM (
          SELECT b.article_id, b.locale, ${coverage} AS coverage, ts_rank(b.${vector}, ?::tsquery) AS rank, ${pref} AS pref
            FROM (SELECT * FROM search_bodies b WHERE b.${vector} @@ ?::tsquery AND ${where} LIMIT ?) b
        ) scored
        WHERE coverage >= ?
        ORDER BY article_id, pref DESC, coverage DESC, rank DESC
      ) best
      ORDER BY ordinal
      LIMIT ? OFFSET ?`,
  };
}

/**
 * Adds each page hit's article as the database of record has it (see
 * article-rows.ts) to a tier's rows, in the same statement: one round trip
 * per keystroke instead of two. A tier's rows can repeat an article (one per
 * translation); only the first row of each article counts, and only those at
 * distinct-article positions `skip + 1 … skip + take` are on the page.
 * Tiers must return an `ordinal` column (their order).
 */
export function withArticleRows(tier: SqlQuery, query: SearchQuery, page: { skip: number; take: number }): SqlQuery {
  const rows = articleRowsJson({ articleId: 'hit.article_id', hitLocale: 'hit.locale', preferLocale: '?', visibilities: '?' });
  return {
    params: [page.skip, page.skip + page.take, query.preferLocale, pgArray(query.visibilities), ...tier.params],
    sql: `SELECT hit.article_id, hit.locale, hit.rank, hit.total,
                 CASE WHEN hit.first AND hit.position > ? AND hit.position <= ? THEN ${rows} END AS articles
            FROM (SELECT f.*, count(*) FILTER (WHERE f.first) OVER (ORDER BY f.ordinal) AS position
                    FROM (SELECT h.*, row_number() OVER (PARTITION BY h.article_id ORDER BY h.ordinal) = 1 AS first
                            FROM (${tier.sql}) h) f) hit
           ORDER BY hit.ordinal`,
  };
}
