import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot } from '../../testing/fixtures.ts';
import { renderApp, settle, type GraphqlReply } from '../../testing/render-app.ts';
import { article, hit, home, locales } from './fixtures.ts';

const publicPages = { SessionBoot: boot(null), HelpLocales: locales, HelpHome: home };

function type(id: string, value: string): void {
  const input = document.getElementById(id) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

describe('help center home', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('sends / to the home page in the reader’s language, with categories and popular articles', async () => {
    localStorage.setItem('kefu.locale', 'zh-TW');
    const { wrapper, router, callsTo } = await renderApp('/', publicPages);
    expect(router.currentRoute.value.fullPath).toBe('/help/zh-TW');
    await vi.waitFor(() => expect(wrapper.text()).toContain('Reset your password'));
    expect(callsTo('HelpHome')[0]?.variables).toEqual({ locale: 'zh-TW' });
    expect(wrapper.find('h1').text()).toBe('需要什麼協助？');
    expect(wrapper.find('a[href="/help/en/categories/account"]').text()).toBe('Account');
    expect(wrapper.find('a[href="/help/en/sections/passwords"]').exists()).toBe(true);
    expect(wrapper.find('form[role="search"] input[type="search"]').attributes('id')).toBe('help-center-search');
    // Landmarks for assistive technology.
    expect(wrapper.find('header').exists() && wrapper.find('main').exists() && wrapper.find('footer').exists()).toBe(true);
  });

  it('lists the admin-added languages and treats an unknown one as not found', async () => {
    const { wrapper } = await renderApp('/help/xx', publicPages);
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('Page not found'));
    const options = wrapper.findAll('header select option').map((option) => option.attributes('value'));
    expect(options).toEqual(['en', 'zh-CN', 'zh-TW', 'ja']);
  });
});

describe('search as you type', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('asks once after typing stops and renders highlights as <mark>, everything else as text', async () => {
    const { wrapper, callsTo } = await renderApp('/help/en', {
      ...publicPages,
      SearchArticles: () => ({
        data: {
          searchArticles: {
            query: 'pasword reset',
            totalHits: 2,
            hits: [
              hit('a1', 'Reset your <mark>password</mark>', 'Use the &lt;img src=x onerror=alert(1)&gt; link to <mark>reset</mark> it &amp; sign in.'),
              // A server bug that forgot to escape must still not produce markup.
              hit('a9', 'Raw <b>bold</b> <script>alert(1)</script>', ''),
            ],
          },
        },
      }),
    });
    await settle();
    type('help-center-search', 'pas');
    type('help-center-search', 'pasword');
    type('help-center-search', 'pasword reset');
    await vi.waitFor(() => expect(wrapper.findAll('.hits mark')).toHaveLength(2));

    expect(callsTo('SearchArticles')).toHaveLength(1);
    expect(callsTo('SearchArticles')[0]?.variables).toEqual({ input: { query: 'pasword reset', locale: 'en', limit: 5 } });
    const results = wrapper.find('.hits');
    expect(results.findAll('mark').map((mark) => mark.text())).toEqual(['password', 'reset']);
    // Escaped text shows as characters; nothing but <mark> is ever created.
    expect(results.text()).toContain('Use the <img src=x onerror=alert(1)> link to reset it & sign in.');
    expect(results.text()).toContain('Raw <b>bold</b> <script>alert(1)</script>');
    expect(results.find('img').exists()).toBe(false);
    expect(results.find('b').exists()).toBe(false);
    expect(results.find('script').exists()).toBe(false);
    expect(results.find('a[href="/help/en/articles/article-a1"]').exists()).toBe(true);
  });

  it('cancels a request still in flight when the query changes, so a late answer cannot win', async () => {
    let answerFirst: (reply: GraphqlReply) => void = () => {};
    const reply = (query: string, title: string): GraphqlReply => ({
      data: { searchArticles: { query, totalHits: 1, hits: [hit(title, title, '')] } },
    });
    const { wrapper, callsTo } = await renderApp('/help/en/search', {
      ...publicPages,
      SearchArticles: (variables) => {
        const query = (variables.input as { query: string }).query;
        if (query === 'refund') return new Promise<GraphqlReply>((resolve) => (answerFirst = resolve));
        return reply(query, 'Refund status');
      },
    });
    type('help-search-page-input', 'refund');
    await vi.waitFor(() => expect(callsTo('SearchArticles')).toHaveLength(1));
    type('help-search-page-input', 'refund status');
    await vi.waitFor(() => expect(wrapper.find('.hits').text()).toContain('Refund status'));

    expect(callsTo('SearchArticles')[0]?.signal?.aborted).toBe(true);
    answerFirst(reply('refund', 'Stale answer'));
    await settle();
    expect(wrapper.find('.hits').text()).not.toContain('Stale answer');
    expect(wrapper.vm.$router.currentRoute.value.query.q).toBe('refund status');
  });

  it('opens the results page for ?q= and says when nothing matches', async () => {
    const { wrapper, callsTo } = await renderApp('/help/zh-CN/search?q=如何重置密码', {
      ...publicPages,
      SearchArticles: () => ({ data: { searchArticles: { query: '如何重置密码', totalHits: 0, hits: [] } } }),
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('没有与“如何重置密码”匹配的文章。'));
    expect(callsTo('SearchArticles')[0]?.variables).toEqual({ input: { query: '如何重置密码', locale: 'zh-CN', limit: 20 } });
  });
});

