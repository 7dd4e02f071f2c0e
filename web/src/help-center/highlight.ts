/** One run of a highlighted search result: plain text, marked or not. */
export interface HighlightPart {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the entities an HTML escaper produces (named ones above and numeric ones). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
}

/**
 * Splits the server's highlight string ("HTML-escaped, matches wrapped in
 * <mark>…</mark>") into text runs. Nothing here is ever parsed as HTML: only
 * the literal `<mark>` and `</mark>` tags are understood, everything else
 * becomes text, so even an unescaped `<img onerror>` shows up as characters.
 */
export function parseHighlight(value: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let marked = false;
  for (const token of value.split(/(<mark>|<\/mark>)/)) {
    if (token === '<mark>') marked = true;
    else if (token === '</mark>') marked = false;
    else if (token) {
      const text = decodeEntities(token);
      const last = parts.at(-1);
      if (last && last.marked === marked) last.text += text;
      else parts.push({ text, marked });
    }
  }
  return parts;
}
