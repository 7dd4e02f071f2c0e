import type { Permission, Viewer } from '@kefu/plugin-sdk';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { can } from '../auth/permissions.ts';
import { UserSchema } from '../auth/user.entity.ts';
import type { EventBus } from '../events/event-bus.ts';
import { badInput, forbidden } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { SearchService } from '../search/search.service.ts';
import { KbArticleTranslationSchema, type ArticleStatus, type KbArticle } from './article.entity.ts';
import type { ArticlesService } from './articles.service.ts';
import { articleStatus, id } from './kb-input.ts';
import { loadArticle, type ArticleDto } from './kb-read.ts';
import { runSql } from '../database/raw-sql.ts';

/**
 * Allowed moves and the permission each needs: authors (knowledge.edit)
 * submit and withdraw; reviewers (knowledge.publish) publish, unpublish,
 * archive and revive.
 */
export const TRANSITIONS: Record<ArticleStatus, Partial<Record<ArticleStatus, Permission>>> = {
  draft: { in_review: 'knowledge.edit', published: 'knowledge.publish', archived: 'knowledge.publish' },
  in_review: { draft: 'knowledge.edit', published: 'knowledge.publish', archived: 'knowledge.publish' },
  published: { draft: 'knowledge.publish', archived: 'knowledge.publish' },
  archived: { draft: 'knowledge.publish' },
};

const PUBLISH_TASK = 'knowledge.publishScheduled';
const transitionInput = z.object({ id: id('article'), to: articleStatus, publishAt: z.date().nullish() });

export function availableTransitions(viewer: Viewer | null, article: Pick<ArticleDto, 'status' | 'publishAt'>): ArticleStatus[] {
  const targets = Object.entries(TRANSITIONS[article.status])
    .filter(([, permission]) => can(viewer, permission))
    .map(([to]) => to as ArticleStatus);
  // A scheduled draft can be "moved to draft" to cancel the schedule.
  if (article.publishAt && article.status === 'draft' && can(viewer, 'knowledge.edit')) targets.unshift('draft');
  return targets;
}

export class WorkflowService {
  readonly #orm: MikroORM;
  readonly #events: EventBus;
  readonly #jobs: JobQueue;
  readonly #search: SearchService;
  readonly #articles: ArticlesService;

  constructor(deps: { orm: MikroORM; events: EventBus; jobs: JobQueue; search: SearchService; articles: ArticlesService }) {
    this.#orm = deps.orm;
    this.#events = deps.events;
    this.#jobs = deps.jobs;
    this.#search = deps.search;
    this.#articles = deps.articles;
    this.#jobs.register(PUBLISH_TASK, (payload) => this.#publishScheduled(payload));
  }

  async transition(em: EntityManager, actor: Viewer, rawInput: unknown): Promise<ArticleDto> {
    const input = parseInput(transitionInput, rawInput);
    const article = await this.#articles.lock(em, input.id);
    const from = article.status as ArticleStatus;
    const cancelsSchedule = input.to === 'draft' && from !== 'published' && from !== 'archived' && article.publishAt !== null;
    const permission = cancelsSchedule && from === 'draft' ? 'knowledge.edit' : TRANSITIONS[from][input.to];
    if (!permission) throw badInput([{ field: 'to', message: `an article cannot move from ${from} to ${input.to}` }]);
    if (!can(actor, permission)) throw forbidden(`Moving an article from ${from} to ${input.to} needs ${permission}.`);

    if (input.to === 'published' && input.publishAt && input.publishAt.getTime() > Date.now() + 5_000) {
      article.publishAt = input.publishAt;
      article.publishScheduledBy = em.getReference(UserSchema, actor.id);
      await em.flush();
      await this.#jobs.enqueue(em, PUBLISH_TASK, { articleId: article.id }, { runAt: input.publishAt, jobKey: `${PUBLISH_TASK}:${article.id}` });
      return (await loadArticle(em, article.id))!;
    }
    if (article.publishAt) {
      article.publishAt = null;
      article.publishScheduledBy = null;
      await this.#jobs.cancel(em, `${PUBLISH_TASK}:${article.id}`);
    }
    if (from !== input.to) await this.#move(em, article, input.to, actor.id);
    else await em.flush();
    return (await loadArticle(em, article.id))!;
  }

  async #move(em: EntityManager, article: KbArticle, to: ArticleStatus, actorId: string | null): Promise<void> {
    const from = article.status as ArticleStatus;
    article.status = to;
    if (to === 'published') {
      article.publishedAt = new Date();
      article.archivedAt = null;
    }
    if (to === 'archived') article.archivedAt = new Date();
    await this.#articles.recordVersion(em, article, 'status_changed', actorId);
    if (to === 'published' || from === 'published') await this.#search.articlesChanged(em, [article.id]);
    if (to === 'published') {
      const translations = await em.find(KbArticleTranslationSchema, { article }, { fields: ['locale'] });
      await this.#events.publishIn(em, 'knowledge.articlePublished', { articleId: article.id, locales: translations.map((t) => t.locale) }, actorId);
    } else if (from === 'published') {
      await this.#events.publishIn(em, 'knowledge.articleUnpublished', { articleId: article.id, status: to as 'draft' | 'archived' }, actorId);
    }
    if (to === 'in_review') await this.#events.publishIn(em, 'knowledge.articleSubmitted', { articleId: article.id }, actorId);
  }

  /** Job: publishes an article whose scheduled time has come, in the name of whoever scheduled it. */
  async #publishScheduled(payload: unknown): Promise<void> {
    const { articleId } = z.object({ articleId: z.uuid() }).parse(payload);
    const em = this.#orm.em.fork() as unknown as EntityManager;
    let scope: object | undefined;
    try {
      await em.transactional(async (tx) => {
        scope = tx;
        this.#events.openScope(tx);
        const article = await this.#articles.lock(tx as EntityManager, articleId).catch(() => null);
        if (!article || !article.publishAt || article.publishAt.getTime() > Date.now() + 1_000) return;
        if (article.status !== 'draft' && article.status !== 'in_review') return;
        const actorId = article.publishScheduledBy?.id ?? null;
        article.publishAt = null;
        article.publishScheduledBy = null;
        await this.#move(tx as EntityManager, article, 'published', actorId);
      });
      if (scope) await this.#events.commitScope(scope);
    } catch (error) {
      if (scope) this.#events.discardScope(scope);
      throw error;
    }
  }

  /** Publishes every article whose time has come (used by tests and as a safety net after downtime). */
  async publishDue(): Promise<number> {
    const em = this.#orm.em.fork() as unknown as EntityManager;
    const due = await runSql<{ id: string }>(
      em,
      `SELECT id FROM kb_articles WHERE publish_at <= now() AND status IN ('draft', 'in_review')`,
    );
    for (const row of due) await this.#publishScheduled({ articleId: row.id });
    return due.length;
  }
}
