import { MikroORM, type EntitySchema, type MigrationObject } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import pg from 'pg';
import { pino, type Logger } from 'pino';
import { migrateJobQueue } from '../jobs/job-queue.ts';
import { coreEntities } from './core-entities.ts';
import { coreMigrations } from './core-migrations.ts';

export interface OrmOptions {
  url: string;
  poolMax: number;
  logger: Logger;
  /** Entities contributed by plugins, registered beside the core ones. */
  extraEntities?: EntitySchema<any, any, any>[];
  /** Plugin migrations, run after the core ones, named `<plugin-id>/<name>`. */
  extraMigrations?: MigrationObject[];
}

export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init({
    clientUrl: options.url,
    entities: [...coreEntities, ...(options.extraEntities ?? [])],
    pool: { min: 0, max: options.poolMax },
    extensions: [Migrator],
    // Entities are declared with defineEntity, so no reflection or discovery
    // from the file system is needed (and boot stays fast).
    discovery: { warnWhenNoEntities: false },
    migrations: {
      tableName: 'kefu_migrations',
      migrationsList: [...coreMigrations, ...(options.extraMigrations ?? [])],
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      snapshotOnMigrate: false,
    },
    allowGlobalContext: false,
    debug: false,
    logger: (message) => options.logger.debug({ orm: message }, 'mikro-orm'),
  });
}

/** Applies pending migrations (Kefu's, then the job queue's own schema); returns the names of Kefu's applied. */
export async function migrate(orm: MikroORM, logger: Logger = pino({ level: 'silent' })): Promise<string[]> {
  return withMigrationLock(orm, async () => {
    const applied = (await orm.migrator.up()).map((migration) => migration.name);
    await migrateJobQueue(orm.config.get('clientUrl')!, logger);
    return applied;
  });
}

/** Arbitrary fixed key of the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK_KEY = 0x6b65667500;

/**
 * Instances that start together (docker compose --scale) would race to create
 * the same tables. A session-level advisory lock, held on its own connection
 * for the whole run, makes the others wait and then find nothing to do.
 */
export async function withMigrationLock<T>(orm: MikroORM, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: orm.config.get('clientUrl') });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await work();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
