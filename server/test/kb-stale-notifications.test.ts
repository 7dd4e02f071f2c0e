import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestClient, type TestKefu } from '../src/testing/index.ts';
import { createArticle, createCategory, createSection, publish } from './support/knowledge-base.ts';

const STALE = `{ notifications { nodes { id kind read actor { name } data article { id translations { locale title } } } } }`;

let t: TestKefu;
let lead: TestClient;
let sectionId: string;
beforeAll(async () => {
  t = await startTestKefu();
  lead = (await t.signedIn('supervisor')).client;
  sectionId = (await createSection(lead, (await createCategory(lead)).id)).id;
});
afterAll(() => t.close());

/** The viewer's article_stale notifications (the fan-out job runs shortly after the flagging commits). */
const staleOf = async (client: TestClient) =>
  ((await client.data(STALE)).notifications.nodes as any[]).filter((node) => node.kind === 'article_stale');

async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
/** Long enough for a fan-out job that should not exist to have run if it did. */
const quiet = () => new Promise((resolve) => setTimeout(resolve, 2500));
const flag = () => t.kefu.services.knowledgeBase.freshness.flagStale();
const execute = (text: string, params: unknown[]) => t.kefu.orm.em.fork().getConnection().execute(text, params);

/** A published article owned by `owner` (its author) whose review date passed yesterday. */
async function staleArticle(owner: TestClient, title: string) {
  const article = await createArticle(owner, sectionId, [{ locale: 'en', title, body: 'Old content' }], {
    reviewAt: new Date(Date.now() - 86_400_000).toISOString(),
  });
  await publish(lead, article.id);
  return article as { id: string; owner: { id: string } };
}

describe('stale articles notify their owner', () => {
  it('once per review date, to the owner only, linking to the article', async () => {
    const owner = await t.signedIn('agent');
    const bystander = await t.signedIn('agent');
    const article = await staleArticle(owner.client, 'Shipping rates 2025');
    expect(article.owner.id).toBe(owner.user.id);

    expect(await flag()).toBeGreaterThanOrEqual(1);
    const first = await until(() => staleOf(owner.client), (nodes) => nodes.length > 0);
    expect(first).toEqual([
      expect.objectContaining({
        kind: 'article_stale',
        read: false,
        actor: null,
        article: { id: article.id, translations: [{ locale: 'en', title: 'Shipping rates 2025' }] },
        data: { reviewAt: expect.any(String) },
      }),
    ]);

    // Flagging again finds nothing new; even a re-flag of the same review date (the marker
    // lost, e.g. the same date saved again) lands on the same notification.
    await flag();
    await execute(`UPDATE kb_articles SET stale_notified_at = NULL WHERE id = ?`, [article.id]);
    expect(await flag()).toBeGreaterThanOrEqual(1);
    await quiet();
    expect(await staleOf(owner.client)).toHaveLength(1);
    for (const other of [bystander.client, lead]) expect(await staleOf(other)).toEqual([]);
  });

  it('a new review date that passes in turn notifies again', async () => {
    const owner = await t.signedIn('agent');
    const article = await staleArticle(owner.client, 'Return policy');
    await flag();
    await until(() => staleOf(owner.client), (nodes) => nodes.length === 1);

    // The owner reviews it and sets the next review date; later that date passes too.
    const next = new Date(Date.now() + 90 * 86_400_000).toISOString();
    await owner.client.data(`mutation($input: UpdateKbArticleInput!) { updateKbArticle(input: $input) { id } }`, { input: { id: article.id, reviewAt: next } });
    await flag();
    await quiet();
    expect(await staleOf(owner.client)).toHaveLength(1);
    await execute(`UPDATE kb_articles SET review_at = now() - interval '1 second' WHERE id = ?`, [article.id]);
    await flag();
    const after = await until(() => staleOf(owner.client), (nodes) => nodes.length === 2);
    expect(after).toHaveLength(2);
    expect(new Set(after.map((node) => node.data.reviewAt)).size).toBe(2);
  });

  it('an article without an owner notifies nobody, and a deleted article takes its notification along', async () => {
    const owner = await t.signedIn('agent');
    const orphan = await staleArticle(owner.client, 'Nobody owns this');
    await execute(`UPDATE kb_articles SET owner_id = NULL WHERE id = ?`, [orphan.id]);
    await flag();
    await quiet();
    const [{ n }] = await execute(`SELECT count(*)::int AS n FROM notifications WHERE article_id = ?`, [orphan.id]);
    expect(n).toBe(0);
    expect(await staleOf(owner.client)).toEqual([]);

    const owned = await staleArticle(owner.client, 'Delete me later');
    await flag();
    await until(() => staleOf(owner.client), (nodes) => nodes.length === 1);
    await lead.data(`mutation($id: ID!) { deleteKbArticle(id: $id) }`, { id: owned.id });
    expect(await staleOf(owner.client)).toEqual([]);
  });
});
