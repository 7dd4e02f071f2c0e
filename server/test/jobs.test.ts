import { definePlugin } from '@kefu/plugin-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, startTestKefu, type TestKefu } from '../src/testing/index.ts';

/** Each run records which instance ran which job; the handler lives in this test process. */
interface Run {
  instance: string;
  payload: { n?: number };
  attempts: number;
}

function recorderPlugin(instance: string, runs: Run[], options: { failFirstAttempt?: boolean } = {}) {
  return definePlugin({
    id: 'recorder',
    version: '1.0.0',
    compatibility: '^0.1.0',
    register(ctx) {
      ctx.jobs.define('record', async (payload, job) => {
        if (options.failFirstAttempt && job.attempts === 1) throw new Error('transient failure');
        runs.push({ instance, payload: payload as Run['payload'], attempts: job.attempts });
      });
    },
  });
}

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const started: TestKefu[] = [];
const databases: { drop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const kefu of started.splice(0)) await kefu.close();
  for (const database of databases.splice(0)) await database.drop();
});

async function sharedDatabase(): Promise<string> {
  const database = await createTestDatabase();
  databases.push(database);
  return database.url;
}

async function instance(name: string, runs: Run[], databaseUrl: string, options?: { failFirstAttempt?: boolean }) {
  const kefu = await startTestKefu({ plugins: [recorderPlugin(name, runs, options)], databaseUrl });
  started.push(kefu);
  return kefu;
}

async function enqueue(kefu: TestKefu, payload: Record<string, unknown>, options?: { runAt?: Date; jobKey?: string }) {
  await kefu.kefu.orm.em.fork().transactional((em) => kefu.kefu.services.jobs.enqueue(em, 'recorder.record', payload, options));
}

describe('background jobs', () => {
  it('a job scheduled before a restart fires once, on the instance that is running when it is due', async () => {
    const runs: Run[] = [];
    const databaseUrl = await sharedDatabase();
    const first = await instance('first', runs, databaseUrl);
    await enqueue(first, { n: 1 }, { runAt: new Date(Date.now() + 1500) });
    await first.close();
    started.splice(started.indexOf(first), 1);

    await instance('second', runs, databaseUrl);
    await until(() => runs.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(runs).toEqual([{ instance: 'second', payload: { n: 1 }, attempts: 1 }]);
  });

  it('with two instances on one database, every job runs exactly once', async () => {
    const runs: Run[] = [];
    const databaseUrl = await sharedDatabase();
    const a = await instance('a', runs, databaseUrl);
    await instance('b', runs, databaseUrl);
    await Promise.all(Array.from({ length: 30 }, (_, n) => enqueue(a, { n })));
    await until(() => runs.length >= 30);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(runs.map((run) => run.payload.n).sort((x, y) => x! - y!)).toEqual(Array.from({ length: 30 }, (_, n) => n));
  });

  it('a job enqueued in a transaction that rolls back never runs', async () => {
    const runs: Run[] = [];
    const kefu = await instance('only', runs, await sharedDatabase());
    await expect(
      kefu.kefu.orm.em.fork().transactional(async (em) => {
        await kefu.kefu.services.jobs.enqueue(em, 'recorder.record', { n: 'rolled back' });
        throw new Error('request failed after enqueueing');
      }),
    ).rejects.toThrow('request failed');
    await enqueue(kefu, { n: 2 });
    await until(() => runs.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(runs.map((run) => run.payload)).toEqual([{ n: 2 }]);
  });

  it('a job key replaces the pending job instead of adding a second one, and cancel removes it', async () => {
    const runs: Run[] = [];
    const kefu = await instance('only', runs, await sharedDatabase());
    const later = new Date(Date.now() + 1000);
    await enqueue(kefu, { n: 1 }, { runAt: later, jobKey: 'reminder:42' });
    await enqueue(kefu, { n: 2 }, { runAt: later, jobKey: 'reminder:42' });
    await enqueue(kefu, { n: 3 }, { runAt: later, jobKey: 'reminder:43' });
    await kefu.kefu.orm.em.fork().transactional((em) => kefu.kefu.services.jobs.cancel(em, 'reminder:43'));
    await until(() => runs.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(runs.map((run) => run.payload)).toEqual([{ n: 2 }]);
  });

  it('a handler that throws is retried', async () => {
    const runs: Run[] = [];
    const kefu = await instance('only', runs, await sharedDatabase(), { failFirstAttempt: true });
    await enqueue(kefu, { n: 7 });
    await until(() => runs.length > 0, 20_000);
    expect(runs).toEqual([{ instance: 'only', payload: { n: 7 }, attempts: 2 }]);
  });
});
