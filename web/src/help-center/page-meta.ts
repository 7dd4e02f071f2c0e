import { watchEffect } from 'vue';

export interface PageMeta {
  title: string;
  description?: string | null;
  /** Path of the canonical URL (made absolute with the page's origin). */
  canonical?: string | null;
  /** hreflang → path, for the same page in other languages. */
  alternates?: Array<{ locale: string; url: string }>;
  /** The content language whose page is the `x-default` alternate. */
  defaultLocale?: string;
}

const APP_NAME = 'Kefu';

function headElement<T extends HTMLElement>(selector: string, create: () => T): T {
  const existing = document.head.querySelector<T>(selector);
  if (existing) return existing;
  const element = create();
  document.head.append(element);
  return element;
}

function absolute(path: string): string {
  return new URL(path, window.location.origin).href;
}

/**
 * Keeps <title>, the meta description and the canonical/hreflang links in step
 * with the page. The server writes the same tags into the HTML it renders for
 * crawlers; this takes those over (same selectors) instead of adding duplicates.
 */
export function applyPageMeta(meta: PageMeta): void {
  document.title = meta.title ? `${meta.title} · ${APP_NAME}` : APP_NAME;

  const description = headElement('meta[name="description"]', () => {
    const element = document.createElement('meta');
    element.name = 'description';
    return element;
  });
  if (meta.description) description.content = meta.description;
  else description.remove();

  const canonical = headElement('link[rel="canonical"]', () => {
    const element = document.createElement('link');
    element.rel = 'canonical';
    return element;
  });
  if (meta.canonical) canonical.href = absolute(meta.canonical);
  else canonical.remove();

  for (const link of document.head.querySelectorAll('link[rel="alternate"][hreflang]')) link.remove();
  const alternates = meta.alternates ?? [];
  const xDefault = alternates.find((alternate) => alternate.locale === meta.defaultLocale);
  for (const alternate of xDefault ? [...alternates, { locale: 'x-default', url: xDefault.url }] : alternates) {
    const link = document.createElement('link');
    link.rel = 'alternate';
    link.hreflang = alternate.locale;
    link.href = absolute(alternate.url);
    document.head.append(link);
  }

  // Open Graph tags exist only where the server rendered them (article pages); keep them true.
  const og = (property: string, value: string | null | undefined) => {
    const element = document.head.querySelector<HTMLMetaElement>(`meta[property="${property}"]`);
    if (element) element.content = value ?? '';
  };
  og('og:title', meta.title);
  og('og:description', meta.description);
  if (meta.canonical) og('og:url', absolute(meta.canonical));
}

/** Reactive form for views: re-applies whenever the getter's data changes. */
export function usePageMeta(meta: () => PageMeta | null): void {
  watchEffect(() => {
    const value = meta();
    if (value) applyPageMeta(value);
  });
}
