// `npm run bench`: boots a real Kefu (embedded PostgreSQL, production mode) in
// a fresh temporary DATA_DIR and measures cold/warm start, idle and loaded
// memory, and GraphQL throughput/latency against a raw fastify + pg baseline
// on the same database. Prints a table and writes bench/results/latest.json.
// No assertions: the figures are for reading, not for failing a build.
//
// Settings (env): BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (20),
// BENCH_WARMUP (s, 2), BENCH_USERS (200), BENCH_KEEP=1 keeps the temp dir.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, platform, arch, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { isAlive, freePort, memoryOf, postgresMemory, postmasterPid, spawnNode, stopChild, waitForOk } from './lib/processes.mjs';
import { load } from './lib/load.mjs';
import { formatReport } from './lib/report.mjs';
import { postOverHttp, signIn } from './lib/sign-in.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS_FILE = join(ROOT, 'bench', 'results', 'latest.json');

const positiveInt = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const settings = {
  duration: positiveInt('BENCH_DURATION', 10),
  connections: positiveInt('BENCH_CONNECTIONS', 20),
  warmup: positiveInt('BENCH_WARMUP', 2),
  seededUsers: positiveInt('BENCH_USERS', 200),
};
/** Let the process settle after /readyz before reading its memory. */
const SETTLE_MS = 1_500;

const ADMIN = { email: 'bench-admin@example.com', name: 'Bench Admin', password: 'bench-password-123' };
const ME_QUERY = '{ me { user { id email name role } csrfToken } }';
const USERS_QUERY = '{ users(limit: 25) { nodes { id email name role createdAt } totalCount } }';

const log = (message) => process.stderr.write(`[bench] ${message}\n`);

const workDir = await mkdtemp(join(tmpdir(), 'kefu-bench-'));
// When run as root, embedded PostgreSQL runs as the `postgres` user, which must traverse this dir.
await chmod(workDir, 0o711);
const dataDir = join(workDir, 'data');
const running = new Set();
let cleaned = false;

async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  for (const handle of [...running].reverse()) {
    const stopped = await stopChild(handle);
    if (stopped.killed) log(`${handle.name} ignored SIGTERM and was killed`);
    running.delete(handle);
  }
  // Should Kefu have died without stopping its database, stop the postmaster by its pid.
  const leftover = postmasterPid(join(dataDir, 'pg'));
  if (leftover) {
    log(`embedded PostgreSQL (pid ${leftover}) still running; stopping it`);
    process.kill(leftover, 'SIGINT');
    for (let i = 0; i < 50 && isAlive(leftover); i++) await sleep(100);
    if (isAlive(leftover)) process.kill(leftover, 'SIGKILL');
  }
}

process.once('SIGINT', () => {
  log('interrupted; stopping children');
  cleanup()
    .then(() => rm(workDir, { recursive: true, force: true }))
    .finally(() => process.exit(130));
});

async function startKefu(label, ports) {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(ports.http),
    EMBEDDED_PG_PORT: String(ports.pg),
    DATA_DIR: dataDir,
    KEFU_SECRET: ports.secret,
    LOG_LEVEL: 'warn',
  };
  const startedAt = performance.now();
  const handle = { name: `Kefu (${label})`, ...spawnNode(['server/src/main.ts'], { cwd: ROOT, env, logFile: join(workDir, 'kefu.log') }) };
  running.add(handle);
  const readyMs = await waitForOk(`http://127.0.0.1:${ports.http}/readyz`, { startedAt, exited: handle.exited });
  log(`${handle.name} ready in ${Math.round(readyMs)} ms (pid ${handle.child.pid})`);
  await sleep(SETTLE_MS);
  return { handle, readyMs, memory: memoryOf(handle.child.pid), postgres: postgresMemory(handle.child.pid) };
}

async function stopKefu(handle) {
  const stopped = await stopChild(handle);
  running.delete(handle);
  if (stopped.killed || stopped.code !== 0) throw new Error(`Kefu did not stop cleanly: ${JSON.stringify(stopped)}`);
  if (postmasterPid(join(dataDir, 'pg'))) throw new Error('embedded PostgreSQL still running after Kefu exited');
  return stopped.ms;
}

async function graphql(baseUrl, query, auth) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kefu-csrf': auth?.csrf ?? 'bench', ...(auth ? { cookie: auth.cookie } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = await response.json();
  if (response.status !== 200 || body.errors) throw new Error(`GraphQL ${response.status}: ${JSON.stringify(body.errors ?? body)}`);
  return { data: body.data, cookies: response.headers.getSetCookie() };
}

