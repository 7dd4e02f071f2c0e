import type { EntityManager } from '@mikro-orm/postgresql';
import type { KefuConfig } from '../config/config.ts';
import type { EventBus } from '../events/event-bus.ts';
import { SessionSchema } from './session.entity.ts';
import { hashToken, newToken } from './tokens.ts';
import { UserSchema, type User } from './user.entity.ts';
import { runSql } from '../database/raw-sql.ts';

/** Refresh `lastSeenAt` at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;

/** What a request needs of its session (the entity has more). */
export interface SessionInfo {
  id: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface ActiveSession {
  session: SessionInfo;
  user: User;
}

interface SessionRow {
  s_id: string;
  s_csrf_token: string;
  s_expires_at: string | Date;
  s_last_seen_at: string | Date;
}

/** Every users column but password_hash, which never leaves the auth service. */
const USER_COLUMNS = ['id', 'email', 'name', 'role', 'locale', 'time_zone', 'active', 'password_changed_at', 'created_at', 'updated_at'];

/** The conditions that make a session live; shared by cookie resolution and the WebSocket sweep. */
const LIVE_SESSION = `s.revoked_at IS NULL AND u.active AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(hours => ?)`;

export class SessionService {
  readonly #config: KefuConfig;
  readonly #events: EventBus;
  constructor(config: KefuConfig, events: EventBus) {
    this.#config = config;
    this.#events = events;
  }

  async create(em: EntityManager, user: User, meta: { ip: string; userAgent?: string }) {
    const token = newToken();
    const session = em.create(SessionSchema, {
      tokenHash: hashToken(token),
      user,
      csrfToken: newToken(),
      expiresAt: new Date(Date.now() + this.#config.session.ttlHours * 3_600_000),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
    });
    await em.flush();
    return { token, session };
  }

  /**
   * The live session for a cookie token, or null when unknown, revoked,
   * expired, idle or the user is inactive. This runs on every API request, so
   * it is one indexed SQL join with every check in the WHERE clause; the user
   * row is hydrated into the request's identity map, so resolvers reading the
   * viewer's User get it without another query.
   */
  async resolve(em: EntityManager, token: string): Promise<ActiveSession | null> {
    if (!token || token.length > 128) return null;
    const rows = await runSql<Record<string, unknown> & SessionRow>(
      em,
      `SELECT s.id AS s_id, s.csrf_token AS s_csrf_token, s.expires_at AS s_expires_at, s.last_seen_at AS s_last_seen_at,
              ${USER_COLUMNS.map((column) => `u.${column}`).join(', ')}
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = ? AND ${LIVE_SESSION}`,
      [hashToken(token), this.#config.session.idleHours],
    );
    const row = rows[0];
    if (!row) return null;
    const session: SessionInfo = { id: row.s_id, csrfToken: row.s_csrf_token, expiresAt: new Date(row.s_expires_at) };
    const user = em.map(UserSchema, Object.fromEntries(USER_COLUMNS.map((column) => [column, row[column]])) as never);
    if (Date.now() - new Date(row.s_last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
      await runSql(em, 'UPDATE sessions SET last_seen_at = now() WHERE id = ?', [session.id]);
    }
    return { session, user };
  }

  /** Of the given session ids, those still live (the WebSocket sweep closes the others' sockets). */
  async liveSessionIds(em: EntityManager, sessionIds: string[]): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const rows = await runSql<{ id: string }>(
      em,
      `SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ANY(?::uuid[]) AND ${LIVE_SESSION}`,
      [`{${sessionIds.join(',')}}`, this.#config.session.idleHours],
    );
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Ends one session. Like every revocation it publishes `session.revoked`
   * (after the commit), so open WebSockets of that session close at once.
   */
  async revoke(em: EntityManager, sessionId: string, userId: string): Promise<void> {
    await em.nativeUpdate(SessionSchema, { id: sessionId, revokedAt: null }, { revokedAt: new Date() });
    await this.#events.publishIn(em, 'session.revoked', { userId }, userId);
  }

  /** Revokes every live session of a user, optionally keeping one; returns how many ended. */
  async revokeAllForUser(em: EntityManager, userId: string, exceptSessionId?: string): Promise<number> {
    const where = exceptSessionId
      ? { user: userId, revokedAt: null, id: { $ne: exceptSessionId } }
      : { user: userId, revokedAt: null };
    const ended = await em.nativeUpdate(SessionSchema, where, { revokedAt: new Date() });
    if (ended > 0) await this.#events.publishIn(em, 'session.revoked', { userId });
    return ended;
  }
}
