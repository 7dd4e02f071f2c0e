import type { ChannelTicketInput, Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ConversationStore, type MessageKind } from '../conversations/conversation-store.ts';
import { channelBody, renderBody, type RenderedBody } from '../conversations/rich-text.ts';
import type { CustomersService } from '../customers/customers.service.ts';
import { readSetting } from '../database/settings.ts';
import { sql, sqlOne } from '../database/sql.ts';
import type { EventBus } from '../events/event-bus.ts';
import { badInput } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import { toIndexText } from '../text/segment.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketPriority, type TicketStatus } from './status.ts';
import { applyChanges, planChanges, reference, setTags, type TicketPatch } from './ticket-changes.ts';
import { channelName, tagName } from './ticket-filter.ts';
import type { TicketQueries } from './ticket-queries.service.ts';
import { ticketRows, type TicketRow } from './ticket-row.ts';
import { actorOf, recordEvents, type Actor } from './timeline.ts';
import { canSeeTicket, ticketFacts, ticketScope } from './visibility.ts';

const id = z.uuid('must be an id');
const subject = z.string().trim().min(1, 'is required').max(250);
const dateTime = z.union([z.date(), z.iso.datetime({ offset: true })]).transform((value) => new Date(value));
const tags = z.array(tagName).max(30);
const createInput = z
  .object({
    subject,
    requesterId: id.nullish(),
    requester: z.object({ name: z.string().trim().min(1).max(200), email: z.email().nullish(), phone: z.string().max(30).nullish() }).nullish(),
    body: z.unknown().optional(),
    bodyKind: z.enum(['reply', 'note']).nullish(),
    status: z.enum(TICKET_STATUSES).nullish(),
    priority: z.enum(TICKET_PRIORITIES).nullish(),
    typeId: id.nullish(),
    tags: tags.nullish(),
    assigneeId: id.nullish(),
    teamId: id.nullish(),
    organizationId: id.nullish(),
    dueAt: dateTime.nullish(),
    channel: channelName.nullish(),
  })
  .refine((input) => input.requesterId || input.requester, { message: 'give requesterId or requester', path: ['requesterId'] });
const submitInput = z.object({ subject, body: z.unknown().optional(), typeId: id.nullish() });
const updateInput = z.object({
  id,
  subject: subject.optional(),
  status: z.enum(TICKET_STATUSES).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  typeId: id.nullish(),
  assigneeId: id.nullish(),
  teamId: id.nullish(),
  organizationId: id.nullish(),
  requesterId: id.optional(),
  dueAt: dateTime.nullish(),
  tags: tags.optional(),
});

/** Everything needed to open a ticket, whoever opens it. */
export interface NewTicket {
  subject: string;
  requesterId: string;
  channel: string;
  status?: TicketStatus | null;
  priority?: TicketPriority | null;
  typeId?: string | null;
  tags?: string[] | null;
  assigneeId?: string | null;
  teamId?: string | null;
  organizationId?: string | null;
  dueAt?: Date | null;
  /** First message (rendered), posted in a new conversation on `channel`. */
  body?: RenderedBody | null;
  bodyKind?: MessageKind;
  /** Attach an existing conversation instead of creating one (convert to ticket). */
  conversationId?: string | null;
  /** Who wrote the first message (defaults to `actor`). */
  author?: Actor;
}


export class TicketsService {
  readonly #events: EventBus;
  readonly #store: ConversationStore;
  readonly #customers: CustomersService;
  readonly #queries: TicketQueries;
  constructor(deps: { events: EventBus; store: ConversationStore; customers: CustomersService; queries: TicketQueries }) {
    this.#events = deps.events;
    this.#store = deps.store;
    this.#customers = deps.customers;
    this.#queries = deps.queries;
  }

