import pg from 'pg';

/**
 * Counts SQL statements at the driver: every query MikroORM or the SQL
 * helper sends goes through pg's Client#query (the server runs in this process).
 */
export function countQueries() {
  const statements: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string };
    statements.push(typeof config === 'string' ? config : (config?.text ?? ''));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return { statements, restore: () => void (pg.Client.prototype.query = original) };
}
