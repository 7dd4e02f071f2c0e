import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { pgArray, runSql } from '../database/raw-sql.ts';
import { notFound } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import { id, localeCode } from './kb-input.ts';
import { readableVisibilities } from './visibility.ts';
import type { Visitor } from './visitor.ts';

/** Counted views per article, IP and day beyond which replays without a cookie stop counting. */
const MAX_VIEWS_PER_IP_PER_DAY = 20;
/** Anonymous votes per article and IP (a household or office may share one). */
const MAX_ANONYMOUS_VOTES_PER_IP = 5;

const voteInput = z.object({
  articleId: id('article'),
  helpful: z.boolean(),
  comment: z.string().trim().max(2000).nullish().transform((value) => value || null),
  locale: localeCode,
});
const suggestionInput = z.object({
  articleId: id('article'),
  query: z.string().trim().max(500),
  surface: z.enum(['contact_form', 'agent_assist', 'search']),
  locale: localeCode,
});
const days = z.number().int().min(1).max(366).default(30);

export interface ArticleMetrics {
  days: number;
  views: number;
  helpfulYes: number;
  helpfulNo: number;
  helpfulRatio: number | null;
  articleId: string;
}

export interface QueryStat {
  query: string;
  locale: string;
  count: number;
  lastResultCount: number;
  lastSearchedAt: Date;
}

/**
 * Views, helpful votes, suggestion opens, search statistics. Counters are
 * kept per day (kb_article_daily_stats) when a view is recorded, so reports
 * read small aggregates instead of scanning raw events.
 */
