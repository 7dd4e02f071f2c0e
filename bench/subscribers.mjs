// `npm run bench:subscribers`: message → subscriber delivery latency. Boots a
// real Kefu (embedded PostgreSQL, production mode) in a fresh DATA_DIR,
// opens BENCH_SUBSCRIBERS graphql-ws connections subscribed to
// `messageAdded(ticketId)` of one ticket, posts BENCH_MESSAGES replies one
// after another, and measures, for every delivery, the time from the start
// of the sendMessage request to the subscriber receiving it. Subscribers are
// an agent of the ticket's team (so every delivery runs the visibility check)
// or, with BENCH_SUBSCRIBER_ROLE=admin, an admin (no per-subscriber query).
//
// Settings (env): BENCH_SUBSCRIBERS (1000), BENCH_MESSAGES (20), BENCH_GAP_MS (500),
// BENCH_SUBSCRIBER_ROLE (agent). Writes bench/results/subscribers-latest.json.
import { createClient } from 'graphql-ws';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { freePort, spawnNode, stopChild, waitForOk } from './lib/processes.mjs';
import { postOverHttp, signIn } from './lib/sign-in.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const int = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const settings = {
  subscribers: int('BENCH_SUBSCRIBERS', 1000),
  messages: int('BENCH_MESSAGES', 20),
  gapMs: int('BENCH_GAP_MS', 500),
  role: process.env.BENCH_SUBSCRIBER_ROLE === 'admin' ? 'admin' : 'agent',
};
const log = (message) => process.stderr.write(`[bench:subscribers] ${message}\n`);

const workDir = await mkdtemp(join(tmpdir(), 'kefu-bench-subs-'));
await chmod(workDir, 0o711);
const running = [];
const sockets = [];

async function gql(url, query, variables, auth) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kefu-csrf': auth?.csrf ?? 'bench', ...(auth ? { cookie: auth.cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return { data: body.data, cookies: response.headers.getSetCookie() };
}

