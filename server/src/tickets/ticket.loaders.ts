import { LAST_MESSAGES_OF_TICKETS, type MessageRow } from '../conversations/conversation-rows.ts';
import type { CustomerRow } from '../customers/customers.service.ts';
import type { OrganizationRow } from '../customers/organizations.service.ts';
import { prepared } from '../database/prepared-statements.ts';
import { Params, sql } from '../database/sql.ts';
import type { KefuContext } from '../graphql/context.ts';
import { byKeys, groupByKeys, loaderFor } from '../graphql/loaders.ts';
import { stateOn } from '../graphql/request-state.ts';
import { selectedFields } from '../graphql/selection.ts';
import type { TeamRow } from '../teams/teams.service.ts';
import { USER_SELECT, userLoader, type UserRow } from '../users/user.loader.ts';
import type { TicketTypeRow } from './ticket-config.service.ts';
import { ticketRows, type TicketRow } from './ticket-row.ts';
import { ticketScope, visibleTicketSql } from './visibility.ts';

/** A ticket named by a timeline entry, with whether the viewer may see it. */
export interface NamedTicketRow {
  id: string;
  number: string;
  subject: string;
  visible: boolean;
}

/**
 * Batched loaders behind the Ticket fields of a list page: requester,
 * organization, assignee, team, type, tags, followers and last message each
 * cost one query per page, whatever its size.
 */
export const ticketLoaders = (context: KefuContext) => {
  return stateOn(context, TICKET_LOADERS, () => createTicketLoaders(context));
};

const TICKET_LOADERS = Symbol('kefu.ticketLoaders');

export const TAGS_OF_TICKETS = prepared(`SELECT tt.ticket_id AS "ticketId", g.id, g.name::text FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id
  WHERE tt.ticket_id = ANY($1::uuid[]) ORDER BY g.name`);
const FOLLOWERS_OF_TICKETS = prepared(`SELECT f.ticket_id AS "ticketId", ${USER_SELECT} FROM ticket_followers f JOIN users u ON u.id = f.user_id
  WHERE f.ticket_id = ANY($1::uuid[]) ORDER BY f.created_at`);

function createTicketLoaders(context: KefuContext) {
  const { em, services } = context;
  const isCustomer = context.viewer?.role === 'customer';
  return {
    ticket: loaderFor<string, TicketRow | null>(context, 'ticketById', async (ids) => byKeys(ids, await ticketRows(em, ids), (row) => row.id, null)),
    customer: loaderFor<string, CustomerRow | null>(context, 'customerById', async (ids) =>
      byKeys(ids, await services.customers.byIds(em, ids), (row) => row.id, null),
    ),
    organization: loaderFor<string, OrganizationRow | null>(context, 'organizationById', async (ids) =>
      byKeys(ids, await services.organizations.byIds(em, ids), (row) => row.id, null),
    ),
    team: loaderFor<string, TeamRow | null>(context, 'teamById', async (ids) => byKeys(ids, await services.teams.byIds(em, ids), (row) => row.id, null)),
    type: loaderFor<string, TicketTypeRow | null>(context, 'ticketTypeById', async (ids) =>
      byKeys(ids, await services.ticketConfig.typesByIds(em, ids), (row) => row.id, null),
    ),
    tags: loaderFor<string, { id: string; name: string }[]>(context, 'ticketTags', async (ids) =>
      groupByKeys(
        ids,
        await sql<{ ticketId: string; id: string; name: string }>(em, TAGS_OF_TICKETS, [ids]),
        (row) => row.ticketId,
        ({ id, name }) => ({ id, name }),
      ),
    ),
    followers: loaderFor<string, UserRow[]>(context, 'ticketFollowers', async (ids) =>
      groupByKeys(
        ids,
        await sql<UserRow & { ticketId: string }>(em, FOLLOWERS_OF_TICKETS, [ids]),
        (row) => row.ticketId,
        ({ ticketId: _ticketId, ...user }) => user,
      ),
    ),
    // Customers' last message is the last public reply; staff see replies and notes (not system lines).
    lastMessage: loaderFor<string, MessageRow | null>(context, 'ticketLastMessage', async (ids) =>
      byKeys(
        ids,
        await sql<MessageRow>(em, LAST_MESSAGES_OF_TICKETS, [ids, isCustomer ? ['reply'] : ['reply', 'note']]),
        (row) => row.ticketId!,
        null,
      ),
    ),
    // Timeline lines name other tickets: one query for all of them, visibility decided in SQL.
    namedTicket: loaderFor<string, NamedTicketRow | null>(context, 'namedTicket', async (ids) => {
      const scope = await ticketScope(em, context.viewer!);
      const p = new Params();
      const list = p.add(ids);
      const rows = await sql<NamedTicketRow>(
        em,
        `SELECT t.id, t.number::text AS number, t.subject, ${visibleTicketSql(scope, p)} AS visible FROM tickets t WHERE t.id = ANY(${list}::uuid[])`,
        p.values,
      );
      return byKeys(ids, rows, (row) => row.id, null);
    }),
    numberPrefix: loaderFor<'prefix', string>(context, 'ticketNumberPrefix', async (keys) => {
      const prefix = await services.ticketConfig.numberPrefix(em);
      return keys.map(() => prefix);
    }),
  };
}