export class MetricsService {
  async #assertReadable(em: EntityManager, viewer: Viewer | null, articleId: string): Promise<void> {
    const [row] = await runSql(
      em,
      `SELECT 1 FROM kb_articles WHERE id = ? AND status = 'published' AND visibility = ANY(?::text[])`,
      [articleId, pgArray(readableVisibilities(viewer))],
    );
    // Same answer for "missing" and "not yours to read": no existence oracle.
    if (!row) throw notFound('Article');
  }

  /** Counts a view once per visitor, article and day; true when it was counted. */
  async recordView(em: EntityManager, viewer: Viewer | null, visitor: Visitor, rawArticleId: unknown, rawLocale: unknown): Promise<boolean> {
    const { articleId } = parseInput(z.object({ articleId: id('article'), locale: localeCode }), { articleId: rawArticleId, locale: rawLocale });
    await this.#assertReadable(em, viewer, articleId);
    const [{ count }] = await runSql<{ count: string }>(
      em,
      `SELECT count(*) AS count FROM kb_article_views WHERE article_id = ? AND day = current_date AND ip_hash = ?`,
      [articleId, visitor.ipHash],
    );
    if (Number(count) >= MAX_VIEWS_PER_IP_PER_DAY) return false;
    const inserted = await runSql(
      em,
      `INSERT INTO kb_article_views (article_id, day, visitor_key, ip_hash) VALUES (?, current_date, ?, ?)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [articleId, visitor.key, visitor.ipHash],
    );
    if (!inserted.length) return false;
    await runSql(
      em,
      `INSERT INTO kb_article_daily_stats (article_id, day, views) VALUES (?, current_date, 1)
       ON CONFLICT (article_id, day) DO UPDATE SET views = kb_article_daily_stats.views + 1`,
      [articleId],
    );
    return true;
  }

  /** One vote per visitor and article: a repeat replaces the vote, never adds one. */
  async vote(em: EntityManager, viewer: Viewer | null, visitor: Visitor, rawInput: unknown): Promise<{ helpful: boolean; changed: boolean }> {
    const input = parseInput(voteInput, rawInput);
    await this.#assertReadable(em, viewer, input.articleId);
    const [existing] = await runSql<{ helpful: boolean; comment: string | null }>(
      em,
      `SELECT helpful, comment FROM kb_helpful_votes WHERE article_id = ? AND visitor_key = ? FOR UPDATE`,
      [input.articleId, visitor.key],
    );
    if (existing) {
      const comment = input.comment ?? existing.comment;
      if (existing.helpful === input.helpful && comment === existing.comment) return { helpful: existing.helpful, changed: false };
      await runSql(
        em,
        `UPDATE kb_helpful_votes SET helpful = ?, comment = ?, locale = ?, updated_at = now() WHERE article_id = ? AND visitor_key = ?`,
        [input.helpful, comment, input.locale, input.articleId, visitor.key],
      );
      return { helpful: input.helpful, changed: true };
    }
    if (visitor.anonymous) {
      const [{ count }] = await runSql<{ count: string }>(
        em,
        `SELECT count(*) AS count FROM kb_helpful_votes WHERE article_id = ? AND ip_hash = ? AND visitor_key LIKE 'v:%'`,
        [input.articleId, visitor.ipHash],
      );
      if (Number(count) >= MAX_ANONYMOUS_VOTES_PER_IP) return { helpful: input.helpful, changed: false };
    }
    const inserted = await runSql(
      em,
      `INSERT INTO kb_helpful_votes (article_id, visitor_key, ip_hash, helpful, comment, locale) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [input.articleId, visitor.key, visitor.ipHash, input.helpful, input.comment, input.locale],
    );
    return { helpful: input.helpful, changed: inserted.length > 0 };
  }

  async viewerVote(em: EntityManager, visitorKey: string | null, articleId: string): Promise<boolean | null> {
    if (!visitorKey) return null;
    const [row] = await runSql<{ helpful: boolean }>(em, `SELECT helpful FROM kb_helpful_votes WHERE article_id = ? AND visitor_key = ?`, [
      articleId,
      visitorKey,
    ]);
    return row ? row.helpful : null;
  }

  /** Records that a suggested article was opened; the id travels with the ticket if the customer still writes in. */
  async recordSuggestionOpen(em: EntityManager, viewer: Viewer | null, visitor: Visitor, rawInput: unknown): Promise<string> {
    const input = parseInput(suggestionInput, rawInput);
    await this.#assertReadable(em, viewer, input.articleId);
    const suggestionId = randomUUID();
    await runSql(
      em,
      `INSERT INTO kb_suggestion_opens (id, article_id, query, surface, locale, visitor_key) VALUES (?, ?, ?, ?, ?, ?)`,
      [suggestionId, input.articleId, input.query, input.surface, input.locale, visitor.key],
    );
    return suggestionId;
  }

  /**
   * For the ticket feature: links a submitted ticket to the suggestion the
   * customer opened first, and returns the article id to store on the ticket
   * (null for an unknown id or one opened by another visitor).
   */
  async linkSuggestionToTicket(em: EntityManager, suggestionOpenId: string, ticketId: string, visitorKey: string): Promise<string | null> {
    if (!z.uuid().safeParse(suggestionOpenId).success) return null;
    const [row] = await runSql<{ article_id: string }>(
      em,
      `UPDATE kb_suggestion_opens SET ticket_id = ? WHERE id = ? AND visitor_key = ? AND ticket_id IS NULL RETURNING article_id`,
      [ticketId, suggestionOpenId, visitorKey],
    );
    return row?.article_id ?? null;
  }

  /** Views and votes of many articles in two grouped queries (batched by a loader). */
  async articleMetrics(em: EntityManager, articleIds: readonly string[], rawDays: unknown): Promise<Map<string, ArticleMetrics>> {
    const window = parseInput(days, rawDays ?? undefined);
    const ids = pgArray(articleIds);
    const views = await runSql<{ article_id: string; views: string }>(
      em,
      `SELECT article_id, sum(views) AS views FROM kb_article_daily_stats
        WHERE article_id = ANY(?::uuid[]) AND day > current_date - ?::int GROUP BY article_id`,
      [ids, window],
    );
    const votes = await runSql<{ article_id: string; yes: string; no: string }>(
      em,
      `SELECT article_id, count(*) FILTER (WHERE helpful) AS yes, count(*) FILTER (WHERE NOT helpful) AS no
         FROM kb_helpful_votes WHERE article_id = ANY(?::uuid[]) AND updated_at > now() - make_interval(days => ?) GROUP BY article_id`,
      [ids, window],
    );
    return new Map(
      articleIds.map((articleId) => {
        const vote = votes.find((row) => row.article_id === articleId);
        const yes = Number(vote?.yes ?? 0);
        const no = Number(vote?.no ?? 0);
        return [
          articleId,
          {
            articleId,
            days: window,
            views: Number(views.find((row) => row.article_id === articleId)?.views ?? 0),
            helpfulYes: yes,
            helpfulNo: no,
            helpfulRatio: yes + no ? yes / (yes + no) : null,
          },
        ];
      }),
    );
  }

  async comments(em: EntityManager, articleId: string, rawDays: unknown, rawLimit: unknown) {
    const window = parseInput(days, rawDays ?? undefined);
    const limit = parseInput(z.number().int().min(1).max(200).default(20), rawLimit ?? undefined);
    return runSql<{ helpful: boolean; comment: string; locale: string; createdAt: Date }>(
      em,
      `SELECT helpful, comment, locale, updated_at AS "createdAt" FROM kb_helpful_votes
        WHERE article_id = ? AND comment IS NOT NULL AND updated_at > now() - make_interval(days => ?)
        ORDER BY updated_at DESC LIMIT ?`,
      [articleId, window, limit],
    );
  }

  /** Searches grouped by normalised query; `onlyGaps`: those whose latest search found nothing. */
  async queryStats(em: EntityManager, rawDays: unknown, rawLimit: unknown, onlyGaps: boolean): Promise<QueryStat[]> {
    const window = parseInput(days, rawDays ?? undefined);
    const limit = parseInput(z.number().int().min(1).max(500).default(50), rawLimit ?? undefined);
    const rows = await runSql<{ query: string; locale: string; count: string; last_result_count: number; last_searched_at: Date }>(
      em,
      `SELECT * FROM (
         SELECT (array_agg(query ORDER BY created_at DESC))[1] AS query,
                (array_agg(locale ORDER BY created_at DESC))[1] AS locale,
                count(*) AS count,
                (array_agg(result_count ORDER BY created_at DESC))[1] AS last_result_count,
                max(created_at) AS last_searched_at
           FROM kb_search_queries
          WHERE source IN ('public', 'suggest') AND created_at > now() - make_interval(days => ?)
          GROUP BY normalized
       ) grouped
       WHERE ${onlyGaps ? 'last_result_count = 0' : 'true'}
       ORDER BY count DESC, last_searched_at DESC
       LIMIT ?`,
      [window, limit],
    );
    return rows.map((row) => ({
      query: row.query,
      locale: row.locale,
      count: Number(row.count),
      lastResultCount: Number(row.last_result_count),
      lastSearchedAt: row.last_searched_at,
    }));
  }

  async summary(em: EntityManager, rawDays: unknown) {
    const window = parseInput(days, rawDays ?? undefined);
    const [totals] = await runSql<Record<string, string>>(
      em,
      `SELECT
         (SELECT coalesce(sum(views), 0) FROM kb_article_daily_stats WHERE day > current_date - ?::int) AS views,
         (SELECT count(*) FROM kb_helpful_votes WHERE helpful AND updated_at > now() - make_interval(days => ?)) AS yes,
         (SELECT count(*) FROM kb_helpful_votes WHERE NOT helpful AND updated_at > now() - make_interval(days => ?)) AS no,
         (SELECT count(*) FROM kb_search_queries WHERE source IN ('public', 'suggest') AND created_at > now() - make_interval(days => ?)) AS searches,
         (SELECT count(*) FROM kb_search_queries WHERE source IN ('public', 'suggest') AND result_count = 0 AND created_at > now() - make_interval(days => ?)) AS zero,
         (SELECT count(*) FROM kb_suggestion_opens WHERE created_at > now() - make_interval(days => ?)) AS opens,
         (SELECT count(*) FROM kb_suggestion_opens WHERE ticket_id IS NOT NULL AND created_at > now() - make_interval(days => ?)) AS tickets`,
      [window, window, window, window, window, window, window],
    );
    return {
      days: window,
      views: Number(totals!.views),
      helpfulYes: Number(totals!.yes),
      helpfulNo: Number(totals!.no),
      searches: Number(totals!.searches),
      zeroResultSearches: Number(totals!.zero),
      suggestionOpens: Number(totals!.opens),
      ticketsAfterSuggestion: Number(totals!.tickets),
    };
  }

  /** Most viewed articles of the window with their votes. */
  async topArticles(em: EntityManager, rawDays: unknown, rawLimit: unknown) {
    const window = parseInput(days, rawDays ?? undefined);
    const limit = parseInput(z.number().int().min(1).max(100).default(10), rawLimit ?? undefined);
    const rows = await runSql<{ article_id: string; views: string }>(
      em,
      `SELECT article_id, sum(views) AS views FROM kb_article_daily_stats WHERE day > current_date - ?::int
        GROUP BY article_id ORDER BY sum(views) DESC, article_id LIMIT ?`,
      [window, limit],
    );
    const metrics = await this.articleMetrics(em, rows.map((row) => row.article_id), window);
    return rows.map((row) => metrics.get(row.article_id)!);
  }

  /** Housekeeping: raw views only matter for today's de-duplication. */
  async pruneViews(em: EntityManager): Promise<void> {
    await runSql(em, `DELETE FROM kb_article_views WHERE day < current_date - 1`);
  }
}
