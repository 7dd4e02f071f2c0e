import type { KbNameFieldsFragment } from '../../graphql/generated.ts';

/** Anything with per-locale names or titles. */
interface Localized {
  locale: string;
}

/**
 * The translation to show staff: the UI language, then the knowledge base's
 * default language, then whatever exists (an article may exist in one language only).
 */
export function pickTranslation<T extends Localized>(translations: readonly T[], uiLocale: string, defaultLocale = 'en'): T | undefined {
  return (
    translations.find((item) => item.locale === uiLocale) ??
    translations.find((item) => item.locale === defaultLocale) ??
    translations[0]
  );
}

/**
 * A URL slug from a title: lower case, words joined by dashes. Letters of any
 * script stay (the server accepts 重置密码 as a slug), punctuation goes.
 */
export function slugify(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/** Moves one element of a list, returning the new order of ids. */
export function moveId(ids: readonly string[], from: number, to: number): string[] {
  const next = [...ids];
  const [moved] = next.splice(from, 1);
  if (moved === undefined) return next;
  next.splice(Math.max(0, Math.min(to, next.length)), 0, moved);
  return next;
}

/** What the category/section dialog edits. */
export interface KbNodeValue {
  slug: string;
  translations: KbNameFieldsFragment[];
}
