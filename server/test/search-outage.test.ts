import { afterEach, describe, expect, it } from 'vitest';
import type { ArticleDocuments, SearchIndex, SearchQuery } from '../src/search/search-index.ts';
import { createTestDatabase, startTestKefu, type TestKefu } from '../src/testing/index.ts';
import { createArticle, createCategory, createSection, publish, publishedArticle } from './support/knowledge-base.ts';

/**
 * The engine is switched off by wrapping the real one (a search server
 * cannot be stopped and started inside a test run); everything else — the
 * queue table, the job queue, PostgreSQL — is real.
 */
class SwitchableIndex implements SearchIndex {
  readonly engine: SearchIndex['engine'];
  readonly #inner: SearchIndex;
  down = true;
  constructor(inner: SearchIndex) {
    this.#inner = inner;
    this.engine = inner.engine;
  }
  #check() {
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:7700');
  }
  async prepare() {
    this.#check();
    return this.#inner.prepare();
  }
  async apply(changes: ArticleDocuments[]) {
    this.#check();
    return this.#inner.apply(changes);
  }
  async clear() {
    this.#check();
    return this.#inner.clear();
  }
  async search(query: SearchQuery) {
    this.#check();
    return this.#inner.search(query);
  }
}

const SEARCH = `query($q: String!) { searchArticles(input: { query: $q, locale: "en" }) { hits { article { id } } } }`;
const STATUS = `{ searchIndexStatus { engine pending lastError } }`;

async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const started: TestKefu[] = [];
afterEach(async () => {
  for (const kefu of started.splice(0).reverse()) await kefu.close();
});

describe('search index outages', () => {
  it('publishing succeeds while the engine is down; the job queue replays the update when it is back', async () => {
    const t = await startTestKefu();
    started.push(t);
    const { client: admin } = await t.signedIn('admin');
    const category = await createCategory(admin);
    const section = await createSection(admin, category.id);
    const engine = new SwitchableIndex(t.kefu.services.search.index);
    t.kefu.services.search.useIndex(engine);

    const article = await publishedArticle(admin, section.id, [{ locale: 'en', title: 'Outage proof article', body: 'Written while the engine was down.' }]);
    expect(article.status).toBe('published');
    await until(async () => (await admin.data(STATUS)).searchIndexStatus.lastError !== null);
    const status = (await admin.data(STATUS)).searchIndexStatus;
    expect(status).toMatchObject({ engine: 'embedded', pending: 1 });
    expect(status.lastError).toContain('ECONNREFUSED');

    engine.down = false;
    // No manual replay: the retrying job brings the index up to date on its own.
    await until(async () => (await admin.data(SEARCH, { q: 'outage proof' })).searchArticles.hits.length === 1);
    expect((await admin.data(STATUS)).searchIndexStatus).toMatchObject({ pending: 0, lastError: null });
  });

  it('updates queued during an outage survive a restart and are applied by the next instance', async () => {
    const database = await createTestDatabase();
    try {
      const first = await startTestKefu({ databaseUrl: database.url });
      started.push(first);
      const { client: admin } = await first.signedIn('admin');
      const section = await createSection(admin, (await createCategory(admin)).id);
      const engine = new SwitchableIndex(first.kefu.services.search.index);
      first.kefu.services.search.useIndex(engine);
      const draft = await createArticle(admin, section.id, [{ locale: 'en', title: 'Survives restarts', body: 'Queued in PostgreSQL.' }]);
      await publish(admin, draft.id);
      expect((await admin.data(STATUS)).searchIndexStatus.pending).toBe(1);
      await first.close();
      started.splice(started.indexOf(first), 1);

      const second = await startTestKefu({ databaseUrl: database.url });
      started.push(second);
      const reader = second.client();
      await until(async () => (await reader.data(SEARCH, { q: 'survives restarts' })).searchArticles.hits.length === 1);
    } finally {
      for (const kefu of started.splice(0).reverse()) await kefu.close();
      await database.drop();
    }
  });

  it('with an unreachable Meilisearch, writes still succeed and updates wait in the queue', async () => {
    // Port 9 (discard) has nothing listening: a real connection failure of the real client.
    const t = await startTestKefu({ env: { MEILISEARCH_URL: 'http://127.0.0.1:9', MEILISEARCH_MASTER_KEY: 'test-master-key' } });
    started.push(t);
    const { client: admin } = await t.signedIn('admin');
    const section = await createSection(admin, (await createCategory(admin)).id);
    const article = await publishedArticle(admin, section.id, [{ locale: 'en', title: 'Waiting for Meilisearch', body: 'x' }]);
    expect(article.status).toBe('published');
    await until(async () => (await admin.data(STATUS)).searchIndexStatus.lastError !== null);
    expect((await admin.data(STATUS)).searchIndexStatus).toMatchObject({ engine: 'meilisearch', pending: 1 });
    // The public article page does not depend on the engine.
    const slug = article.translations[0].slug;
    expect((await t.client().data(`query($s: String!) { helpArticle(slug: $s, locale: "en") { id } }`, { s: slug })).helpArticle.id).toBe(article.id);
  });
});
