// `npm run bench:inbox`: the agent inbox page under load. Boots a real Kefu
// (embedded PostgreSQL, production mode) in a fresh DATA_DIR, seeds it with
// bench/seed-tickets.mjs (default 100,000 tickets × 5 messages; BENCH_TICKETS=1000000
// for the full-size run), then loads the "all unsolved" view — 25 tickets
// with requester, organization, assignee, team, tags, type and last message —
// through GraphQL and through raw fastify + pg doing the same SQL
// (bench/raw-baseline.mjs GET /inbox) in the same run. Prints req/s,
// p50/p95/p99 and SQL statements per page; writes bench/results/inbox-latest.json.
//
// Settings (env): BENCH_TICKETS (100000), BENCH_MESSAGES (5), BENCH_CONNECTIONS (50),
// BENCH_DURATION (s, 10), BENCH_WARMUP (s, 2), BENCH_KEEP=1 keeps the temp dir,
// BENCH_AGENT_RATE (1): after the back-to-back runs (throughput), the same
// connections as agents each loading the page this many times per second
// (latency at a load the machine can serve); 0 skips them.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { load, paced as pacedLoad } from './lib/load.mjs';
import { freePort, spawnNode, stopChild, waitForOk } from './lib/processes.mjs';
import { postOverHttp, signInAdmin } from './lib/sign-in.mjs';
import { seedTickets } from './seed-tickets.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const int = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const settings = {
  tickets: int('BENCH_TICKETS', 100_000),
  messagesPerTicket: int('BENCH_MESSAGES', 5),
  connections: int('BENCH_CONNECTIONS', 50),
  duration: int('BENCH_DURATION', 10),
  warmup: int('BENCH_WARMUP', 2),
  agentRate: Number(process.env.BENCH_AGENT_RATE ?? 1),
  rounds: int('BENCH_ROUNDS', 1),
  prewarm: int('BENCH_PREWARM', 10),
};
const INBOX = `query Inbox { tickets(viewId: "all", first: 25) {
  nodes { id reference subject status priority dueAt updatedAt
    requester { id name tier organization { name } } assignee { id name } team { id name } tags { name } type { name }
    lastMessage { kind text createdAt author { kind name } } }
  pageInfo { hasNextPage endCursor } } }`;
const log = (message) => process.stderr.write(`[bench:inbox] ${message}\n`);
/** CPU time (user + system, ms) a process has used so far, from /proc. */
const cpuMs = (pid) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
};

const workDir = await mkdtemp(join(tmpdir(), 'kefu-bench-inbox-'));
await chmod(workDir, 0o711);
// BENCH_DATA_DIR keeps the seeded database between runs (seeding 1M tickets takes minutes).
const dataDir = process.env.BENCH_DATA_DIR ?? join(workDir, 'data');
if (process.env.BENCH_DATA_DIR) await mkdir(dataDir, { recursive: true, mode: 0o711 });
const running = [];

