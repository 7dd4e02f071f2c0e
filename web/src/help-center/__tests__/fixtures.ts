import type { HelpArticlePageQuery } from '../../graphql/generated.ts';
import type { GraphqlReply } from '../../testing/render-app.ts';

export const locales = (): GraphqlReply => ({
  data: {
    helpLocales: [
      { code: 'en', name: 'English', isDefault: true },
      { code: 'zh-CN', name: '简体中文', isDefault: false },
      { code: 'zh-TW', name: '繁體中文', isDefault: false },
      { code: 'ja', name: '日本語', isDefault: false },
    ],
  },
});

export function summary(id: string, title: string, locale = 'en', slug = `article-${id}`) {
  return { id, locale, slug, title, summary: null, url: `/help/${locale}/articles/${slug}`, updatedAt: '2026-11-20T10:00:00.000Z' };
}

export const home = (): GraphqlReply => ({
  data: {
    helpCategories: [
      {
        id: 'c1',
        slug: 'account',
        name: 'Account',
        description: 'Sign-in and profile',
        icon: null,
        url: '/help/en/categories/account',
        sections: [{ id: 's1', slug: 'passwords', name: 'Passwords', url: '/help/en/sections/passwords', articleCount: 3 }],
      },
    ],
    popularArticles: [summary('a1', 'Reset your password', 'en', 'reset-password')],
  },
});

export function hit(id: string, titleHighlight: string, snippetHighlight: string) {
  return { article: summary(id, titleHighlight.replace(/<\/?mark>/g, '')), titleHighlight, snippetHighlight };
}

export function article(overrides: Partial<NonNullable<HelpArticlePageQuery['helpArticle']>> = {}): NonNullable<HelpArticlePageQuery['helpArticle']> {
  return {
    id: 'a1',
    locale: 'en',
    slug: 'reset-password',
    title: 'Reset your password',
    summary: 'How to get back into your account.',
    html: '<p>Intro.</p><h2 id="before-you-start">Before you start</h2><p>Check your email.</p><h2 id="steps">Steps</h2><ol><li>Open the sign-in page.</li></ol>',
    toc: [
      { id: 'before-you-start', text: 'Before you start', level: 2 },
      { id: 'steps', text: 'Steps', level: 2 },
    ],
    tags: ['password'],
    url: '/help/en/articles/reset-password',
    publishedAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    breadcrumbs: [
      { kind: 'home', id: null, title: 'Help center', url: '/help/en' },
      { kind: 'category', id: 'c1', title: 'Account', url: '/help/en/categories/account' },
      { kind: 'section', id: 's1', title: 'Passwords', url: '/help/en/sections/passwords' },
    ],
    alternates: [
      { locale: 'en', slug: 'reset-password', title: 'Reset your password', url: '/help/en/articles/reset-password' },
      { locale: 'zh-CN', slug: '重置密码', title: '重置密码的方法', url: '/help/zh-CN/articles/重置密码' },
    ],
    related: [summary('a2', 'Change your email address')],
    viewerVote: null,
    ...overrides,
  };
}
