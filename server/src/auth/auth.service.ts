import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { EventBus } from '../events/event-bus.ts';
import { badInput, unauthenticated } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { hashPassword, passwordSchema, verifyPassword } from './password.ts';
import type { SessionService } from './session.service.ts';
import { UserSchema, type User } from './user.entity.ts';

export const SUPPORTED_LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;
export const localeSchema = z.enum(SUPPORTED_LOCALES, { message: `must be one of ${SUPPORTED_LOCALES.join(', ')}` });
export const timeZoneSchema = z.string().refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai');
export const emailSchema = z.email('must be a valid e-mail address').max(254).transform((email) => email.toLowerCase());

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const loginInput = z.object({ email: z.string().max(254), password: z.string().max(256) });
const changePasswordInput = z.object({ currentPassword: z.string().max(256), newPassword: passwordSchema });
const profileInput = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  locale: localeSchema.optional(),
  timeZone: timeZoneSchema.optional(),
});

export interface RequestMeta {
  ip: string;
  userAgent?: string;
}

export class AuthService {
  readonly #sessions: SessionService;
  readonly #throttle: LoginThrottle;
  readonly #events: EventBus;

  constructor(deps: { sessions: SessionService; throttle: LoginThrottle; events: EventBus }) {
    this.#sessions = deps.sessions;
    this.#throttle = deps.throttle;
    this.#events = deps.events;
  }

  /**
   * Failures are recorded on a separate connection (outside the request's
   * transaction) so that the count survives the rollback of the failed login.
   */
  async login(em: EntityManager, rawInput: unknown, meta: RequestMeta) {
    const input = parseInput(loginInput, rawInput);
    const email = input.email.trim().toLowerCase();
    await this.#throttle.assertAllowed(em, email, meta.ip);
    const user = await em.findOne(UserSchema, { email }, { populate: ['passwordHash'] });
    const valid = await verifyPassword(user?.passwordHash, input.password);
    if (!user || !valid || !user.active) {
      await this.#throttle.recordFailure(em.fork(), email, meta.ip);
      throw unauthenticated('E-mail or password is incorrect.');
    }
    await this.#throttle.clearAccount(em, email);
    const created = await this.#sessions.create(em, user, meta);
    await this.#events.publishIn(em, 'user.signedIn', { userId: user.id, sessionId: created.session.id }, user.id);
    return { user, ...created };
  }

  async changePassword(em: EntityManager, userId: string, sessionId: string, rawInput: unknown): Promise<void> {
    const input = parseInput(changePasswordInput, rawInput);
    const fresh = await em.findOneOrFail(UserSchema, { id: userId }, { populate: ['passwordHash'] });
    if (!(await verifyPassword(fresh.passwordHash, input.currentPassword))) {
      throw badInput([{ field: 'currentPassword', message: 'is incorrect' }]);
    }
    if (input.newPassword === input.currentPassword) {
      throw badInput([{ field: 'newPassword', message: 'must differ from the current password' }]);
    }
    fresh.passwordHash = await hashPassword(input.newPassword);
    fresh.passwordChangedAt = new Date();
    await em.flush();
    await this.#sessions.revokeAllForUser(em, userId, sessionId);
  }

  async updateProfile(em: EntityManager, userId: string, rawInput: unknown): Promise<User> {
    const input = parseInput(profileInput, rawInput);
    const user = await em.findOneOrFail(UserSchema, { id: userId });
    const changes = Object.keys(input).filter((key) => input[key as keyof typeof input] !== undefined);
    em.assign(user, Object.fromEntries(changes.map((key) => [key, input[key as keyof typeof input]])));
    await em.flush();
    if (changes.length) await this.#events.publishIn(em, 'user.updated', { userId, changes }, userId);
    return user;
  }

}
