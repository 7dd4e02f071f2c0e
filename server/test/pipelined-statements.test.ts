import type { EntityManager, MikroORM, PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrm } from '../src/database/orm.ts';
import { PipelinedStatements } from '../src/database/pipelined-statements.ts';
import { pipelineStatements, sql } from '../src/database/sql.ts';
import { createTestDatabase } from '../src/testing/index.ts';

type Database = Awaited<ReturnType<typeof createTestDatabase>>;

describe('statements issued together share one connection (pipeline mode)', () => {
  let database: Database;
  let orm: MikroORM;
  let pool: pg.Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    // The pool `sql()` uses: MikroORM's own (its type parsers).
    orm = await createOrm({ url: database.url, poolMax: 4, logger: pino({ level: 'silent' }) });
    pool = await (orm.em.getConnection() as PostgreSqlConnection).getNativeClient();
  });
  afterAll(async () => {
    await orm.close();
    await database.drop();
  });

  const backend = (statements: PipelinedStatements, value: number) =>
    statements.query('SELECT pg_backend_pid() AS pid, $1::int AS value', [value]).then((result) => result.rows[0] as { pid: number; value: number });

  it('answers each statement with its own rows, over one backend, in one batch', async () => {
    const statements = new PipelinedStatements(pool);
    const answers = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((value) => backend(statements, value)));
    expect(answers.map((answer) => answer.value)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(answers.map((answer) => answer.pid)).size).toBe(1);
    // Different row shapes in one batch land on the right statements.
    const [tables, sum, empty] = await Promise.all([
      statements.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'tickets'`, []),
      statements.query('SELECT $1::int + $2::int AS sum', [40, 2]),
      statements.query('SELECT 1 WHERE false', []),
    ]);
    expect(tables.rows).toEqual([{ n: 1 }]);
    expect(sum.rows).toEqual([{ sum: 42 }]);
    expect(empty.rows).toEqual([]);
  });

  it('statements awaited one after another are not held back for a batch', async () => {
    const statements = new PipelinedStatements(pool);
    expect((await backend(statements, 1)).value).toBe(1);
    expect((await backend(statements, 2)).value).toBe(2);
  });

  it("a statement's error fails that statement only, and the connection stays usable", async () => {
    const statements = new PipelinedStatements(pool);
    const results = await Promise.allSettled([backend(statements, 1), statements.query('SELECT 1 / 0', []), backend(statements, 3), statements.query('SELECT * FROM no_such_table', [])]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: '22012' });
    expect((results[3] as PromiseRejectedResult).reason).toMatchObject({ code: '42P01' });
    const pid = (results[0] as PromiseFulfilledResult<{ pid: number }>).value.pid;
    // The pooled connection went back to the pool in working order (pipeline mode off): plain queries run on it.
    const again = await Promise.all([backend(statements, 5), backend(statements, 6)]);
    expect(again.map((answer) => answer.value)).toEqual([5, 6]);
    const clients = await Promise.all([pool.connect(), pool.connect(), pool.connect(), pool.connect()]);
    try {
      const pids = await Promise.all(clients.map(async (client) => (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid));
      expect(pids).toContain(pid);
      expect(clients.every((client) => !(client as unknown as { pipeline: boolean }).pipeline)).toBe(true);
    } finally {
      clients.forEach((client) => client.release());
    }
  });

  it('a connection lost mid-batch fails the batch and is not handed out again', async () => {
    const statements = new PipelinedStatements(pool);
    const results = await Promise.allSettled([statements.query('SELECT pg_terminate_backend(pg_backend_pid())', []), backend(statements, 2)]);
    expect(results.every((result) => result.status === 'rejected')).toBe(true);
    const answers = await Promise.all([backend(statements, 3), backend(statements, 4)]);
    expect(answers.map((answer) => answer.value)).toEqual([3, 4]);
  });

  it('sql() pipelines for an entity manager that opted in (HTTP requests), and only for it', async () => {
    const pids = async (em: EntityManager) => {
      const rows = await Promise.all([1, 2, 3, 4].map((value) => sql<{ pid: number }>(em, 'SELECT pg_backend_pid() AS pid, pg_sleep(0.05), $1::int AS value', [value])));
      return new Set(rows.map(([row]) => row.pid)).size;
    };
    expect(await pids(pipelineStatements(orm.em.fork() as unknown as EntityManager))).toBe(1);
    expect(await pids(orm.em.fork() as unknown as EntityManager)).toBeGreaterThan(1);
  });
});
