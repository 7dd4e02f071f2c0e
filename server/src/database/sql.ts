import type { EntityManager, PostgreSqlConnection } from '@mikro-orm/postgresql';
import { CompiledQuery } from 'kysely';
import type { Pool } from 'pg';
import { stateOn } from '../graphql/request-state.ts';
import { PipelinedStatements } from './pipelined-statements.ts';

const pools = new WeakMap<object, Pool>();
const PIPELINE = Symbol('kefu.pipelinedStatements');

/**
 * Hand-written SQL with real bind parameters ($1, $2 …) on the entity
 * manager's connection. Inside a transaction it runs on the transaction's
 * connection (through MikroORM's Kysely); outside one it goes straight to the
 * pg pool MikroORM configured (same type parsers), skipping a query-builder
 * layer that costs measurable CPU on list pages; statements the same entity
 * manager (one request) issues together share one connection and one round
 * trip (`PipelinedStatements`). Used on hot paths (lists, loaders) and for
 * set-based writes.
 */
export async function sql<Row = Record<string, any>>(em: EntityManager, text: string, params: readonly unknown[] = []): Promise<Row[]> {
  if (!em.isInTransaction()) {
    const pool = pools.get(em.getConnection()) ?? (await nativePool(em));
    const statements = stateOn(em, PIPELINE, () => new PipelinedStatements(pool));
    return (await statements.query(text, params as unknown[])).rows as Row[];
  }
  const result = await em.getKysely().executeQuery(CompiledQuery.raw(text, params as unknown[]));
  return result.rows as Row[];
}

async function nativePool(em: EntityManager): Promise<Pool> {
  const connection = em.getConnection() as PostgreSqlConnection;
  const pool = await connection.getNativeClient();
  pools.set(connection, pool);
  return pool;
}

export async function sqlOne<Row = Record<string, any>>(em: EntityManager, text: string, params: readonly unknown[] = []): Promise<Row | undefined> {
  return (await sql<Row>(em, text, params))[0];
}

/** Collects bind parameters while a statement is assembled: `where.push(\`t.status = \${p.add(status)}\`)`. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
