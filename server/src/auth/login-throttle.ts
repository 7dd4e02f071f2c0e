import type { EntityManager } from '@mikro-orm/postgresql';
import type { KefuConfig } from '../config/config.ts';
import { rateLimited } from '../graphql/errors.ts';
import { runSql } from '../database/raw-sql.ts';

/**
 * Counts failed sign-ins per account and per client IP in PostgreSQL, so the
 * limit holds across every app instance without needing Redis. Once either
 * count reaches its limit inside the window, attempts are refused before the
 * password is checked (no oracle while locked).
 */
export class LoginThrottle {
  readonly #limits: KefuConfig['loginThrottle'];
  constructor(config: KefuConfig) {
    this.#limits = config.loginThrottle;
  }

  async assertAllowed(em: EntityManager, email: string, ip: string): Promise<void> {
    const rows = await runSql<{ key: string; failures: string; oldest: Date }>(
      em,
      `SELECT key, count(*) AS failures, min(failed_at) AS oldest
         FROM login_failures
        WHERE key IN (?, ?) AND failed_at > now() - make_interval(secs => ?)
        GROUP BY key`,
      [accountKey(email), ipKey(ip), this.#limits.windowSeconds],
    );
    for (const row of rows) {
      const limit = row.key.startsWith('account:') ? this.#limits.maxPerAccount : this.#limits.maxPerIp;
      if (Number(row.failures) >= limit) {
        const retryAt = new Date(row.oldest).getTime() + this.#limits.windowSeconds * 1000;
        throw rateLimited(Math.max(1, Math.ceil((retryAt - Date.now()) / 1000)));
      }
    }
  }

  async recordFailure(em: EntityManager, email: string, ip: string): Promise<void> {
    await runSql(em, `INSERT INTO login_failures (key) VALUES (?), (?)`, [accountKey(email), ipKey(ip)]);
    // Housekeeping on the write path keeps the table bounded without a cron job.
    await runSql(
      em,
      `DELETE FROM login_failures WHERE key IN (?, ?) AND failed_at < now() - make_interval(secs => ?)`,
      [accountKey(email), ipKey(ip), this.#limits.windowSeconds],
    );
  }

  async clearAccount(em: EntityManager, email: string): Promise<void> {
    await runSql(em, `DELETE FROM login_failures WHERE key = ?`, [accountKey(email)]);
  }
}

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;
