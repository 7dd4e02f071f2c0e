import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Params, sql, sqlOne } from '../database/sql.ts';
import type { EventBus } from '../events/event-bus.ts';
import { toIndexText } from '../text/segment.ts';
import { reference } from '../tickets/ticket-changes.ts';
import { recordEventOnEachSql, recordEvents, type Actor } from '../tickets/timeline.ts';
import type { RenderedBody } from './rich-text.ts';

export type MessageKind = 'reply' | 'note' | 'system';

export interface NewConversation {
  customerId: string;
  channel: string;
  subject?: string | null;
  ticketId?: string | null;
  assigneeId?: string | null;
  teamId?: string | null;
}

export interface NewMessage {
  conversationId: string;
  ticketId: string | null;
  kind: MessageKind;
  /** Rendered body (replies, notes); system messages may have none. */
  body: RenderedBody | null;
  /** System messages: what happened, with its data. */
  event?: string;
  data?: Record<string, unknown>;
}

/** The system line of a conversation whose team was deleted; `data: { team: { id, name } }`, like a transfer's `team`. */
const TEAM_DELETED_EVENT = 'team_deleted';

/**
 * The low-level writes of conversations and messages, shared by the ticket
 * and conversation services: insert, timeline entry, domain event. Callers
 * have checked permissions and visibility.
 */
export class ConversationStore {
  readonly #events: EventBus;
  constructor(deps: { events: EventBus }) {
    this.#events = deps.events;
  }

