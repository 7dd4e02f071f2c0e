import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { pgArray, runSql } from '../database/raw-sql.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { articleDocuments } from './search-documents.ts';
import type { SearchIndex } from './search-index.ts';

const TASK = 'search.processQueue';
const BATCH = 100;
/** Longest pause between attempts while the engine is down: it catches up within this after recovery. */
const MAX_RETRY_SECONDS = 30;

/**
 * Durable, coalesced index updates. A change to an article inserts its id in
 * `search_index_queue` in the same transaction as the change (one row per
 * article however often it is edited) and enqueues one wake-up job on the job
 * queue (graphile-worker). The job brings the index in line with PostgreSQL
 * for every queued article; when the engine is unavailable the rows stay, with
 * their error, and the job retries with back-off capped at 30 s. Writers never
 * wait for the engine.
 */
export class SearchIndexQueue {
  readonly #orm: MikroORM;
  readonly #jobs: JobQueue;
  readonly #logger: Logger;
  readonly #index: () => SearchIndex;

  constructor(deps: { orm: MikroORM; jobs: JobQueue; logger: Logger; index: () => SearchIndex }) {
    this.#orm = deps.orm;
    this.#jobs = deps.jobs;
    this.#logger = deps.logger.child({ component: 'search-queue' });
    this.#index = deps.index;
    this.#jobs.register(TASK, () => this.processNow().then(() => undefined));
  }

  /** Queues index updates for these articles, in the caller's transaction. */
  async enqueue(em: EntityManager, articleIds: string[]): Promise<void> {
    if (!articleIds.length) return;
    await runSql(
      em,
      `INSERT INTO search_index_queue (article_id) SELECT unnest(?::uuid[])
       ON CONFLICT (article_id) DO UPDATE SET run_at = now(), enqueued_at = now(), attempts = 0, last_error = NULL`,
      [pgArray([...new Set(articleIds)])],
    );
    await this.#jobs.enqueue(em, TASK, {}, { jobKey: TASK, maxAttempts: 25 });
  }

  /**
   * Applies every due update (also called by tests and `kefu search reindex`).
   * Returns how many articles were brought up to date.
   */
  async processNow(): Promise<number> {
    let done = 0;
    for (;;) {
      const outcome = await this.#processBatch();
      done += outcome.done;
      if (outcome.failed || outcome.done === 0) break;
    }
    await this.#scheduleNext();
    return done;
  }

  async #processBatch(): Promise<{ done: number; failed: boolean }> {
    const em = this.#orm.em.fork() as unknown as EntityManager;
    return em.transactional(async (tx) => {
      // SKIP LOCKED: several instances (and a CLI run) can drain the queue together.
      const rows = await runSql<{ article_id: string; attempts: number }>(
        tx,
        `SELECT article_id, attempts FROM search_index_queue WHERE run_at <= now()
          ORDER BY run_at LIMIT ? FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      if (!rows.length) return { done: 0, failed: false };
      const ids = rows.map((row) => row.article_id);
      try {
        await this.#index().apply(await articleDocuments(tx, ids));
      } catch (error) {
        const message = (error as Error).message?.slice(0, 500) || String(error);
        this.#logger.warn({ err: error, articles: ids.length }, 'search engine unavailable; index updates kept for retry');
        await runSql(
          tx,
          `UPDATE search_index_queue
              SET attempts = attempts + 1, last_error = ?,
                  run_at = now() + make_interval(secs => least(?, power(2, attempts)))
            WHERE article_id = ANY(?::uuid[])`,
          [message, MAX_RETRY_SECONDS, pgArray(ids)],
        );
        return { done: 0, failed: true };
      }
      await runSql(tx, `DELETE FROM search_index_queue WHERE article_id = ANY(?::uuid[])`, [pgArray(ids)]);
      return { done: ids.length, failed: false };
    });
  }

  /** Wakes the job again when the earliest waiting update is due (after a failure). */
  async #scheduleNext(): Promise<void> {
    const em = this.#orm.em.fork() as unknown as EntityManager;
    const [next] = await runSql<{ run_at: Date | null }>(em, `SELECT min(run_at) AS run_at FROM search_index_queue`);
    if (next?.run_at) await this.#jobs.enqueue(em, TASK, {}, { jobKey: TASK, runAt: new Date(next.run_at), maxAttempts: 25 });
  }

  /** Makes every waiting update due now (after an outage, or from the CLI). */
  async retryNow(): Promise<number> {
    const em = this.#orm.em.fork() as unknown as EntityManager;
    await runSql(em, `UPDATE search_index_queue SET run_at = now()`);
    return this.processNow();
  }

  async status(): Promise<{ pending: number; lastError: string | null }> {
    const em = this.#orm.em.fork() as unknown as EntityManager;
    const [row] = await runSql<{ pending: string; last_error: string | null }>(
      em,
      `SELECT count(*) AS pending,
              (SELECT last_error FROM search_index_queue WHERE last_error IS NOT NULL ORDER BY enqueued_at LIMIT 1) AS last_error
         FROM search_index_queue`,
    );
    return { pending: Number(row?.pending ?? 0), lastError: row?.last_error ?? null };
  }
}
