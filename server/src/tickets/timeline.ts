import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Params, sql } from '../database/sql.ts';
import { decodeCursor, toPage } from '../graphql/cursor.ts';

/** Who caused a change: a user (staff or customer account), a customer profile without account, or the system. */
export interface Actor {
  userId: string | null;
  customerId?: string | null;
}
export const SYSTEM: Actor = { userId: null, customerId: null };
export const actorOf = (viewer: Viewer | null): Actor => ({ userId: viewer?.id ?? null, customerId: null });

export interface TimelineEvent {
  kind: string;
  field?: string;
  from?: unknown;
  to?: unknown;
  messageId?: string;
  data?: Record<string, unknown>;
  /** Shown to the customer (public replies only). */
  public?: boolean;
}

const EVENT_COLUMNS = 'ticket_id, kind, actor_user_id, actor_customer_id, field, from_value, to_value, message_id, data, public';
/** How `from`, `to` and `data` are stored: JSON (a cleared value is JSON null), SQL NULL only when absent. */
const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** Appends audit entries to a ticket's timeline (one INSERT for all of them). */
export async function recordEvents(em: EntityManager, ticketId: string, actor: Actor, events: TimelineEvent[]): Promise<void> {
  if (!events.length) return;
  await sql(
    em,
    `INSERT INTO ticket_events (${EVENT_COLUMNS})
     SELECT $1, e.kind, $2, $3, e.field, e.from_value::jsonb, e.to_value::jsonb, e.message_id::uuid, e.data::jsonb, e.public
       FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::boolean[])
         AS e(kind, field, from_value, to_value, message_id, data, public)`,
    [
      ticketId, actor.userId, actor.customerId ?? null,
      events.map((event) => event.kind), events.map((event) => event.field ?? null),
      events.map((event) => json(event.from)), events.map((event) => json(event.to)),
      events.map((event) => event.messageId ?? null), events.map((event) => json(event.data)),
      events.map((event) => event.public ?? false),
    ],
  );
}

/**
 * The INSERT (for a WITH clause) that appends the same audit entry to each
 * ticket whose id the relation `ticketIds` yields (a CTE with an `id`
 * column): one change made to many tickets by one statement, stored exactly
 * as `recordEvents` stores it. `messageIdColumn` names a column of the
 * relation holding each entry's own message (one line written to many
 * conversations), instead of `event.messageId`.
 */
export function recordEventOnEachSql(ticketIds: string, p: Params, actor: Actor, event: TimelineEvent, messageIdColumn?: string): string {
  const values = [
    `${p.add(event.kind)}::text`, `${p.add(actor.userId)}::uuid`, `${p.add(actor.customerId ?? null)}::uuid`, `${p.add(event.field ?? null)}::text`,
    `${p.add(json(event.from))}::jsonb`, `${p.add(json(event.to))}::jsonb`, messageIdColumn ?? `${p.add(event.messageId ?? null)}::uuid`,
    `${p.add(json(event.data))}::jsonb`, `${p.add(event.public ?? false)}::boolean`,
  ];
  return `INSERT INTO ticket_events (${EVENT_COLUMNS}) SELECT id, ${values.join(', ')} FROM ${ticketIds}`;
}

export interface TimelineRow {
  id: string;
  ticketId: string;
  kind: string;
  field: string | null;
  from: unknown;
  to: unknown;
  messageId: string | null;
  data: unknown;
  at: Date;
  actorUserId: string | null;
  actorUserName: string | null;
  actorUserRole: string | null;
  actorCustomerId: string | null;
  actorCustomerName: string | null;
}

/**
 * A ticket's timeline, oldest first, including the tickets merged into it.
 * Customers get public entries only (their and the agents' public replies).
 * A merge is recorded on both tickets; the merged ticket's own line ("merged
 * into …") is left out here, since the ticket it went into — directly or,
 * after a later merge, through the pointer — is part of this timeline and
 * has the line naming it.
 */
export async function readTimeline(em: EntityManager, ticketId: string, options: { publicOnly: boolean; first: number; after: string | null }) {
  const p = new Params();
  const where = [
    `e.ticket_id IN (SELECT ${p.add(ticketId)}::uuid UNION SELECT id FROM tickets WHERE merged_into_id = $1)`,
    `NOT (e.kind = 'merged' AND e.ticket_id <> $1 AND e.data->>'sourceId' = e.ticket_id::text)`,
  ];
  if (options.publicOnly) where.push('e.public');
  const cursor = decodeCursor(options.after, 1);
  if (cursor) where.push(`e.id > ${p.add(cursor[0])}::bigint`);
  const rows = await sql<TimelineRow>(
    em,
    `SELECT e.id::text AS id, e.ticket_id AS "ticketId", e.kind, e.field, e.from_value AS "from", e.to_value AS "to",
            e.message_id AS "messageId", e.data, e.created_at AS at,
            e.actor_user_id AS "actorUserId", u.name AS "actorUserName", u.role AS "actorUserRole",
            e.actor_customer_id AS "actorCustomerId", c.name AS "actorCustomerName"
       FROM ticket_events e
       LEFT JOIN users u ON u.id = e.actor_user_id
       LEFT JOIN customers c ON c.id = e.actor_customer_id
      WHERE ${where.join(' AND ')}
      ORDER BY e.id LIMIT ${p.add(options.first + 1)}`,
    p.values,
  );
  return toPage(rows, options.first, (row) => [row.id]);
}

/**
 * The other ticket of a merged, linked or unlinked entry, seen from the
 * ticket the entry was recorded on (see `merge` and `linkTickets`, which
 * write these `data` shapes); null for other kinds.
 */
export function relatedTicketOf(row: Pick<TimelineRow, 'kind' | 'ticketId' | 'data'>): { id: string; number: number } | null {
  const data = (row.data ?? {}) as Record<string, unknown>;
  const pick = (id: unknown, number: unknown) => (typeof id === 'string' ? { id, number: Number(number) } : null);
  if (row.kind === 'linked' || row.kind === 'unlinked') return pick(data.ticketId, data.number);
  if (row.kind !== 'merged') return null;
  return data.sourceId === row.ticketId ? pick(data.targetId, data.targetNumber) : pick(data.sourceId, data.sourceNumber);
}

/** The GraphQL Participant of a timeline entry or message author. */
export function participant(row: { userId: string | null; userName: string | null; userRole: string | null; customerId: string | null; customerName: string | null }) {
  if (row.userId && row.userRole !== 'customer') return { kind: 'agent', userId: row.userId, customerId: null, name: row.userName ?? '' };
  if (row.customerId || row.userId) return { kind: 'customer', userId: row.userId, customerId: row.customerId, name: row.customerName ?? row.userName ?? '' };
  return { kind: 'system', userId: null, customerId: null, name: 'System' };
}
