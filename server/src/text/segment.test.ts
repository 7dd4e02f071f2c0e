import { describe, expect, it } from 'vitest';
import { normalizeText, queryTerms, segmentWords, toIndexText } from './segment.ts';

describe('text segmentation', () => {
  it('splits unbroken Chinese into words, so a phrase query shares terms with the title', () => {
    const title = new Set(segmentWords('重置密码的方法'));
    const query = queryTerms('如何重置密码');
    expect(query.length).toBeGreaterThan(1);
    for (const term of query) expect(title).toContain(term);
  });

  it('folds Traditional to Simplified and full-width to ASCII', () => {
    expect(normalizeText('重設密碼 ＡＢＣ')).toBe('重设密码 abc');
    expect(toIndexText('帳號')).toBe(toIndexText('账号'));
  });

  it('drops function words from queries but keeps a query made only of them', () => {
    expect(queryTerms('how do I reset my password')).toEqual(['reset', 'password']);
    expect(queryTerms('how')).toEqual(['how']);
  });
});
