import { Converter } from 'opencc-js/cn2t';
import { HAN } from './query-terms.ts';

/**
 * Marks query matches in original (not normalised) text, for both engines:
 * HTML-escaped output with <mark>…</mark> around matches. One regular
 * expression per query does the work: Latin words match whole, or by prefix
 * for the word being typed, plus the index words the engine matched for typos;
 * Chinese words match as substrings in Simplified or Traditional form (the
 * query is normalised to Simplified; the text may be either).
 */
export interface HighlightTerms {
  /** Normalised query words (Chinese ones joined: 客服, not 客 服). */
  terms: string[];
  prefixLast: boolean;
  /** Extra index words the engine matched (typo corrections). */
  expansions?: string[];
}

const toTraditional = Converter({ from: 'cn', to: 'twp' });
const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORD = '[\\p{L}\\p{N}]';

/** The matcher for one query, or null when nothing can match. */
export function matcher(query: HighlightTerms): RegExp | null {
  const alternatives: string[] = [];
  const last = query.terms.at(-1);
  for (const term of [...query.terms, ...(query.expansions ?? [])]) {
    if (HAN.test(term)) {
      const folded = term.replace(/账/g, '帐'); // normalisation folds 帐/帳 into 账
      const variants = new Set([term, toTraditional(term), folded, toTraditional(folded)]);
      alternatives.push(...[...variants].map(escapeRegExp));
    } else if (term) {
      const tail = query.prefixLast && term === last ? `${WORD}*` : `(?!${WORD})`;
      alternatives.push(`(?<!${WORD})${escapeRegExp(term)}${tail}`);
    }
  }
  if (!alternatives.length) return null;
  // Longest first, so 重置密码 wins over 密码 at the same position.
  alternatives.sort((a, b) => b.length - a.length);
  return new RegExp(alternatives.join('|'), 'giu');
}

function render(text: string, pattern: RegExp | null): string {
  if (!pattern) return escapeHtml(text);
  let html = '';
  let position = 0;
  let open: [number, number] | null = null;
  pattern.lastIndex = 0;
  for (const match of text.matchAll(pattern)) {
    if (!match[0]) continue;
    const start = match.index;
    const end = start + match[0].length;
    if (open && start <= open[1]) {
      open[1] = Math.max(open[1], end); // adjacent or overlapping: one mark
      continue;
    }
    if (open) html += `<mark>${escapeHtml(text.slice(open[0], open[1]))}</mark>`;
    html += escapeHtml(text.slice(open ? open[1] : position, start));
    open = [start, end];
    position = end;
  }
  if (open) {
    html += `<mark>${escapeHtml(text.slice(open[0], open[1]))}</mark>`;
    position = open[1];
  }
  return html + escapeHtml(text.slice(position));
}

/** The whole text, escaped, with matches marked. */
export function highlight(text: string, query: HighlightTerms, pattern = matcher(query)): string {
  return render(text, pattern);
}

/**
 * A passage of about `length` characters around the first match (or the
 * start), escaped, with matches marked and ellipses where it was cut.
 */
export function snippet(text: string, query: HighlightTerms, length = 160, pattern = matcher(query)): string {
  // The passage comes from the first few thousand characters of long bodies.
  const flat = text.slice(0, 4_000).replace(/\s+/g, ' ').trim();
  let first = 0;
  if (pattern) {
    pattern.lastIndex = 0;
    first = pattern.exec(flat)?.index ?? 0;
  }
  let start = Math.max(0, Math.min(first - Math.floor(length / 4), flat.length - length));
  let end = Math.min(flat.length, start + length);
  // Do not cut a surrogate pair in half.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(flat[start]!)) start--;
  if (end < flat.length && /[\uD800-\uDBFF]/.test(flat[end - 1]!)) end++;
  return (start > 0 ? '…' : '') + render(flat.slice(start, end), pattern) + (end < flat.length ? '…' : '');
}