  async createConversation(em: EntityManager, input: NewConversation, actor: Actor): Promise<string> {
    const conversationId = randomUUID();
    await sql(
      em,
      `INSERT INTO conversations (id, ticket_id, customer_id, channel, subject, assignee_id, team_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [conversationId, input.ticketId ?? null, input.customerId, input.channel, input.subject ?? null, input.assigneeId ?? null, input.teamId ?? null],
    );
    if (input.ticketId) await recordEvents(em, input.ticketId, actor, [{ kind: 'conversation_added', data: { conversationId, channel: input.channel } }]);
    await this.#events.publishIn(
      em,
      'conversation.created',
      { conversationId, customerId: input.customerId, channel: input.channel, ticketId: input.ticketId ?? null },
      actor.userId,
    );
    return conversationId;
  }

  async addMessage(em: EntityManager, input: NewMessage, actor: Actor): Promise<string> {
    const messageId = randomUUID();
    // Mentions only notify from internal notes; a public reply never pings staff by accident.
    const mentionedUserIds = input.kind === 'note' ? await this.#staffOnly(em, input.body?.mentionedUserIds ?? []) : [];
    await sql(
      em,
      `INSERT INTO messages (id, conversation_id, ticket_id, kind, author_user_id, author_customer_id, body, html, text, event, data,
                             mentioned_user_ids, search_vector)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11::jsonb, $12::uuid[], to_tsvector('simple', $13))`,
      [
        messageId, input.conversationId, input.ticketId, input.kind, actor.userId, actor.customerId ?? null,
        input.body ? JSON.stringify(input.body.body) : null, input.body?.html ?? '', input.body?.text ?? '',
        input.event ?? null, input.data ? JSON.stringify(input.data) : null, mentionedUserIds,
        toIndexText(input.body?.text ?? ''),
      ],
    );
    await sql(em, `UPDATE conversations SET updated_at = now() WHERE id = $1`, [input.conversationId]);
    if (input.ticketId) {
      await recordEvents(em, input.ticketId, actor, [{ kind: 'message', messageId, public: input.kind === 'reply' }]);
      await sql(em, `UPDATE tickets SET updated_at = now() WHERE id = $1`, [input.ticketId]);
      if (mentionedUserIds.length) await this.#followOnMention(em, input.ticketId, mentionedUserIds, actor);
    }
    await this.#events.publishIn(
      em,
      'message.created',
      {
        messageId,
        kind: input.kind,
        conversationId: input.conversationId,
        ticketId: input.ticketId,
        authorId: actor.userId,
        authorCustomerId: actor.customerId ?? null,
        mentionedUserIds,
      },
      actor.userId,
    );
    return messageId;
  }

  /** The conversation a message to a ticket goes to: its newest open one, else its newest. */
  async conversationOfTicket(em: EntityManager, ticketId: string): Promise<string | null> {
    const row = await sqlOne<{ id: string }>(
      em,
      `SELECT id FROM conversations WHERE ticket_id = $1 ORDER BY (status = 'open') DESC, created_at DESC LIMIT 1`,
      [ticketId],
    );
    return row?.id ?? null;
  }

  /**
   * Mentioned staff follow the ticket, so they can open what they were asked
   * to look at (followers see a ticket outside their teams) and hear what
   * happens next. Who may grant that: anyone who may write a note on it.
   */
  async #followOnMention(em: EntityManager, ticketId: string, userIds: string[], actor: Actor): Promise<void> {
    const added = await sql<{ userId: string }>(
      em,
      `INSERT INTO ticket_followers (ticket_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING user_id AS "userId"`,
      [ticketId, userIds],
    );
    if (!added.length) return;
    const addedIds = added.map((row) => row.userId);
    await recordEvents(em, ticketId, actor, addedIds.map((userId) => ({ kind: 'follower_added' as const, data: { userId } })));
    await this.#events.publishIn(em, 'ticket.followersChanged', { ticketId, added: addedIds, removed: [] }, actor.userId);
  }

  async #staffOnly(em: EntityManager, userIds: string[]): Promise<string[]> {
    const valid = userIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (!valid.length) return [];
    const rows = await sql<{ id: string }>(em, `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND role <> 'customer' AND active`, [valid]);
    return rows.map((row) => row.id);
  }
}

/**
 * Takes a team about to be deleted off all its conversations (any status,
 * with a ticket or not), each with a system line by the actor as a transfer
 * writes one (`addMessage`: on its ticket's timeline too when it has a ticket,
 * the conversation's `updated_at` touched), here `team_deleted` naming the
 * team — otherwise the foreign key (ON DELETE SET NULL) would clear it without
 * a trace. The ticket's `updated_at` is left alone: its own fields did not
 * change (`clearTeamOfAllTickets` touches those the team held), and a ticket
 * list would not hear that it moved. One statement whatever the number of
 * conversations: no read, write or event per conversation; the caller tells
 * subscribers with one event. Call with the team row locked, so none joins it
 * meanwhile. Returns how many lost the team, and how many of those were
 * waiting chats (no assignee, no ticket), now unrouted.
 */
export async function clearTeamOfAllConversations(em: EntityManager, teamId: string, actor: Actor): Promise<{ unteamed: number; unrouted: number }> {
  const data = { team: await reference(em, 'teamId', teamId, false) };
  const p = new Params();
  const values = [`${p.add(actor.userId)}::uuid`, `${p.add(actor.customerId ?? null)}::uuid`, `${p.add(TEAM_DELETED_EVENT)}::text`, `${p.add(JSON.stringify(data))}::jsonb`];
  // Columns left out take the defaults addMessage writes for a line without a body (html and text '', no mentions, an empty search vector).
  const [row] = await sql<{ unteamed: number; unrouted: number }>(
    em,
    `WITH changed AS (UPDATE conversations SET team_id = NULL, updated_at = now() WHERE team_id = ${p.add(teamId)} RETURNING id, ticket_id, assignee_id),
          lines AS (INSERT INTO messages (id, conversation_id, ticket_id, kind, author_user_id, author_customer_id, event, data)
                    SELECT gen_random_uuid(), id, ticket_id, 'system', ${values.join(', ')} FROM changed
                    RETURNING ticket_id, id AS message_id),
          recorded AS (${recordEventOnEachSql('(SELECT ticket_id AS id, message_id FROM lines WHERE ticket_id IS NOT NULL) l', p, actor, { kind: 'message', public: false }, 'message_id')})
     SELECT count(*)::int AS unteamed, (count(*) FILTER (WHERE assignee_id IS NULL AND ticket_id IS NULL))::int AS unrouted FROM changed`,
    p.values,
  );
  return row;
}
