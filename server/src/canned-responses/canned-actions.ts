import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { sqlOne } from '../database/sql.ts';
import { badInput } from '../graphql/errors.ts';
import type { Services } from '../services.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../tickets/status.ts';
import { ticketTags } from '../tickets/ticket-changes.ts';
import { tagName } from '../tickets/ticket-filter.ts';
import type { TicketRow } from '../tickets/ticket-row.ts';

const id = z.uuid('must be an id');

/** Ticket field changes a canned response (macro) applies; absent = unchanged. */
export const cannedActionsSchema = z
  .object({
    status: z.enum(TICKET_STATUSES).nullish(),
    priority: z.enum(TICKET_PRIORITIES).nullish(),
    typeId: id.nullish(),
    assigneeId: id.nullish(),
    teamId: id.nullish(),
    addTags: z.array(tagName).max(20).nullish(),
    removeTags: z.array(tagName).max(20).nullish(),
  })
  .transform((actions) => Object.fromEntries(Object.entries(actions).filter(([, value]) => value != null && !(Array.isArray(value) && !value.length))));
export type CannedActions = {
  status?: (typeof TICKET_STATUSES)[number];
  priority?: (typeof TICKET_PRIORITIES)[number];
  typeId?: string;
  assigneeId?: string;
  teamId?: string;
  addTags?: string[];
  removeTags?: string[];
};

/** Refuses, at save time, references that do not exist (so a macro fails when written, not when used). */
export async function validateActionTargets(em: EntityManager, actions: CannedActions): Promise<void> {
  const checks: [keyof CannedActions, string | undefined, string, string][] = [
    ['typeId', actions.typeId, `SELECT 1 FROM ticket_types WHERE id = $1 AND active`, 'no such active ticket type'],
    ['assigneeId', actions.assigneeId, `SELECT 1 FROM users WHERE id = $1 AND active AND role <> 'customer'`, 'must be an active staff user'],
    ['teamId', actions.teamId, `SELECT 1 FROM teams WHERE id = $1`, 'no such team'],
  ];
  for (const [field, value, query, message] of checks) {
    if (value && !(await sqlOne(em, query, [value]))) throw badInput([{ field: `actions.${field}`, message }]);
  }
}

/**
 * Applies the actions with the tickets service's own update (visibility,
 * status transitions, audit trail, events), as the viewer. Tags are added to
 * and removed from the ticket's current set.
 */
export async function applyCannedActions(services: Services, em: EntityManager, viewer: Viewer, ticketId: string, actions: CannedActions): Promise<TicketRow> {
  const patch: Record<string, unknown> = { id: ticketId };
  for (const key of ['status', 'priority', 'typeId', 'assigneeId', 'teamId'] as const) if (actions[key]) patch[key] = actions[key];
  if (actions.addTags?.length || actions.removeTags?.length) {
    const removed = new Set((actions.removeTags ?? []).map((tag) => tag.toLowerCase()));
    const current = await ticketTags(em, ticketId);
    const next = [...current, ...(actions.addTags ?? [])].filter((tag) => !removed.has(tag.toLowerCase()));
    patch.tags = [...new Map(next.map((tag) => [tag.toLowerCase(), tag])).values()];
  }
  if (Object.keys(patch).length === 1) return services.ticketQueries.require(em, viewer, ticketId);
  return services.tickets.update(em, viewer, patch);
}