describe('article page', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  const articlePage = (overrides = {}) => ({
    ...publicPages,
    HelpArticlePage: () => ({ data: { helpArticle: article(overrides) } }),
    RecordArticleView: () => ({ data: { recordArticleView: true } }),
    VoteHelpful: (variables: Record<string, unknown>) => ({
      data: { voteHelpful: { helpful: (variables.input as { helpful: boolean }).helpful, changed: true } },
    }),
  });

  it('shows breadcrumbs, the table of contents, related articles, and records one view', async () => {
    const { wrapper, callsTo } = await renderApp('/help/en/articles/reset-password', articlePage());
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('Reset your password'));

    expect(callsTo('HelpArticlePage')[0]?.variables).toEqual({ slug: 'reset-password', locale: 'en' });
    const crumbs = wrapper.find('nav[aria-label="Breadcrumb"]');
    expect(crumbs.findAll('a').map((link) => link.text())).toEqual(['Help center', 'Account', 'Passwords']);
    expect(crumbs.find('[aria-current="page"]').text()).toBe('Reset your password');

    const toc = wrapper.find('nav[aria-label="On this page"]');
    expect(toc.findAll('a').map((link) => [link.text(), link.attributes('href')])).toEqual([
      ['Before you start', '/help/en/articles/reset-password#before-you-start'],
      ['Steps', '/help/en/articles/reset-password#steps'],
    ]);
    // The anchors exist in the body the server rendered.
    expect(wrapper.find('.article__body h2#steps').text()).toBe('Steps');
    expect(wrapper.find('a[href="/help/en/articles/article-a2"]').text()).toBe('Change your email address');
    expect(document.title).toBe('Reset your password · Kefu');
    expect(document.head.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(new URL('/help/en/articles/reset-password', window.location.origin).href);

    await settle();
    expect(callsTo('RecordArticleView').map((call) => call.variables)).toEqual([{ articleId: 'a1', locale: 'en' }]);
  });

  it('sends one helpful vote however often it is clicked, then takes an optional comment', async () => {
    const { wrapper, callsTo } = await renderApp('/help/en/articles/reset-password', articlePage());
    await vi.waitFor(() => expect(wrapper.text()).toContain('Was this article helpful?'));
    const yes = wrapper.findAll('.vote button').find((button) => button.text() === 'Yes')!;
    // A double click: the second click comes before Vue re-renders (no disabled button yet).
    (yes.element as HTMLButtonElement).click();
    (yes.element as HTMLButtonElement).click();
    await settle();

    expect(callsTo('VoteHelpful').map((call) => call.variables)).toEqual([{ input: { articleId: 'a1', locale: 'en', helpful: true } }]);
    expect(wrapper.text()).toContain('Thanks! Glad it helped.');
    expect(wrapper.findAll('.vote button').some((button) => button.text() === 'Yes')).toBe(false);

    type(wrapper.find('.vote textarea').attributes('id')!, 'Clear steps');
    await settle();
    await wrapper.find('.vote form').trigger('submit');
    await settle();
    expect(callsTo('VoteHelpful').at(-1)?.variables).toEqual({ input: { articleId: 'a1', locale: 'en', helpful: true, comment: 'Clear steps' } });
    expect(wrapper.text()).toContain('Your comment was sent to the team.');
  });

  it('does not offer the vote again to a reader who already voted', async () => {
    const { wrapper } = await renderApp('/help/en/articles/reset-password', articlePage({ viewerVote: false }));
    await vi.waitFor(() => expect(wrapper.text()).toContain('Thanks for telling us.'));
    expect(wrapper.findAll('.vote button').some((button) => button.text() === 'No')).toBe(false);
  });

  it('switches language to the article’s own translation (its slug differs per language)', async () => {
    const { wrapper, router, callsTo } = await renderApp('/help/en/articles/reset-password', articlePage());
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('Reset your password'));
    await wrapper.find('header select').setValue('zh-CN');
    await settle();
    expect(decodeURIComponent(router.currentRoute.value.path)).toBe('/help/zh-CN/articles/重置密码');
    expect(callsTo('HelpArticlePage').at(-1)?.variables).toEqual({ slug: '重置密码', locale: 'zh-CN' });
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(wrapper.find('footer').text()).toBe('由开源客服系统 Kefu 提供支持。');
  });

  it('says not found when the article is missing or not readable', async () => {
    const { wrapper } = await renderApp('/help/en/articles/internal-only', { ...articlePage(), HelpArticlePage: () => ({ data: { helpArticle: null } }) });
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('Page not found'));
    expect(wrapper.findAll('.vote')).toHaveLength(0);
  });
});
