import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createKefu, type Kefu } from '../app.ts';
import { hashPassword } from '../auth/password.ts';
import { UserSchema, type Role, type User } from '../auth/user.entity.ts';
import { loadConfig } from '../config/config.ts';
import type { PluginSource } from '../plugins/plugin-import.ts';
import { SubscriptionProbe } from './subscription-probe.ts';
import { createTestDatabase } from './test-database.ts';
import { TestClient } from './test-client.ts';

export { TestClient } from './test-client.ts';
export type { GraphqlResponse } from './test-client.ts';
export type { TestSocket } from './test-socket.ts';
export { createTestDatabase } from './test-database.ts';

export interface TestKefu {
  kefu: Kefu;
  url: string;
  databaseUrl: string;
  client(): TestClient;
  /** Factory: a user with a known password, created directly through the ORM. */
  createUser(role: Role, overrides?: Partial<Pick<User, 'email' | 'name' | 'active'>>): Promise<User & { password: string }>;
  /** A client already signed in as a new user of that role. */
  signedIn(role: Role): Promise<{ client: TestClient; user: User & { password: string } }>;
  close(): Promise<void>;
}

export interface TestKefuOptions {
  plugins?: PluginSource[];
  /** Extra environment (config variables and KEFU_PLUGIN_<ID> settings). */
  env?: Record<string, string>;
  /** Reuse an existing database (e.g. a second instance); default: a fresh clone. */
  databaseUrl?: string;
  /** A pino logger to capture logs (default: silent unless KEFU_TEST_LOG_LEVEL). */
  logger?: Logger;
}

let userCounter = 0;

/** Boots a real Kefu (HTTP on a random port, real PostgreSQL) for integration tests. */
export async function startTestKefu(options: TestKefuOptions = {}): Promise<TestKefu> {
  const database = options.databaseUrl ? { url: options.databaseUrl, drop: async () => {} } : await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'kefu-test-data-'));
  const env = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: '4',
    KEFU_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: process.env.KEFU_TEST_LOG_LEVEL ?? 'silent',
    ...options.env,
  };
  const kefu = await createKefu({ config: loadConfig(env), plugins: options.plugins ?? [], env, logger: options.logger });
  const url = (await kefu.listen()).replace('[::1]', '127.0.0.1');
  // Lets its clients' subscriptions tell when the server listens (TestSocket.ready()).
  const probe = new SubscriptionProbe();
  probe.watch(kefu.app.graphql.schema);

  const createUser: TestKefu['createUser'] = async (role, overrides = {}) => {
    const em = kefu.orm.em.fork();
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const n = ++userCounter;
    const user = em.create(UserSchema, {
      email: overrides.email ?? `${role}${n}-${process.pid}@example.test`,
      name: overrides.name ?? `${role} ${n}`,
      role,
      active: overrides.active ?? true,
      passwordHash: await hashPassword(password),
    });
    await em.flush();
    return Object.assign(user, { password });
  };

  return {
    kefu,
    url,
    databaseUrl: database.url,
    client: () => new TestClient(url, probe),
    createUser,
    async signedIn(role) {
      const user = await createUser(role);
      const client = new TestClient(url, probe);
      await client.signIn(user.email, user.password);
      return { client, user };
    },
    async close() {
      await kefu.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
