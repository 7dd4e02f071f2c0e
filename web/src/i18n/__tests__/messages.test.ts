import { describe, expect, it } from 'vitest';
import en from '../messages/en.ts';
import zhCN from '../messages/zh-CN.ts';
import zhTW from '../messages/zh-TW.ts';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe.each([
  ['zh-CN', zhCN],
  ['zh-TW', zhTW],
])('%s messages', (_locale, messages) => {
  const english = new Map(leaves(en));
  const translated = leaves(messages);

  it('keep every placeholder of the English text', () => {
    for (const [key, text] of translated) expect(placeholders(text), key).toEqual(placeholders(english.get(key) ?? ''));
  });

  it('are translations, not English copies', () => {
    // Product names and the like may stay identical; anything longer than a word must differ.
    const copies = translated.filter(([key, text]) => text === english.get(key) && /\s/.test(text));
    expect(copies).toEqual([]);
  });
});

it('zh-CN and zh-TW differ where the scripts differ', () => {
  expect(zhCN.auth.signOut).not.toBe(zhTW.auth.signOut);
  expect(zhCN.nav.knowledgeBase).toBe('知识库');
  expect(zhTW.nav.knowledgeBase).toBe('知識庫');
});
