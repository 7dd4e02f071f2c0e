import type { EntityManager } from '@mikro-orm/postgresql';
import { Logger as WorkerLogger, run, runMigrations, type Runner, type TaskList } from 'graphile-worker';
import pg from 'pg';
import type { Logger } from 'pino';
import { runSql } from '../database/raw-sql.ts';

/**
 * Durable background jobs on PostgreSQL (graphile-worker): reminders, search
 * index updates, plugin jobs. Chosen over setTimeout and over a Redis queue
 * because a job enqueued inside a request's transaction exists exactly when
 * the change that caused it was committed, survives restarts, and is taken by
 * one instance only (SKIP LOCKED), with no extra service in the embedded setup.
 */

export interface EnqueueOptions {
  /** When to run; default now. */
  runAt?: Date;
  /**
   * Deduplication key: enqueueing again with the same key replaces the
   * pending job (new payload and time) instead of adding a second one.
   */
  jobKey?: string;
  /** Attempts before the job is given up (retries back off exponentially). Default 10. */
  maxAttempts?: number;
  /** Jobs sharing a queue name run one at a time, in order. */
  queue?: string;
}

export interface JobInfo {
  id: string;
  attempts: number;
  maxAttempts: number;
  logger: Logger;
}

export type JobHandler = (payload: unknown, job: JobInfo) => Promise<void>;

const TASK_NAME = /^[a-z][a-zA-Z0-9._-]{0,120}$/;
const DEFAULT_MAX_ATTEMPTS = 10;

export class JobQueue {
  readonly #handlers = new Map<string, JobHandler>();
  readonly #logger: Logger;
  readonly #databaseUrl: string;
  readonly #concurrency: number;
  #pool: pg.Pool | undefined;
  #runner: Runner | undefined;

  constructor(deps: { databaseUrl: string; logger: Logger; concurrency: number }) {
    this.#databaseUrl = deps.databaseUrl;
    this.#logger = deps.logger.child({ component: 'jobs' });
    this.#concurrency = deps.concurrency;
  }

  /** Declares the handler of a task. All handlers are registered before the worker starts. */
  register(task: string, handler: JobHandler): void {
    if (!TASK_NAME.test(task)) throw new Error(`invalid job task name "${task}"`);
    if (this.#handlers.has(task)) throw new Error(`job task "${task}" is already registered`);
    if (this.#runner) throw new Error(`job task "${task}" registered after the worker started`);
    this.#handlers.set(task, handler);
  }

  /**
   * Adds a job in the transaction of `em`: it is committed or rolled back with
   * the caller's own writes, so a job never runs for a change that did not happen.
   */
  async enqueue(em: EntityManager, task: string, payload: unknown, options: EnqueueOptions = {}): Promise<void> {
    if (!TASK_NAME.test(task)) throw new Error(`invalid job task name "${task}"`);
    await runSql(
      em,
      `SELECT graphile_worker.add_job(?, ?::json, queue_name => ?, run_at => ?::timestamptz, max_attempts => ?, job_key => ?)`,
      [
        task,
        JSON.stringify(payload ?? {}),
        options.queue ?? null,
        (options.runAt ?? new Date()).toISOString(),
        options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        options.jobKey ?? null,
      ],
    );
  }

  /** Removes a pending job by its key (no-op when it already ran or never existed). */
  async cancel(em: EntityManager, jobKey: string): Promise<void> {
    await runSql(em, 'SELECT graphile_worker.remove_job(?)', [jobKey]);
  }

  /** Starts taking jobs on this instance. */
  async start(): Promise<void> {
    const taskList: TaskList = {};
    for (const [task, handler] of this.#handlers) {
      taskList[task] = async (payload, helpers) => {
        const logger = this.#logger.child({ task, jobId: helpers.job.id });
        await handler(payload, { id: helpers.job.id, attempts: helpers.job.attempts, maxAttempts: helpers.job.max_attempts, logger });
      };
    }
    this.#pool = new pg.Pool({ connectionString: this.#databaseUrl, max: this.#concurrency + 2 });
    // An idle client losing its connection (database restart) must be logged, not crash the process.
    const onError = (error: Error) => this.#logger.warn({ err: error }, 'job queue connection error');
    this.#pool.on('error', onError);
    this.#pool.on('connect', (client) => client.on('error', onError));
    this.#runner = await run({
      pgPool: this.#pool,
      taskList,
      concurrency: this.#concurrency,
      noHandleSignals: true,
      pollInterval: 2000,
      logger: workerLogger(this.#logger),
    });
  }

  /** Lets running jobs finish, then releases the connections. Safe to call twice. */
  async stop(): Promise<void> {
    const runner = this.#runner;
    const pool = this.#pool;
    this.#runner = undefined;
    this.#pool = undefined;
    await runner?.stop();
    await pool?.end();
  }
}

/** Creates or upgrades the job tables (graphile-worker's own schema); run under the migration lock. */
export async function migrateJobQueue(databaseUrl: string, logger: Logger): Promise<void> {
  await runMigrations({ connectionString: databaseUrl, logger: workerLogger(logger.child({ component: 'jobs' })) });
}

/** Routes graphile-worker's logging into pino; a failed attempt is a warning, since it will be retried. */
function workerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const fields = { ...scope, ...meta };
    if (level === 'error') logger.error(fields, message);
    else if (level === 'warning') logger.warn(fields, message);
    else if (level === 'info') logger.debug(fields, message);
    else logger.trace(fields, message);
  });
}
