import { isAlphabetic, queryTerms, segmentWords } from '../text/segment.ts';

/**
 * Words that mean the same to readers. Applied on the query side by the
 * embedded engine and given to Meilisearch as its synonyms setting. Keys and
 * values are normalised (lower case, Simplified).
 */
export const SEARCH_SYNONYMS: Record<string, string[]> = {
  login: ['logon', 'signin'],
  signin: ['login'],
  email: ['mail'],
  登录: ['登陆', '登入'],
  登陆: ['登录'],
  登入: ['登录'],
  邮箱: ['邮件', '电子邮件'],
  退款: ['退钱'],
  密码: ['口令'],
};

export const HAN = /\p{Script=Han}/u;

export interface AnalyzedQuery {
  /** Normalised, segmented terms without function words (at most 12). */
  terms: string[];
  /**
   * The terms grouped into units: ICU splits many Chinese words into single
   * characters (客服 → 客 服, 重置 → 重 置); adjacent single characters form one
   * unit, matched as a phrase (or as the joined word).
   */
  units: string[][];
  /** The last word is still being typed: match it as a prefix. */
  prefixLast: boolean;
}

const isSingleHan = (word: string) => [...word].length === 1 && HAN.test(word);

export function analyzeQuery(text: string): AnalyzedQuery {
  const words = segmentWords(text);
  const kept = queryTerms(text);
  // Mark which of the words survived the stoplist (kept is a subsequence of words).
  const keep: boolean[] = [];
  let next = 0;
  for (const word of words) {
    const match = next < kept.length && kept[next] === word;
    keep.push(match);
    if (match) next++;
  }
  const units: string[][] = [];
  let previousWasSingleHan = false;
  words.forEach((word, index) => {
    if (!keep[index]) {
      previousWasSingleHan = false;
      return;
    }
    const single = isSingleHan(word);
    if (single && previousWasSingleHan) units.at(-1)!.push(word);
    else units.push([word]);
    previousWasSingleHan = single;
  });
  const limited = units.slice(0, 12);
  return { terms: limited.flat(), units: limited, prefixLast: limited.length > 0 && !/[\s\p{P}]$/u.test(text) };
}

/** The text of each unit: what highlighting and Meilisearch see (客服, not 客 服). */
export const unitTexts = (query: AnalyzedQuery) => query.units.map((unit) => unit.join(''));

/** Typos allowed for a Latin-script word of this length (Meilisearch's defaults, one step earlier). */
export function allowedTypos(term: string): number {
  if (!isAlphabetic(term) || HAN.test(term)) return 0;
  if (term.length >= 8) return 2;
  if (term.length >= 4) return 1;
  return 0;
}
