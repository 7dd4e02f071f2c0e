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

/** What the category/section dialog edits. */
export interface KbNodeValue {
  slug: string;
  translations: KbNameFieldsFragment[];
}
