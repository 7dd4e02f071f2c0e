/**
 * The public URL scheme of the help center (documented in docs/api.md). The
 * SPA routes, the crawler-facing article pages and sitemap.xml all use these.
 */
const segment = (value: string) => encodeURIComponent(value);

export const HELP_PREFIX = '/help';
export const helpHomeUrl = (locale: string) => `${HELP_PREFIX}/${segment(locale)}`;
export const categoryUrl = (locale: string, slug: string) => `${HELP_PREFIX}/${segment(locale)}/categories/${segment(slug)}`;
export const sectionUrl = (locale: string, slug: string) => `${HELP_PREFIX}/${segment(locale)}/sections/${segment(slug)}`;
export const articleUrl = (locale: string, slug: string) => `${HELP_PREFIX}/${segment(locale)}/articles/${segment(slug)}`;
