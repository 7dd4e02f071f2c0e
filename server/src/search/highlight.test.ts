import { describe, expect, it } from 'vitest';
import { highlight, snippet } from './highlight.ts';

describe('highlight', () => {
  it('marks whole Latin words, the prefix being typed and typo corrections, case-insensitively', () => {
    expect(highlight('Reset your Password now', { terms: ['reset', 'passw'], prefixLast: true })).toBe('<mark>Reset</mark> your <mark>Password</mark> now');
    expect(highlight('Preset passwords', { terms: ['reset'], prefixLast: false })).toBe('Preset passwords');
    expect(highlight('Your password', { terms: ['pasword'], prefixLast: false, expansions: ['password'] })).toBe('Your <mark>password</mark>');
  });

  it('marks Chinese words in Simplified and Traditional text and merges adjacent marks', () => {
    expect(highlight('重置密码的方法', { terms: ['重置', '密码'], prefixLast: false })).toBe('<mark>重置密码</mark>的方法');
    expect(highlight('如何變更帳戶電子郵件', { terms: ['账户', '电子邮件'], prefixLast: false })).toBe('如何變更<mark>帳戶電子郵件</mark>');
  });

  it('escapes everything that is not a mark', () => {
    expect(highlight('<b>reset</b> & co', { terms: ['reset'], prefixLast: false })).toBe('&lt;b&gt;<mark>reset</mark>&lt;/b&gt; &amp; co');
    expect(highlight('a.b*c', { terms: ['.*'], prefixLast: false })).toBe('a.b*c');
  });

  it('cuts a snippet around the first match', () => {
    const text = `${'intro '.repeat(60)}the password is reset here ${'outro '.repeat(60)}`;
    const result = snippet(text, { terms: ['password'], prefixLast: false }, 60);
    expect(result.startsWith('…')).toBe(true);
    expect(result.endsWith('…')).toBe(true);
    expect(result).toContain('<mark>password</mark>');
  });
});
