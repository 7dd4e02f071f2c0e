import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSql } from '../src/database/raw-sql.ts';
import { TestClient, startTestKefu, type TestKefu } from '../src/testing/index.ts';
import { createCategory, createSection, publishedArticle, waitForIndex } from './support/knowledge-base.ts';

const VIEW = `mutation($id: ID!) { recordArticleView(articleId: $id, locale: "en") }`;
const VOTE = `mutation($input: VoteHelpfulInput!) { voteHelpful(input: $input) { helpful changed } }`;
const METRICS = `query($id: ID!) { kbArticle(id: $id) { metrics { views helpfulYes helpfulNo helpfulRatio comments { helpful comment } } } }`;

describe('knowledge-base metrics: views, votes, searches, suggestions', () => {
  let t: TestKefu;
  let admin: TestClient;
  let sectionId: string;

  beforeAll(async () => {
    t = await startTestKefu({ env: { SEARCH_RATE_LIMIT_PER_MINUTE: '100000' } });
    admin = (await t.signedIn('admin')).client;
    const category = await createCategory(admin);
    sectionId = (await createSection(admin, category.id)).id;
  });
  afterAll(() => t.close());

  const article = (title = 'Metrics article') => publishedArticle(admin, sectionId, [{ locale: 'en', title, body: 'Some help text.' }]);
  const metrics = async (id: string) => (await admin.data(METRICS, { id })).kbArticle.metrics;
  /** A client that replays requests with exactly the cookies it was given. */
  const replayWith = (cookies: Map<string, string>) => {
    const client = new TestClient(t.url);
    for (const [name, value] of cookies) client.cookies.set(name, value);
    return client;
  };

  it('counts a view once per visitor and day, however often the request is replayed', async () => {
    const { id } = await article();
    const visitor = t.client();
    expect((await visitor.data(VIEW, { id })).recordArticleView).toBe(true);
    expect(visitor.cookies.has('kefu_visitor')).toBe(true);
    for (let i = 0; i < 3; i++) expect((await visitor.data(VIEW, { id })).recordArticleView).toBe(false);
    const replayed = replayWith(visitor.cookies);
    expect((await replayed.data(VIEW, { id })).recordArticleView).toBe(false);
    expect((await t.client().data(VIEW, { id })).recordArticleView).toBe(true);
    expect((await metrics(id)).views).toBe(2);
  });

  it('bounds views replayed without cookies from one IP', async () => {
    const { id } = await article('Replay target');
    const counted = [];
    for (let i = 0; i < 25; i++) counted.push((await t.client().data(VIEW, { id })).recordArticleView);
    expect(counted.filter(Boolean)).toHaveLength(20);
    expect((await metrics(id)).views).toBe(20);
  });

  it('keeps one helpful vote per visitor: replays do not add votes, a change replaces the vote', async () => {
    const { id } = await article('Vote target');
    const visitor = t.client();
    expect((await visitor.data(VOTE, { input: { articleId: id, helpful: true, locale: 'en' } })).voteHelpful).toEqual({ helpful: true, changed: true });
    expect((await replayWith(visitor.cookies).data(VOTE, { input: { articleId: id, helpful: true, locale: 'en' } })).voteHelpful).toEqual({
      helpful: true,
      changed: false,
    });
    expect(await metrics(id)).toMatchObject({ helpfulYes: 1, helpfulNo: 0, helpfulRatio: 1 });
    await visitor.data(VOTE, { input: { articleId: id, helpful: false, comment: 'The screenshot is outdated', locale: 'en' } });
    expect(await metrics(id)).toMatchObject({ helpfulYes: 0, helpfulNo: 1, helpfulRatio: 0, comments: [{ helpful: false, comment: 'The screenshot is outdated' }] });
    const { helpArticle } = await visitor.data(`query($s: String!) { helpArticle(slug: $s, locale: "en") { viewerVote } }`, {
      s: (await admin.data(`query($id: ID!) { kbArticle(id: $id) { translations { slug } } }`, { id })).kbArticle.translations[0].slug,
    });
    expect(helpArticle.viewerVote).toBe(false);
  });

  it('ignores a forged visitor cookie (it gets a new identity instead)', async () => {
    const { id } = await article('Forgery target');
    const visitor = t.client();
    await visitor.data(VOTE, { input: { articleId: id, helpful: true, locale: 'en' } });
    const signed = visitor.cookies.get('kefu_visitor')!;
    const forged = replayWith(new Map([['kefu_visitor', signed.replace(/^[^.]+/, 'AAAAAAAAAAAAAAAAAAAAAA')]]));
    await forged.data(VOTE, { input: { articleId: id, helpful: false, locale: 'en' } });
    expect(forged.cookies.get('kefu_visitor')).not.toBe(signed);
    expect(await metrics(id)).toMatchObject({ helpfulYes: 1, helpfulNo: 1 });
  });

  it('bounds anonymous votes replayed without cookies from one IP', async () => {
    const { id } = await article('Ballot stuffing');
    for (let i = 0; i < 8; i++) await t.client().data(VOTE, { input: { articleId: id, helpful: true, locale: 'en' } });
    expect((await metrics(id)).helpfulYes).toBe(5);
  });

  it('counts a signed-in user once across sessions', async () => {
    const { id } = await article('Signed-in vote');
    const user = await t.createUser('customer');
    for (let i = 0; i < 2; i++) {
      const session = t.client();
      await session.signIn(user.email, user.password);
      await session.data(VOTE, { input: { articleId: id, helpful: true, locale: 'en' } });
      await session.data(VIEW, { id });
    }
    expect(await metrics(id)).toMatchObject({ helpfulYes: 1, views: 1 });
  });

  it('logs settled searches with result counts and lists zero-result ones as content gaps', async () => {
    const { id } = await article('Export your data');
    await waitForIndex(t);
    /** A distinct reader (a visitor cookie tells readers behind one IP apart). */
    const newReader = async () => {
      const client = t.client();
      await client.data(VIEW, { id });
      return client;
    };
    const reader = await newReader();
    for (const prefix of ['e', 'ex', 'exp', 'expor', 'export']) {
      await reader.data(`query($q: String!) { searchArticles(input: { query: $q, locale: "en" }) { totalHits } }`, { q: prefix });
    }
    for (const query of ['cancel subscription', 'cancel subscription', 'delete account']) {
      await (await newReader()).data(`query($q: String!) { searchArticles(input: { query: $q, locale: "en" }) { totalHits } }`, { q: query });
    }
    await t.kefu.services.search.log.flush();
    const logged = await runSql<{ query: string; result_count: number }>(t.kefu.orm.em.fork() as never, `SELECT query, result_count FROM kb_search_queries ORDER BY id`);
    expect(logged.filter((row) => row.query.startsWith('e'))).toEqual([{ query: 'export', result_count: 1 }]);

    const { kbContentGaps } = await admin.data(`{ kbContentGaps { query count lastResultCount } }`);
    expect(kbContentGaps).toEqual([
      { query: 'cancel subscription', count: 2, lastResultCount: 0 },
      { query: 'delete account', count: 1, lastResultCount: 0 },
    ]);
    const { kbMetrics } = await admin.data(`{ kbMetrics { searches zeroResultSearches topQueries(limit: 1) { query count } } }`);
    expect(kbMetrics).toMatchObject({ searches: 4, zeroResultSearches: 3, topQueries: [{ query: 'cancel subscription', count: 2 }] });
  });

  it('rate-limits search per client IP', async () => {
    const limited = await startTestKefu({ env: { SEARCH_RATE_LIMIT_PER_MINUTE: '5' } });
    try {
      const client = limited.client();
      const codes = [];
      for (let i = 0; i < 7; i++) {
        const result = await client.gql(`{ searchArticles(input: { query: "password", locale: "en" }) { totalHits } }`);
        codes.push(result.errors?.[0].extensions?.code ?? 'OK');
      }
      expect(codes).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'RATE_LIMITED', 'RATE_LIMITED']);
    } finally {
      await limited.close();
    }
  });

  it('ranks popular articles by views and records suggestion opens that lead to tickets', async () => {
    const quiet = await article('Quiet article');
    const busy = await article('Busy article');
    for (let i = 0; i < 3; i++) await t.client().data(VIEW, { id: busy.id });
    await t.client().data(VIEW, { id: quiet.id });
    const popular = (await t.client().data(`{ popularArticles(locale: "en", limit: 50) { id } }`)).popularArticles.map((a: { id: string }) => a.id);
    expect(popular.indexOf(busy.id)).toBeLessThan(popular.indexOf(quiet.id));

    const visitor = t.client();
    const { recordSuggestionOpen } = await visitor.data(
      `mutation($id: ID!) { recordSuggestionOpen(input: { articleId: $id, query: "my export fails", surface: contact_form, locale: "en" }) }`,
      { id: busy.id },
    );
    const em = t.kefu.orm.em.fork() as never;
    const metrics = t.kefu.services.knowledgeBase.metrics;
    const visitorKey = `v:${visitor.cookies.get('kefu_visitor')!.split('.')[0]}`;
    expect(await metrics.linkSuggestionToTicket(em, recordSuggestionOpen, crypto.randomUUID(), 'v:someone-else')).toBeNull();
    expect(await metrics.linkSuggestionToTicket(em, recordSuggestionOpen, crypto.randomUUID(), visitorKey)).toBe(busy.id);
    const { kbMetrics } = await admin.data(`{ kbMetrics { suggestionOpens ticketsAfterSuggestion topArticles(limit: 1) { article { id } views } } }`);
    expect(kbMetrics).toMatchObject({ suggestionOpens: 1, ticketsAfterSuggestion: 1 });
    expect(kbMetrics.topArticles[0].views).toBeGreaterThanOrEqual(3);
  });
});
