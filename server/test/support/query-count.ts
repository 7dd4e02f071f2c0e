import { createRequire } from 'node:module';
import pg from 'pg';

/** The pg drivers in play: MikroORM may resolve its own copy of `pg`. */
const clientClasses = [...new Set([pg.Client, createRequire(import.meta.resolve('@mikro-orm/postgresql'))('pg').Client as typeof pg.Client])];

/**
 * Counts SQL statements at the driver: every query MikroORM or the SQL
 * helper sends goes through pg's Client#query (the server runs in this process).
 */
export function countQueries() {
  const statements: string[] = [];
  const originals = clientClasses.map((Client) => {
    const original = Client.prototype.query;
    Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text?: string };
      statements.push(typeof config === 'string' ? config : (config?.text ?? ''));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    return () => void (Client.prototype.query = original);
  });
  return { statements, restore: () => originals.forEach((restore) => restore()) };
}
