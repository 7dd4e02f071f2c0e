// `npm run bench:search`: help-center search on 10,000 articles.
//
// 1. boots a real Kefu (production mode, embedded PostgreSQL, fresh DATA_DIR);
// 2. inserts BENCH_ARTICLES published articles (mixed en / zh-CN / zh-TW,
//    Chinese built from ../shared/seeds) straight into PostgreSQL, bodies rendered
//    by the server's own renderer;
// 3. rebuilds the index with the real CLI (`kefu search reindex`) and reports
//    its throughput;
// 4. search-as-you-type load: BENCH_CONNECTIONS clients sending every prefix of
//    realistic queries to `searchArticles` over GraphQL (anonymous, with
//    highlights), latency p50/p95/p99 from every response;
//    Two shapes: saturation (each client sends its next request the moment the
//    previous answer arrives: throughput) and typists (each client waits the
//    help center's debounce, BENCH_TYPING_MS, between answer and next keystroke
//    request, as the SPA does: the latency a reader sees with 20 people typing);
// 5. the same queries straight against the embedded engine (its SQL, which
//    also reads each hit's article; no HTTP or GraphQL), with the same
//    concurrency: the floor;
// 6. with MEILISEARCH_URL set: restarts Kefu on Meilisearch, reindexes and
//    runs the same GraphQL load.
//
// Settings (env): BENCH_ARTICLES (10000), BENCH_DURATION (s, 15),
// BENCH_CONNECTIONS (20), BENCH_WARMUP (s, 3), BENCH_TYPING_MS (200, the SPA's
// debounce in web/src/help-center/use-debounced-query.ts), BENCH_KEEP=1.
import autocannon from 'autocannon';
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import { createOrm } from '../server/src/database/orm.ts';
import { renderArticleBody } from '../server/src/knowledge-base/render/tiptap-html.ts';
import { EmbeddedSearchIndex } from '../server/src/search/embedded/embedded-index.ts';
import { generateArticles, typingQueries } from './lib/articles.mjs';
import { freePort, postmasterPid, spawnNode, stopChild, waitForOk, isAlive } from './lib/processes.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS_FILE = join(ROOT, 'bench', 'results', 'search-latest.json');
const int = (name, fallback) => Number(process.env[name] ?? fallback);
const settings = {
  articles: int('BENCH_ARTICLES', 10_000),
  duration: int('BENCH_DURATION', 15),
  connections: int('BENCH_CONNECTIONS', 20),
  warmup: int('BENCH_WARMUP', 3),
  typingMs: int('BENCH_TYPING_MS', 200),
};
const log = (message) => process.stderr.write(`[bench:search] ${message}\n`);
const run = promisify(execFile);

const SEARCH = `query($input: SearchArticlesInput!) {
  searchArticles(input: $input) { totalHits hits { titleHighlight snippetHighlight article { id title url locale } } }
}`;

const workDir = await mkdtemp(join(tmpdir(), 'kefu-bench-search-'));
await chmod(workDir, 0o711);
const dataDir = join(workDir, 'data');
const running = new Set();

async function startKefu(ports, extraEnv = {}) {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(ports.http),
    EMBEDDED_PG_PORT: String(ports.pg),
    DATA_DIR: dataDir,
    KEFU_SECRET: ports.secret,
    LOG_LEVEL: 'warn',
    // The bench is one IP hammering search on purpose.
    SEARCH_RATE_LIMIT_PER_MINUTE: '100000000',
    // e.g. BENCH_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server under load.
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
    ...extraEnv,
  };
  const handle = { name: 'Kefu', ...spawnNode(['server/src/main.ts'], { cwd: ROOT, env, logFile: join(workDir, 'kefu.log') }) };
  running.add(handle);
  await waitForOk(`http://127.0.0.1:${ports.http}/readyz`, { startedAt: performance.now(), exited: handle.exited, timeoutMs: 120_000 });
  return { handle, env };
}

async function stopKefu(handle) {
  await stopChild(handle);
  running.delete(handle);
}

