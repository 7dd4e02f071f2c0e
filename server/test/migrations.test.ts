import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { coreMigrations } from '../src/database/core-migrations.ts';
import { createOrm, migrate } from '../src/database/orm.ts';
import { createTestDatabase } from '../src/testing/index.ts';

describe('migrations', () => {
  it('two instances migrating one empty database at once both succeed (advisory lock)', async () => {
    const database = await createTestDatabase();
    // Start from an empty schema: the template already holds the core tables.
    const reset = await createOrm({ url: database.url, poolMax: 1, logger: pino({ level: 'silent' }) });
    await reset.em.getConnection().execute('DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP EXTENSION IF EXISTS citext');
    await reset.close();
    const orms = await Promise.all([1, 2].map(() => createOrm({ url: database.url, poolMax: 2, logger: pino({ level: 'silent' }) })));
    try {
      const applied = await Promise.all(orms.map((orm) => migrate(orm)));
      // One instance applied the migrations, the other found nothing left to do.
      expect(applied.map((names) => names.length).sort()).toEqual([0, coreMigrations.length]);
    } finally {
      await Promise.all(orms.map((orm) => orm.close()));
      await database.drop();
    }
  });
});
