import { defineStore } from 'pinia';
import { computed, inject } from 'vue';
import { kefuI18nKey } from './create-i18n.ts';
import { LOCALE_STORAGE_KEY, type AppLocale } from './locales.ts';
import { NAIVE_LOCALES } from './naive-locale.ts';

/**
 * The one place that changes the UI language: vue-i18n, Naive UI's locale,
 * `<html lang>` and the remembered choice move together.
 * Saving the choice to the user's profile is the session store's job.
 */
export const useLocaleStore = defineStore('locale', () => {
  const i18n = inject(kefuI18nKey);
  if (!i18n) throw new Error('useLocaleStore needs the Kefu i18n instance provided on the app.');
  const composer = i18n.global;

  const locale = computed(() => composer.locale.value as AppLocale);
  const naive = computed(() => NAIVE_LOCALES[locale.value]);

  function setLocale(next: AppLocale): void {
    composer.locale.value = next;
    document.documentElement.lang = next;
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Not remembering is better than failing to switch.
    }
  }

  return { locale, naive, setLocale };
});