/** Inserts categories, sections and published articles directly (the GraphQL path is measured by the tests). */
async function seed(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const started = performance.now();
  try {
    const sections = [];
    for (let c = 0; c < 10; c++) {
      const categoryId = randomUUID();
      await client.query(`INSERT INTO kb_categories (id, slug, position) VALUES ($1, $2, $3)`, [categoryId, `category-${c}`, c]);
      await client.query(`INSERT INTO kb_category_translations (id, category_id, locale, name) VALUES ($1, $2, 'en', $3), ($4, $2, 'zh-CN', $5)`, [
        randomUUID(), categoryId, `Category ${c}`, randomUUID(), `分类 ${c}`,
      ]);
      for (let s = 0; s < 5; s++) {
        const sectionId = randomUUID();
        await client.query(`INSERT INTO kb_sections (id, category_id, slug, position) VALUES ($1, $2, $3, $4)`, [sectionId, categoryId, `section-${c}-${s}`, s]);
        await client.query(`INSERT INTO kb_section_translations (id, section_id, locale, name) VALUES ($1, $2, 'en', $3)`, [randomUUID(), sectionId, `Section ${c}.${s}`]);
        sections.push(sectionId);
      }
    }
    const articles = generateArticles(settings.articles, { seedDir: join(ROOT, '..', 'shared', 'seeds') });
    const batch = 500;
    for (let offset = 0; offset < articles.length; offset += batch) {
      const rows = articles.slice(offset, offset + batch).map((article) => ({ ...article, id: randomUUID(), sectionId: sections[article.index % sections.length] }));
      await client.query(
        `INSERT INTO kb_articles (id, section_id, position, status, visibility, tags, version, published_at)
         SELECT id, section_id, position, 'published', visibility, tags, 1, now()
           FROM json_to_recordset($1::json) AS r(id uuid, section_id uuid, position int, visibility text, tags text[])`,
        [JSON.stringify(rows.map((row) => ({ id: row.id, section_id: row.sectionId, position: row.index, visibility: row.visibility, tags: `{${row.tags.map((tag) => `"${tag}"`).join(',')}}` })))],
      );
      await client.query(
        `INSERT INTO kb_article_translations (id, article_id, locale, slug, title, summary, body, html, plain_text, toc)
         SELECT gen_random_uuid(), article_id, locale, slug, title, summary, body, html, plain_text, toc
           FROM json_to_recordset($1::json) AS r(article_id uuid, locale text, slug text, title text, summary text, body jsonb, html text, plain_text text, toc jsonb)`,
        [
          JSON.stringify(
            rows.map((row) => {
              const rendered = renderArticleBody(row.body);
              return {
                article_id: row.id, locale: row.locale, slug: `article-${row.index}`, title: row.title, summary: row.summary, body: row.body,
                html: rendered.html, plain_text: rendered.plainText, toc: rendered.toc,
              };
            }),
          ),
        ],
      );
    }
    const mix = articles.reduce((counts, article) => ({ ...counts, [article.locale]: (counts[article.locale] ?? 0) + 1 }), {});
    log(`seeded ${articles.length} articles (${JSON.stringify(mix)}) in ${Math.round(performance.now() - started)} ms`);
    return mix;
  } finally {
    await client.end();
  }
}

async function reindex(env) {
  const started = performance.now();
  const { stdout } = await run(process.execPath, ['server/src/cli.ts', 'search', 'reindex'], { cwd: ROOT, env: { ...env, LOG_LEVEL: 'error' }, maxBuffer: 1 << 24 });
  const seconds = (performance.now() - started) / 1000;
  const match = stdout.match(/Indexed (\d+) articles in ([\d.]+) s \((\d+) articles\/s\)/);
  if (!match) throw new Error(`unexpected reindex output: ${stdout}`);
  return { articles: Number(match[1]), indexSeconds: Number(match[2]), articlesPerSecond: Number(match[3]), wallSecondsWithCliStartup: seconds };
}

function percentiles(values) {
  const sorted = Float64Array.from(values).sort();
  const at = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null);
  const mean = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null;
  return { count: sorted.length, mean, p50: at(50), p95: at(95), p99: at(99), max: sorted.length ? sorted[sorted.length - 1] : null };
}

