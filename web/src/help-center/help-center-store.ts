import { defineStore } from 'pinia';
import { computed, inject, ref, shallowRef } from 'vue';
import { HelpLocalesDocument, type HelpLocalesQuery } from '../graphql/generated.ts';
import { transportKey } from '../graphql/transport.ts';

export type HelpLocale = HelpLocalesQuery['helpLocales'][number];

/** Built-in content languages, shown until (or if) the server's list arrives. */
const BUILT_IN: HelpLocale[] = [
  { code: 'en', name: 'English', isDefault: true },
  { code: 'zh-CN', name: '简体中文', isDefault: false },
  { code: 'zh-TW', name: '繁體中文', isDefault: false },
];

/**
 * Help-center state shared by the shell and its pages: the content languages
 * (built-in plus admin-added, from `helpLocales`) and, on an article page, the
 * article's translations, so the language switcher can go to the same article
 * in another language (slugs differ per locale).
 */
export const useHelpCenterStore = defineStore('help-center', () => {
  const transport = inject(transportKey);
  if (!transport) throw new Error('useHelpCenterStore needs a KefuTransport provided on the app.');
  const client = transport.client;
  const locales = shallowRef<HelpLocale[]>(BUILT_IN);
  const loaded = ref(false);
  /** locale → path of the current page in that locale; empty when the page has no translations. */
  const alternates = shallowRef<Record<string, string>>({});
  let loading: Promise<void> | null = null;

  function loadLocales(): Promise<void> {
    loading ??= client
      .query(HelpLocalesDocument, {}, { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        if (result.data?.helpLocales.length) locales.value = result.data.helpLocales;
        loaded.value = !result.error;
        if (result.error) loading = null; // try again on the next page
      });
    return loading;
  }

  /** The language whose pages are the hreflang x-default. */
  const defaultLocale = computed(() => locales.value.find((locale) => locale.isDefault)?.code ?? 'en');

  function isKnown(code: string): boolean {
    return locales.value.some((locale) => locale.code === code);
  }

  return { locales, loaded, alternates, defaultLocale, loadLocales, isKnown };
});
