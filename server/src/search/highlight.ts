import { distance } from 'fastest-levenshtein';
import { normalizeText } from '../text/segment.ts';
import { allowedTypos, HAN } from './query-terms.ts';

/**
 * Marks query matches in original (not normalised) text, for both engines:
 * HTML-escaped output with <mark>…</mark> around matches. Latin words match
 * exactly, by prefix (the word being typed) or within the typo budget;
 * Chinese terms match as substrings after Traditional→Simplified folding.
 */
export interface HighlightTerms {
  terms: string[];
  prefixLast: boolean;
  /** Extra index words the engine matched (typo corrections). */
  expansions?: string[];
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const charCache = new Map<string, string>();
/** One normalised character per original character, so positions map back 1:1. */
function normalizeChar(char: string): string {
  let normalized = charCache.get(char);
  if (normalized === undefined) {
    const folded = normalizeText(char);
    normalized = [...folded].length === 1 ? folded : char.toLowerCase();
    if (charCache.size < 20_000) charCache.set(char, normalized);
  }
  return normalized;
}

type Range = [start: number, end: number];

function matchRanges(text: string, query: HighlightTerms): Range[] {
  const chars = [...text];
  const normalized = chars.map(normalizeChar);
  const ranges: Range[] = [];
  const lastTerm = query.terms.at(-1);
  const latinTerms = [...query.terms, ...(query.expansions ?? [])].filter((term) => !HAN.test(term));
  const hanTerms = query.terms.filter((term) => HAN.test(term));

  // Latin-script words: maximal runs of letters/digits outside Han.
  let index = 0;
  while (index < chars.length) {
    if (!/[\p{L}\p{N}]/u.test(chars[index]!) || HAN.test(chars[index]!)) {
      index++;
      continue;
    }
    const start = index;
    while (index < chars.length && /[\p{L}\p{N}]/u.test(chars[index]!) && !HAN.test(chars[index]!)) index++;
    const word = normalized.slice(start, index).join('');
    const matches = latinTerms.some(
      (term) =>
        term === word ||
        (query.prefixLast && term === lastTerm && term.length >= 2 && word.startsWith(term)) ||
        (allowedTypos(term) > 0 && Math.abs(term.length - word.length) <= allowedTypos(term) && distance(term, word) <= allowedTypos(term)),
    );
    if (matches) ranges.push([start, index]);
  }

  // Chinese terms: substring occurrences.
  const joined = normalized.join('');
  for (const term of hanTerms) {
    const termChars = [...term];
    // Positions in `joined` are in UTF-16 units; map through a code-point offset table.
    let from = 0;
    for (;;) {
      const found = joined.indexOf(term, from);
      if (found === -1) break;
      const start = [...joined.slice(0, found)].length;
      ranges.push([start, start + termChars.length]);
      from = found + term.length;
    }
  }
  return mergeRanges(ranges);
}

function mergeRanges(ranges: Range[]): Range[] {
  const sorted = ranges.sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

function render(chars: string[], ranges: Range[], from: number, to: number): string {
  let html = '';
  let position = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    html += escapeHtml(chars.slice(position, s).join('')) + '<mark>' + escapeHtml(chars.slice(s, e).join('')) + '</mark>';
    position = e;
  }
  return html + escapeHtml(chars.slice(position, to).join(''));
}

/** The whole text, escaped, with matches marked. */
export function highlight(text: string, query: HighlightTerms): string {
  const chars = [...text];
  return render(chars, matchRanges(text, query), 0, chars.length);
}

/**
 * A passage of about `length` characters around the first match (or the
 * start), escaped, with matches marked and ellipses where it was cut.
 */
export function snippet(text: string, query: HighlightTerms, length = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  const ranges = matchRanges(flat, query);
  const first = ranges[0]?.[0] ?? 0;
  const start = Math.max(0, Math.min(first - Math.floor(length / 4), chars.length - length));
  const end = Math.min(chars.length, start + length);
  return (start > 0 ? '…' : '') + render(chars, ranges, start, end) + (end < chars.length ? '…' : '');
}
