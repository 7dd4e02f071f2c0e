import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { CustomersService } from '../customers/customers.service.ts';
import { Params, sql, sqlOne } from '../database/sql.ts';
import type { EventBus } from '../events/event-bus.ts';
import { decodeCursor, toPage } from '../graphql/cursor.ts';
import { badInput, forbidden, notFound } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import { TICKET_PRIORITIES } from '../tickets/status.ts';
import { reference } from '../tickets/ticket-changes.ts';
import { channelName, tagName } from '../tickets/ticket-filter.ts';
import type { TicketQueries } from '../tickets/ticket-queries.service.ts';
import { TICKET_SELECT, type TicketRow } from '../tickets/ticket-row.ts';
import type { TicketsService } from '../tickets/tickets.service.ts';
import { actorOf } from '../tickets/timeline.ts';
import { ticketScope, type TicketScope } from '../tickets/visibility.ts';
import { CONVERSATION_SELECT, conversationRows, type ConversationRow } from './conversation-rows.ts';
import type { ConversationStore } from './conversation-store.ts';
import { visibleConversationSql } from './conversation-visibility.ts';
import { renderBody, textToDoc } from './rich-text.ts';

const id = z.uuid('must be an id');
const listInput = z.object({
  filter: z
    .object({
      status: z.array(z.enum(['open', 'closed'])).nullish(),
      channels: z.array(channelName).max(20).nullish(),
      assigneeIds: z.array(id).max(100).nullish(),
      unassigned: z.boolean().nullish(),
      teamIds: z.array(id).max(100).nullish(),
      customerId: id.nullish(),
      withoutTicket: z.boolean().nullish(),
    })
    .nullish(),
  first: z.number().int().min(1).max(100).default(25),
  after: z.string().max(500).nullish(),
});
const startInput = z.object({ customerId: id.nullish(), channel: channelName.nullish(), subject: z.string().trim().max(250).nullish(), body: z.unknown().optional() });
const transferInput = z
  .object({ conversationId: id, assigneeId: id.nullish(), teamId: id.nullish(), note: z.string().trim().max(5000).nullish() })
  .refine((input) => input.assigneeId || input.teamId, { message: 'give assigneeId or teamId', path: ['assigneeId'] });
const convertInput = z.object({
  conversationId: id,
  subject: z.string().trim().min(1, 'is required').max(250),
  priority: z.enum(TICKET_PRIORITIES).nullish(),
  typeId: id.nullish(),
  tags: z.array(tagName).max(30).nullish(),
  assigneeId: id.nullish(),
  teamId: id.nullish(),
});

export type ConversationFilter = NonNullable<z.output<typeof listInput>['filter']>;

export class ConversationsService {
  readonly #events: EventBus;
  readonly #store: ConversationStore;
  readonly #customers: CustomersService;
  readonly #tickets: () => TicketsService;
  readonly #queries: TicketQueries;
  constructor(deps: { events: EventBus; store: ConversationStore; customers: CustomersService; tickets: () => TicketsService; queries: TicketQueries }) {
    this.#events = deps.events;
    this.#store = deps.store;
    this.#customers = deps.customers;
    this.#tickets = deps.tickets;
    this.#queries = deps.queries;
  }

  /** Staff list, most recently updated first. */
  async list(em: EntityManager, viewer: Viewer, rawInput: unknown) {
    const input = parseInput(listInput, rawInput ?? {});
    const scope = await ticketScope(em, viewer);
    const p = new Params();
    const where = [visibleConversationSql(scope, p), ...conversationFilterSql(input.filter ?? {}, p)];
    const cursor = decodeCursor(input.after, 2);
    if (cursor) where.push(`(c.updated_at, c.id) < (${p.add(cursor[0])}::timestamptz, ${p.add(cursor[1])}::uuid)`);
    const rows = await sql<ConversationRow & { _k: string }>(
      em,
      `SELECT ${CONVERSATION_SELECT}, c.updated_at::text AS "_k" FROM conversations c WHERE ${where.join(' AND ')}
        ORDER BY c.updated_at DESC, c.id DESC LIMIT ${p.add(input.first + 1)}`,
      p.values,
    );
    return toPage(rows, input.first, (row) => [row._k, row.id]);
  }

