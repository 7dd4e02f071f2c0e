import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { runSql } from '../database/raw-sql.ts';
import { normalizeText } from '../text/segment.ts';

export type SearchSource = 'public' | 'staff' | 'suggest';

interface Entry {
  query: string;
  locale: string;
  source: SearchSource;
  resultCount: number;
}

interface Pending {
  entry: Entry;
  timer: NodeJS.Timeout;
}

/**
 * Logs what readers searched for, without one row per keystroke: with
 * search-as-you-type, "p", "pa", "pas"… are one search. Per visitor the
 * latest query is held until they pause (or type something unrelated), and
 * only that settled query is written with its result count, in batches (one
 * INSERT per second at most). Zero-result settled queries are the content gaps.
 */
export class SearchLog {
  readonly #orm: MikroORM;
  readonly #logger: Logger;
  readonly #settleMs: number;
  readonly #pending = new Map<string, Pending>();
  /** Settled entries waiting for the next batched INSERT (one statement and one commit per batch). */
  #settled: Entry[] = [];
  #batchTimer: NodeJS.Timeout | undefined;
  readonly #writes = new Set<Promise<void>>();

  constructor(deps: { orm: MikroORM; logger: Logger; settleMs?: number }) {
    this.#orm = deps.orm;
    this.#logger = deps.logger;
    this.#settleMs = deps.settleMs ?? 2_500;
  }

  record(visitor: string, entry: Entry): void {
    const normalized = normalizeText(entry.query).trim();
    if (!normalized) return;
    const key = `${entry.source}:${visitor}`;
    const previous = this.#pending.get(key);
    if (previous) {
      clearTimeout(previous.timer);
      const before = normalizeText(previous.entry.query).trim();
      const continues = normalized.startsWith(before) || before.startsWith(normalized);
      if (!continues) this.#write(previous.entry);
    }
    const timer = setTimeout(() => this.#settle(key), this.#settleMs);
    timer.unref();
    this.#pending.set(key, { entry: { ...entry, query: entry.query.trim().slice(0, 200) }, timer });
  }

  #settle(key: string): void {
    const pending = this.#pending.get(key);
    if (!pending) return;
    this.#pending.delete(key);
    this.#write(pending.entry);
  }

  #write(entry: Entry): void {
    this.#settled.push(entry);
    if (this.#settled.length >= 500) this.#writeBatch();
    else if (!this.#batchTimer) {
      this.#batchTimer = setTimeout(() => this.#writeBatch(), 1_000);
      this.#batchTimer.unref();
    }
  }

  #writeBatch(): void {
    clearTimeout(this.#batchTimer);
    this.#batchTimer = undefined;
    const batch = this.#settled;
    this.#settled = [];
    if (!batch.length) return;
    const em = this.#orm.em.fork() as unknown as EntityManager;
    const rows = batch.map((entry) => ({
      query: entry.query,
      normalized: normalizeText(entry.query).trim().replace(/\s+/g, ' '),
      locale: entry.locale,
      source: entry.source,
      result_count: entry.resultCount,
    }));
    const write = runSql(
      em,
      `INSERT INTO kb_search_queries (query, normalized, locale, source, result_count)
       SELECT query, normalized, locale, source, result_count
         FROM json_to_recordset(?::json) AS r(query text, normalized text, locale text, source text, result_count int)`,
      [JSON.stringify(rows)],
    )
      .then(() => undefined)
      .catch((error) => this.#logger.warn({ err: error, queries: rows.length }, 'could not log search queries'));
    this.#writes.add(write);
    void write.finally(() => this.#writes.delete(write));
  }

  /** Writes everything held (shutdown, tests). */
  async flush(): Promise<void> {
    for (const key of [...this.#pending.keys()]) {
      clearTimeout(this.#pending.get(key)!.timer);
      this.#settle(key);
    }
    this.#writeBatch();
    await Promise.all([...this.#writes]);
  }
}
