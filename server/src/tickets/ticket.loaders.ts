import { MESSAGE_JOINS, MESSAGE_SUMMARY_SELECT, type MessageRow } from '../conversations/conversation-rows.ts';
import type { CustomerRow } from '../customers/customers.service.ts';
import type { OrganizationRow } from '../customers/organizations.service.ts';
import { Params, sql } from '../database/sql.ts';
import type { KefuContext } from '../graphql/context.ts';
import { byKeys, groupByKeys, loaderFor } from '../graphql/loaders.ts';
import type { TeamRow } from '../teams/teams.service.ts';
import { USER_SELECT, type UserRow } from '../users/user.loader.ts';
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
  let loaders = perContext.get(context);
  if (!loaders) {
    loaders = createTicketLoaders(context);
    perContext.set(context, loaders);
  }
  return loaders;
};

const perContext = new WeakMap<object, ReturnType<typeof createTicketLoaders>>();

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
        await sql<{ ticketId: string; id: string; name: string }>(
          em,
          `SELECT tt.ticket_id AS "ticketId", g.id, g.name::text FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id
            WHERE tt.ticket_id = ANY($1::uuid[]) ORDER BY g.name`,
          [ids],
        ),
        (row) => row.ticketId,
        ({ id, name }) => ({ id, name }),
      ),
    ),
    followers: loaderFor<string, UserRow[]>(context, 'ticketFollowers', async (ids) =>
      groupByKeys(
        ids,
        await sql<UserRow & { ticketId: string }>(
          em,
          `SELECT f.ticket_id AS "ticketId", ${USER_SELECT} FROM ticket_followers f JOIN users u ON u.id = f.user_id
            WHERE f.ticket_id = ANY($1::uuid[]) ORDER BY f.created_at`,
          [ids],
        ),
        (row) => row.ticketId,
        ({ ticketId: _ticketId, ...user }) => user,
      ),
    ),
    // Customers' last message is the last public reply; staff see replies and notes (not system lines).
    lastMessage: loaderFor<string, MessageRow | null>(context, 'ticketLastMessage', async (ids) =>
      byKeys(
        ids,
        await sql<MessageRow>(
          em,
          `SELECT DISTINCT ON (m.ticket_id) ${MESSAGE_SUMMARY_SELECT} FROM messages m ${MESSAGE_JOINS}
            WHERE m.ticket_id = ANY($1::uuid[]) AND m.kind = ANY($2::text[]) ORDER BY m.ticket_id, m.seq DESC`,
          [ids, isCustomer ? ['reply'] : ['reply', 'note']],
        ),
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
