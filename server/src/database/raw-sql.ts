import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs hand-written SQL in the entity manager's transaction when it has one
 * (a plain `getConnection().execute` would run outside it). Parameters are `?`
 * placeholders, quoted by MikroORM; pass arrays through {@link pgArray}.
 */
export function runSql<Row = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[] = []): Promise<Row[]> {
  return em.getConnection().execute<Row[]>(sql, params, 'all', em.getTransactionContext());
}

/** A PostgreSQL array literal for `?::text[]` / `?::uuid[]` parameters (quotes and backslashes escaped). */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((value) => `"${String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
