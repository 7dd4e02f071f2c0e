import { dateEnUS, dateZhCN, dateZhTW, enUS, zhCN, zhTW, type NDateLocale, type NLocale } from 'naive-ui';
import type { AppLocale } from './locales.ts';

/** Naive UI's own strings (pagination, empty states, date pickers) in the same language as ours. */
export const NAIVE_LOCALES: Record<AppLocale, { locale: NLocale; dateLocale: NDateLocale }> = {
  en: { locale: enUS, dateLocale: dateEnUS },
  'zh-CN': { locale: zhCN, dateLocale: dateZhCN },
  'zh-TW': { locale: zhTW, dateLocale: dateZhTW },
};
