// CPU per inbox page inside Kefu's own process, without the network, the load
// generator or PostgreSQL competing for the measurement: Kefu runs in this
// process against a PostgreSQL server (DATABASE_URL, required), the page is
// requested back to back through fastify's inject(), and the process's own
// CPU time (process.cpuUsage) and GC time (PerformanceObserver) are divided
// by the number of pages. PostgreSQL's work happens in its own processes and
// is not counted, so the figure isolates what Kefu's stack adds per page —
// the part a change to resolvers, loaders or hooks can move — and stays
// comparable on a busy machine, where wall-clock benchmarks do not.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kefu_bench_cpu node bench/inbox-cpu.mjs
//
// BENCH_TICKETS (default 20,000) are seeded with bench/seed-tickets.mjs on
// the first run; BENCH_PAGES (default 2,000) pages per round, BENCH_ROUNDS
// (default 5) rounds; the median round is reported.
import { PerformanceObserver } from 'node:perf_hooks';
import pg from 'pg';
import { createKefu, loadConfig } from '../server/src/index.ts';
import { createLogger } from '../server/src/logging/logger.ts';
import { postByInject, signInAdmin } from './lib/sign-in.mjs';
import { seedTickets } from './seed-tickets.mjs';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is required (a database this script may fill, e.g. postgres://postgres@127.0.0.1:5432/kefu_bench_cpu)');
  process.exit(78);
}
const int = (name, fallback) => Number(process.env[name] ?? fallback);
const settings = { tickets: int('BENCH_TICKETS', 20_000), pages: int('BENCH_PAGES', 2_000), rounds: int('BENCH_ROUNDS', 5) };
const INBOX = `query Inbox { tickets(viewId: "all", first: 25) {
  nodes { id reference subject status priority dueAt updatedAt
    requester { id name tier organization { name } } assignee { id name } team { id name } tags { name } type { name }
    lastMessage { kind text createdAt author { kind name } } }
  pageInfo { hasNextPage endCursor } } }`;

await ensureDatabase(databaseUrl);
const config = loadConfig({ ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, KEFU_SECRET: 'c'.repeat(64), LOG_LEVEL: 'warn', PORT: '0' });
const kefu = await createKefu({ config, logger: createLogger('warn') });
try {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const existing = Number((await db.query('SELECT count(*) AS n FROM tickets')).rows[0].n);
  if (existing < settings.tickets) await seedTickets(db, { tickets: settings.tickets - existing, messagesPerTicket: 5 });
  await db.end();
  const auth = await signInAdmin(postByInject(kefu.app), { email: 'cpu-bench-admin@example.com', name: 'CPU Bench Admin', password: 'bench-password-123' });
  const request = { method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', 'x-kefu-csrf': auth.csrf, cookie: auth.cookie }, payload: JSON.stringify({ query: INBOX }) };
  const first = await kefu.app.inject(request);
  const body = first.json();
  if (first.statusCode !== 200 || body.errors || body.data.tickets.nodes.length !== 25) throw new Error(`unexpected answer: ${first.body.slice(0, 300)}`);
  for (let i = 0; i < 300; i++) await kefu.app.inject(request); // JIT warm-up

  if (process.env.BENCH_PAUSE_FILE) {
    // For instruction counting under valgrind: say when the measured part starts and ends.
    const { existsSync, writeFileSync } = await import('node:fs');
    writeFileSync(`${process.env.BENCH_PAUSE_FILE}.ready`, '');
    while (!existsSync(`${process.env.BENCH_PAUSE_FILE}.go`)) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // BENCH_HEAP_PROFILE=<file>: where the measured pages allocate (sampled, collected objects included).
  const heapProfile = process.env.BENCH_HEAP_PROFILE ? await startAllocationSampling() : null;
  let gcMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  const rounds = [];
  for (let round = 0; round < settings.rounds; round++) {
    const gcBefore = gcMs;
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < settings.pages; i++) await kefu.app.inject(request);
    const used = process.cpuUsage(cpu);
    await new Promise((resolve) => setImmediate(resolve)); // let the observer report this round's GCs
    rounds.push({ cpuUs: (used.user + used.system) / settings.pages, gcUs: ((gcMs - gcBefore) * 1000) / settings.pages, wallMs: performance.now() - started });
  }
  observer.disconnect();
  if (heapProfile) await heapProfile.stop(process.env.BENCH_HEAP_PROFILE);
  if (process.env.BENCH_PAUSE_FILE) (await import('node:fs')).writeFileSync(`${process.env.BENCH_PAUSE_FILE}.done`, '');
  rounds.sort((a, b) => a.cpuUs - b.cpuUs);
  const median = rounds[Math.floor(rounds.length / 2)];
  console.log(`inbox page in-process: ${median.cpuUs.toFixed(0)} µs CPU/page (GC ${median.gcUs.toFixed(0)} µs), rounds ${rounds.map((r) => r.cpuUs.toFixed(0)).join(' / ')} µs; ${settings.pages} pages/round, node ${process.version}`);
} finally {
  await kefu.close();
}

async function startAllocationSampling() {
  const { Session } = await import('node:inspector/promises');
  const { writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  return {
    async stop(file) {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

async function ensureDatabase(url) {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  const exists = (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
  if (!exists) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  await client.end();
}
