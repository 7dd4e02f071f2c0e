import DataLoader from 'dataloader';
import pg, { type Pool, type PoolClient, type QueryConfig, type QueryResult } from 'pg';
import { queryConfig, type Statement } from './prepared-statements.ts';

/** What pg 8.23's pipeline mode needs from a pooled client (public in pg, not yet in @types/pg). */
interface PipelineClient {
  pipeline: boolean;
  connection: { stream: { cork(): void; uncork(): void } };
}

/**
 * Sends the autocommit statements one request issues together — a list
 * page's loaders: requesters, assignees, tags, last messages … — down one
 * pooled connection in one write, with pg's pipeline mode, instead of taking
 * one connection and one round trip each.
 *
 * DataLoader collects the statements (those issued before the current
 * promise jobs finish leave together), so callers just `await` as before.
 * Each statement keeps its own Sync, so an error fails that statement only,
 * and each runs in its own implicit transaction as before. PostgreSQL runs a
 * batch one statement after another on one backend: for a page's small
 * indexed reads that beats waking a backend per statement (measured on 2
 * cores: the inbox page's 7 loader statements, 4 pages at a time, 362 against
 * 257 pages/s, p50 11.7 against 15.4 ms). One instance per HTTP request (its
 * entity manager, see `pipelineStatements`), so one request's slow statement
 * never holds up another request's.
 */
export class PipelinedStatements {
  readonly #batches: DataLoader<QueryConfig, QueryResult>;

  constructor(pool: Pool) {
    this.#batches = new DataLoader((batch) => sendBatch(pool, batch), { cache: false });
  }

  query(statement: Statement, values: readonly unknown[]): Promise<QueryResult> {
    return this.#batches.load(queryConfig(statement, values));
  }
}

async function sendBatch(pool: Pool, batch: readonly QueryConfig[]): Promise<(QueryResult | Error)[]> {
  if (batch.length === 1) return [await pool.query(batch[0]).catch((error: Error) => error)];
  // A failed checkout rejects the whole batch (DataLoader fails every statement with it).
  const client = await pool.connect();
  let broken: Error | undefined;
  // A checked-out client reports a lost connection as an 'error' event (pool.query listens for it; we must too).
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  const pipelined = client as PoolClient & PipelineClient;
  pipelined.pipeline = true;
  pipelined.connection.stream.cork(); // the whole batch leaves in one write
  const answers = batch.map((statement) =>
    client.query(statement).catch((error: Error) => {
      // An error PostgreSQL reported (bad input, a constraint) leaves the connection usable; anything else does not.
      if (!(error instanceof pg.DatabaseError)) broken = error;
      return error;
    }),
  );
  pipelined.connection.stream.uncork();
  const results = await Promise.all(answers);
  pipelined.pipeline = false;
  client.off('error', onError);
  client.release(broken);
  return results;
}
