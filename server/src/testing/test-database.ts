import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { startEmbeddedPostgres } from '../database/embedded-postgres.ts';
import { createOrm, migrate } from '../database/orm.ts';

/**
 * Tests run against real PostgreSQL: the machine's server when
 * KEFU_TEST_DATABASE_URL is set (an admin URL, e.g. postgres://postgres@127.0.0.1:5432/postgres),
 * otherwise an embedded one in a temporary directory. Core migrations are
 * applied once to a template database; each test app gets a fresh clone
 * (CREATE DATABASE … TEMPLATE is a file copy: ~50 ms).
 */
export const ENV_ADMIN_URL = 'KEFU_TEST_PG_ADMIN_URL';
export const ENV_TEMPLATE = 'KEFU_TEST_PG_TEMPLATE';

export interface TestDatabaseServer {
  adminUrl: string;
  template: string;
  stop(): Promise<void>;
}

export async function startTestDatabaseServer(): Promise<TestDatabaseServer> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const template = `kefu_test_${runId}_template`;
  let adminUrl = process.env.KEFU_TEST_DATABASE_URL;
  let stopServer = async () => {};
  if (!adminUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), 'kefu-test-pg-'));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const embedded = await startEmbeddedPostgres({
      dataDir,
      port,
      password: randomBytes(16).toString('hex'),
      logger: pino({ level: 'warn' }),
      database: 'postgres',
    });
    adminUrl = embedded.url;
    stopServer = async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  await execute(adminUrl, `CREATE DATABASE "${template}"`);
  const orm = await createOrm({ url: withDatabase(adminUrl, template), poolMax: 2, logger: pino({ level: 'warn' }) });
  await migrate(orm);
  await orm.close();
  return {
    adminUrl,
    template,
    async stop() {
      // Drop only what this run created: the template and any clone left by a crashed test.
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`kefu_test_${runId}_%`]);
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await client.end();
      await stopServer();
    },
  };
}

let counter = 0;

/** Clones the template into a new database; returns its URL and a function dropping it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env[ENV_ADMIN_URL];
  const template = process.env[ENV_TEMPLATE];
  if (!adminUrl || !template) {
    throw new Error('No test database server: add @kefu/server/testing/global-setup to vitest globalSetup.');
  }
  const name = `${template.replace(/_template$/, '')}_${process.pid}_${++counter}`;
  await execute(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return {
    url: withDatabase(adminUrl, name),
    drop: () => execute(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function execute(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
