import type { EntityManager } from '@mikro-orm/postgresql';
import type { KefuConfig } from '../config/config.ts';
import { rateLimited } from '../graphql/errors.ts';

/**
 * Sign-ups per client IP in a sliding window, counted in PostgreSQL (like the
 * login throttle) so the limit holds across instances. Every attempt counts,
 * successful or not, and is recorded outside the request's transaction so a
 * refused attempt still uses up the allowance.
 */
export class SignupThrottle {
  readonly #limits: KefuConfig['portal'];
  constructor(config: KefuConfig) {
    this.#limits = config.portal;
  }

  async consume(em: EntityManager, ip: string): Promise<void> {
    const connection = em.fork().getConnection();
    const [row] = await connection.execute<{ attempts: string; oldest: Date | null }[]>(
      `SELECT count(*) AS attempts, min(attempted_at) AS oldest FROM signup_attempts
        WHERE ip = ? AND attempted_at > now() - make_interval(secs => ?)`,
      [ip, this.#limits.signupWindowSeconds],
    );
    if (Number(row.attempts) >= this.#limits.signupMaxPerIp) {
      const retryAt = new Date(row.oldest!).getTime() + this.#limits.signupWindowSeconds * 1000;
      throw rateLimited(Math.max(1, Math.ceil((retryAt - Date.now()) / 1000)));
    }
    await connection.execute(`INSERT INTO signup_attempts (ip) VALUES (?)`, [ip]);
    // Housekeeping on the write path keeps the table bounded without a cron job.
    await connection.execute(`DELETE FROM signup_attempts WHERE ip = ? AND attempted_at < now() - make_interval(secs => ?)`, [
      ip,
      this.#limits.signupWindowSeconds,
    ]);
  }
}