async function main() {
  const ports = { http: await freePort(), pg: await freePort() };
  const env = {
    PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, NODE_ENV: 'production', HOST: '127.0.0.1',
    PORT: String(ports.http), EMBEDDED_PG_PORT: String(ports.pg), DATA_DIR: join(workDir, 'data'), KEFU_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn',
  };
  const kefu = { name: 'Kefu', ...spawnNode(['server/src/main.ts'], { cwd: ROOT, env, logFile: join(workDir, 'kefu.log') }) };
  running.push(kefu);
  const url = `http://127.0.0.1:${ports.http}`;
  await waitForOk(`${url}/readyz`, { startedAt: performance.now(), exited: kefu.exited, timeoutMs: 120_000 });

  const admin = await signIn(postOverHttp(url), 'createFirstAdmin', { email: 'bench-admin@example.com', name: 'Bench Admin', password: 'bench-password-123' });
  const team = (await gql(url, `mutation { createTeam(input: { name: "Bench" }) { id } }`, {}, admin)).data.createTeam.id;
  const agentInput = { email: 'bench-agent@example.com', name: 'Bench Agent', role: 'agent', password: 'bench-password-123' };
  const agentId = (await gql(url, `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: agentInput }, admin)).data.createUser.id;
  await gql(url, `mutation { addTeamMember(teamId: "${team}", userId: "${agentId}") { id } }`, {}, admin);
  const agent = await signIn(postOverHttp(url), 'login', { email: agentInput.email, password: agentInput.password });
  const doc = (text) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
  const ticket = (
    await gql(url, `mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }`, { i: { subject: 'Live', requester: { name: 'Customer', email: 'c@example.com' }, teamId: team, body: doc('hello') } }, agent)
  ).data.createTicket.id;
  const subscriber = settings.role === 'admin' ? admin : agent;

  // deliveries[message][subscriber] = ms from the request start
  const sentAt = new Map();
  const latencies = [];
  const perMessageLast = new Map();
  let delivered = 0;
  let connected = 0;
  const wsUrl = `${url.replace('http', 'ws')}/graphql`;
  log(`opening ${settings.subscribers} subscriptions`);
  for (let i = 0; i < settings.subscribers; i++) {
    const client = createClient({
      url: wsUrl,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { csrfToken: subscriber.csrf },
      on: { connected: () => void connected++ },
      webSocketImpl: class extends WebSocket {
        constructor(address, protocols) {
          super(address, protocols, { headers: { cookie: subscriber.cookie } });
        }
      },
    });
    sockets.push(client);
    client.subscribe(
      { query: `subscription($t: ID) { messageAdded(ticketId: $t) { text } }`, variables: { t: ticket } },
      {
        next: (value) => {
          const now = performance.now();
          const index = Number(value.data?.messageAdded.text.split('#')[1]);
          const start = sentAt.get(index);
          if (start === undefined) return;
          latencies.push(now - start);
          perMessageLast.set(index, Math.max(perMessageLast.get(index) ?? 0, now - start));
          delivered++;
        },
        error: (error) => log(`subscription error: ${JSON.stringify(error).slice(0, 200)}`),
        complete: () => {},
      },
    );
    if (i % 100 === 99) await sleep(50);
  }
  for (let i = 0; i < 200 && connected < settings.subscribers; i++) await sleep(100);
  log(`${connected} connected`);
  await sleep(2_000);

  for (let index = 1; index <= settings.messages; index++) {
    sentAt.set(index, performance.now());
    await gql(url, `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }`, { i: { ticketId: ticket, body: doc(`message #${index}`) } }, agent);
    await sleep(settings.gapMs);
  }
  await sleep(3_000);
  const sorted = latencies.sort((a, b) => a - b);
  const at = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null);
  const lasts = [...perMessageLast.values()].sort((a, b) => a - b);
  return {
    finishedAt: new Date().toISOString(),
    environment: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown' },
    settings,
    connected,
    expected: settings.subscribers * settings.messages,
    delivered,
    latencyMs: { p50: at(50), p95: at(95), p99: at(99), max: sorted.at(-1) ?? null },
    lastSubscriberMs: { p50: lasts[Math.floor(lasts.length / 2)] ?? null, max: lasts.at(-1) ?? null },
  };
}

let failed = false;
try {
  const result = await main();
  await mkdir(join(ROOT, 'bench', 'results'), { recursive: true });
  await writeFile(join(ROOT, 'bench', 'results', 'subscribers-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  const f = (value) => (value == null ? '—' : value.toFixed(1));
  console.log(`Kefu subscriber delivery — ${result.finishedAt}`);
  console.log(`  ${result.connected} ${result.settings.role} subscribers × ${result.settings.messages} messages; delivered ${result.delivered}/${result.expected}`);
  console.log(`  request start → subscriber: p50 ${f(result.latencyMs.p50)} ms, p95 ${f(result.latencyMs.p95)} ms, p99 ${f(result.latencyMs.p99)} ms, max ${f(result.latencyMs.max)} ms`);
  console.log(`  until the last subscriber has it: median ${f(result.lastSubscriberMs.p50)} ms, worst ${f(result.lastSubscriberMs.max)} ms`);
} catch (error) {
  failed = true;
  console.error(`[bench:subscribers] failed: ${error.stack ?? error}`);
  const text = await readFile(join(workDir, 'kefu.log'), 'utf8').catch(() => '');
  if (text) console.error(`--- last lines of kefu.log ---\n${text.trim().split('\n').slice(-20).join('\n')}`);
  process.exitCode = 1;
} finally {
  await Promise.all(sockets.map((client) => client.dispose()));
  for (const handle of running.reverse()) await stopChild(handle);
  if (failed) log(`kept ${workDir}`);
  else await rm(workDir, { recursive: true, force: true });
}
