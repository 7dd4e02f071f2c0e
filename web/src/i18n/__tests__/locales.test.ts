import { describe, expect, it } from 'vitest';
import { detectLocale, matchLocale } from '../locales.ts';

describe('matchLocale', () => {
  it.each([
    ['zh-TW', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh-MO', 'zh-TW'],
    ['zh-Hant', 'zh-TW'],
    ['zh-Hant-HK', 'zh-TW'],
    ['zh', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-Hans-HK', 'zh-CN'],
    ['zh_TW', 'zh-TW'],
    ['en-GB', 'en'],
    ['fr-FR', null],
    ['', null],
  ])('%s → %s', (tag, expected) => {
    expect(matchLocale(tag)).toBe(expected);
  });
});

describe('detectLocale', () => {
  const storage = (value: string | null) => ({ getItem: () => value });

  it('prefers the remembered choice', () => {
    expect(detectLocale(storage('zh-TW'), 'en-US')).toBe('zh-TW');
  });

  it('falls back to the browser language, then English', () => {
    expect(detectLocale(storage(null), 'zh-HK')).toBe('zh-TW');
    expect(detectLocale(storage('garbage'), 'zh-CN')).toBe('zh-CN');
    expect(detectLocale(storage(null), 'de-DE')).toBe('en');
    expect(detectLocale(undefined, undefined)).toBe('en');
  });

  it('survives storage that throws', () => {
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
    };
    expect(detectLocale(throwing, 'zh-TW')).toBe('zh-TW');
  });
});