/** autocannon over GraphQL; every request takes the next typed prefix. */
async function graphqlLoad(url, label, connections = settings.connections) {
  const queries = typingQueries();
  let next = 0;
  let graphqlErrors = 0;
  let totalHits = 0;
  const latencies = [];
  const request = {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', 'x-kefu-csrf': 'bench' },
    setupRequest: (req) => {
      const { query, locale } = queries[next++ % queries.length];
      return { ...req, body: JSON.stringify({ query: SEARCH, variables: { input: { query, locale, limit: 10 } } }) };
    },
    onResponse: (status, body) => {
      const parsed = JSON.parse(body);
      if (status !== 200 || parsed.errors) graphqlErrors++;
      else totalHits += parsed.data.searchArticles.hits.length;
    },
  };
  // Unmeasured warm-up (JIT, caches, connection pools).
  await autocannon({ url, connections, duration: settings.warmup, requests: [request] });
  next = 0;
  graphqlErrors = 0;
  totalHits = 0;
  const instance = autocannon({ url, connections, duration: settings.duration, requests: [request] });
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await instance;
  return {
    label,
    reqPerSec: result.requests.average,
    requests: result.requests.total,
    latencyMs: percentiles(latencies),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    graphqlErrors,
    meanHitsPerResponse: result.requests.total ? totalHits / result.requests.total : 0,
  };
}

/**
 * Readers typing: each of `connections` clients types its queries prefix by
 * prefix, one request per debounce period after the previous answer (what
 * web/src/help-center/use-debounced-query.ts sends for a fast typist).
 */
async function typistLoad(url, label) {
  const queries = typingQueries();
  const body = ({ query, locale }) => JSON.stringify({ query: SEARCH, variables: { input: { query, locale, limit: 10 } } });
  const headers = { 'content-type': 'application/json', 'x-kefu-csrf': 'bench' };
  const run = async (seconds, record) => {
    const deadline = performance.now() + seconds * 1000;
    let errors = 0;
    await Promise.all(
      Array.from({ length: settings.connections }, async (_, client) => {
        // Clients start at different places and moments, like real readers.
        let next = Math.floor((client * queries.length) / settings.connections);
        await sleep(Math.floor(Math.random() * settings.typingMs));
        while (performance.now() < deadline) {
          const started = performance.now();
          const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body: body(queries[next++ % queries.length]) });
          const parsed = await response.json();
          if (response.status !== 200 || parsed.errors) errors++;
          record?.(performance.now() - started);
          await sleep(settings.typingMs);
        }
      }),
    );
    return errors;
  };
  await run(settings.warmup);
  const latencies = [];
  const started = performance.now();
  const graphqlErrors = await run(settings.duration, (ms) => latencies.push(ms));
  const seconds = (performance.now() - started) / 1000;
  return { label, reqPerSec: latencies.length / seconds, requests: latencies.length, latencyMs: percentiles(latencies), graphqlErrors };
}

/** The engine's own search from this process (its SQL, which also reads the hits' articles): same queries, same concurrency, no HTTP or GraphQL. */
async function rawEngineLoad(databaseUrl) {
  const orm = await createOrm({ url: databaseUrl, poolMax: settings.connections, logger: pino({ level: 'silent' }) });
  const index = new EmbeddedSearchIndex({ orm });
  const queries = typingQueries();
  const run = async (seconds, record) => {
    let next = 0;
    const deadline = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: settings.connections }, async () => {
        while (performance.now() < deadline) {
          const { query, locale } = queries[next++ % queries.length];
          const started = performance.now();
          await index.search({ text: query, preferLocale: locale, languages: [locale.split('-')[0]], visibilities: ['public'], limit: 10, offset: 0 });
          record?.(performance.now() - started);
        }
      }),
    );
  };
  try {
    await run(settings.warmup);
    const latencies = [];
    const started = performance.now();
    await run(settings.duration, (ms) => latencies.push(ms));
    const seconds = (performance.now() - started) / 1000;
    return { label: `engine only (SQL incl. article rows; no HTTP/GraphQL), ${settings.connections} clients`, reqPerSec: latencies.length / seconds, requests: latencies.length, latencyMs: percentiles(latencies) };
  } finally {
    await orm.close();
  }
}

const fmt = (value, digits = 1) => (value == null ? '—' : Number(value).toFixed(digits));

