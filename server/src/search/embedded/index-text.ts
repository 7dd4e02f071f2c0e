import { isAlphabetic, normalizeText, segmentWords } from '../../text/segment.ts';
import { HAN } from '../query-terms.ts';

/**
 * Builds tsvector literals directly from ICU word segments, so the index and
 * the query see exactly the same tokens (PostgreSQL's own parser would keep a
 * run of Han characters as one word and split some Latin words differently).
 */
const MAX_POSITION = 16383;
const MAX_LEXEME = 200;

export const quoteLexeme = (word: string) => `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

export function tsvectorLiteral(parts: { text: string; weight: 'A' | 'B' | 'C' | 'D' }[]): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  for (const part of parts) {
    for (const word of segmentWords(part.text)) {
      if (word.length > MAX_LEXEME) continue;
      position = Math.min(position + 1, MAX_POSITION);
      const list = positions.get(word) ?? [];
      // PostgreSQL keeps at most 256 positions per lexeme.
      if (list.length < 256) list.push(`${position}${part.weight}`);
      positions.set(word, list);
    }
    position = Math.min(position + 10, MAX_POSITION); // no phrase spans across fields
  }
  return [...positions].map(([word, list]) => `${quoteLexeme(word)}:${list.join(',')}`).join(' ');
}

/** Character bigrams of every Han run: catches Chinese typos and segmentation differences. */
export function hanBigrams(text: string): string[] {
  const grams = new Set<string>();
  for (const run of normalizeText(text).match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    if (chars.length === 1) grams.add(run);
    for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  }
  return [...grams];
}

/** Latin-script words worth offering as typo corrections. */
export function vocabulary(text: string): string[] {
  return [...new Set(segmentWords(text).filter((word) => word.length >= 3 && word.length <= 40 && isAlphabetic(word) && !HAN.test(word) && !/^\d+$/.test(word)))];
}
