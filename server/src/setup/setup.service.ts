import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { emailSchema, localeSchema, type RequestMeta } from '../auth/auth.service.ts';
import { hashPassword, passwordSchema } from '../auth/password.ts';
import type { SessionService } from '../auth/session.service.ts';
import { UserSchema, type User } from '../auth/user.entity.ts';
import type { EventBus } from '../events/event-bus.ts';
import { conflict } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';

export const firstAdminInput = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, 'is required').max(120),
  password: passwordSchema,
  locale: localeSchema.optional(),
});

/** Arbitrary but fixed key for the advisory lock that serialises first-admin creation. */
const SETUP_LOCK_KEY = 0x6b656675;

export class SetupService {
  readonly #sessions: SessionService;
  readonly #events: EventBus;
  constructor(deps: { sessions: SessionService; events: EventBus }) {
    this.#sessions = deps.sessions;
    this.#events = deps.events;
  }

  async needsSetup(em: EntityManager): Promise<boolean> {
    return (await em.count(UserSchema, { role: 'admin' })) === 0;
  }

  /**
   * Creates the first admin. Must run in a transaction: the advisory lock
   * makes two concurrent setup requests (two tabs, two instances) produce
   * exactly one admin; the loser gets CONFLICT.
   */
  async createFirstAdmin(em: EntityManager, rawInput: unknown, meta: RequestMeta) {
    const input = parseInput(firstAdminInput, rawInput);
    await em.getConnection().execute('SELECT pg_advisory_xact_lock(?)', [SETUP_LOCK_KEY], 'all', em.getTransactionContext());
    if (!(await this.needsSetup(em))) throw conflict('Kefu is already set up. Sign in instead.');
    const user = await this.createAdmin(em, input);
    const created = await this.#sessions.create(em, user, meta);
    return { user, ...created };
  }

  /** Used by setup and by the `kefu create-admin` CLI command. */
  async createAdmin(em: EntityManager, input: z.output<typeof firstAdminInput>): Promise<User> {
    if (await em.count(UserSchema, { email: input.email })) throw conflict('A user with this e-mail already exists.');
    const user = em.create(UserSchema, {
      email: input.email,
      name: input.name,
      role: 'admin',
      locale: input.locale ?? 'en',
      passwordHash: await hashPassword(input.password),
      passwordChangedAt: new Date(),
    });
    await em.flush();
    await this.#events.publishIn(em, 'user.created', { userId: user.id, role: 'admin' }, null);
    return user;
  }
}
