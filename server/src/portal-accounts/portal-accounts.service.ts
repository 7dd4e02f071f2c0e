import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { emailSchema, localeSchema, type RequestMeta } from '../auth/auth.service.ts';
import { passwordSchema } from '../auth/password.ts';
import type { SessionService } from '../auth/session.service.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import type { User } from '../auth/user.entity.ts';
import type { KefuConfig } from '../config/config.ts';
import type { CustomersService } from '../customers/customers.service.ts';
import { sql, sqlOne } from '../database/sql.ts';
import type { EventBus } from '../events/event-bus.ts';
import { badInput, conflict, forbidden, notFound } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import type { UsersService } from '../users/users.service.ts';
import type { SignupThrottle } from './signup-throttle.ts';

const name = z.string().trim().min(1, 'is required').max(120);
const signUpInput = z.object({ email: emailSchema, password: passwordSchema, name, locale: localeSchema.optional() });
const inviteInput = z.object({ customerId: z.uuid('must be a customer id'), email: emailSchema.nullish() });
const acceptInput = z.object({ token: z.string().min(20).max(128), password: passwordSchema, name: name.nullish() });

export interface InviteRow {
  id: string;
  customerId: string;
  email: string;
  invitedById: string | null;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}
const INVITE_SELECT = `i.id, i.customer_id AS "customerId", i.email, i.invited_by_id AS "invitedById", i.expires_at AS "expiresAt",
  i.accepted_at AS "acceptedAt", i.revoked_at AS "revokedAt", i.created_at AS "createdAt"`;

/** Where the SPA accepts an invitation; the token travels in the fragment, which browsers never send to servers or in Referer. */
export const INVITE_PATH = '/portal/accept-invite#token=';

/**
 * Customer portal accounts: a login user (role customer) linked to a customer
 * profile. Self sign-up always gets a new profile: it is never matched to an
 * existing profile by e-mail, because nobody has proved they own that
 * address (Kefu cannot send verification e-mail yet), and claiming by e-mail
 * would show a stranger the tickets someone else sent from it. Staff
 * invitations link an existing profile: the agent vouches for the person.
 */
export class PortalAccountsService {
  readonly #config: KefuConfig;
  readonly #users: UsersService;
  readonly #customers: CustomersService;
  readonly #sessions: SessionService;
  readonly #events: EventBus;
  readonly #throttle: SignupThrottle;

  constructor(deps: {
    config: KefuConfig;
    users: UsersService;
    customers: CustomersService;
    sessions: SessionService;
    events: EventBus;
    throttle: SignupThrottle;
  }) {
    this.#config = deps.config;
    this.#users = deps.users;
    this.#customers = deps.customers;
    this.#sessions = deps.sessions;
    this.#events = deps.events;
    this.#throttle = deps.throttle;
  }

  /** Whether `signUp` is open (PORTAL_SIGNUP_ENABLED); a server setting, so it only changes with a restart. */
  get signupEnabled(): boolean {
    return this.#config.portal.signupEnabled;
  }

  /** Creates a customer account with a new profile and signs it in. */
  async signUp(em: EntityManager, rawInput: unknown, meta: RequestMeta) {
    if (!this.signupEnabled) throw forbidden('Sign-up is turned off; ask support for an invitation.');
    await this.#throttle.consume(em, meta.ip);
    const input = parseInput(signUpInput, rawInput);
    const user = await this.#users.insert(em, { ...input, role: 'customer' }, null);
    const profile = await this.#customers.create(em, null, { name: input.name, locale: input.locale ?? null });
    await this.#link(em, profile.id, user.id);
    return this.#signIn(em, user, meta);
  }

