import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { emailSchema, localeSchema, type RequestMeta } from '../auth/auth.service.ts';
import { passwordSchema } from '../auth/password.ts';
import type { SessionService } from '../auth/session.service.ts';
import { UserSchema, type User } from '../auth/user.entity.ts';
import { conflict } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import type { UsersService } from '../users/users.service.ts';
import { runSql } from '../database/raw-sql.ts';

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
  readonly #users: UsersService;
  constructor(deps: { sessions: SessionService; users: UsersService }) {
    this.#sessions = deps.sessions;
    this.#users = deps.users;
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
    await runSql(em, 'SELECT pg_advisory_xact_lock(?)', [SETUP_LOCK_KEY]);
    if (!(await this.needsSetup(em))) throw conflict('Kefu is already set up. Sign in instead.');
    const user = await this.createAdmin(em, input);
    const created = await this.#sessions.create(em, user, meta);
    return { user, ...created };
  }

  /** Used by setup and by the `kefu create-admin` CLI command. */
  createAdmin(em: EntityManager, input: z.output<typeof firstAdminInput>): Promise<User> {
    return this.#users.insert(em, { ...input, role: 'admin' }, null);
  }
}
