import type { Client } from 'graphql-ws';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestClient, type TestKefu, type TestSocket } from '../src/testing/index.ts';
import { quiet } from './support/subscriptions.ts';

const REDIS_URL = process.env.KEFU_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const EVENTS = `subscription { domainEvents(types: ["user.created"]) { type actorId payload } }`;
const CREATE_USER = `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`;

function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
  });
}

/** Resolves with the first event; rejects with the first error, or 'closed' when the server ends it first. */
function firstEvent(ws: Client, query = EVENTS): Promise<any> {
  return new Promise((resolve, reject) => {
    ws.subscribe(
      { query },
      { next: (value) => (value.errors ? reject(value.errors) : resolve(value.data)), error: reject, complete: () => reject('closed') },
    );
  });
}

/** Resolves with the close code once the server closes the socket. */
function closeCode(ws: Client): Promise<number> {
  return new Promise((resolve) => ws.on('closed', (event) => resolve((event as { code: number }).code)));
}

/** Opens a live subscription and waits until the server listens for it. */
async function openSubscription(ws: TestSocket): Promise<void> {
  ws.subscribe({ query: EVENTS }, { next: () => {}, error: () => {}, complete: () => {} });
  await ws.ready();
}

const newUser = (email: string) => ({ i: { email, name: 'Agent', role: 'agent', password: 'long-enough-password' } });

const hasRedis = await redisAnswers(REDIS_URL);
if (!hasRedis && process.env.KEFU_TEST_REQUIRE_REDIS) throw new Error(`Redis is required (KEFU_TEST_REQUIRE_REDIS) but ${REDIS_URL} does not answer`);

describe.skipIf(!hasRedis)('subscriptions across two instances (Redis)', () => {
  let a: TestKefu;
  let b: TestKefu;
  beforeAll(async () => {
    a = await startTestKefu({ env: { REDIS_URL } });
    b = await startTestKefu({ env: { REDIS_URL }, databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('delivers an event published on instance A to a subscriber on instance B', async () => {
    const { client: supervisor } = await b.signedIn('supervisor');
    const ws = supervisor.subscriptions();
    try {
      const received = firstEvent(ws);
      await ws.ready();
      const { client: admin, user } = await a.signedIn('admin');
      await admin.data(CREATE_USER, newUser(`cross-${Date.now()}@example.test`));
      const data = await received;
      expect(data.domainEvents).toMatchObject({ type: 'user.created', actorId: user.id, payload: { role: 'agent' } });
    } finally {
      await ws.dispose();
    }
  });

  it('closes a socket on instance B when an admin on instance A deactivates its user', async () => {
    const { client: supervisor, user } = await b.signedIn('supervisor');
    const ws = supervisor.subscriptions();
    try {
      const closed = closeCode(ws);
      await openSubscription(ws);
      const { client: admin } = await a.signedIn('admin');
      await admin.data(`mutation($i: UpdateUserInput!) { updateUser(input: $i) { id } }`, { i: { id: user.id, active: false } });
      expect(await closed).toBe(4401);
    } finally {
      await ws.dispose();
    }
  });
});

describe('subscription security', () => {
  let t: TestKefu;
  beforeAll(async () => {
    t = await startTestKefu();
  });
  afterAll(() => t.close());

  async function expectRefused(client: TestClient, options?: Parameters<TestClient['subscriptions']>[0]) {
    const ws = client.subscriptions(options);
    try {
      const outcome = await firstEvent(ws).then(
        () => 'delivered',
        (error) => error,
      );
      return outcome;
    } finally {
      await ws.dispose();
    }
  }

  it('delivers to a supervisor on the same instance', async () => {
    const { client } = await t.signedIn('supervisor');
    const ws = client.subscriptions();
    try {
      const received = firstEvent(ws);
      await ws.ready();
      const { client: admin } = await t.signedIn('admin');
      await admin.data(CREATE_USER, newUser(`local-${Date.now()}@example.test`));
      expect((await received).domainEvents.type).toBe('user.created');
    } finally {
      await ws.dispose();
    }
  });

  it('refuses an agent (no events.watch permission)', async () => {
    const { client } = await t.signedIn('agent');
    const outcome = await expectRefused(client);
    expect(JSON.stringify(outcome)).toContain('FORBIDDEN');
  });

  it('treats a socket without the CSRF token in connection_init as signed out', async () => {
    const { client } = await t.signedIn('supervisor');
    const outcome = await expectRefused(client, { csrfToken: null });
    expect(JSON.stringify(outcome)).toContain('UNAUTHENTICATED');
  });

  it('refuses a WebSocket handshake from a foreign origin, accepts its own', async () => {
    const { client } = await t.signedIn('supervisor');
    const handshake = (origin: string) =>
      new Promise<string>((resolve) => {
        const ws = client.subscriptions({ origin });
        ws.on('connected', () => resolve('connected'));
        ws.on('closed', () => resolve('closed'));
        // The client connects on subscribe; it ends either acknowledged or closed.
        ws.subscribe({ query: EVENTS }, { next: () => {}, error: () => {}, complete: () => {} });
      }).finally(() => {});
    expect(await handshake('https://evil.example')).toBe('closed');
    expect(await handshake(t.url)).toBe('connected');
  });

  it('closes an open socket as soon as its session signs out, and keeps the sockets of other sessions', async () => {
    const { client, user } = await t.signedIn('supervisor');
    const other = t.client();
    await other.signIn(user.email, user.password);
    // Each client connects as soon as it is created: listen before awaiting anything else.
    const ending = client.subscriptions();
    const endedCode = closeCode(ending);
    await openSubscription(ending);
    const staying = other.subscriptions();
    let stayingClosed = false;
    staying.on('closed', () => (stayingClosed = true));
    await openSubscription(staying);
    try {
      await client.data('mutation { logout }');
      expect(await endedCode).toBe(4401);
      await quiet();
      expect(stayingClosed).toBe(false);
    } finally {
      await ending.dispose();
      await staying.dispose();
    }
  });

  it('does not deliver events that happened in a rolled-back mutation', async () => {
    const { client } = await t.signedIn('supervisor');
    const ws = client.subscriptions();
    try {
      const events: unknown[] = [];
      ws.subscribe({ query: EVENTS }, { next: (value) => void events.push(value), error: () => {}, complete: () => {} });
      await ws.ready();
      const { client: admin } = await t.signedIn('admin');
      const duplicate = `dup-${Date.now()}@example.test`;
      await admin.data(CREATE_USER, newUser(duplicate));
      const failed = await admin.gql(CREATE_USER, newUser(duplicate));
      expect(failed.errors?.[0].extensions?.code).toBe('CONFLICT');
      await quiet();
      expect(events).toHaveLength(1);
    } finally {
      await ws.dispose();
    }
  });
});
