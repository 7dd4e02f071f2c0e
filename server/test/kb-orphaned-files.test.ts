import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migration20261121500100KbFileCleanup } from '../../migrations/Migration20261121500100_kb_file_cleanup.ts';
import { startTestKefu, type TestClient, type TestKefu } from '../src/testing/index.ts';
import { download, PNG, upload } from './support/attachments.ts';
import { ARTICLE_FIELDS, createArticle, createCategory, createSection, doc, paragraph } from './support/knowledge-base.ts';

const image = (id: string) => ({ type: 'image', attrs: { src: `/attachments/${id}`, alt: 'Screenshot' } });
const file = (id: string) => ({ type: 'fileAttachment', attrs: { href: `/attachments/${id}`, name: 'manual.pdf' } });

let t: TestKefu;
let admin: TestClient;
let sectionId: string;
beforeAll(async () => {
  // The default grace period (7 days) is what these tests are written against.
  t = await startTestKefu();
  admin = (await t.signedIn('admin')).client;
  sectionId = (await createSection(admin, (await createCategory(admin)).id)).id;
  // The run planned at boot must not race the explicit runs below.
  await query(`UPDATE graphile_worker._private_jobs SET run_at = now() + interval '1 day' WHERE key = 'knowledge.purgeOrphanedFiles'`);
});
afterAll(() => t.close());

const query = (text: string, params: unknown[] = []) => t.kefu.orm.em.fork().getConnection().execute(text, params);
const cleanup = () => t.kefu.services.knowledgeBase.orphanedFiles.run();

async function uploaded(): Promise<string> {
  const response = await upload(admin, 'screen.png', PNG);
  expect(response.status).toBe(201);
  return response.body.attachment.id as string;
}

async function articleShowing(...nodes: object[]) {
  return createArticle(admin, sectionId, [{ locale: 'en', title: 'Screens', body: doc(paragraph('Look:'), ...nodes) }]) as Promise<{ id: string }>;
}

const updateBody = (articleId: string, ...nodes: object[]) =>
  admin.data(`mutation($input: UpdateKbArticleInput!) { updateKbArticle(input: $input) { ${ARTICLE_FIELDS} } }`, {
    input: { id: articleId, translations: [{ locale: 'en', slug: `screens-${articleId}`, title: 'Screens', body: doc(paragraph('Look:'), ...nodes) }] },
  });

const deleteArticle = (articleId: string) => admin.data(`mutation($id: ID!) { deleteKbArticle(id: $id) }`, { id: articleId });

/** Pretends the file was let go `days` ago. */
const releasedDaysAgo = (id: string, days: number) =>
  query(`UPDATE kb_released_assets SET released_at = now() - make_interval(days => ?) WHERE attachment_id = ?`, [days, id]);

async function storedPath(id: string): Promise<string> {
  const [row] = await query(`SELECT storage_key FROM attachments WHERE id = ?`, [id]);
  return join(t.kefu.services.config.attachments.dir, row.storage_key);
}
const exists = (path: string) => access(path).then(() => true, () => false);
const rowExists = async (id: string) => (await query(`SELECT 1 FROM attachments WHERE id = ?`, [id])).length === 1;

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