function report(result) {
  const lines = [
    `Search bench — ${result.settings.articles} articles ${JSON.stringify(result.corpus)}, ${result.settings.connections} concurrent clients, ${result.settings.duration} s per scenario, ${result.environment.cpus} CPUs (${result.environment.cpuModel})`,
    '',
    'Full reindex (kefu search reindex):',
    ...result.reindex.map((r) => `  ${r.engine.padEnd(12)} ${r.articles} articles in ${fmt(r.indexSeconds)} s = ${r.articlesPerSecond} articles/s (${fmt(r.wallSecondsWithCliStartup)} s with CLI start-up)`),
    '',
    `Search as you type (${result.queries} distinct prefixes; clients send back to back, typists wait ${result.settings.typingMs} ms between answer and next request):`,
    `  ${'scenario'.padEnd(58)} ${'req/s'.padStart(8)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)}  errors`,
    ...result.scenarios.map(
      (s) =>
        `  ${s.label.padEnd(58)} ${fmt(s.reqPerSec, 0).padStart(8)} ${fmt(s.latencyMs.p50).padStart(7)} ${fmt(s.latencyMs.p95).padStart(7)} ${fmt(s.latencyMs.p99).padStart(7)} ${fmt(s.latencyMs.max).padStart(7)}  ${(s.non2xx ?? 0) + (s.errors ?? 0) + (s.graphqlErrors ?? 0)}`,
    ),
    '  (latencies in ms)',
  ];
  return lines.join('\n');
}

async function main() {
  const ports = { http: await freePort(), pg: await freePort(), secret: randomBytes(32).toString('hex') };
  const url = `http://127.0.0.1:${ports.http}`;
  let kefu = await startKefu(ports);
  const password = (await readFile(join(dataDir, 'embedded-pg-password'), 'utf8')).trim();
  const databaseUrl = `postgres://kefu:${encodeURIComponent(password)}@127.0.0.1:${ports.pg}/kefu`;
  const corpus = await seed(databaseUrl);
  const cliEnv = { ...kefu.env, DATABASE_URL: databaseUrl };

  log('reindexing (embedded)');
  const reindexes = [{ engine: 'embedded', ...(await reindex(cliEnv)) }];
  const scenarios = [];
  log('search-as-you-type over GraphQL (embedded)');
  scenarios.push(await graphqlLoad(url, `searchArticles — GraphQL, embedded, ${settings.connections} clients`));
  scenarios.push(await graphqlLoad(url, 'searchArticles — GraphQL, embedded, 1 client', 1));
  scenarios.push(await typistLoad(url, `searchArticles — GraphQL, embedded, ${settings.connections} typists`));
  log('same queries, engine SQL only');
  scenarios.push(await rawEngineLoad(databaseUrl));

  if (process.env.MEILISEARCH_URL) {
    const meili = { MEILISEARCH_URL: process.env.MEILISEARCH_URL, MEILISEARCH_MASTER_KEY: process.env.MEILISEARCH_MASTER_KEY ?? '', MEILISEARCH_INDEX: `kefu_bench_${randomBytes(3).toString('hex')}` };
    await stopKefu(kefu.handle);
    kefu = await startKefu(ports, meili);
    log('reindexing (Meilisearch)');
    reindexes.push({ engine: 'meilisearch', ...(await reindex({ ...cliEnv, ...meili })) });
    log('search-as-you-type over GraphQL (Meilisearch)');
    scenarios.push(await graphqlLoad(url, `searchArticles — GraphQL, Meilisearch, ${settings.connections} clients`));
    scenarios.push(await graphqlLoad(url, 'searchArticles — GraphQL, Meilisearch, 1 client', 1));
    scenarios.push(await typistLoad(url, `searchArticles — GraphQL, Meilisearch, ${settings.connections} typists`));
  } else {
    log('MEILISEARCH_URL not set: Meilisearch scenarios skipped');
  }
  await stopKefu(kefu.handle);
  return {
    finishedAt: new Date().toISOString(),
    environment: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown' },
    settings,
    corpus,
    queries: typingQueries().length,
    reindex: reindexes,
    scenarios,
  };
}

let failed = false;
try {
  const result = await main();
  await mkdir(join(ROOT, 'bench', 'results'), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
  console.log(report(result));
  console.log(`\nwritten to ${RESULTS_FILE}`);
} catch (error) {
  failed = true;
  console.error(`[bench:search] failed: ${error.stack ?? error}`);
  const text = await readFile(join(workDir, 'kefu.log'), 'utf8').catch(() => '');
  if (text) console.error(`--- last lines of kefu.log ---\n${text.trim().split('\n').slice(-20).join('\n')}`);
  process.exitCode = 1;
} finally {
  for (const handle of [...running]) await stopChild(handle);
  const leftover = postmasterPid(join(dataDir, 'pg'));
  if (leftover) {
    process.kill(leftover, 'SIGINT');
    for (let i = 0; i < 50 && isAlive(leftover); i++) await sleep(100);
  }
  if (failed || process.env.BENCH_KEEP === '1') log(`kept ${workDir}`);
  else await rm(workDir, { recursive: true, force: true });
}
