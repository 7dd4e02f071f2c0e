import type { EntityManager } from '@mikro-orm/postgresql';
import type { KefuConfig } from '../config/config.ts';
import { SessionSchema, type Session } from './session.entity.ts';
import { hashToken, newToken } from './tokens.ts';
import type { User } from './user.entity.ts';

/** Refresh `lastSeenAt` at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;

export interface ActiveSession {
  session: Session;
  user: User;
}

export class SessionService {
  readonly #config: KefuConfig;
  constructor(config: KefuConfig) {
    this.#config = config;
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

  /** The live session for a cookie token, or null when unknown, revoked, expired, idle or the user is inactive. */
  async resolve(em: EntityManager, token: string): Promise<ActiveSession | null> {
    if (!token || token.length > 128) return null;
    const session = await em.findOne(SessionSchema, { tokenHash: hashToken(token) }, { populate: ['user'] });
    if (!session || session.revokedAt) return null;
    const now = Date.now();
    const idleLimit = session.lastSeenAt.getTime() + this.#config.session.idleHours * 3_600_000;
    if (session.expiresAt.getTime() <= now || idleLimit <= now) return null;
    const user = session.user as unknown as User;
    if (!user.active) return null;
    if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await em.nativeUpdate(SessionSchema, { id: session.id }, { lastSeenAt: new Date(now) });
    }
    return { session, user };
  }

  async revoke(em: EntityManager, sessionId: string): Promise<void> {
    await em.nativeUpdate(SessionSchema, { id: sessionId, revokedAt: null }, { revokedAt: new Date() });
  }

  /** Revokes every live session of a user, optionally keeping one; returns how many ended. */
  async revokeAllForUser(em: EntityManager, userId: string, exceptSessionId?: string): Promise<number> {
    const where = exceptSessionId
      ? { user: userId, revokedAt: null, id: { $ne: exceptSessionId } }
      : { user: userId, revokedAt: null };
    return em.nativeUpdate(SessionSchema, where, { revokedAt: new Date() });
  }
}
