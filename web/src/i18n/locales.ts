/** The languages Kefu ships, as BCP 47 tags (also what `<html lang>` gets). */
export const SUPPORTED_LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];

/** Each language named in itself, so people can find theirs whatever is showing. */
export const LOCALE_NAMES: Record<AppLocale, string> = {
  en: 'English',
  'zh-CN': '简体中文',
  'zh-TW': '繁體中文',
};

export const LOCALE_STORAGE_KEY = 'kefu.locale';

/**
 * Maps any language tag (navigator.language, a profile's locale) to a shipped
 * locale. Traditional-script regions (Taiwan, Hong Kong, Macau) and explicit
 * `Hant` get zh-TW; every other Chinese tag gets Simplified.
 */
export function matchLocale(tag: string | null | undefined): AppLocale | null {
  if (!tag) return null;
  const lower = tag.toLowerCase().replace(/_/g, '-');
  if (lower === 'zh' || lower.startsWith('zh-')) {
    return /^zh-(hant|tw|hk|mo)\b/.test(lower) || lower.includes('-hant') ? 'zh-TW' : 'zh-CN';
  }
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return null;
}

/** A remembered choice wins; otherwise the browser's language; otherwise English. */
export function detectLocale(storage: Pick<Storage, 'getItem'> | undefined, navigatorLanguage: string | undefined): AppLocale {
  let stored: string | null = null;
  try {
    stored = storage?.getItem(LOCALE_STORAGE_KEY) ?? null;
  } catch {
    // Storage can throw (privacy modes, sandboxed iframes): fall through to the browser language.
  }
  return matchLocale(stored) ?? matchLocale(navigatorLanguage) ?? 'en';
}
