import type { ChannelMessageInput, Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { CustomersService } from '../customers/customers.service.ts';
import { Params, sql, sqlOne } from '../database/sql.ts';
import { decodeCursor, toPage } from '../graphql/cursor.ts';
import { badInput, forbidden } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import { TICKET_STATUSES, type TicketStatus } from '../tickets/status.ts';
import type { TicketQueries } from '../tickets/ticket-queries.service.ts';
import { channelName } from '../tickets/ticket-filter.ts';
import { linkTickets } from '../tickets/ticket-relations.service.ts';
import { TICKET_SELECT, type TicketRow } from '../tickets/ticket-row.ts';
import type { TicketsService } from '../tickets/tickets.service.ts';
import { actorOf, participant, type Actor } from '../tickets/timeline.ts';
import { ticketScope, visibleMessageKinds, type TicketScope } from '../tickets/visibility.ts';
import { MESSAGE_JOINS, MESSAGE_SELECT, messageRows, type ConversationRow, type MessageRow } from './conversation-rows.ts';
import type { ConversationStore } from './conversation-store.ts';
import type { ConversationsService } from './conversations.service.ts';
import { channelBody, renderBody } from './rich-text.ts';

const id = z.uuid('must be an id');
const sendInput = z
  .object({
    conversationId: id.nullish(),
    ticketId: id.nullish(),
    kind: z.enum(['reply', 'note', 'system']).nullish(),
    body: z.unknown().optional(),
    ticketStatus: z.enum(TICKET_STATUSES).nullish(),
  })
  .refine((input) => !!input.conversationId !== !!input.ticketId, { message: 'give conversationId or ticketId', path: ['conversationId'] });

export interface ReadReceiptPayload {
  conversationId: string;
  participant: ReturnType<typeof participant>;
  lastReadMessageId: string;
  /** The receipt's message is a public reply (customers see only those). */
  public: boolean;
  readAt: string;
}

export class MessagesService {
  readonly #store: ConversationStore;
  readonly #conversations: ConversationsService;
  readonly #tickets: TicketsService;
  readonly #queries: TicketQueries;
  readonly #customers: CustomersService;
  constructor(deps: { store: ConversationStore; conversations: ConversationsService; tickets: TicketsService; queries: TicketQueries; customers: CustomersService }) {
    this.#store = deps.store;
    this.#conversations = deps.conversations;
    this.#tickets = deps.tickets;
    this.#queries = deps.queries;
    this.#customers = deps.customers;
  }

  /**
   * Posts a message. Customers may only post public replies to their own
   * conversations and open tickets. A customer's reply reopens a pending or
   * solved ticket; an agent's first public reply opens a new one;
   * `ticketStatus` (staff) sets the status in the same transaction.
   */
  async send(em: EntityManager, viewer: Viewer, rawInput: unknown): Promise<MessageRow> {
    const input = parseInput(sendInput, rawInput);
    const isCustomer = viewer.role === 'customer';
    const kind = input.kind ?? 'reply';
    if (kind === 'system') throw badInput([{ field: 'kind', message: 'system messages are written by Kefu itself' }]);
    if (isCustomer && kind !== 'reply') throw forbidden('Customers can only send replies.');
    if (isCustomer && input.ticketStatus) throw forbidden('Customers cannot set the ticket status.');
    const body = renderBody(input.body);

    let conversation: ConversationRow | null = null;
    let ticket: TicketRow | null = null;
    if (input.conversationId) {
      conversation = await this.#conversations.require(em, viewer, input.conversationId);
      if (conversation.ticketId) ticket = await this.#lockTicket(em, conversation.ticketId);
    } else {
      ticket = await this.#queries.require(em, viewer, input.ticketId!, { forUpdate: true });
    }
    if (ticket?.mergedIntoId) throw badInput([{ field: 'ticketId', message: 'this ticket was merged; write in the ticket it was merged into' }]);
    if (ticket?.status === 'closed' && kind === 'reply') throw badInput([{ field: 'ticketId', message: 'the ticket is closed' }]);

    const actor: Actor = isCustomer
      ? { userId: viewer.id, customerId: conversation?.customerId ?? ticket?.requesterId ?? (await this.#customers.ensureForUser(em, viewer)) }
      : actorOf(viewer);
    const conversationId =
      conversation?.id ??
      (await this.#store.conversationOfTicket(em, ticket!.id)) ??
      (await this.#store.createConversation(em, { customerId: ticket!.requesterId, channel: ticket!.channel, subject: ticket!.subject, ticketId: ticket!.id }, actor));
    const messageId = await this.#store.addMessage(em, { conversationId, ticketId: ticket?.id ?? null, kind, body }, actor);

    if (ticket) {
      const status = input.ticketStatus ?? automaticStatus(ticket.status, kind, isCustomer);
      if (status && status !== ticket.status) await this.#tickets.patch(em, ticket, { status }, actor);
    }
    return (await messageRows(em, [messageId]))[0];
  }

  /**
   * A customer's follow-up from a channel plugin (see the SDK's
   * `tickets.addFromChannel`). The channel decided which ticket it belongs
   * to; the sender becomes (or is found as) a customer by contact. Call
   * inside a transaction.
   */
  async addFromChannel(em: EntityManager, input: ChannelMessageInput) {
    const channel = parseInput(channelName, input.channel);
    const body = channelBody(input);
    let ticket = (await this.#lockTicket(em, parseInput(id, input.ticketId))) as TicketRow | undefined;
    if (!ticket) throw badInput([{ field: 'ticketId', message: 'no such ticket' }]);
    // A merge keeps one ticket alive: follow the chain to it.
    for (let hops = 0; ticket.mergedIntoId && hops < 10; hops++) ticket = await this.#lockTicket(em, ticket.mergedIntoId);
    const customerId = await this.#customers.findOrCreateByContact(em, input.customer);
    const actor: Actor = { userId: null, customerId };
    if (ticket!.status === 'closed') {
      // A closed ticket stays closed (its history is final); the customer's new words open a linked follow-up.
      const followUp = await this.#tickets.createFromChannel(em, { ...input, channel, subject: ticket!.subject });
      await linkTickets(em, followUp, ticket!, actor);
      const conversationId = (await this.#store.conversationOfTicket(em, followUp.id))!;
      const [first] = await sql<{ id: string }>(em, `SELECT id FROM messages WHERE conversation_id = $1 ORDER BY seq LIMIT 1`, [conversationId]);
      return { ticketId: followUp.id, conversationId, messageId: first!.id, followUp: true };
    }
    const current = ticket!;
    const conversationId =
      (await sqlOne<{ id: string }>(em, `SELECT id FROM conversations WHERE ticket_id = $1 AND channel = $2 ORDER BY created_at DESC LIMIT 1`, [current.id, channel]))?.id ??
      (await this.#store.createConversation(em, { customerId, channel, subject: current.subject, ticketId: current.id }, actor));
    const messageId = await this.#store.addMessage(em, { conversationId, ticketId: current.id, kind: 'reply', body }, actor);
    const status = automaticStatus(current.status, 'reply', true);
    if (status) await this.#tickets.patch(em, current, { status }, actor);
    return { ticketId: current.id, conversationId, messageId, followUp: false };
  }

  /** A page of a conversation's messages the scope may read, by insertion order. */
  async page(em: EntityManager, scope: TicketScope, conversationId: string, args: { first?: number | null; after?: string | null; direction?: string | null }) {
    const first = Math.min(Math.max(args.first ?? 50, 1), 200);
    const desc = args.direction === 'desc';
    const p = new Params();
    const where = [`m.conversation_id = ${p.add(conversationId)}`, `m.kind = ANY(${p.add(visibleMessageKinds(scope))}::text[])`];
    const cursor = decodeCursor(args.after, 1);
    if (cursor) where.push(`m.seq ${desc ? '<' : '>'} ${p.add(cursor[0])}::bigint`);
    const rows = await sql<MessageRow>(
      em,
      `SELECT ${MESSAGE_SELECT} FROM messages m ${MESSAGE_JOINS} WHERE ${where.join(' AND ')}
        ORDER BY m.seq ${desc ? 'DESC' : 'ASC'} LIMIT ${p.add(first + 1)}`,
      p.values,
    );
    return toPage(rows, first, (row) => [row.seq]);
  }

  /** Records how far the viewer has read (only ever forward) and returns the receipt to broadcast. */
  async markRead(em: EntityManager, viewer: Viewer, rawConversationId: unknown, rawMessageId: unknown): Promise<ReadReceiptPayload> {
    const conversation = await this.#conversations.require(em, viewer, parseInput(id, rawConversationId));
    const scope = await ticketScope(em, viewer);
    const message = await sqlOne<{ id: string; seq: string; kind: string }>(
      em,
      `SELECT id, seq::text AS seq, kind FROM messages WHERE id = $1 AND conversation_id = $2 AND kind = ANY($3::text[])`,
      [parseInput(id, rawMessageId), conversation.id, visibleMessageKinds(scope)],
    );
    if (!message) throw badInput([{ field: 'messageId', message: 'is not a message of this conversation' }]);
    const row = await sqlOne<{ messageId: string; readAt: Date; kind: string }>(
      em,
      `WITH upsert AS (
         INSERT INTO conversation_reads (conversation_id, user_id, last_read_message_id, last_read_seq) VALUES ($1, $2, $3, $4)
         ON CONFLICT (conversation_id, user_id) DO UPDATE
           SET last_read_message_id = excluded.last_read_message_id, last_read_seq = excluded.last_read_seq, read_at = now()
           WHERE conversation_reads.last_read_seq < excluded.last_read_seq
         RETURNING last_read_message_id, read_at)
       SELECT r.last_read_message_id AS "messageId", r.read_at AS "readAt", m.kind
         FROM (SELECT * FROM upsert UNION ALL
               SELECT last_read_message_id, read_at FROM conversation_reads WHERE conversation_id = $1 AND user_id = $2 AND NOT EXISTS (SELECT 1 FROM upsert)) r
         JOIN messages m ON m.id = r.last_read_message_id`,
      [conversation.id, viewer.id, message.id, message.seq],
    );
    const customerName = viewer.role === 'customer' ? viewer.name : null;
    return {
      conversationId: conversation.id,
      participant: participant({ userId: viewer.id, userName: viewer.name, userRole: viewer.role, customerId: null, customerName }),
      lastReadMessageId: row!.messageId,
      public: row!.kind === 'reply',
      readAt: new Date(row!.readAt).toISOString(),
    };
  }

  /** Persisted receipts of a conversation; customers see only receipts pointing at public replies. */
  async receipts(em: EntityManager, scope: TicketScope, conversationId: string): Promise<ReadReceiptPayload[]> {
    const rows = await sql<{ userId: string; name: string; role: string; messageId: string; readAt: Date; kind: string }>(
      em,
      `SELECT r.user_id AS "userId", u.name, u.role, r.last_read_message_id AS "messageId", r.read_at AS "readAt", m.kind
         FROM conversation_reads r JOIN users u ON u.id = r.user_id JOIN messages m ON m.id = r.last_read_message_id
        WHERE r.conversation_id = $1 ORDER BY r.read_at`,
      [conversationId],
    );
    return rows
      .filter((row) => !scope.customer || row.kind === 'reply')
      .map((row) => ({
        conversationId,
        participant: participant({ userId: row.userId, userName: row.name, userRole: row.role, customerId: null, customerName: null }),
        lastReadMessageId: row.messageId,
        public: row.kind === 'reply',
        readAt: new Date(row.readAt).toISOString(),
      }));
  }

  /**
   * Unread messages per conversation, in one statement for any number of
   * them: those after the viewer's last-read one that the viewer may see,
   * except their own (what one wrote oneself is not news).
   */
  async unreadCounts(em: EntityManager, scope: TicketScope, conversationIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await sql<{ conversationId: string; count: string }>(
      em,
      `SELECT c.id AS "conversationId", count(m.id) AS count
         FROM unnest($1::uuid[]) AS c(id)
         LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = $3
         LEFT JOIN messages m ON m.conversation_id = c.id AND m.kind = ANY($2::text[]) AND m.seq > coalesce(r.last_read_seq, 0)
                             AND m.author_user_id IS DISTINCT FROM $3
        GROUP BY c.id`,
      [conversationIds, visibleMessageKinds(scope), scope.viewer.id],
    );
    return new Map(rows.map((row) => [row.conversationId, Number(row.count)]));
  }

  async #lockTicket(em: EntityManager, ticketId: string): Promise<TicketRow> {
    return (await sql<TicketRow>(em, `SELECT ${TICKET_SELECT} FROM tickets t WHERE t.id = $1 FOR UPDATE`, [ticketId]))[0];
  }
}

/** The status a message implies when none was chosen. */
function automaticStatus(current: TicketStatus, kind: string, fromCustomer: boolean): TicketStatus | null {
  if (kind !== 'reply') return null;
  if (fromCustomer) return current === 'pending' || current === 'solved' ? 'open' : null;
  return current === 'new' ? 'open' : null;
}
