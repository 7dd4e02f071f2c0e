import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlOne } from '../database/sql.ts';
import type { Services } from '../services.ts';
import { ticketTags } from '../tickets/ticket-changes.ts';
import type { TicketRow } from '../tickets/ticket-row.ts';
import type { TemplateData } from './template.ts';

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

/**
 * The values placeholders may show, read through the viewer's visibility
 * (a ticket or conversation the agent may not see is FORBIDDEN here as
 * anywhere else). Only display fields: no ids, no internal notes.
 */
export async function templateData(
  services: Services,
  em: EntityManager,
  viewer: Viewer,
  target: { ticketId: string | null; conversationId: string | null },
): Promise<TemplateData> {
  let ticket: TicketRow | null = null;
  let customerId: string | null = null;
  if (target.ticketId) {
    ticket = await services.ticketQueries.require(em, viewer, target.ticketId);
    customerId = ticket.requesterId;
  } else if (target.conversationId) {
    const conversation = await services.conversations.require(em, viewer, target.conversationId);
    customerId = conversation.customerId;
    if (conversation.ticketId) ticket = await services.ticketQueries.require(em, viewer, conversation.ticketId);
  }
  const customer = customerId ? await services.customers.get(em, customerId) : null;
  const organizationId = ticket?.organizationId ?? customer?.organizationId ?? null;
  const organization = organizationId ? await sqlOne<{ name: string }>(em, `SELECT name FROM organizations WHERE id = $1`, [organizationId]) : null;
  return {
    agent: { name: viewer.name, firstName: firstName(viewer.name), email: viewer.email },
    customer: customer
      ? {
          name: customer.name,
          firstName: firstName(customer.name),
          email: customer.emails[0] ?? null,
          phone: customer.phones[0] ?? null,
          tier: customer.tier,
          type: customer.type,
        }
      : {},
    organization: organization ? { name: organization.name } : {},
    ticket: ticket ? await ticketData(services, em, ticket) : {},
  };
}

async function ticketData(services: Services, em: EntityManager, ticket: TicketRow) {
  // One after the other: inside a transaction they share one connection anyway.
  const prefix = await services.ticketConfig.numberPrefix(em);
  const types = ticket.typeId ? await services.ticketConfig.typesByIds(em, [ticket.typeId]) : [];
  const tags = await ticketTags(em, ticket.id);
  return {
    number: Number(ticket.number),
    reference: `${prefix}${ticket.number}`,
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    type: types[0]?.name ?? null,
    tags,
    dueAt: ticket.dueAt ? new Date(ticket.dueAt).toISOString() : null,
  };
}
