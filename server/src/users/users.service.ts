import type { Viewer } from '@kefu/plugin-sdk';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { emailSchema, localeSchema } from '../auth/auth.service.ts';
import { hashPassword, passwordSchema } from '../auth/password.ts';
import type { SessionService } from '../auth/session.service.ts';
import { ROLES, UserSchema, type User } from '../auth/user.entity.ts';
import type { EventBus } from '../events/event-bus.ts';
import { badInput, conflict, notFound } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';

const listInput = z.object({
  role: z.enum(ROLES).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
});
const createInput = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, 'is required').max(120),
  role: z.enum(ROLES),
  password: passwordSchema,
  locale: localeSchema.optional(),
});
export type NewUser = z.output<typeof createInput>;

const updateInput = z.object({
  id: z.uuid('must be a user id'),
  name: z.string().trim().min(1).max(120).nullish(),
  role: z.enum(ROLES).nullish(),
  active: z.boolean().nullish(),
});

export class UsersService {
  readonly #sessions: SessionService;
  readonly #events: EventBus;
  constructor(deps: { sessions: SessionService; events: EventBus }) {
    this.#sessions = deps.sessions;
    this.#events = deps.events;
  }

  async list(em: EntityManager, rawInput: unknown) {
    const input = parseInput(listInput, rawInput);
    const where = input.role ? { role: input.role } : {};
    const [nodes, totalCount] = await em.findAndCount(UserSchema, where, {
      orderBy: { createdAt: 'desc', id: 'asc' },
      limit: input.limit,
      offset: input.offset,
    });
    return { nodes, totalCount };
  }

  async create(em: EntityManager, actor: Viewer, rawInput: unknown): Promise<User> {
    return this.insert(em, parseInput(createInput, rawInput), actor.id);
  }

  /**
   * The one place a user row is written (admin, setup, CLI). The unique index
   * on email decides duplicates, so two concurrent requests cannot both win.
   */
  async insert(em: EntityManager, input: NewUser, actorId: string | null): Promise<User> {
    const user = em.create(UserSchema, {
      email: input.email,
      name: input.name,
      role: input.role,
      locale: input.locale ?? 'en',
      passwordHash: await hashPassword(input.password),
      passwordChangedAt: new Date(),
    });
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw conflict('A user with this e-mail already exists.');
      throw error;
    }
    await this.#events.publishIn(em, 'user.created', { userId: user.id, role: user.role }, actorId);
    return user;
  }

  async update(em: EntityManager, actor: Viewer, rawInput: unknown): Promise<User> {
    const input = parseInput(updateInput, rawInput);
    const user = await em.findOne(UserSchema, { id: input.id });
    if (!user) throw notFound('User');
    const demotesSelf = user.id === actor.id && ((input.role && input.role !== 'admin') || input.active === false);
    if (demotesSelf) throw badInput([{ field: 'id', message: 'you cannot remove your own admin access' }]);
    const requested = { name: input.name, role: input.role, active: input.active };
    const changes = (Object.keys(requested) as (keyof typeof requested)[]).filter(
      (key) => requested[key] != null && requested[key] !== user[key],
    );
    em.assign(user, Object.fromEntries(changes.map((key) => [key, requested[key]])));
    await em.flush();
    // A new role or a deactivation must take effect now, not when cookies expire.
    if (changes.includes('role') || changes.includes('active')) await this.#sessions.revokeAllForUser(em, user.id);
    if (changes.length) await this.#events.publishIn(em, 'user.updated', { userId: user.id, changes }, actor.id);
    return user;
  }

  async revokeSessions(em: EntityManager, rawUserId: unknown): Promise<number> {
    const userId = parseInput(z.uuid('must be a user id'), rawUserId);
    if (!(await em.count(UserSchema, { id: userId }))) throw notFound('User');
    return this.#sessions.revokeAllForUser(em, userId);
  }
}
