import type { KbArticleFieldsFragment, KbTreeQuery } from '../../../graphql/generated.ts';

export const kbLocales = [
  { code: 'en', name: 'English', enabled: true, isDefault: true, position: 0 },
  { code: 'zh-CN', name: '简体中文', enabled: true, isDefault: false, position: 1 },
  { code: 'zh-TW', name: '繁體中文', enabled: true, isDefault: false, position: 2 },
];

const names = (en: string, zh: string) => [
  { locale: 'en', name: en, description: null },
  { locale: 'zh-CN', name: zh, description: null },
];

const treeArticle = (id: string, title: string, position: number, status: 'draft' | 'published' = 'published') => ({
  id,
  position,
  status,
  visibility: 'public' as const,
  stale: false,
  publishAt: null,
  translations: [{ locale: 'en', title, slug: title.toLowerCase().replace(/ /g, '-') }],
});

export function tree(): KbTreeQuery {
  return {
    kbLocales,
    kbCategories: [
      {
        id: 'c1',
        slug: 'account',
        icon: null,
        position: 0,
        translations: names('Account', '账户'),
        sections: [
          {
            id: 's1',
            slug: 'passwords',
            position: 0,
            translations: names('Passwords', '密码'),
            articles: [treeArticle('a1', 'Reset your password', 0), treeArticle('a2', 'Two-step sign-in', 1, 'draft')],
          },
        ],
      },
      { id: 'c2', slug: 'billing', icon: null, position: 1, translations: names('Billing', '账单'), sections: [] },
    ],
  };
}

export const editorContext = () => ({
  data: {
    kbLocales,
    kbCategories: [
      { id: 'c1', translations: names('Account', '账户'), sections: [{ id: 's1', translations: names('Passwords', '密码') }] },
    ],
  },
});

export const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

export function kbArticle(overrides: Partial<KbArticleFieldsFragment> = {}): KbArticleFieldsFragment {
  return {
    id: 'a1',
    position: 0,
    status: 'draft',
    visibility: 'public',
    tags: ['password'],
    owner: { id: 'admin-1', name: 'Ada admin' },
    reviewAt: null,
    stale: false,
    publishAt: null,
    publishedAt: null,
    archivedAt: null,
    version: 3,
    availableTransitions: ['in_review', 'published'],
    section: { id: 's1', category: { id: 'c1' } },
    translations: [
      {
        locale: 'en',
        slug: 'reset-password',
        title: 'Reset your password',
        summary: null,
        body: doc('Open the sign-in page.'),
        html: '<p>Open the sign-in page.</p>',
        url: '/help/en/articles/reset-password',
        updatedAt: '2026-11-20T10:00:00.000Z',
        updatedBy: { id: 'admin-1', name: 'Ada admin' },
      },
    ],
    updatedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

export const metrics = {
  days: 30,
  views: 42,
  helpfulYes: 7,
  helpfulNo: 1,
  helpfulRatio: 0.875,
  comments: [{ helpful: false, comment: 'Missing the SMS step', locale: 'en', createdAt: '2026-11-20T10:00:00.000Z' }],
};
