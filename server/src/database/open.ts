import type { Logger } from 'pino';
import type { KefuConfig } from '../config/config.ts';
import { readOrCreateSecretFile } from '../config/secret.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

/**
 * The database URL to use: DATABASE_URL when set, otherwise the embedded
 * PostgreSQL, started now; `stop` is pushed onto `cleanups`.
 */
export async function openDatabaseUrl(config: KefuConfig, logger: Logger, cleanups: (() => Promise<unknown>)[]): Promise<string> {
  if (config.database.url) return config.database.url;
  const password = await readOrCreateSecretFile(config.dataDir, 'embedded-pg-password');
  const database = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.database.embeddedPort, password, logger });
  cleanups.push(() => database.stop());
  return database.url;
}