describe('orphaned knowledge-base files', () => {
  it('deletes a file nothing uses once the grace period is over — row and bytes — and keeps a recent one', async () => {
    const old = await uploaded();
    const recent = await uploaded();
    const oldPath = await storedPath(old);
    const recentPath = await storedPath(recent);
    await deleteArticle((await articleShowing(file(old))).id);
    await deleteArticle((await articleShowing(image(recent))).id);
    await releasedDaysAgo(old, 8);
    await releasedDaysAgo(recent, 6);

    expect(await cleanup()).toBe(1);
    expect(await rowExists(old)).toBe(false);
    expect(await until(async () => !(await exists(oldPath)))).toBe(true);
    expect((await download(admin, `/attachments/${old}`)).status).toBe(404);

    expect(await rowExists(recent)).toBe(true);
    expect(await exists(recentPath)).toBe(true);
    expect((await download(admin, `/attachments/${recent}`)).status).toBe(200);
  });

  it('keeps a file an article still shows, even when another article let it go long ago', async () => {
    const shared = await uploaded();
    const keeper = await articleShowing(image(shared));
    const other = await articleShowing(image(shared));
    await updateBody(other.id); // removed from the other article only
    await deleteArticle(other.id);
    await releasedDaysAgo(shared, 30);

    await cleanup();
    expect(await rowExists(shared)).toBe(true);
    expect(await exists(await storedPath(shared))).toBe(true);
    // Still in use: no longer watched, so later runs need not look at it again.
    expect(await query(`SELECT 1 FROM kb_released_assets WHERE attachment_id = ?`, [shared])).toEqual([]);
    expect((await download(admin, `/attachments/${shared}`)).status).toBe(200);
    expect(keeper.id).toBeTruthy();
  });

  it('keeps a file only an old version shows, so restoring that version shows it again', async () => {
    const historic = await uploaded();
    const article = await articleShowing(image(historic));
    await updateBody(article.id); // version 2 no longer shows it
    await releasedDaysAgo(historic, 30);

    await cleanup();
    expect(await rowExists(historic)).toBe(true);
    const { restoreKbArticleVersion } = await admin.data(
      `mutation($id: ID!) { restoreKbArticleVersion(articleId: $id, number: 1) { translations { html } } }`,
      { id: article.id },
    );
    expect(restoreKbArticleVersion.translations[0].html).toContain(`/attachments/${historic}`);
    expect((await download(admin, `/attachments/${historic}`)).status).toBe(200);
  });

  it('leaves a deleted article’s files to the cleanup: the draft purge does not take them early', async () => {
    const id = await uploaded();
    await deleteArticle((await articleShowing(image(id))).id);
    // The upload's draft purge comes due (normally ATTACHMENT_DRAFT_TTL_HOURS later).
    expect(await query(`SELECT 1 FROM graphile_worker._private_jobs WHERE key = ?`, [`attachments.purgeDraft:${id}`])).toHaveLength(1);
    await query(`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = ?`, [`attachments.purgeDraft:${id}`]);
    await until(async () => (await query(`SELECT 1 FROM graphile_worker._private_jobs WHERE key = ?`, [`attachments.purgeDraft:${id}`])).length === 0);
    expect(await rowExists(id)).toBe(true);
  });

  it('runs as a durable daily job', async () => {
    const [pending] = await query(`SELECT run_at FROM graphile_worker._private_jobs WHERE key = 'knowledge.purgeOrphanedFiles'`);
    expect(pending).toBeDefined();

    const id = await uploaded();
    await deleteArticle((await articleShowing(image(id))).id);
    await releasedDaysAgo(id, 8);
    await query(`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = 'knowledge.purgeOrphanedFiles'`);
    expect(await until(async () => !(await rowExists(id)))).toBe(true);
    // The next run is planned about a day later.
    expect(
      await until(async () => {
        const [next] = await query(`SELECT run_at FROM graphile_worker._private_jobs WHERE key = 'knowledge.purgeOrphanedFiles'`);
        return Boolean(next) && new Date(next.run_at).getTime() > Date.now() + 23 * 3600_000;
      }),
    ).toBe(true);
  });

  it('on upgrade, knows the files of existing versions and releases staff uploads nothing uses', async () => {
    const inVersion = await uploaded();
    const article = await articleShowing(image(inVersion));
    await updateBody(article.id);
    const ofDeletedArticle = await uploaded();
    await deleteArticle((await articleShowing(image(ofDeletedArticle))).id);
    const { client: customer } = await t.signedIn('customer');
    const customerDraft = (await upload(customer, 'mine.png', PNG)).body.attachment.id as string;
    // As before the migration: none of this was recorded.
    await query(`DELETE FROM kb_version_assets`);
    await query(`DELETE FROM kb_released_assets`);

    const migration = new Migration20261121500100KbFileCleanup(t.kefu.orm.em.getDriver() as never, t.kefu.orm.config as never);
    await migration.up();
    for (const statement of migration.getQueries()) {
      if (String(statement).trim().startsWith('INSERT')) await query(String(statement));
    }
    const versions = await query(`SELECT v.number FROM kb_version_assets va JOIN kb_article_versions v ON v.id = va.version_id WHERE va.attachment_id = ?`, [
      inVersion,
    ]);
    expect(versions.map((row) => row.number)).toEqual([1]);
    const released = (await query(`SELECT attachment_id FROM kb_released_assets`)).map((row) => row.attachment_id as string);
    expect(released).toContain(ofDeletedArticle);
    expect(released).not.toContain(inVersion);
    expect(released).not.toContain(customerDraft);
  });
});
