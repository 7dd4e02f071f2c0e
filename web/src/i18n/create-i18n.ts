import type { InjectionKey } from 'vue';
import { createI18n } from 'vue-i18n';
import en, { type MessageSchema } from './messages/en.ts';
import zhCN from './messages/zh-CN.ts';
import zhTW from './messages/zh-TW.ts';
import type { AppLocale } from './locales.ts';

/** Composition-API vue-i18n with every locale bundled (three small files; no lazy loading needed yet). */
export function createKefuI18n(locale: AppLocale) {
  return createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { en, 'zh-CN': zhCN, 'zh-TW': zhTW },
    // Missing keys are caught by typecheck; keep the console quiet in tests.
    missingWarn: false,
    fallbackWarn: false,
  });
}

export type KefuI18n = ReturnType<typeof createKefuI18n>;

/**
 * Provided next to the plugin so Pinia stores can reach the instance:
 * vue-i18n provides itself under a per-app symbol that `inject` outside
 * components cannot name.
 */
export const kefuI18nKey: InjectionKey<KefuI18n> = Symbol('kefu.i18n');