  /** An agent opens a ticket (agent UI). */
  async create(em: EntityManager, viewer: Viewer, rawInput: unknown): Promise<TicketRow> {
    const input = parseInput(createInput, rawInput);
    const requesterId =
      input.requesterId ??
      (await this.#customers.findOrCreateByContact(em, { name: input.requester!.name, email: input.requester!.email, phone: input.requester!.phone }));
    const body = input.body == null ? null : renderBody(input.body);
    const ticketId = await this.insert(em, { ...input, requesterId, channel: input.channel ?? 'agent', body, bodyKind: input.bodyKind ?? 'reply' }, actorOf(viewer));
    // An agent who opens a ticket outside their teams (or for no team) and not for themselves follows it, so it does not vanish from their sight.
    const facts = await ticketFacts(em, ticketId);
    if (facts && !canSeeTicket(await ticketScope(em, viewer), facts)) {
      await sql(em, `INSERT INTO ticket_followers (ticket_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [ticketId, viewer.id]);
      await recordEvents(em, ticketId, actorOf(viewer), [{ kind: 'follower_added', data: { userId: viewer.id } }]);
    }
    return this.#row(em, ticketId);
  }

  /** A customer submits a ticket from the portal; they are the requester. */
  async submit(em: EntityManager, viewer: Viewer, rawInput: unknown): Promise<TicketRow> {
    const input = parseInput(submitInput, rawInput);
    const body = renderBody(input.body);
    const requesterId = await this.#customers.ensureForUser(em, viewer);
    const actor = { userId: viewer.id, customerId: requesterId };
    const ticketId = await this.insert(em, { subject: input.subject, typeId: input.typeId, requesterId, channel: 'portal', body, bodyKind: 'reply' }, actor);
    return this.#row(em, ticketId);
  }

  /**
   * For channel plugins (e-mail, chat widget, API): finds or creates the
   * customer by external id / e-mail / phone and opens a ticket with the
   * message as a public reply from the customer. Call inside a transaction
   * (`em.transactional`); events are published on commit.
   */
  async createFromChannel(em: EntityManager, input: ChannelTicketInput): Promise<TicketRow> {
    const channel = parseInput(channelName, input.channel);
    const requesterId = await this.#customers.findOrCreateByContact(em, input.customer);
    const body = channelBody(input);
    const actor = { userId: null, customerId: requesterId };
    const extra = parseInput(z.object({ priority: z.enum(TICKET_PRIORITIES).nullish(), tags: tags.nullish() }), { priority: input.priority, tags: input.tags });
    const ticketId = await this.insert(em, { subject: parseInput(subject, input.subject), requesterId, channel, body, ...extra }, actor);
    return this.#row(em, ticketId);
  }

  /** The one place a ticket row is written; returns its id. */
  async insert(em: EntityManager, input: NewTicket, actor: Actor): Promise<string> {
    const requester = await sqlOne<{ id: string; organizationId: string | null; mergedIntoId: string | null }>(
      em,
      `SELECT id, organization_id AS "organizationId", merged_into_id AS "mergedIntoId" FROM customers WHERE id = $1`,
      [input.requesterId],
    );
    if (!requester) throw badInput([{ field: 'requesterId', message: 'no such customer' }]);
    const requesterId = requester.mergedIntoId ?? requester.id;
    const teamId = input.teamId ?? (await readSetting<string | null>(em, 'tickets.defaultTeamId', null));
    await Promise.all([
      reference(em, 'typeId', input.typeId ?? null),
      reference(em, 'assigneeId', input.assigneeId ?? null),
      reference(em, 'teamId', input.teamId ?? null),
      reference(em, 'organizationId', input.organizationId ?? null),
    ]);
    const ticketId = randomUUID();
    const status = input.status ?? (input.assigneeId ? 'open' : 'new');
    const row = await sqlOne<{ number: string }>(
      em,
      `INSERT INTO tickets (id, subject, status, priority, type_id, requester_id, organization_id, assignee_id, team_id, due_at,
                            channel, created_by_id, search_vector, solved_at, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, to_tsvector('simple', $13),
               CASE WHEN $3 = 'solved' THEN now() END, CASE WHEN $3 = 'closed' THEN now() END)
       RETURNING number`,
      [
        ticketId, input.subject, status, input.priority ?? 'normal', input.typeId ?? null, requesterId,
        input.organizationId ?? requester.organizationId, input.assigneeId ?? null, teamId, input.dueAt ?? null,
        input.channel, actor.userId, toIndexText(input.subject),
      ],
    );
    if (input.tags?.length) await setTags(em, ticketId, [...new Set(input.tags)]);
    await recordEvents(em, ticketId, actor, [{ kind: 'created', data: { channel: input.channel } }]);
    let conversationId = input.conversationId ?? null;
    if (conversationId) {
      await sql(em, `UPDATE conversations SET ticket_id = $2, updated_at = now() WHERE id = $1`, [conversationId, ticketId]);
      await sql(em, `UPDATE messages SET ticket_id = $2 WHERE conversation_id = $1`, [conversationId, ticketId]);
      await recordEvents(em, ticketId, actor, [{ kind: 'conversation_added', data: { conversationId } }]);
    } else if (input.body) {
      conversationId = await this.#store.createConversation(
        em,
        { customerId: requesterId, channel: input.channel, subject: input.subject, ticketId, assigneeId: input.assigneeId, teamId },
        actor,
      );
    }
    await this.#events.publishIn(
      em,
      'ticket.created',
      { ticketId, number: Number(row!.number), requesterId, assigneeId: input.assigneeId ?? null, teamId, channel: input.channel, conversationId },
      actor.userId,
    );
    if (input.body && conversationId) {
      await this.#store.addMessage(em, { conversationId, ticketId, kind: input.bodyKind ?? 'reply', body: input.body }, input.author ?? actor);
    }
    return ticketId;
  }

  async update(em: EntityManager, viewer: Viewer, rawInput: unknown): Promise<TicketRow> {
    const input = parseInput(updateInput, rawInput);
    const current = await this.#queries.require(em, viewer, input.id, { forUpdate: true });
    await this.patch(em, current, input, actorOf(viewer));
    return this.#row(em, current.id);
  }

  /** Applies a validated patch to a locked ticket (update, bulk, automations). */
  async patch(em: EntityManager, current: TicketRow, patch: TicketPatch, actor: Actor): Promise<void> {
    const changes = await planChanges(em, current, patch);
    await applyChanges(em, this.#events, current, changes, actor);
  }

  async #row(em: EntityManager, ticketId: string): Promise<TicketRow> {
    return (await ticketRows(em, [ticketId]))[0];
  }
}
