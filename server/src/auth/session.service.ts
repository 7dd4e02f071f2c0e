import type { EntityManager } from '@mikro-orm/postgresql';
import type { KefuConfig } from '../config/config.ts';
import type { EventBus } from '../events/event-bus.ts';
import { SessionSchema } from './session.entity.ts';
import { hashToken, newToken } from './tokens.ts';
import { UserSchema, type User } from './user.entity.ts';
import { prepared } from '../database/prepared-statements.ts';
import { runSql } from '../database/raw-sql.ts';
import { sql } from '../database/sql.ts';

/** Refresh `lastSeenAt` at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;

/** What a request needs of its session (the entity has more). */
export interface SessionInfo {
  id: string;
  csrfToken: string;
  expiresAt: Date;
  /**
   * The user's columns, read with the session. `me` maps them into its
   * entity manager on demand (`sessionUser`); doing that on every request
   * cost about 3 % of an inbox page's CPU for a User entity nobody asked for.
   */
  userRow?: Record<string, unknown>;
}

export interface ActiveSession {
  session: SessionInfo;
  user: Pick<User, 'id' | 'email' | 'name' | 'role'>;
}

interface SessionRow {
  s_id: string;
  s_csrf_token: string;
  s_expires_at: string | Date;
  s_last_seen_at: string | Date;
}

/** Every users column but password_hash, which never leaves the auth service. */
const USER_COLUMNS = ['id', 'email', 'name', 'role', 'locale', 'time_zone', 'active', 'password_changed_at', 'created_at', 'updated_at'];

/** The conditions that make a session live (`idleHours`: the placeholder of the idle limit); shared by cookie resolution and the WebSocket sweep. */
const liveSession = (idleHours: string) =>
  `s.revoked_at IS NULL AND u.active AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(hours => ${idleHours})`;

/** The live session of a token hash ($1) with its user's columns ($2: idle limit in hours). Sent by every API request: kept prepared. */
export const SESSION_BY_TOKEN = prepared(`SELECT s.id AS s_id, s.csrf_token AS s_csrf_token, s.expires_at AS s_expires_at, s.last_seen_at AS s_last_seen_at,
       ${USER_COLUMNS.map((column) => `u.${column}`).join(', ')}
  FROM sessions s JOIN users u ON u.id = s.user_id
 WHERE s.token_hash = $1 AND ${liveSession('$2')}`);

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
   * it is one indexed SQL join with every check in the WHERE clause. The
   * user's row is kept with the session (see `SessionInfo.userRow`), so `me`
   * needs no second query.
   */
  async resolve(em: EntityManager, token: string): Promise<ActiveSession | null> {
    if (!token || token.length > 128) return null;
    const rows = await sql<Record<string, unknown> & SessionRow>(em, SESSION_BY_TOKEN, [hashToken(token), this.#config.session.idleHours]);
    const row = rows[0];
    if (!row) return null;
    const userRow = Object.fromEntries(USER_COLUMNS.map((column) => [column, row[column]]));
    const session: SessionInfo = { id: row.s_id, csrfToken: row.s_csrf_token, expiresAt: new Date(row.s_expires_at), userRow };
    const user = { id: row.id as string, email: row.email as string, name: row.name as string, role: row.role as User['role'] };
    if (Date.now() - new Date(row.s_last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
      await runSql(em, 'UPDATE sessions SET last_seen_at = now() WHERE id = ?', [session.id]);
    }
    return { session, user };
  }

  /** The session's User entity in `em`, from the row read with the session (no query when it is there). */
  async sessionUser(em: EntityManager, session: SessionInfo, userId: string): Promise<User> {
    return session.userRow?.id === userId ? em.map(UserSchema, session.userRow as never) : em.findOneOrFail(UserSchema, { id: userId });
  }

  /** Of the given session ids, those still live (the WebSocket sweep closes the others' sockets). */
  async liveSessionIds(em: EntityManager, sessionIds: string[]): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const rows = await runSql<{ id: string }>(
      em,
      `SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ANY(?::uuid[]) AND ${liveSession('?')}`,
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
