import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSql } from '../src/database/raw-sql.ts';
import { startTestKefu, type TestClient, type TestKefu } from '../src/testing/index.ts';
import {
  ARTICLE_FIELDS,
  createArticle,
  createCategory,
  createSection,
  doc,
  heading,
  paragraph,
  publish,
  textDoc,
  transition,
  uniqueSlug,
} from './support/knowledge-base.ts';

const UPDATE = `mutation($input: UpdateKbArticleInput!) { updateKbArticle(input: $input) { ${ARTICLE_FIELDS} } }`;
const ARTICLE = `query($id: ID!) { kbArticle(id: $id) { ${ARTICLE_FIELDS} versions { totalCount nodes { number reason status author { id } } } } }`;

describe('knowledge base: content model, workflow and versions', () => {
  let t: TestKefu;
  let supervisor: TestClient;
  let agent: TestClient;
  let admin: TestClient;
  let sectionId: string;

  beforeAll(async () => {
    t = await startTestKefu();
    supervisor = (await t.signedIn('supervisor')).client;
    agent = (await t.signedIn('agent')).client;
    admin = (await t.signedIn('admin')).client;
    const category = await createCategory(supervisor);
    sectionId = (await createSection(supervisor, category.id)).id;
  });
  afterAll(() => t.close());

  const count = async (table: string) => Number((await runSql<{ n: string }>(t.kefu.orm.em.fork() as never, `SELECT count(*) AS n FROM ${table}`))[0]!.n);

  it('builds an ordered tree of categories, sections and articles with per-locale names', async () => {
    const category = await createCategory(supervisor, { en: 'Billing', 'zh-CN': '账单', 'zh-TW': '帳單' });
    const first = await createSection(supervisor, category.id, { en: 'Invoices' });
    const second = await createSection(supervisor, category.id, { en: 'Refunds' });
    const a1 = await createArticle(agent, first.id, [{ locale: 'en', title: 'Download an invoice', body: 'Open Billing.' }]);
    const a2 = await createArticle(agent, first.id, [{ locale: 'en', title: 'Change the invoice address', body: 'Edit it.' }]);
    await supervisor.data(`mutation($s: ID!, $ids: [ID!]!) { reorderKbSections(categoryId: $s, ids: $ids) { id } }`, { s: category.id, ids: [second.id, first.id] });
    await agent.data(`mutation($s: ID!, $ids: [ID!]!) { reorderKbArticles(sectionId: $s, ids: $ids) { id } }`, { s: first.id, ids: [a2.id, a1.id] });
    const { kbCategories } = await agent.data(`{ kbCategories { id translations { locale name } sections { id articles { id translations { title } } } } }`);
    const tree = kbCategories.find((c: { id: string }) => c.id === category.id);
    expect(tree.translations.map((n: { locale: string }) => n.locale)).toEqual(['en', 'zh-CN', 'zh-TW']);
    expect(tree.sections.map((s: { id: string }) => s.id)).toEqual([second.id, first.id]);
    expect(tree.sections[1].articles.map((a: { id: string }) => a.id)).toEqual([a2.id, a1.id]);
  });

  it('refuses a reorder that does not list every item exactly once, changing nothing', async () => {
    const category = await createCategory(supervisor);
    const section = await createSection(supervisor, category.id);
    const a = await createArticle(agent, section.id, [{ locale: 'en', title: 'A', body: 'x' }]);
    const b = await createArticle(agent, section.id, [{ locale: 'en', title: 'B', body: 'x' }]);
    const order = async () =>
      (await agent.data(`{ kbCategories { sections { id articles { id } } } }`)).kbCategories
        .flatMap((c: { sections: { id: string; articles: { id: string }[] }[] }) => c.sections)
        .find((s: { id: string }) => s.id === section.id)
        .articles.map((x: { id: string }) => x.id);
    for (const ids of [[a.id], [a.id, a.id], [a.id, b.id, sectionId]]) {
      const result = await agent.gql(`mutation($s: ID!, $ids: [ID!]!) { reorderKbArticles(sectionId: $s, ids: $ids) { id } }`, { s: section.id, ids });
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await order()).toEqual([a.id, b.id]);
  });

  it('lets only knowledge.publish roles change the structure', async () => {
    const before = await count('kb_categories');
    const result = await agent.gql(`mutation { createKbCategory(input: { slug: "nope", translations: [{ locale: "en", name: "Nope" }] }) { id } }`);
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await count('kb_categories')).toBe(before);
  });

  it('refuses to delete a section that still has articles', async () => {
    const category = await createCategory(supervisor);
    const section = await createSection(supervisor, category.id);
    await createArticle(agent, section.id, [{ locale: 'en', title: 'Keeps the section', body: 'x' }]);
    const result = await supervisor.gql(`mutation($id: ID!) { deleteKbSection(id: $id) }`, { id: section.id });
    expect(result.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await agent.data(`query($id: ID!) { kbArticles(filter: { sectionId: $id }) { totalCount } }`, { id: section.id })).kbArticles.totalCount).toBe(1);
  });

  it('creates a draft as version 1 with rendered, sanitized HTML and a table of contents', async () => {
    const article = await createArticle(agent, sectionId, [
      { locale: 'en', title: 'Reset your password', body: doc(heading('Steps'), paragraph('Click <b>Forgot password</b>.')) },
    ]);
    expect(article).toMatchObject({ status: 'draft', version: 1, visibility: 'public' });
    expect(article.translations[0].html).toBe('<h2 id="h-steps">Steps</h2><p>Click &lt;b&gt;Forgot password&lt;/b&gt;.</p>');
    expect(article.translations[0].toc).toEqual([{ id: 'h-steps', text: 'Steps', level: 2 }]);
    expect(article.translations[0].url).toBe(`/help/en/articles/${article.translations[0].slug}`);
    expect(article.owner).not.toBeNull();
  });

  it('keeps slugs unique per locale and names the offending field', async () => {
    const slug = uniqueSlug('unique');
    await createArticle(agent, sectionId, [{ locale: 'en', slug, title: 'First', body: 'x' }]);
    const before = await count('kb_articles');
    const duplicate = await agent.gql(`mutation($input: CreateKbArticleInput!) { createKbArticle(input: $input) { id } }`, {
      input: { sectionId, visibility: 'public', translations: [{ locale: 'en', slug, title: 'Second', body: textDoc('y') }] },
    });
    expect(duplicate.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(duplicate.errors?.[0].extensions?.fields).toEqual([{ field: 'translations.0.slug', message: 'is already used in this locale' }]);
    expect(await count('kb_articles')).toBe(before);
    // The same slug in another locale is fine.
    await createArticle(agent, sectionId, [{ locale: 'zh-CN', slug, title: '第三', body: 'z' }]);
  });

  it('validates locales, slugs and bodies', async () => {
    const result = await agent.gql(`mutation($input: CreateKbArticleInput!) { createKbArticle(input: $input) { id } }`, {
      input: { sectionId, visibility: 'public', translations: [{ locale: 'ja', slug: 'Bad Slug', title: '', body: { type: 'paragraph' } }] },
    });
    const fields = (result.errors?.[0].extensions?.fields as { field: string }[]).map((problem) => problem.field);
    expect(fields).toEqual(expect.arrayContaining(['translations.0.slug', 'translations.0.title', 'translations.0.body']));
  });

  it('accepts a locale once an admin adds it; agents cannot add locales', async () => {
    const refused = await agent.gql(`mutation { upsertKbLocale(input: { code: "ja", name: "日本語", enabled: true }) { code } }`);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const unknown = await agent.gql(`mutation($input: CreateKbArticleInput!) { createKbArticle(input: $input) { id } }`, {
      input: { sectionId, visibility: 'public', translations: [{ locale: 'ja', slug: uniqueSlug('ja'), title: 'パスワード', body: textDoc('x') }] },
    });
    expect(unknown.errors?.[0].extensions?.fields).toEqual([{ field: 'translations.0.locale', message: 'unknown locale ja' }]);
    await admin.data(`mutation { upsertKbLocale(input: { code: "ja", name: "日本語", enabled: true }) { code } }`);
    await createArticle(agent, sectionId, [{ locale: 'ja', title: 'パスワード', body: 'x' }]);
    expect((await agent.data(`{ kbLocales { code } }`)).kbLocales.map((l: { code: string }) => l.code)).toContain('ja');
  });

  it('runs the workflow with the right permission for each transition', async () => {
    const article = await createArticle(agent, sectionId, [{ locale: 'en', title: 'Workflow', body: 'x' }]);
    expect(article.availableTransitions).toEqual(['in_review']);
    const submitted = await transition(agent, article.id, 'in_review');
    expect(submitted.data.transitionArticle.status).toBe('in_review');

    const refused = await transition(agent, article.id, 'published');
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await agent.data(ARTICLE, { id: article.id })).kbArticle.status).toBe('in_review');

    const published = await publish(supervisor, article.id);
    expect(published.status).toBe('published');
    expect(published.publishedAt).not.toBeNull();
    expect(published.availableTransitions).toEqual(['draft', 'archived']);
    expect((await agent.data(ARTICLE, { id: article.id })).kbArticle.availableTransitions).toEqual([]);

    const archived = await transition(supervisor, article.id, 'archived');
    expect(archived.data.transitionArticle.status).toBe('archived');
    const invalid = await transition(supervisor, article.id, 'published');
    expect(invalid.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const { kbArticle } = await agent.data(ARTICLE, { id: article.id });
    expect(kbArticle.versions.nodes.map((v: { reason: string; status: string }) => `${v.reason}:${v.status}`)).toEqual([
      'status_changed:archived',
      'status_changed:published',
      'status_changed:in_review',
      'created:draft',
    ]);
  });

  it('records a version for every save (not for a save that changes nothing) and refuses stale saves', async () => {
    const article = await createArticle(agent, sectionId, [{ locale: 'en', title: 'Versions', body: 'one' }]);
    const slug = article.translations[0].slug;
    const saved = await agent.data(UPDATE, {
      input: { id: article.id, expectedVersion: 1, translations: [{ locale: 'en', slug, title: 'Versions v2', body: textDoc('one', 'two') }] },
    });
    expect(saved.updateKbArticle.version).toBe(2);
    const unchanged = await agent.data(UPDATE, { input: { id: article.id, translations: [{ locale: 'en', slug, title: 'Versions v2', body: textDoc('one', 'two') }] } });
    expect(unchanged.updateKbArticle.version).toBe(2);

    const stale = await agent.gql(UPDATE, { input: { id: article.id, expectedVersion: 1, tags: ['lost'] } });
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await agent.data(ARTICLE, { id: article.id })).kbArticle).toMatchObject({ version: 2, tags: [] });
  });

  it('compares two versions with a real diff and restores an old one as a new version', async () => {
    const article = await createArticle(agent, sectionId, [{ locale: 'en', title: 'Diff me', body: doc(paragraph('Line one'), paragraph('Line two')) }]);
    const slug = article.translations[0].slug;
    await agent.data(UPDATE, {
      input: { id: article.id, visibility: 'internal', translations: [{ locale: 'en', slug, title: 'Diff me now', body: doc(paragraph('Line one'), paragraph('Line 2')) }] },
    });
    const { kbArticleVersionDiff } = await agent.data(
      `query($id: ID!) { kbArticleVersionDiff(articleId: $id, from: 1, to: 2) { from to changes { field locale parts { value added removed } } } }`,
      { id: article.id },
    );
    const byField = Object.fromEntries(kbArticleVersionDiff.changes.map((c: { field: string }) => [c.field, c]));
    expect(Object.keys(byField).sort()).toEqual(['body', 'title', 'visibility']);
    expect(byField.title.locale).toBe('en');
    expect(byField.title.parts).toEqual(
      expect.arrayContaining([{ value: 'now', added: true, removed: false }]),
    );
    expect(byField.body.parts).toEqual([
      { value: 'Line one\n', added: false, removed: false },
      { value: 'Line two\n', added: false, removed: true },
      { value: 'Line 2\n', added: true, removed: false },
    ]);

    const { restoreKbArticleVersion } = await agent.data(
      `mutation($id: ID!) { restoreKbArticleVersion(articleId: $id, number: 1) { version visibility translations { title plainText } } }`,
      { id: article.id },
    );
    expect(restoreKbArticleVersion).toEqual({ version: 3, visibility: 'public', translations: [{ title: 'Diff me', plainText: 'Line one\nLine two' }] });
    const versions = (await agent.data(ARTICLE, { id: article.id })).kbArticle.versions.nodes;
    expect(versions[0]).toMatchObject({ number: 3, reason: 'restored' });
  });

  it('publishes on schedule through the job queue, and a schedule can be cancelled', async () => {
    const article = await createArticle(agent, sectionId, [{ locale: 'en', title: 'Scheduled', body: 'x' }]);
    const publishAt = new Date(Date.now() + 6_000).toISOString();
    const scheduled = await transition(supervisor, article.id, 'published', publishAt);
    expect(scheduled.data.transitionArticle).toMatchObject({ status: 'draft', publishAt });
    const deadline = Date.now() + 20_000;
    let status = 'draft';
    while (status !== 'published' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      status = (await agent.data(ARTICLE, { id: article.id })).kbArticle.status;
    }
    expect(status).toBe('published');

    const other = await createArticle(agent, sectionId, [{ locale: 'en', title: 'Cancelled', body: 'x' }]);
    await transition(supervisor, other.id, 'published', new Date(Date.now() + 3_600_000).toISOString());
    const cancelled = await transition(agent, other.id, 'draft');
    expect(cancelled.data.transitionArticle).toMatchObject({ status: 'draft', publishAt: null });
    await t.kefu.orm.em.fork().getConnection().execute(`UPDATE kb_articles SET publish_at = now() - interval '1 minute' WHERE id = ?`, [other.id]);
    await t.kefu.orm.em.fork().getConnection().execute(`UPDATE kb_articles SET publish_at = NULL WHERE id = ?`, [other.id]);
    expect(await t.kefu.services.knowledgeBase.workflow.publishDue()).toBe(0);
  });

  it('lists stale articles and tells their owner once per review date', async () => {
    const events: { articleId: string; ownerId: string | null }[] = [];
    const off = t.kefu.services.events.on('knowledge.articleStale', (event) => void events.push(event.payload));
    const article = await createArticle(agent, sectionId, [{ locale: 'en', title: 'Old content', body: 'x' }], {
      reviewAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    await publish(supervisor, article.id);
    const { kbStaleArticles } = await agent.data(`{ kbStaleArticles { nodes { id stale owner { id } } } }`);
    expect(kbStaleArticles.nodes).toContainEqual(expect.objectContaining({ id: article.id, stale: true }));

    await t.kefu.services.knowledgeBase.freshness.flagStale();
    await t.kefu.services.knowledgeBase.freshness.flagStale();
    off();
    const mine = events.filter((event) => event.articleId === article.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.ownerId).toBe(article.owner.id);
  });

  it('deletes an article only with knowledge.publish', async () => {
    const article = await createArticle(agent, sectionId, [{ locale: 'en', title: 'Delete me', body: 'x' }]);
    const refused = await agent.gql(`mutation($id: ID!) { deleteKbArticle(id: $id) }`, { id: article.id });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await agent.data(ARTICLE, { id: article.id })).kbArticle).not.toBeNull();
    expect(await supervisor.data(`mutation($id: ID!) { deleteKbArticle(id: $id) }`, { id: article.id })).toEqual({ deleteKbArticle: true });
    expect((await agent.data(ARTICLE, { id: article.id })).kbArticle).toBeNull();
  });
});
