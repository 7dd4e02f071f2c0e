import { messageLoader } from '../conversations/conversation.loaders.ts';
import { CONVERSATION_SELECT, type ConversationRow } from '../conversations/conversation-rows.ts';
import { Params, sql } from '../database/sql.ts';
import type { KefuContext } from '../graphql/context.ts';
import { loaderFor, thenOrNow } from '../graphql/loaders.ts';
import { loadUser } from '../users/user.loader.ts';
import { STATUS_TRANSITIONS } from './status.ts';
import { ticketLoaders } from './ticket.loaders.ts';
import type { TicketRow } from './ticket-row.ts';
import type { TicketViewRow } from './ticket-views.service.ts';
import { participant, readTimeline, relatedTicketOf, type TimelineRow } from './timeline.ts';
import { ticketScope, visibleTicketSql } from './visibility.ts';

type Ctx = KefuContext;
const isCustomer = (context: Ctx) => context.viewer?.role === 'customer';
/** Internal fields resolve empty for customers (their own ticket, without the help desk's internals). */
const staffOnly =
  <Result>(empty: Result, resolve: (ticket: TicketRow, args: any, context: Ctx) => Result | Promise<Result>) =>
  (ticket: TicketRow, args: any, context: Ctx) =>
    isCustomer(context) ? empty : resolve(ticket, args, context);

/** The subset of `ids` the viewer may see, in the given order. */
async function visibleTickets(context: Ctx, ids: string[]): Promise<TicketRow[]> {
  if (!ids.length) return [];
  const scope = await ticketScope(context.em, context.viewer!);
  const p = new Params();
  const list = p.add(ids);
  const rows = await sql<{ id: string }>(context.em, `SELECT t.id FROM tickets t WHERE t.id = ANY(${list}::uuid[]) AND ${visibleTicketSql(scope, p)}`, p.values);
  const visible = new Set(rows.map((row) => row.id));
  const loaded = await ticketLoaders(context).ticket.loadMany(ids.filter((id) => visible.has(id)));
  return loaded.filter((row): row is TicketRow => !!row && !(row instanceof Error));
}

export const ticketFields = {
  Ticket: {
    number: (ticket: TicketRow) => Number(ticket.number),
    reference: (ticket: TicketRow, _args: unknown, context: Ctx) => thenOrNow(ticketLoaders(context).numberPrefix.get('prefix'), (prefix) => `${prefix}${ticket.number}`),
    type: (ticket: TicketRow, _args: unknown, context: Ctx) => (ticket.typeId ? ticketLoaders(context).type.get(ticket.typeId) : null),
    tags: staffOnly([], (ticket, _args, context) => ticketLoaders(context).tags.get(ticket.id)),
    requester: (ticket: TicketRow, _args: unknown, context: Ctx) => ticketLoaders(context).customer.get(ticket.requesterId),
    organization: (ticket: TicketRow, _args: unknown, context: Ctx) => (ticket.organizationId ? ticketLoaders(context).organization.get(ticket.organizationId) : null),
    assignee: staffOnly(null, (ticket, _args, context) => loadUser(context, ticket.assigneeId)),
    team: staffOnly(null, (ticket, _args, context) => (ticket.teamId ? ticketLoaders(context).team.get(ticket.teamId) : null)),
    followers: staffOnly([], (ticket, _args, context) => ticketLoaders(context).followers.get(ticket.id)),
    viewerIsFollowing: staffOnly(false, (ticket, _args, context) =>
      thenOrNow(ticketLoaders(context).followers.get(ticket.id), (followers) => followers.some((user) => user.id === context.viewer!.id)),
    ),
    createdBy: staffOnly(null, (ticket, _args, context) => loadUser(context, ticket.createdById)),
    mergedInto: async (ticket: TicketRow, _args: unknown, context: Ctx) => (ticket.mergedIntoId ? ((await visibleTickets(context, [ticket.mergedIntoId]))[0] ?? null) : null),
    mergedTickets: async (ticket: TicketRow, _args: unknown, context: Ctx) => {
      const rows = await sql<{ id: string }>(context.em, `SELECT id FROM tickets WHERE merged_into_id = $1 ORDER BY number`, [ticket.id]);
      return visibleTickets(context, rows.map((row) => row.id));
    },
    linkedTickets: staffOnly([], async (ticket, _args, context) => {
      const rows = await sql<{ id: string }>(
        context.em,
        `SELECT CASE WHEN ticket_a_id = $1 THEN ticket_b_id ELSE ticket_a_id END AS id FROM ticket_links
          WHERE ticket_a_id = $1 OR ticket_b_id = $1 ORDER BY created_at`,
        [ticket.id],
      );
      return visibleTickets(context, rows.map((row) => row.id));
    }),
    // A merged ticket's conversations show on the ticket it was merged into.
    conversations: (ticket: TicketRow, _args: unknown, context: Ctx) =>
      sql<ConversationRow>(
        context.em,
        `SELECT ${CONVERSATION_SELECT} FROM conversations c
          WHERE c.ticket_id = $1 OR c.ticket_id IN (SELECT id FROM tickets WHERE merged_into_id = $1) ORDER BY c.created_at, c.id`,
        [ticket.id],
      ),
    lastMessage: (ticket: TicketRow, _args: unknown, context: Ctx) => ticketLoaders(context).lastMessage.get(ticket.id),
    allowedStatuses: staffOnly([], (ticket) => STATUS_TRANSITIONS[ticket.status]),
    timeline: (ticket: TicketRow, args: { first?: number; after?: string }, context: Ctx) =>
      readTimeline(context.em, ticket.id, { publicOnly: isCustomer(context), first: Math.min(Math.max(args.first ?? 50, 1), 200), after: args.after ?? null }),
  },
  TimelineEntry: {
    actor: (row: TimelineRow) =>
      participant({ userId: row.actorUserId, userName: row.actorUserName, userRole: row.actorUserRole, customerId: row.actorCustomerId, customerName: row.actorCustomerName }),
    message: (row: TimelineRow, _args: unknown, context: Ctx) => (row.messageId ? messageLoader(context).load(row.messageId) : null),
    // The reference is no secret (numbers are sequential); the subject is, unless the viewer may open the ticket.
    relatedTicket: async (row: TimelineRow, _args: unknown, context: Ctx) => {
      const related = relatedTicketOf(row);
      if (!related) return null;
      const loaders = ticketLoaders(context);
      const [named, prefix] = await Promise.all([loaders.namedTicket.load(related.id), loaders.numberPrefix.load('prefix')]);
      const visible = named?.visible === true;
      return { id: related.id, reference: `${prefix}${named?.number ?? related.number}`, visible, subject: visible ? named!.subject : null };
    },
  },
  TicketView: {
    owner: (view: TicketViewRow, _args: unknown, context: Ctx) => loadUser(context, view.ownerId),
    // All views of a list in one statement (countEach), not one count per view.
    count: (view: TicketViewRow, _args: unknown, context: Ctx) =>
      loaderFor<TicketViewRow, number>(context, 'ticketViewCount', async (views) =>
        context.services.ticketQueries.countEach(context.em, await ticketScope(context.em, context.viewer!), views.map((row) => row.filter)),
      ).load(view),
  },
  TicketSettings: {
    defaultTeam: (settings: { defaultTeamId: string | null }, _args: unknown, context: Ctx) =>
      settings.defaultTeamId ? ticketLoaders(context).team.get(settings.defaultTeamId) : null,
  },
};
