import { isAlphabetic, queryTerms } from '../text/segment.ts';

/**
 * Words that mean the same to readers. Applied on the query side by both
 * engines (the embedded one expands terms; Meilisearch gets them as its
 * synonyms setting). Keys and values are normalised (lower case, Simplified).
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

export interface AnalyzedQuery {
  /** Normalised, segmented terms without function words (at most 12). */
  terms: string[];
  /** The last term is still being typed: match it as a prefix. */
  prefixLast: boolean;
}

export const HAN = /\p{Script=Han}/u;

export function analyzeQuery(text: string): AnalyzedQuery {
  const terms = queryTerms(text).slice(0, 12);
  return { terms, prefixLast: terms.length > 0 && !/[\s\p{P}]$/u.test(text) };
}

/** Typos allowed for a Latin-script word of this length (Meilisearch's defaults, one step earlier). */
export function allowedTypos(term: string): number {
  if (!isAlphabetic(term) || HAN.test(term)) return 0;
  if (term.length >= 8) return 2;
  if (term.length >= 4) return 1;
  return 0;
}
