import { diffLines, diffWords, type ChangeObject } from 'diff';
import { tiptapToPlainText, type TiptapNode } from './render/tiptap-html.ts';

/** What a version stores: everything an editor can change, enough to restore it. */
export interface ArticleSnapshot {
  sectionId: string;
  visibility: string;
  tags: string[];
  ownerId: string | null;
  reviewAt: string | null;
  translations: { locale: string; slug: string; title: string; summary: string | null; body: Record<string, unknown> }[];
}

export interface FieldDiff {
  field: string;
  locale: string | null;
  parts: { value: string; added: boolean; removed: boolean }[];
}

const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Canonical JSON (sorted keys) so two snapshots compare equal when nothing changed. */
export function snapshotKey(snapshot: ArticleSnapshot): string {
  const sort = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sort)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, sort((value as Record<string, unknown>)[key])]))
        : value;
  return JSON.stringify(sort(snapshot));
}

const parts = (changes: ChangeObject<string>[]) => changes.map(({ value, added, removed }) => ({ value, added, removed }));
const same = (value: string) => [{ value, added: false, removed: false }];

/** Word diff (ICU words, so Chinese diffs by word, not by whole sentence). */
function words(before: string, after: string) {
  return parts(diffWords(before, after, { intlSegmenter: wordSegmenter }));
}

/**
 * Field-by-field differences between two snapshots; bodies are compared as
 * plain text, line by line (one line per paragraph, heading, list item…).
 */
export function diffSnapshots(before: ArticleSnapshot, after: ArticleSnapshot, names: { section: (id: string) => string; user: (id: string | null) => string }): FieldDiff[] {
  const changes: FieldDiff[] = [];
  const scalar = (field: string, a: string, b: string) => {
    if (a !== b) changes.push({ field, locale: null, parts: words(a, b) });
  };
  scalar('section', names.section(before.sectionId), names.section(after.sectionId));
  scalar('visibility', before.visibility, after.visibility);
  scalar('tags', before.tags.join(', '), after.tags.join(', '));
  scalar('owner', names.user(before.ownerId), names.user(after.ownerId));
  scalar('reviewAt', before.reviewAt ?? '', after.reviewAt ?? '');

  const locales = [...new Set([...before.translations, ...after.translations].map((t) => t.locale))].sort();
  for (const locale of locales) {
    const a = before.translations.find((t) => t.locale === locale);
    const b = after.translations.find((t) => t.locale === locale);
    for (const field of ['title', 'slug', 'summary'] as const) {
      const x = a?.[field] ?? '';
      const y = b?.[field] ?? '';
      if (x !== y) changes.push({ field, locale, parts: words(x, y) });
    }
    const x = a ? tiptapToPlainText(a.body as TiptapNode) : '';
    const y = b ? tiptapToPlainText(b.body as TiptapNode) : '';
    if (x !== y) changes.push({ field: 'body', locale, parts: parts(diffLines(x ? `${x}\n` : '', y ? `${y}\n` : '')) });
    else if (!a !== !b) changes.push({ field: 'body', locale, parts: same(x) });
  }
  return changes;
}
