import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { sql, sqlOne } from '../database/sql.ts';
import type { EventBus } from '../events/event-bus.ts';
import { badInput, conflict } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import { applyChanges } from './ticket-changes.ts';
import type { TicketQueries } from './ticket-queries.service.ts';
import { ticketRows, type TicketRow } from './ticket-row.ts';
import { actorOf, recordEvents, type Actor } from './timeline.ts';

const id = z.uuid('must be an id');

/** Followers, links and merges: relations between a ticket and users or other tickets. */
export class TicketRelationsService {
  readonly #events: EventBus;
  readonly #queries: TicketQueries;
  constructor(deps: { events: EventBus; queries: TicketQueries }) {
    this.#events = deps.events;
    this.#queries = deps.queries;
  }

  async addFollower(em: EntityManager, viewer: Viewer, rawTicketId: unknown, rawUserId: unknown): Promise<TicketRow> {
    const ticket = await this.#queries.require(em, viewer, parseInput(id, rawTicketId));
    const userId = rawUserId == null ? viewer.id : parseInput(id, rawUserId);
    const user = await sqlOne(em, `SELECT 1 FROM users WHERE id = $1 AND role <> 'customer' AND active`, [userId]);
    if (!user) throw badInput([{ field: 'userId', message: 'must be an active staff user' }]);
    const added = await sql(em, `INSERT INTO ticket_followers (ticket_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id`, [ticket.id, userId]);
    if (added.length) {
      await recordEvents(em, ticket.id, actorOf(viewer), [{ kind: 'follower_added', data: { userId } }]);
      await this.#events.publishIn(em, 'ticket.followersChanged', { ticketId: ticket.id, added: [userId], removed: [] }, viewer.id);
    }
    return ticket;
  }

  async removeFollower(em: EntityManager, viewer: Viewer, rawTicketId: unknown, rawUserId: unknown): Promise<TicketRow> {
    const ticket = await this.#queries.require(em, viewer, parseInput(id, rawTicketId));
    const userId = rawUserId == null ? viewer.id : parseInput(id, rawUserId);
    const removed = await sql(em, `DELETE FROM ticket_followers WHERE ticket_id = $1 AND user_id = $2 RETURNING user_id`, [ticket.id, userId]);
    if (removed.length) {
      await recordEvents(em, ticket.id, actorOf(viewer), [{ kind: 'follower_removed', data: { userId } }]);
      await this.#events.publishIn(em, 'ticket.followersChanged', { ticketId: ticket.id, added: [], removed: [userId] }, viewer.id);
    }
    return ticket;
  }

  async link(em: EntityManager, viewer: Viewer, rawTicketId: unknown, rawOtherId: unknown, unlink = false): Promise<TicketRow> {
    const [ticket, other] = await this.#pair(em, viewer, rawTicketId, rawOtherId, 'otherTicketId');
    await linkTickets(em, ticket, other, actorOf(viewer), unlink);
    return ticket;
  }

  /**
   * Merges source into target. Nothing is moved: the source keeps its
   * conversations and timeline, is closed and points at the target, and the
   * target shows both (Ticket.conversations and Ticket.timeline follow the
   * pointer). Both timelines get a `merged` entry.
   */
  async merge(em: EntityManager, viewer: Viewer, rawSourceId: unknown, rawTargetId: unknown): Promise<TicketRow> {
    const [source, target] = await this.#pair(em, viewer, rawSourceId, rawTargetId, 'targetId', true);
    if (source.mergedIntoId) throw conflict('This ticket was already merged.');
    if (target.mergedIntoId) throw badInput([{ field: 'targetId', message: 'was itself merged into another ticket' }]);
    if (target.status === 'closed') throw badInput([{ field: 'targetId', message: 'is closed' }]);
    const actor = actorOf(viewer);
    if (source.status !== 'closed') {
      await applyChanges(em, this.#events, source, [{ field: 'status', from: source.status, to: 'closed', column: 'status', value: 'closed' }], actor);
    }
    await sql(em, `UPDATE tickets SET merged_into_id = $2, updated_at = now() WHERE id = $1`, [source.id, target.id]);
    // Tickets merged into the source earlier now point at the target, so one hop always suffices.
    await sql(em, `UPDATE tickets SET merged_into_id = $2 WHERE merged_into_id = $1`, [source.id, target.id]);
    await sql(em, `UPDATE tickets SET updated_at = now() WHERE id = $1`, [target.id]);
    const data = { sourceId: source.id, sourceNumber: Number(source.number), targetId: target.id, targetNumber: Number(target.number) };
    await recordEvents(em, source.id, actor, [{ kind: 'merged', data }]);
    await recordEvents(em, target.id, actor, [{ kind: 'merged', data }]);
    await this.#events.publishIn(em, 'ticket.merged', { sourceId: source.id, targetId: target.id }, viewer.id);
    return (await ticketRows(em, [target.id]))[0];
  }

  async #pair(em: EntityManager, viewer: Viewer, rawA: unknown, rawB: unknown, fieldB: string, lock = false): Promise<[TicketRow, TicketRow]> {
    const a = parseInput(id, rawA);
    const b = parseInput(id, rawB);
    if (a === b) throw badInput([{ field: fieldB, message: 'must be another ticket' }]);
    // Lock in id order so two merges of the same pair cannot deadlock.
    const [first, second] = [a, b].sort();
    const rows = new Map<string, TicketRow>();
    for (const ticketId of [first, second]) rows.set(ticketId, await this.#queries.require(em, viewer, ticketId, { forUpdate: lock }));
    return [rows.get(a)!, rows.get(b)!];
  }
}

/** Links (or unlinks) two tickets, with a timeline line on both; no permission check (callers do it). */
export async function linkTickets(
  em: EntityManager,
  ticket: Pick<TicketRow, 'id' | 'number'>,
  other: Pick<TicketRow, 'id' | 'number'>,
  actor: Actor,
  unlink = false,
): Promise<void> {
  const [a, b] = [ticket.id, other.id].sort();
  const changed = unlink
    ? await sql(em, `DELETE FROM ticket_links WHERE ticket_a_id = $1 AND ticket_b_id = $2 RETURNING 1`, [a, b])
    : await sql(em, `INSERT INTO ticket_links (ticket_a_id, ticket_b_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`, [a, b]);
  if (!changed.length) return;
  const kind = unlink ? 'unlinked' : 'linked';
  await recordEvents(em, ticket.id, actor, [{ kind, data: { ticketId: other.id, number: Number(other.number) } }]);
  await recordEvents(em, other.id, actor, [{ kind, data: { ticketId: ticket.id, number: Number(ticket.number) } }]);
}
