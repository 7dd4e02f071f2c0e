import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrm } from '../src/database/orm.ts';
import { prepared } from '../src/database/prepared-statements.ts';
import { pipelineStatements, sql } from '../src/database/sql.ts';
import { createTestDatabase } from '../src/testing/index.ts';
import { countQueries } from './support/query-count.ts';

type Database = Awaited<ReturnType<typeof createTestDatabase>>;

describe('prepared statements', () => {
  let database: Database;
  let orm: MikroORM;
  beforeAll(async () => {
    database = await createTestDatabase();
    // One pooled connection: every statement below runs on the same backend.
    orm = await createOrm({ url: database.url, poolMax: 1, logger: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await orm.close();
    await database.drop();
  });

  const fork = () => orm.em.fork() as unknown as EntityManager;
  const PAIR = prepared('SELECT $1::int AS value, $2::text AS label');
  const preparedOnConnection = async (em: EntityManager) =>
    (await sql<{ name: string; statement: string }>(em, 'SELECT name, statement FROM pg_prepared_statements ORDER BY name')).filter((row) => row.name.startsWith('kefu_'));

  it('names each fixed text once, the same in every process', () => {
    expect(prepared('SELECT 1').name).toBe(prepared('SELECT 1').name);
    expect(prepared('SELECT 1').name).not.toBe(prepared('SELECT 2').name);
    expect(prepared('SELECT 1').name).toMatch(/^kefu_[0-9a-f]{20}$/);
  });

  it('is parsed once per connection and answers each run with its own values, pipelined or not', async () => {
    const em = fork();
    expect(await sql(em, PAIR, [1, 'one'])).toEqual([{ value: 1, label: 'one' }]);
    expect(await sql(em, PAIR, [2, 'two'])).toEqual([{ value: 2, label: 'two' }]);
    const pipelined = pipelineStatements(fork());
    const answers = await Promise.all([3, 4, 5].map((value) => sql(pipelined, PAIR, [value, String(value)])));
    expect(answers.map(([row]) => row.value)).toEqual([3, 4, 5]);
    // PostgreSQL holds it once, under its name, on the one backend.
    expect(await preparedOnConnection(fork())).toEqual([{ name: PAIR.name, statement: PAIR.text }]);
  });

  it('sends the name with the text (the query counter still reads it), and runs as plain text inside a transaction', async () => {
    const counter = countQueries();
    try {
      await sql(fork(), PAIR, [6, 'six']);
    } finally {
      counter.restore();
    }
    expect(counter.statements).toEqual([PAIR.text]);
    const inside = await fork().transactional((em) => sql(em as unknown as EntityManager, PAIR, [7, 'seven']));
    expect(inside).toEqual([{ value: 7, label: 'seven' }]);
  });

  it('a failing run leaves the statement prepared and the connection usable', async () => {
    const DIVIDE = prepared('SELECT 10 / $1::int AS quotient');
    await expect(sql(fork(), DIVIDE, [0])).rejects.toThrow(/division by zero/);
    expect(await sql(fork(), DIVIDE, [5])).toEqual([{ quotient: 2 }]);
    expect((await preparedOnConnection(fork())).map((row) => row.name)).toContain(DIVIDE.name);
  });
});
