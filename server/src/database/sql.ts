import type { EntityManager, PostgreSqlConnection } from '@mikro-orm/postgresql';
import { CompiledQuery } from 'kysely';
import type { Pool } from 'pg';
import { stateOn } from '../graphql/request-state.ts';
import { PipelinedStatements } from './pipelined-statements.ts';
import { queryConfig, statementText, type Statement } from './prepared-statements.ts';

const pools = new WeakMap<object, Pool>();
const PIPELINED = Symbol('kefu.pipelined');
const STATEMENTS = Symbol('kefu.pipelinedStatements');

/**
 * Lets the statements this entity manager issues together (outside a
 * transaction) leave on one connection in one round trip; see
 * `PipelinedStatements`. HTTP requests opt in (a list page's loaders: measured
 * faster). Subscription events do not: with 1,000 subscribers each resolving
 * its own event, holding one pooled connection per subscriber's batch made
 * delivery slower (bench:subscribers p50 170 against 145 ms).
 */
export function pipelineStatements<T extends EntityManager>(em: T): T {
  (em as { [PIPELINED]?: boolean })[PIPELINED] = true;
  return em;
}

/**
 * Hand-written SQL with real bind parameters ($1, $2 …) on the entity
 * manager's connection. Inside a transaction it runs on the transaction's
 * connection (through MikroORM's Kysely); outside one it goes straight to the
 * pg pool MikroORM configured (same type parsers), skipping a query-builder
 * layer that costs measurable CPU on list pages; statements an HTTP request
 * issues together share one connection and one round trip
 * (`pipelineStatements`). Used on hot paths (lists, loaders) and for
 * set-based writes.
 */
export async function sql<Row = Record<string, any>>(em: EntityManager, statement: Statement, params: readonly unknown[] = []): Promise<Row[]> {
  if (!em.isInTransaction()) {
    const pool = pools.get(em.getConnection()) ?? (await nativePool(em));
    const pipelined = (em as { [PIPELINED]?: boolean })[PIPELINED];
    const result = pipelined ? await stateOn(em, STATEMENTS, () => new PipelinedStatements(pool)).query(statement, params) : await pool.query(queryConfig(statement, params));
    return result.rows as Row[];
  }
  const result = await em.getKysely().executeQuery(CompiledQuery.raw(statementText(statement), params as unknown[]));
  return result.rows as Row[];
}

async function nativePool(em: EntityManager): Promise<Pool> {
  const connection = em.getConnection() as PostgreSqlConnection;
  const pool = await connection.getNativeClient();
  pools.set(connection, pool);
  return pool;
}

export async function sqlOne<Row = Record<string, any>>(em: EntityManager, statement: Statement, params: readonly unknown[] = []): Promise<Row | undefined> {
  return (await sql<Row>(em, statement, params))[0];
}

/** Collects bind parameters while a statement is assembled: `where.push(\`t.status = \${p.add(status)}\`)`. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
