/**
 * Text normalisation and word segmentation shared by every search in Kefu
 * (agent-side ticket search, help-center search). PostgreSQL's parsers keep an
 * unbroken run of Han characters as one token, so Chinese must be segmented
 * before `to_tsvector('simple', …)`; ICU's dictionary-based word breaker
 * (Intl.Segmenter, built into Node) does that without a native dependency.
 * Traditional characters are folded to Simplified (opencc-js, character level)
 * so a zh-TW reader finds zh-CN text and vice versa.
 */
import { Converter } from 'opencc-js/t2cn';

const toSimplified = Converter({ from: 'twp', to: 'cn' });
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Variants that OpenCC keeps apart but readers treat as the same word. */
const FOLDS: Array<[RegExp, string]> = [[/帐/g, '账']];

/** NFKC (full-width → ASCII), lower case, Traditional → Simplified. */
export function normalizeText(text: string): string {
  let normalized = toSimplified(text.normalize('NFKC').toLowerCase());
  for (const [pattern, replacement] of FOLDS) normalized = normalized.replace(pattern, replacement);
  return normalized;
}

/** Word-like segments of normalised text (punctuation and spaces dropped). */
export function segmentWords(text: string): string[] {
  const words: string[] = [];
  for (const part of segmenter.segment(normalizeText(text))) {
    if (part.isWordLike) words.push(part.segment);
  }
  return words;
}

/** The text to feed `to_tsvector('simple', …)`: segments joined by spaces. */
export function toIndexText(text: string): string {
  return segmentWords(text).join(' ');
}

/**
 * Function words that carry no meaning in a question. Dropping them on the
 * query side is what lets an unrelated question return nothing instead of weak
 * matches on 的/how/my.
 */
const QUERY_STOPWORDS = new Set([
  '请问', '请', '怎么', '怎么办', '怎样', '如何', '为什么', '什么', '吗', '呢', '啊', '吧', '的', '了', '是', '我', '我的',
  '你', '你们', '我们', '在', '有', '和', '要', '能', '可以', '一下',
  'a', 'an', 'the', 'how', 'what', 'why', 'do', 'does', 'i', 'my', 'me', 'you', 'your', 'to', 'of', 'in', 'on',
  'is', 'are', 'can', 'for', 'and', 'or', 'it', 'with',
]);

/** Query terms: segmented, normalised, function words removed (all of them kept if nothing else is left). */
export function queryTerms(query: string): string[] {
  const words = segmentWords(query);
  const meaningful = words.filter((word) => !QUERY_STOPWORDS.has(word));
  return meaningful.length > 0 ? meaningful : words;
}

/** True for terms written in a Latin (or other alphabetic) script, where edit-distance typo tolerance helps. */
export function isAlphabetic(term: string): boolean {
  return /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\d]+$/u.test(term);
}
