import { MikroORM, type EntitySchema, type MigrationObject } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Logger } from 'pino';
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

/** Applies pending migrations; returns the names applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((migration) => migration.name);
}