async function main() {
  const ports = { http: await freePort(), pg: await freePort(), raw: await freePort() };
  const env = {
    PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, NODE_ENV: 'production', HOST: '127.0.0.1',
    PORT: String(ports.http), EMBEDDED_PG_PORT: String(ports.pg), DATA_DIR: dataDir, KEFU_SECRET: process.env.BENCH_DATA_DIR ? 'b'.repeat(64) : randomBytes(32).toString('hex'), LOG_LEVEL: 'warn',
  };
  // BENCH_NODE_OPTIONS: V8/Node flags for both servers (e.g. GC tuning experiments).
  if (process.env.BENCH_NODE_OPTIONS) env.NODE_OPTIONS = process.env.BENCH_NODE_OPTIONS;
  // BENCH_PROFILE=<dir>: CPU profiles of Kefu (CPU.*.cpuprofile) and of the raw baseline (raw.cpuprofile).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  // BENCH_NODE_ARGS: V8 flags NODE_OPTIONS refuses (e.g. --min-semi-space-size), for both servers.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const kefu = { name: 'Kefu', ...spawnNode([...nodeArgs, ...profile, 'server/src/main.ts'], { cwd: ROOT, env, logFile: join(workDir, 'kefu.log') }) };
  running.push(kefu);
  const kefuUrl = `http://127.0.0.1:${ports.http}`;
  await waitForOk(`${kefuUrl}/readyz`, { startedAt: performance.now(), exited: kefu.exited, timeoutMs: 120_000 });

  const admin = { email: 'bench-admin@example.com', name: 'Bench Admin', password: 'bench-password-123' };
  const auth = await signInAdmin(postOverHttp(kefuUrl), admin);

  const password = (await readFile(join(dataDir, 'embedded-pg-password'), 'utf8')).trim();
  const databaseUrl = `postgres://kefu:${encodeURIComponent(password)}@127.0.0.1:${ports.pg}/kefu`;
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const seedStarted = performance.now();
  const existing = Number((await db.query('SELECT count(*) AS n FROM tickets')).rows[0].n);
  if (existing >= settings.tickets) log(`reusing ${existing} seeded tickets in ${dataDir}`);
  else await seedTickets(db, { tickets: settings.tickets - existing, messagesPerTicket: settings.messagesPerTicket });
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const counts = (await db.query(`SELECT (SELECT count(*) FROM tickets) AS tickets, (SELECT count(*) FROM messages) AS messages`)).rows[0];
  log(`seeded ${counts.tickets} tickets, ${counts.messages} messages in ${seedSeconds.toFixed(0)} s`);

  const raw = { name: 'raw baseline', ...spawnNode([...nodeArgs, ...(profile.length ? [...profile, '--cpu-prof-name=raw.cpuprofile'] : []), 'bench/raw-baseline.mjs'], { cwd: ROOT, env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, PORT: String(ports.raw), HOST: '127.0.0.1', ...(env.NODE_OPTIONS ? { NODE_OPTIONS: env.NODE_OPTIONS } : {}) }, logFile: join(workDir, 'raw.log') }) };
  running.push(raw);
  const rawUrl = `http://127.0.0.1:${ports.raw}`;
  await waitForOk(`${rawUrl}/healthz`, { startedAt: performance.now(), exited: raw.exited });

  const gqlHeaders = { 'content-type': 'application/json', 'x-kefu-csrf': auth.csrf, cookie: auth.cookie };
  const scenarios = [
    { id: 'inbox-graphql', query: 'inbox', api: 'graphql', label: 'inbox page (25) — GraphQL', url: `${kefuUrl}/graphql`, method: 'POST', headers: gqlHeaders, body: JSON.stringify({ query: INBOX }) },
    { id: 'inbox-raw', query: 'inbox', api: 'raw', label: 'inbox page (25) — raw fastify+pg', url: `${rawUrl}/inbox?first=25`, method: 'GET', headers: { cookie: auth.cookie } },
  ];
  if (process.env.BENCH_CALIBRATE === '1') {
    // The request stack alone (session, CSRF, GraphQL vs plain route): what every request pays.
    scenarios.push(
      { id: 'me-graphql', query: 'me', api: 'graphql', label: 'me (stack floor) — GraphQL', url: `${kefuUrl}/graphql`, method: 'POST', headers: gqlHeaders, body: JSON.stringify({ query: '{ me { user { id email name role } csrfToken } }' }) },
      { id: 'me-raw', query: 'me', api: 'raw', label: 'me (stack floor) — raw fastify+pg', url: `${rawUrl}/me`, method: 'GET', headers: { cookie: auth.cookie } },
    );
  }

  // Statements per page: every statement outside a transaction is one commit in pg_stat_database.
  const statementsPerPage = {};
  for (const scenario of scenarios) {
    const commits = async () => Number((await db.query(`SELECT pg_stat_force_next_flush(); SELECT xact_commit FROM pg_stat_database WHERE datname = 'kefu'`))[1].rows[0].xact_commit);
    // Backends report their counters when idle for a while (PGSTAT_IDLE_INTERVAL, 10 s).
    await fetch(scenario.url, { method: scenario.method, headers: scenario.headers, body: scenario.body }).then((r) => r.text());
    await sleep(11_000);
    const before = await commits();
    const pages = 20;
    for (let i = 0; i < pages; i++) await fetch(scenario.url, { method: scenario.method, headers: scenario.headers, body: scenario.body }).then((r) => r.text());
    await sleep(11_000);
    // The two commits() calls themselves are two transactions.
    statementsPerPage[scenario.id] = (await commits() - before - 2) / pages;
  }
  const results = [];
  const pids = { 'inbox-graphql': kefu.child.pid, 'inbox-raw': raw.child.pid, 'me-graphql': kefu.child.pid, 'me-raw': raw.child.pid };
  // BENCH_ROUNDS > 1 alternates the scenarios (GraphQL, raw, GraphQL, raw …) so drift on a shared
  // machine (page cache, neighbours) does not land on one side; the ratio is the median of the rounds'.
  const roundRatios = [];
  // One unmeasured pass of each side first (BENCH_PREWARM seconds): a fresh process is still
  // compiling and sizing its heap, which the per-scenario warm-up of 2 s does not cover.
  for (const scenario of scenarios) {
    if (settings.prewarm <= 0) break;
    log(`warming ${scenario.label} (${settings.prewarm} s, not measured)`);
    await load(scenario, { ...settings, duration: settings.prewarm, warmup: 1 });
  }
  for (let round = 1; round <= settings.rounds; round++) {
    const inRound = [];
    for (const scenario of scenarios) {
      const label = settings.rounds > 1 ? `${scenario.label} (${round})` : scenario.label;
      log(`running ${label}`);
      const before = cpuMs(pids[scenario.id]);
      const result = await load({ ...scenario, label }, settings);
      // Server CPU per request (includes the warm-up requests, which autocannon does not count: a slight overestimate).
      result.serverCpuMsPerRequest = (cpuMs(pids[scenario.id]) - before) / (result.requests * (1 + settings.warmup / settings.duration));
      result.id = scenario.id;
      inRound.push(result);
    }
    results.push(...inRound);
    roundRatios.push({ reqPerSec: inRound[0].reqPerSec / inRound[1].reqPerSec, p95: inRound[0].latency.p95 / inRound[1].latency.p95 });
  }
  if (settings.agentRate > 0) {
    for (const scenario of scenarios.filter((candidate) => candidate.query === 'inbox')) {
      const paced = { ...scenario, id: `${scenario.id}-paced`, label: `${scenario.label.replace('inbox page (25) — ', '')}, ${settings.connections} agents × ${settings.agentRate}/s` };
      log(`running ${paced.label}`);
      const before = cpuMs(pids[scenario.id]);
      const result = await pacedLoad(paced, settings, settings.agentRate);
      result.serverCpuMsPerRequest = (cpuMs(pids[scenario.id]) - before) / (result.requests * (1 + settings.warmup / settings.duration));
      statementsPerPage[paced.id] = statementsPerPage[scenario.id];
      results.push(result);
    }
  }
  await db.end();
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return {
    finishedAt: new Date().toISOString(),
    environment: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown' },
    settings,
    data: { tickets: Number(counts.tickets), messages: Number(counts.messages), seedSeconds },
    statementsPerPage,
    scenarios: results,
    ratio: { reqPerSec: median(roundRatios.map((ratio) => ratio.reqPerSec)), p95: median(roundRatios.map((ratio) => ratio.p95)) },
    roundRatios,
  };
}

