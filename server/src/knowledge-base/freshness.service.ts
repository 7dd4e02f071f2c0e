import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { runSql } from '../database/raw-sql.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { RecurringJob } from '../jobs/recurring-job.ts';
import { loadTranslations, toArticleDto, type ArticleDto } from './kb-read.ts';
import type { MetricsService } from './metrics.service.ts';
import type { WorkflowService } from './workflow.service.ts';

const TASK = 'knowledge.housekeeping';
const EVERY_MS = 60 * 60 * 1000;

/**
 * Outdated content is the readers' main complaint: a published article whose
 * review date has passed is "stale". It shows in the admin list, and its
 * owner is told once per review date (`knowledge.articleStale`, which the
 * notifications feature turns into an `article_stale` notification). An
 * hourly job does the flagging, prunes raw view rows and publishes anything
 * overdue.
 */
export class FreshnessService {
  readonly #orm: MikroORM;
  readonly #events: EventBus;
  readonly #metrics: MetricsService;
  readonly #workflow: WorkflowService;
  readonly #job: RecurringJob;

  constructor(deps: { orm: MikroORM; events: EventBus; jobs: JobQueue; logger: Logger; metrics: MetricsService; workflow: WorkflowService }) {
    this.#orm = deps.orm;
    this.#events = deps.events;
    this.#metrics = deps.metrics;
    this.#workflow = deps.workflow;
    this.#job = new RecurringJob(deps, TASK, EVERY_MS, () => this.#housekeeping());
  }

  async staleArticles(em: EntityManager, page: { limit: number; offset: number }): Promise<{ nodes: ArticleDto[]; totalCount: number }> {
    const rows = await runSql<Record<string, unknown> & { total: string }>(
      em,
      `SELECT a.*, count(*) OVER () AS total FROM kb_articles a
        WHERE a.status = 'published' AND a.review_at < now()
        ORDER BY a.review_at, a.id LIMIT ? OFFSET ?`,
      [page.limit, page.offset],
    );
    const translations = await loadTranslations(em, rows.map((row) => row.id as string));
    return {
      nodes: rows.map((row) => toArticleDto(row, translations.get(row.id as string) ?? [])),
      totalCount: rows.length ? Number(rows[0]!.total) : 0,
    };
  }

  /**
   * Marks newly stale articles and tells their owners; returns how many were
   * flagged. The event is published in the flagging transaction: its
   * in-transaction handlers (the owner's notification job) commit or roll
   * back with the flag, and its delivery waits for the commit. An article is
   * flagged again only once its review date has moved (saving a new date
   * clears the flag).
   */
  async flagStale(): Promise<number> {
    const em = this.#orm.em.fork() as unknown as EntityManager;
    let scope: object | undefined;
    try {
      const flagged = await em.transactional(async (tx) => {
        scope = tx;
        this.#events.openScope(tx);
        const rows = await runSql<{ id: string; owner_id: string | null; review_at: Date }>(
          tx as EntityManager,
          `UPDATE kb_articles SET stale_notified_at = now()
            WHERE id IN (
              SELECT id FROM kb_articles
               WHERE status = 'published' AND review_at < now() AND (stale_notified_at IS NULL OR stale_notified_at < review_at)
               FOR UPDATE SKIP LOCKED)
            RETURNING id, owner_id, review_at`,
        );
        for (const row of rows) {
          await this.#events.publishIn(tx, 'knowledge.articleStale', {
            articleId: row.id,
            ownerId: row.owner_id,
            reviewAt: new Date(row.review_at).toISOString(),
          });
        }
        return rows;
      });
      if (scope) await this.#events.commitScope(scope);
      return flagged.length;
    } catch (error) {
      if (scope) this.#events.discardScope(scope);
      throw error;
    }
  }

  async #housekeeping(): Promise<void> {
    await this.flagStale();
    await this.#metrics.pruneViews(this.#orm.em.fork() as unknown as EntityManager);
    await this.#workflow.publishDue();
  }

  /** (Re)schedules the hourly job; one pending job across all instances thanks to the job key. */
  schedule(runAt?: Date): Promise<void> {
    return this.#job.schedule(runAt);
  }
}