  /** A customer's conversations the viewer may see, newest first (Customer.conversations). */
  async ofCustomer(em: EntityManager, viewer: Viewer, customerId: string, first: number, after: string | null) {
    const scope = await ticketScope(em, viewer);
    const p = new Params();
    const where = [`c.customer_id = ${p.add(customerId)}`, visibleConversationSql(scope, p)];
    const cursor = decodeCursor(after, 2);
    if (cursor) where.push(`(c.created_at, c.id) < (${p.add(cursor[0])}::timestamptz, ${p.add(cursor[1])}::uuid)`);
    const rows = await sql<ConversationRow & { _k: string }>(
      em,
      `SELECT ${CONVERSATION_SELECT}, c.created_at::text AS "_k" FROM conversations c WHERE ${where.join(' AND ')}
        ORDER BY c.created_at DESC, c.id DESC LIMIT ${p.add(Math.min(Math.max(first, 1), 100) + 1)}`,
      p.values,
    );
    return toPage(rows, first, (row) => [row._k, row.id]);
  }

  async get(em: EntityManager, viewer: Viewer, rawId: unknown): Promise<ConversationRow> {
    return this.require(em, viewer, parseInput(id, rawId));
  }

  /** NOT_FOUND when missing, FORBIDDEN (no data) when the viewer may not see it. */
  async require(em: EntityManager, viewer: Viewer, conversationId: string, scope?: TicketScope): Promise<ConversationRow> {
    const p = new Params();
    const idParam = p.add(conversationId);
    const visible = visibleConversationSql(scope ?? (await ticketScope(em, viewer)), p);
    const row = await sqlOne<ConversationRow & { visible: boolean }>(em, `SELECT ${CONVERSATION_SELECT}, ${visible} AS visible FROM conversations c WHERE c.id = ${idParam}`, p.values);
    if (!row) throw notFound('Conversation');
    if (!row.visible) throw forbidden('You cannot see this conversation.');
    const { visible: _visible, ...conversation } = row;
    return conversation;
  }

  /** For subscriptions: whether the scope may (still) see the conversation. */
  async isVisible(em: EntityManager, scope: TicketScope, conversationId: string): Promise<boolean> {
    const p = new Params();
    const idParam = p.add(conversationId);
    const row = await sqlOne(em, `SELECT 1 FROM conversations c WHERE c.id = ${idParam} AND ${visibleConversationSql(scope, p)}`, p.values);
    return !!row;
  }

