import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlOne } from '../database/sql.ts';
import type { Services } from '../services.ts';
import { ticketTags } from '../tickets/ticket-changes.ts';
import type { TicketRow } from '../tickets/ticket-row.ts';
import type { TemplateData } from './template.ts';

/**
 * Every value a placeholder may show. A root is empty (`{}`) when there is
 * nothing to show (no ticket, no customer); the placeholder then renders as
 * nothing, or as its `default:` filter's value.
 */
export type PlaceholderValues = {
  customer: { name: string; firstName: string; email: string | null; phone: string | null; tier: string; type: string };
  organization: { name: string };
  ticket: {
    number: number;
    reference: string;
    subject: string;
    status: string;
    priority: string;
    type: string | null;
    tags: string[];
    dueAt: string | null;
  };
  agent: { name: string; firstName: string; email: string };
};
type Values = { [Root in keyof PlaceholderValues]: PlaceholderValues[Root] | Record<string, never> };

/**
 * What a preview without a ticket shows (the agent is then the viewer).
 * Typed, so it names every placeholder and only those: the list an editor
 * offers is read from it.
 */
const SAMPLE: PlaceholderValues = {
  customer: { name: 'Alex Chen', firstName: 'Alex', email: 'alex.chen@example.com', phone: '+86 138 0013 8000', tier: 'standard', type: 'individual' },
  organization: { name: 'Example Trading Ltd' },
  ticket: {
    number: 1042,
    reference: '#1042',
    subject: 'Where is my order?',
    status: 'open',
    priority: 'normal',
    type: 'Order',
    tags: ['shipping'],
    dueAt: '2026-12-01T09:00:00.000Z',
  },
  agent: { name: 'Sam Agent', firstName: 'Sam', email: 'sam@example.com' },
};

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;
const agentValues = (viewer: Viewer): PlaceholderValues['agent'] => ({ name: viewer.name, firstName: firstName(viewer.name), email: viewer.email });

/** Placeholder paths (`customer.name`), in the order an editor lists them. */
export const PLACEHOLDER_PATHS: readonly string[] = Object.entries(SAMPLE).flatMap(([root, values]) => Object.keys(values).map((key) => `${root}.${key}`));

/** Sample customer, organization and ticket (with the instance's ticket prefix); the agent is the viewer. */
export async function sampleTemplateData(services: Services, em: EntityManager, viewer: Viewer): Promise<TemplateData> {
  const prefix = await services.ticketConfig.numberPrefix(em);
  const values: Values = { ...SAMPLE, ticket: { ...SAMPLE.ticket, reference: `${prefix}${SAMPLE.ticket.number}` }, agent: agentValues(viewer) };
  return values;
}

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
  const values: Values = {
    agent: agentValues(viewer),
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
  return values;
}

async function ticketData(services: Services, em: EntityManager, ticket: TicketRow): Promise<PlaceholderValues['ticket']> {
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