function report(result) {
  const fmt = (value) => (value == null ? '—' : value.toFixed(value < 10 ? 2 : 1));
  const lines = [
    `Kefu inbox bench — ${result.finishedAt}`,
    `  ${result.data.tickets.toLocaleString('en-US')} tickets, ${result.data.messages.toLocaleString('en-US')} messages (seeded in ${result.data.seedSeconds.toFixed(0)} s); ` +
      `${result.settings.connections} connections × ${result.settings.duration} s; node ${result.environment.node}, ${result.environment.cpus} × ${result.environment.cpuModel}`,
    '',
    '  scenario                                 req/s    p50 ms   p95 ms   p99 ms   SQL/page  CPU ms/req  errors',
  ];
  for (const s of result.scenarios) {
    lines.push(
      `  ${s.label.padEnd(38)} ${fmt(s.reqPerSec).padStart(8)} ${fmt(s.latency.p50).padStart(9)} ${fmt(s.latency.p95).padStart(8)} ${fmt(s.latency.p99).padStart(8)} ${fmt(result.statementsPerPage[s.id]).padStart(10)} ${fmt(s.serverCpuMsPerRequest).padStart(11)} ${String(s.errors + s.non2xx + s.mismatches).padStart(7)}`,
    );
  }
  const rounds = result.roundRatios.length > 1 ? ` (median of ${result.roundRatios.length} rounds: ${result.roundRatios.map((ratio) => ratio.reqPerSec.toFixed(2)).join(', ')})` : '';
  lines.push('', `  GraphQL / raw: ${result.ratio.reqPerSec.toFixed(2)}× req/s, ${result.ratio.p95.toFixed(2)}× p95${rounds}`);
  return lines.join('\n');
}

let failed = false;
try {
  const result = await main();
  await mkdir(join(ROOT, 'bench', 'results'), { recursive: true });
  await writeFile(join(ROOT, 'bench', 'results', 'inbox-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(report(result));
} catch (error) {
  failed = true;
  console.error(`[bench:inbox] failed: ${error.stack ?? error}`);
  for (const file of ['kefu.log', 'raw.log']) {
    const text = await readFile(join(workDir, file), 'utf8').catch(() => '');
    if (text) console.error(`--- last lines of ${file} ---\n${text.trim().split('\n').slice(-20).join('\n')}`);
  }
  process.exitCode = 1;
} finally {
  for (const handle of running.reverse()) await stopChild(handle);
  if (failed || process.env.BENCH_KEEP === '1') log(`kept ${workDir}`);
  else await rm(workDir, { recursive: true, force: true });
}
