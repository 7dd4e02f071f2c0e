import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../database/sql.ts';
import { USER_SELECT, type UserRow } from '../users/user.loader.ts';

/** A heartbeat keeps an agent present this long; the SPA beats every ~10 s. */
export const PRESENCE_TTL_SECONDS = 30;
export const presenceTopic = (ticketId: string) => `kefu/presence/${ticketId}`;

export interface TicketPresencePayload {
  ticketId: string;
  viewers: { user: UserRow; composing: boolean; since: Date }[];
}

/**
 * Who has a ticket open (collision warning). Kept in an UNLOGGED table with
 * an expiry so every instance sees the same set and a closed laptop drops
 * out after the TTL without a goodbye.
 */
export class PresenceService {
  async heartbeat(em: EntityManager, viewer: Viewer, ticketId: string, composing: boolean): Promise<TicketPresencePayload> {
    await sql(
      em,
      `INSERT INTO ticket_presence (ticket_id, user_id, composing, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))
       ON CONFLICT (ticket_id, user_id) DO UPDATE SET composing = excluded.composing, expires_at = excluded.expires_at`,
      [ticketId, viewer.id, composing, PRESENCE_TTL_SECONDS],
    );
    return this.list(em, ticketId);
  }

  async leave(em: EntityManager, viewer: Viewer, ticketId: string): Promise<TicketPresencePayload> {
    await sql(em, `DELETE FROM ticket_presence WHERE ticket_id = $1 AND user_id = $2`, [ticketId, viewer.id]);
    return this.list(em, ticketId);
  }

  async list(em: EntityManager, ticketId: string): Promise<TicketPresencePayload> {
    await sql(em, `DELETE FROM ticket_presence WHERE ticket_id = $1 AND expires_at < now()`, [ticketId]);
    const rows = await sql<UserRow & { composing: boolean; since: Date }>(
      em,
      `SELECT ${USER_SELECT}, p.composing, p.since FROM ticket_presence p JOIN users u ON u.id = p.user_id
        WHERE p.ticket_id = $1 ORDER BY p.since`,
      [ticketId],
    );
    return { ticketId, viewers: rows.map(({ composing, since, ...user }) => ({ user, composing, since })) };
  }
}