  /** Staff reach out to a customer on a channel; customers start a portal conversation of their own. */
  async start(em: EntityManager, viewer: Viewer, rawInput: unknown): Promise<ConversationRow> {
    const input = parseInput(startInput, rawInput);
    const body = renderBody(input.body);
    const isCustomer = viewer.role === 'customer';
    let customerId: string;
    let channel: string;
    if (isCustomer) {
      customerId = await this.#customers.ensureForUser(em, viewer);
      channel = 'portal';
    } else {
      if (!input.customerId) throw badInput([{ field: 'customerId', message: 'is required' }]);
      const customer = await sqlOne(em, `SELECT 1 FROM customers WHERE id = $1 AND merged_into_id IS NULL`, [input.customerId]);
      if (!customer) throw badInput([{ field: 'customerId', message: 'no such customer' }]);
      customerId = input.customerId;
      channel = input.channel ?? 'agent';
    }
    const actor = isCustomer ? { userId: viewer.id, customerId } : actorOf(viewer);
    const conversationId = await this.#store.createConversation(
      em,
      { customerId, channel, subject: input.subject, assigneeId: isCustomer ? null : viewer.id },
      actor,
    );
    await this.#store.addMessage(em, { conversationId, ticketId: null, kind: 'reply', body }, actor);
    return (await conversationRows(em, [conversationId]))[0];
  }

  /**
   * Hands a conversation to another agent and/or team. When it belongs to a
   * ticket, the ticket follows (so the new owner can see it).
   */
  async transfer(em: EntityManager, viewer: Viewer, rawInput: unknown): Promise<ConversationRow> {
    const input = parseInput(transferInput, rawInput);
    const conversation = await this.require(em, viewer, input.conversationId);
    const assignee = await reference(em, 'assigneeId', input.assigneeId ?? null);
    const team = await reference(em, 'teamId', input.teamId ?? null);
    const actor = actorOf(viewer);
    await sql(
      em,
      `UPDATE conversations SET assignee_id = CASE WHEN $2::boolean THEN $3 ELSE assignee_id END,
              team_id = CASE WHEN $4::boolean THEN $5 ELSE team_id END, updated_at = now() WHERE id = $1`,
      [conversation.id, !!assignee, assignee?.id ?? null, !!team, team?.id ?? null],
    );
    await this.#store.addMessage(
      em,
      { conversationId: conversation.id, ticketId: conversation.ticketId, kind: 'system', body: null, event: 'transferred', data: { assignee, team } },
      actor,
    );
    if (input.note) {
      await this.#store.addMessage(em, { conversationId: conversation.id, ticketId: conversation.ticketId, kind: 'note', body: renderBody(textToDoc(input.note), 'note') }, actor);
    }
    if (conversation.ticketId) {
      const [current] = await sql<TicketRow>(em, `SELECT ${TICKET_SELECT} FROM tickets t WHERE t.id = $1 FOR UPDATE`, [conversation.ticketId]);
      await this.#tickets().patch(em, current, { ...(assignee ? { assigneeId: assignee.id } : {}), ...(team ? { teamId: team.id } : {}) }, actor);
    }
    const changes = [...(assignee ? (['assignee'] as const) : []), ...(team ? (['team'] as const) : [])];
    await this.#publishUpdated(em, conversation, [...changes], viewer.id);
    return (await conversationRows(em, [conversation.id]))[0];
  }

  async setStatus(em: EntityManager, viewer: Viewer, rawId: unknown, status: 'open' | 'closed'): Promise<ConversationRow> {
    const conversation = await this.get(em, viewer, rawId);
    if (conversation.status !== status) {
      await sql(em, `UPDATE conversations SET status = $2, closed_at = CASE WHEN $2 = 'closed' THEN now() END, updated_at = now() WHERE id = $1`, [conversation.id, status]);
      await this.#publishUpdated(em, conversation, ['status'], viewer.id);
    }
    return (await conversationRows(em, [conversation.id]))[0];
  }

  /** "Convert to ticket": a ticketless conversation becomes the first conversation of a new ticket. */
  async convert(em: EntityManager, viewer: Viewer, rawInput: unknown): Promise<TicketRow> {
    const input = parseInput(convertInput, rawInput);
    const conversation = await this.require(em, viewer, input.conversationId);
    const locked = await sqlOne<{ ticketId: string | null }>(em, `SELECT ticket_id AS "ticketId" FROM conversations WHERE id = $1 FOR UPDATE`, [conversation.id]);
    if (locked?.ticketId) throw badInput([{ field: 'conversationId', message: 'already belongs to a ticket' }]);
    const actor = actorOf(viewer);
    const ticketId = await this.#tickets().insert(
      em,
      {
        subject: input.subject,
        requesterId: conversation.customerId,
        channel: conversation.channel,
        priority: input.priority,
        typeId: input.typeId,
        tags: input.tags,
        assigneeId: input.assigneeId ?? conversation.assigneeId ?? viewer.id,
        teamId: input.teamId ?? conversation.teamId,
        conversationId: conversation.id,
      },
      actor,
    );
    await this.#store.addMessage(em, { conversationId: conversation.id, ticketId, kind: 'system', body: null, event: 'converted_to_ticket', data: { ticketId } }, actor);
    await this.#publishUpdated(em, conversation, ['ticket'], viewer.id);
    return this.#queries.require(em, viewer, ticketId);
  }

  /** `before` is the conversation as it was: subscribers who could see it until now are told it is gone. */
  async #publishUpdated(em: EntityManager, before: ConversationRow, changes: ('assignee' | 'team' | 'status' | 'ticket')[], actorId: string): Promise<void> {
    const [row] = await conversationRows(em, [before.id]);
    await this.#events.publishIn(
      em,
      'conversation.updated',
      {
        conversationId: row.id,
        changes,
        assigneeId: row.assigneeId,
        teamId: row.teamId,
        ticketId: row.ticketId,
        previousAssigneeId: before.assigneeId,
        previousTeamId: before.teamId,
      },
      actorId,
    );
  }
}

export function conversationFilterSql(filter: ConversationFilter, p: Params): string[] {
  const where: string[] = [];
  if (filter.status?.length) where.push(`c.status = ANY(${p.add(filter.status)}::text[])`);
  if (filter.channels?.length) where.push(`c.channel = ANY(${p.add(filter.channels)}::text[])`);
  if (filter.assigneeIds?.length) where.push(`c.assignee_id = ANY(${p.add(filter.assigneeIds)}::uuid[])`);
  if (filter.unassigned) where.push('c.assignee_id IS NULL');
  if (filter.teamIds?.length) where.push(`c.team_id = ANY(${p.add(filter.teamIds)}::uuid[])`);
  if (filter.customerId) where.push(`c.customer_id = ${p.add(filter.customerId)}`);
  if (filter.withoutTicket === true) where.push('c.ticket_id IS NULL');
  if (filter.withoutTicket === false) where.push('c.ticket_id IS NOT NULL');
  return where;
}