async function seed(baseUrl, pgPort) {
  const auth = await signIn(postOverHttp(baseUrl), 'createFirstAdmin', ADMIN);

  // Users go straight into SQL (argon2 per user through createUser would dominate the run);
  // they share the admin's password hash.
  const password = (await readFile(join(dataDir, 'embedded-pg-password'), 'utf8')).trim();
  const client = new pg.Client({ connectionString: `postgres://kefu:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/kefu` });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO users (id, email, name, role, password_hash, password_changed_at, created_at, updated_at)
       SELECT gen_random_uuid(), 'bench-user-' || i || '@example.com', 'Bench User ' || i,
              (ARRAY['agent', 'supervisor', 'customer'])[1 + i % 3],
              (SELECT password_hash FROM users WHERE email = $1), now(), now() - make_interval(secs => i), now()
         FROM generate_series(1, $2::int) AS i`,
      [ADMIN.email, settings.seededUsers],
    );
  } finally {
    await client.end();
  }
  const check = await graphql(baseUrl, USERS_QUERY, auth);
  if (check.data.users.totalCount !== settings.seededUsers + 1) throw new Error(`seeding failed: ${check.data.users.totalCount} users`);
  return auth;
}

async function main() {
  const ports = { http: await freePort(), pg: await freePort(), raw: await freePort(), secret: randomBytes(32).toString('hex') };
  const kefuUrl = `http://127.0.0.1:${ports.http}`;
  const rawUrl = `http://127.0.0.1:${ports.raw}`;
  log(`work dir ${workDir}; ${settings.connections} connections × ${settings.duration} s per scenario`);

  const cold = await startKefu('cold start', ports);
  const stopMs = await stopKefu(cold.handle);
  const warm = await startKefu('warm start', ports);
  const kefuPid = warm.handle.child.pid;

  const auth = await seed(kefuUrl, ports.pg);
  log(`seeded ${settings.seededUsers} users`);

  const password = (await readFile(join(dataDir, 'embedded-pg-password'), 'utf8')).trim();
  const rawEnv = {
    PATH: process.env.PATH,
    DATABASE_URL: `postgres://kefu:${encodeURIComponent(password)}@127.0.0.1:${ports.pg}/kefu`,
    PORT: String(ports.raw),
    HOST: '127.0.0.1',
  };
  const raw = { name: 'raw baseline', ...spawnNode(['bench/raw-baseline.mjs'], { cwd: ROOT, env: rawEnv, logFile: join(workDir, 'raw.log') }) };
  running.add(raw);
  await waitForOk(`${rawUrl}/healthz`, { startedAt: performance.now(), exited: raw.exited });
  await sleep(SETTLE_MS);
  const rawIdle = memoryOf(raw.child.pid);

  const gqlHeaders = { 'content-type': 'application/json', 'x-kefu-csrf': auth.csrf, cookie: auth.cookie };
  const scenarios = [
    { id: 'me-graphql', query: 'me', api: 'graphql', label: 'me — GraphQL', url: `${kefuUrl}/graphql`, method: 'POST', headers: gqlHeaders, body: JSON.stringify({ query: ME_QUERY }) },
    { id: 'me-raw', query: 'me', api: 'raw', label: 'me — raw fastify+pg', url: `${rawUrl}/me`, method: 'GET', headers: { cookie: auth.cookie } },
    { id: 'users-graphql', query: 'users(limit:25)', api: 'graphql', label: 'users(limit:25) — GraphQL', url: `${kefuUrl}/graphql`, method: 'POST', headers: gqlHeaders, body: JSON.stringify({ query: USERS_QUERY }) },
    { id: 'users-raw', query: 'users(limit:25)', api: 'raw', label: 'users(limit:25) — raw fastify+pg', url: `${rawUrl}/users?limit=25`, method: 'GET', headers: { cookie: auth.cookie } },
  ];
  const results = [];
  for (const scenario of scenarios) {
    log(`running ${scenario.label}`);
    results.push(await load(scenario, settings));
  }

  const memory = {
    kefu: { idleCold: cold.memory, idleWarm: warm.memory, afterLoad: memoryOf(kefuPid) },
    postgres: { idleCold: cold.postgres, idleWarm: warm.postgres, afterLoad: postgresMemory(kefuPid) },
    raw: { idle: rawIdle, afterLoad: memoryOf(raw.child.pid) },
  };
  const ratios = ['me', 'users(limit:25)'].map((query) => {
    const gql = results.find((r) => r.query === query && r.api === 'graphql');
    const base = results.find((r) => r.query === query && r.api === 'raw');
    return {
      query,
      reqPerSec: gql.reqPerSec / base.reqPerSec,
      p50: gql.latency.p50 / base.latency.p50,
      p95: gql.latency.p95 / base.latency.p95,
      p99: gql.latency.p99 / base.latency.p99,
    };
  });
  return {
    finishedAt: new Date().toISOString(),
    environment: {
      node: process.version,
      platform: `${platform()} ${arch()}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      totalMemKb: Math.round(totalmem() / 1024),
    },
    settings,
    startup: { coldStartMs: cold.readyMs, warmStartMs: warm.readyMs, stopMs },
    memory,
    scenarios: results,
    ratios,
  };
}

let failed = false;
try {
  const result = await main();
  await cleanup();
  await mkdir(join(ROOT, 'bench', 'results'), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
  console.log(formatReport(result));
  console.log(`\nwritten to ${RESULTS_FILE}`);
} catch (error) {
  failed = true;
  console.error(`[bench] failed: ${error.stack ?? error}`);
  for (const file of ['kefu.log', 'raw.log']) {
    const text = await readFile(join(workDir, file), 'utf8').catch(() => '');
    if (text) console.error(`--- last lines of ${file} ---\n${text.trim().split('\n').slice(-20).join('\n')}`);
  }
  process.exitCode = 1;
} finally {
  await cleanup();
  if (failed || process.env.BENCH_KEEP === '1') log(`kept ${workDir} (logs, data)`);
  else await rm(workDir, { recursive: true, force: true });
}
