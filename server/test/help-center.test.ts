import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestClient, type TestKefu } from '../src/testing/index.ts';
import { createArticle, createCategory, createSection, doc, heading, paragraph, publishedArticle, waitForIndex } from './support/knowledge-base.ts';

const ARTICLE = `query($slug: String!, $locale: String!) {
  helpArticle(slug: $slug, locale: $locale) {
    id title summary html url visibility toc { id text level } tags
    breadcrumbs { kind title url } alternates { locale slug url }
    category { id name } section { id name }
    related { id title }
  }
}`;

describe('help center: public reads and visibility', () => {
  let t: TestKefu;
  let admin: TestClient;
  let agent: TestClient;
  let customer: TestClient;
  let anonymous: TestClient;
  const a: Record<string, any> = {};
  let publicSection: { id: string; slug: string };
  let internalSection: { id: string; slug: string };
  let internalCategory: { id: string; slug: string };

  beforeAll(async () => {
    t = await startTestKefu({ env: { SEARCH_RATE_LIMIT_PER_MINUTE: '100000', PUBLIC_URL: 'https://help.example.com' } });
    admin = (await t.signedIn('admin')).client;
    agent = (await t.signedIn('agent')).client;
    customer = (await t.signedIn('customer')).client;
    anonymous = t.client();
    const category = await createCategory(admin, { en: 'Account', 'zh-CN': '账户', 'zh-TW': '帳戶' });
    publicSection = await createSection(admin, category.id, { en: 'Sign-in', 'zh-CN': '登录' });
    internalCategory = await createCategory(admin, { en: 'Agent playbooks' });
    internalSection = await createSection(admin, internalCategory.id, { en: 'Escalations' });
    a.public = await publishedArticle(
      admin,
      publicSection.id,
      [
        { locale: 'en', title: 'Reset your password', summary: 'How to get back in', body: doc(heading('Steps'), paragraph('Use "Forgot password".')) },
        { locale: 'zh-CN', title: '重置密码', body: '点击忘记密码。' },
        { locale: 'zh-TW', title: '重設密碼', body: '點擊忘記密碼。' },
      ],
      { tags: ['password', 'sign-in'] },
    );
    a.related = await publishedArticle(admin, publicSection.id, [{ locale: 'en', title: 'Two-factor sign-in', body: 'Use an app.' }], { tags: ['sign-in'] });
    a.signedIn = await publishedArticle(admin, publicSection.id, [{ locale: 'en', title: 'Your invoices', body: 'Only for customers.' }], {
      visibility: 'signed_in',
      tags: ['password'],
    });
    a.internal = await publishedArticle(admin, internalSection.id, [{ locale: 'en', title: 'Escalate a password lockout', body: 'Call the on-call engineer.' }], {
      visibility: 'internal',
      tags: ['password'],
    });
    a.internalInPublicSection = await publishedArticle(admin, publicSection.id, [{ locale: 'en', title: 'Agent-only password override', body: 'Secret steps.' }], {
      visibility: 'internal',
      tags: ['password', 'sign-in'],
    });
    a.draft = await createArticle(admin, publicSection.id, [{ locale: 'en', title: 'Unreleased draft', body: 'Not yet.' }]);
    // Views make the internal article the most popular one: it must still never be listed publicly.
    for (const client of [agent, admin]) await client.data(`mutation($id: ID!) { recordArticleView(articleId: $id, locale: "en") }`, { id: a.internal.id });
    await waitForIndex(t);
  });
  afterAll(() => t.close());

  const slugOf = (article: any, locale = 'en') => article.translations.find((tr: any) => tr.locale === locale).slug;
  const read = async (client: TestClient, article: any, locale = 'en') =>
    (await client.data(ARTICLE, { slug: slugOf(article, locale), locale })).helpArticle;

  it('serves a public article with HTML, TOC, breadcrumbs, alternates and related articles', async () => {
    const article = await read(anonymous, a.public);
    expect(article).toMatchObject({ id: a.public.id, title: 'Reset your password', summary: 'How to get back in', visibility: 'public' });
    expect(article.html).toContain('<h2 id="h-steps">Steps</h2>');
    expect(article.toc).toEqual([{ id: 'h-steps', text: 'Steps', level: 2 }]);
    expect(article.breadcrumbs.map((crumb: { kind: string; title: string }) => `${crumb.kind}:${crumb.title}`)).toEqual([
      'home:Help center', 'category:Account', 'section:Sign-in',
    ]);
    expect(article.alternates.map((alt: { locale: string }) => alt.locale)).toEqual(['en', 'zh-CN', 'zh-TW']);
    expect(article.related.map((r: { id: string }) => r.id)).toEqual([a.related.id]);
    const zh = await read(anonymous, a.public, 'zh-TW');
    expect(zh.category.name).toBe('帳戶');
  });

  it('keeps internal articles from anonymous visitors and customers on every read path', async () => {
    for (const client of [anonymous, customer]) {
      expect(await read(client, a.internal)).toBeNull();
      expect(await read(client, a.draft)).toBeNull();
      const { helpCategories } = await client.data(`{ helpCategories(locale: "en") { id sections { id articles { id } articleCount } } }`);
      const listed = helpCategories.flatMap((c: any) => c.sections.flatMap((s: any) => s.articles.map((x: any) => x.id)));
      expect(listed).not.toContain(a.internal.id);
      expect(listed).not.toContain(a.internalInPublicSection.id);
      expect(listed).not.toContain(a.draft.id);
      expect(helpCategories.map((c: { id: string }) => c.id)).not.toContain(internalCategory.id);
      expect((await client.data(`query($s: String!) { helpSection(slug: $s, locale: "en") { id } }`, { s: internalSection.slug })).helpSection).toBeNull();
      expect((await client.data(`query($s: String!) { helpCategory(slug: $s, locale: "en") { id } }`, { s: internalCategory.slug })).helpCategory).toBeNull();
      const popular = (await client.data(`{ popularArticles(locale: "en", limit: 50) { id } }`)).popularArticles.map((x: { id: string }) => x.id);
      expect(popular).not.toContain(a.internal.id);
      expect(popular).not.toContain(a.internalInPublicSection.id);
      const related = (await read(client, a.public)).related.map((x: { id: string }) => x.id);
      expect(related).not.toContain(a.internalInPublicSection.id);
      const suggested = (await client.data(`{ suggestArticles(text: "password lockout override", locale: "en") { article { id } } }`)).suggestArticles;
      expect(suggested.map((hit: any) => hit.article.id)).not.toContain(a.internal.id);
      for (const mutation of [
        `mutation($id: ID!) { recordArticleView(articleId: $id, locale: "en") }`,
        `mutation($id: ID!) { voteHelpful(input: { articleId: $id, helpful: true, locale: "en" }) { helpful } }`,
        `mutation($id: ID!) { recordSuggestionOpen(input: { articleId: $id, query: "x", surface: contact_form, locale: "en" }) }`,
      ]) {
        const refused = await client.gql(mutation, { id: a.internal.id });
        expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      }
    }
  });

  it('shows signed_in articles to signed-in customers only', async () => {
    expect(await read(anonymous, a.signedIn)).toBeNull();
    expect((await read(customer, a.signedIn)).id).toBe(a.signedIn.id);
  });

  it('lets staff read internal articles and get them as suggestions', async () => {
    expect((await read(agent, a.internal)).id).toBe(a.internal.id);
    const suggested = (await agent.data(`{ suggestArticles(text: "customer is locked out, password lockout", locale: "en") { article { id } } }`)).suggestArticles;
    expect(suggested.map((hit: any) => hit.article.id)).toContain(a.internal.id);
  });

  it('lists only public articles in the sitemap, with hreflang alternates', async () => {
    const { helpSitemap } = await anonymous.data(`{ helpSitemap { articleId alternates { locale url } } }`);
    const listed = helpSitemap.map((entry: { articleId: string }) => entry.articleId);
    expect(listed).toContain(a.public.id);
    for (const hidden of [a.internal, a.signedIn, a.draft, a.internalInPublicSection]) expect(listed).not.toContain(hidden.id);

    const response = await fetch(`${t.url}/sitemap.xml`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/xml');
    const xml = await response.text();
    expect(xml).toContain(`<loc>https://help.example.com/help/en/articles/${slugOf(a.public)}</loc>`);
    expect(xml).toContain(`<xhtml:link rel="alternate" hreflang="zh-CN" href="https://help.example.com/help/zh-CN/articles/${encodeURIComponent(slugOf(a.public, 'zh-CN'))}"/>`);
    for (const hidden of [a.internal, a.signedIn, a.draft, a.internalInPublicSection]) expect(xml).not.toContain(slugOf(hidden));
  });

  it('returns crawler-ready HTML for a public article page', async () => {
    const response = await fetch(`${t.url}/help/en/articles/${slugOf(a.public)}`, { headers: { 'user-agent': 'Googlebot/2.1' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>Reset your password</title>');
    expect(html).toContain('<meta name="description" content="How to get back in" />');
    expect(html).toContain(`<link rel="canonical" href="https://help.example.com/help/en/articles/${slugOf(a.public)}" />`);
    expect(html).toContain(`<link rel="alternate" hreflang="zh-TW" href="https://help.example.com/help/zh-TW/articles/${encodeURIComponent(slugOf(a.public, 'zh-TW'))}" />`);
    expect(html).toContain('<link rel="alternate" hreflang="x-default"');
    expect(html).toContain('<meta property="og:title" content="Reset your password" />');
    expect(html).toContain('<meta property="og:locale:alternate" content="zh_CN" />');
    expect(html).toMatch(/<div id="app"><article class="kb-prerendered">.*<h1>Reset your password<\/h1><h2 id="h-steps">Steps<\/h2>/s);
    const zh = await (await fetch(`${t.url}/help/zh-CN/articles/${encodeURIComponent(slugOf(a.public, 'zh-CN'))}`)).text();
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('<title>重置密码</title>');
  });

  it('never prerenders an internal, signed-in-only or unknown article', async () => {
    for (const article of [a.internal, a.signedIn, a.draft]) {
      const response = await fetch(`${t.url}/help/en/articles/${slugOf(article)}`);
      expect(response.status).toBe(404);
      const html = await response.text();
      expect(html).not.toContain(article.translations[0].title);
      expect(html).toContain('<div id="app"></div>');
    }
  });
});