  /**
   * A single-use invitation for an existing profile without an account. The
   * token is returned once (only its hash is stored); a new invitation
   * revokes the profile's pending ones.
   */
  async invite(em: EntityManager, actor: Viewer, rawInput: unknown) {
    const input = parseInput(inviteInput, rawInput);
    const customer = await this.#customers.get(em, input.customerId);
    if (!customer) throw notFound('Customer');
    if (customer.mergedIntoId) throw badInput([{ field: 'customerId', message: 'was merged into another profile; invite that one' }]);
    if (customer.userId) throw conflict('This customer already has a portal account.');
    const email = input.email ?? customer.emails[0];
    if (!email) throw badInput([{ field: 'email', message: 'is required: the profile has no e-mail address' }]);
    if (await sqlOne(em, `SELECT 1 FROM users WHERE email = $1`, [email])) throw conflict('An account with this e-mail already exists.');

    await sql(em, `UPDATE customer_invites SET revoked_at = now() WHERE customer_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL`, [
      customer.id,
    ]);
    const token = newToken();
    const id = randomUUID();
    const expiresAt = new Date(Date.now() + this.#config.portal.inviteTtlHours * 3_600_000);
    await sql(em, `INSERT INTO customer_invites (id, token_hash, customer_id, email, invited_by_id, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      id,
      hashToken(token),
      customer.id,
      email,
      actor.id,
      expiresAt,
    ]);
    const invite = (await this.#inviteById(em, id))!;
    return { invite, token, acceptUrl: `${this.#config.publicUrl ?? ''}${INVITE_PATH}${token}` };
  }

  async revoke(em: EntityManager, rawId: unknown): Promise<boolean> {
    const id = parseInput(z.uuid('must be an invitation id'), rawId);
    const row = await sqlOne<{ acceptedAt: Date | null }>(em, `SELECT accepted_at AS "acceptedAt" FROM customer_invites WHERE id = $1`, [id]);
    if (!row) throw notFound('Invitation');
    if (row.acceptedAt) throw conflict('This invitation was already accepted.');
    await sql(em, `UPDATE customer_invites SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1`, [id]);
    return true;
  }

  async listForCustomer(em: EntityManager, rawCustomerId: unknown): Promise<InviteRow[]> {
    const customerId = parseInput(z.uuid('must be a customer id'), rawCustomerId);
    return sql<InviteRow>(em, `SELECT ${INVITE_SELECT} FROM customer_invites i WHERE i.customer_id = $1 ORDER BY i.created_at DESC`, [customerId]);
  }

  /** What the accept page shows before the password is chosen; null for an unknown, used, revoked or expired token. */
  async preview(em: EntityManager, rawToken: unknown) {
    const token = z.string().max(128).safeParse(rawToken);
    if (!token.success) return null;
    const row = await sqlOne<{ email: string; customerName: string; invitedByName: string | null; expiresAt: Date }>(
      em,
      `SELECT i.email, c.name AS "customerName", u.name AS "invitedByName", i.expires_at AS "expiresAt"
        FROM customer_invites i JOIN customers c ON c.id = i.customer_id LEFT JOIN users u ON u.id = i.invited_by_id
        WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()`,
      [hashToken(token.data)],
    );
    return row ?? null;
  }

  /**
   * Sets the password and signs in. The invitation is consumed by one
   * conditional UPDATE, so two concurrent accepts cannot both succeed; in a
   * transaction, a later failure (e-mail taken meanwhile) gives it back.
   */
  async accept(em: EntityManager, rawInput: unknown, meta: RequestMeta) {
    const input = parseInput(acceptInput, rawInput);
    const invite = await sqlOne<{ id: string; customerId: string; email: string }>(
      em,
      `UPDATE customer_invites SET accepted_at = now()
        WHERE token_hash = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        RETURNING id, customer_id AS "customerId", email`,
      [hashToken(input.token)],
    );
    if (!invite) throw badInput([{ field: 'token', message: 'is invalid, used or expired; ask for a new invitation' }]);
    const customer = await this.#customers.get(em, invite.customerId);
    if (!customer || customer.mergedIntoId) throw badInput([{ field: 'token', message: 'the invited profile no longer exists' }]);
    if (customer.userId) throw conflict('This customer already has a portal account.');
    const user = await this.#users.insert(em, { email: invite.email, name: input.name ?? customer.name, role: 'customer', password: input.password }, null);
    await this.#link(em, customer.id, user.id);
    // The agent vouched for this address and its owner used the invitation: it now identifies the profile.
    const takenElsewhere = await sqlOne(em, `SELECT 1 FROM customers WHERE $1 = ANY(emails) AND id <> $2 AND merged_into_id IS NULL`, [invite.email, customer.id]);
    if (!takenElsewhere) {
      await sql(em, `UPDATE customers SET emails = array_append(emails, $1::text) WHERE id = $2 AND NOT ($1 = ANY(emails))`, [invite.email, customer.id]);
    }
    await sql(em, `UPDATE customer_invites SET user_id = $1 WHERE id = $2`, [user.id, invite.id]);
    return this.#signIn(em, user, meta);
  }

  async #link(em: EntityManager, customerId: string, userId: string): Promise<void> {
    await sql(em, `UPDATE customers SET user_id = $1, updated_at = now() WHERE id = $2`, [userId, customerId]);
    await this.#events.publishIn(em, 'customer.updated', { customerId }, userId);
  }

  async #signIn(em: EntityManager, user: User, meta: RequestMeta) {
    const created = await this.#sessions.create(em, user, meta);
    await this.#events.publishIn(em, 'user.signedIn', { userId: user.id, sessionId: created.session.id }, user.id);
    return { user, ...created };
  }

  async #inviteById(em: EntityManager, id: string): Promise<InviteRow | null> {
    return (await sqlOne<InviteRow>(em, `SELECT ${INVITE_SELECT} FROM customer_invites i WHERE i.id = $1`, [id])) ?? null;
  }
}