/**
 * Fills the loaders a page of tickets will ask for, all at once and before
 * field resolution, from the fields the query selects under `nodes`: the
 * same batched statements the fields would send (requesters and their
 * organizations joined in one), all in parallel, and the fields then resolve
 * synchronously. Fields not preloaded still load lazily.
 */
export async function preloadTicketPage(context: KefuContext, tickets: readonly TicketRow[], info: Parameters<typeof selectedFields>[0]): Promise<void> {
  // Over WebSocket nothing is remembered (each event reads current rows), so there is nothing to preload.
  if (!tickets.length || context.isWebSocket) return;
  const fields = selectedFields(info, ['nodes']);
  const loaders = ticketLoaders(context);
  const staff = context.viewer?.role !== 'customer';
  const ids = tickets.map((ticket) => ticket.id);
  const work: Promise<unknown>[] = [];
  if (fields.has('reference')) work.push(loaders.numberPrefix.preload(['prefix']));
  if (fields.has('type')) work.push(loaders.type.preload(tickets.map((ticket) => ticket.typeId)));
  if (fields.has('lastMessage')) work.push(loaders.lastMessage.preload(ids));
  const ticketOrganizations = fields.has('organization') ? tickets.map((ticket) => ticket.organizationId) : [];
  if (fields.has('requester') && selectedFields(info, ['nodes', 'requester']).has('organization')) {
    // Requesters with their organizations in one statement; a ticket's own organization is nearly always its requester's.
    const requesterIds = [...new Set(tickets.map((ticket) => ticket.requesterId))];
    work.push(
      context.services.customers.byIdsWithOrganizations(context.em, requesterIds).then(({ customers, organizations }) => {
        loaders.customer.remember(customers.map((customer) => [customer.id, customer]));
        loaders.organization.remember(organizations.map((organization) => [organization.id, organization]));
        return loaders.organization.preload(ticketOrganizations);
      }),
    );
  } else {
    if (fields.has('requester')) work.push(loaders.customer.preload(tickets.map((ticket) => ticket.requesterId)));
    work.push(loaders.organization.preload(ticketOrganizations));
  }
  if (staff) {
    if (fields.has('tags')) work.push(loaders.tags.preload(ids));
    if (fields.has('team')) work.push(loaders.team.preload(tickets.map((ticket) => ticket.teamId)));
    if (fields.has('followers') || fields.has('viewerIsFollowing')) work.push(loaders.followers.preload(ids));
    const userIds = [...(fields.has('assignee') ? tickets.map((ticket) => ticket.assigneeId) : []), ...(fields.has('createdBy') ? tickets.map((ticket) => ticket.createdById) : [])];
    if (userIds.length) work.push(userLoader(context).preload(userIds));
  }
  await Promise.all(work);
}
