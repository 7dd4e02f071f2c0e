import type { EntityManager } from '@mikro-orm/postgresql';
import { prepared } from './prepared-statements.ts';
import { sql, sqlOne } from './sql.ts';

export const SETTING_BY_KEY = prepared(`SELECT value FROM settings WHERE key = $1`);

/** Reads a value of the shared key/value `settings` table (JSON), or `fallback`. */
export async function readSetting<T>(em: EntityManager, key: string, fallback: T): Promise<T> {
  const row = await sqlOne<{ value: T }>(em, SETTING_BY_KEY, [key]);
  return row ? row.value : fallback;
}

export async function writeSetting(em: EntityManager, key: string, value: unknown): Promise<void> {
  await sql(
    em,
    `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2::jsonb, now())
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`,
    [key, JSON.stringify(value)],
  );
}
