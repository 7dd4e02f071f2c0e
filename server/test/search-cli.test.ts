import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSql } from '../src/database/raw-sql.ts';
import { startTestKefu, type TestKefu } from '../src/testing/index.ts';
import { createCategory, createSection, publishedArticle, waitForIndex } from './support/knowledge-base.ts';

const run = promisify(execFile);
const CLI = new URL('../src/cli.ts', import.meta.url).pathname;

describe('kefu search reindex', () => {
  let t: TestKefu;
  let dataDir: string;
  beforeAll(async () => {
    t = await startTestKefu();
    dataDir = await mkdtemp(join(tmpdir(), 'kefu-cli-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('rebuilds the index from PostgreSQL and reports progress', async () => {
    const { client: admin } = await t.signedIn('admin');
    const section = await createSection(admin, (await createCategory(admin)).id);
    for (const title of ['Rebuilt article one', 'Rebuilt article two']) await publishedArticle(admin, section.id, [{ locale: 'en', title, body: 'x' }]);
    await waitForIndex(t);
    const em = t.kefu.orm.em.fork() as never;
    await runSql(em, `TRUNCATE search_documents, search_bodies, search_terms`);
    const search = () => t.client().data(`{ searchArticles(input: { query: "rebuilt article", locale: "en" }) { totalHits } }`);
    expect((await search()).searchArticles.totalHits).toBe(0);

    const { stdout } = await run(process.execPath, [CLI, 'search', 'reindex'], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'error', NODE_ENV: 'test' },
    });
    expect(stdout).toMatch(/Indexed 2 articles in [\d.]+ s/);
    expect((await search()).searchArticles.totalHits).toBe(2);
  });
});
