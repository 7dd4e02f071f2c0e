import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { JobQueue } from './job-queue.ts';

/**
 * A job that runs every `everyMs`, on one instance at a time. Each run
 * enqueues the next one under the task's job key, so there is a single
 * pending run across all instances and it survives restarts; `schedule()` at
 * boot (re)starts the chain soon after start-up, in case the previous process
 * died mid-run. Handlers must be idempotent: a failed run is retried by the
 * queue while the next one is already planned.
 */
export class RecurringJob {
  readonly task: string;
  readonly #everyMs: number;
  readonly #jobs: JobQueue;
  readonly #orm: MikroORM;
  readonly #logger: Logger;

  constructor(deps: { jobs: JobQueue; orm: MikroORM; logger: Logger }, task: string, everyMs: number, run: () => Promise<unknown>) {
    this.task = task;
    this.#everyMs = everyMs;
    this.#jobs = deps.jobs;
    this.#orm = deps.orm;
    this.#logger = deps.logger;
    this.#jobs.register(task, async () => {
      try {
        await run();
      } finally {
        await this.schedule(new Date(Date.now() + this.#everyMs));
      }
    });
  }

  /** (Re)schedules the next run (default: a minute from now); the job key keeps it to one pending run. */
  async schedule(runAt = new Date(Date.now() + 60_000)): Promise<void> {
    const em = this.#orm.em.fork() as unknown as EntityManager;
    await this.#jobs
      .enqueue(em, this.task, {}, { jobKey: this.task, runAt })
      .catch((error) => this.#logger.warn({ err: error, task: this.task }, 'could not schedule a recurring job'));
  }
}
