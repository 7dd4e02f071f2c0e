import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from './sql.ts';

/**
 * `sql()` (bind parameters, the entity manager's transaction) for statements
 * written with `?` placeholders, which read better in long search queries.
 * Pass arrays through {@link pgArray} with a cast (`?::uuid[]`). No `?`
 * may appear in the SQL text other than as a placeholder.
 */
export function runSql<Row = Record<string, unknown>>(em: EntityManager, text: string, params: readonly unknown[] = []): Promise<Row[]> {
  let index = 0;
  const numbered = text.replace(/\?/g, () => `$${++index}`);
  if (index !== params.length) throw new Error(`runSql: ${index} placeholders but ${params.length} parameters`);
  return sql<Row>(em, numbered, params);
}

/** A PostgreSQL array literal for `?::text[]` / `?::uuid[]` parameters (quotes and backslashes escaped). */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((value) => `"${String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
