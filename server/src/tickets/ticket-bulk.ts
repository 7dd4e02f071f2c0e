import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { sql } from '../database/sql.ts';
import { badInput, forbidden } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES } from './status.ts';
import { ticketTags, type TicketPatch } from './ticket-changes.ts';
import { tagName } from './ticket-filter.ts';
import type { TicketQueries } from './ticket-queries.service.ts';
import { TICKET_SELECT, ticketRows, type TicketRow } from './ticket-row.ts';
import type { TicketsService } from './tickets.service.ts';
import { actorOf } from './timeline.ts';

export const BULK_LIMIT = 500;
const id = z.uuid('must be a ticket id');
const bulkInput = z.object({
  ids: z.array(id).min(1, 'select at least one ticket').max(BULK_LIMIT, `at most ${BULK_LIMIT} tickets at once`),
  status: z.enum(TICKET_STATUSES).nullish(),
  priority: z.enum(TICKET_PRIORITIES).nullish(),
  assigneeId: id.nullish(),
  teamId: id.nullish(),
  addTags: z.array(tagName).max(20).nullish(),
  removeTags: z.array(tagName).max(20).nullish(),
});

/**
 * Applies one change to up to 500 tickets in the caller's transaction: all
 * or nothing. Any ticket the viewer may not see refuses the whole request
 * (FORBIDDEN) before anything is written; an invalid status transition on
 * any ticket refuses it too (BAD_USER_INPUT) and the transaction rolls back.
 */
export async function bulkUpdate(em: EntityManager, viewer: Viewer, rawInput: unknown, deps: { tickets: TicketsService; queries: TicketQueries }) {
  const input = parseInput(bulkInput, rawInput);
  const ids = [...new Set(input.ids)];
  const invisible = await deps.queries.invisibleAmong(em, viewer, ids);
  if (invisible.length) throw forbidden(`You cannot see ${invisible.length} of the selected tickets.`);
  const rows = await sql<TicketRow>(em, `SELECT ${TICKET_SELECT} FROM tickets t WHERE t.id = ANY($1::uuid[]) ORDER BY t.id FOR UPDATE`, [ids]);
  const actor = actorOf(viewer);
  for (const row of rows) {
    const patch: TicketPatch = {};
    if (input.status) patch.status = input.status;
    if (input.priority) patch.priority = input.priority;
    if (input.assigneeId !== undefined) patch.assigneeId = input.assigneeId;
    if (input.teamId !== undefined) patch.teamId = input.teamId;
    if (input.addTags?.length || input.removeTags?.length) {
      const current = await ticketTags(em, row.id);
      const removed = new Set(input.removeTags ?? []);
      patch.tags = [...new Set([...current, ...(input.addTags ?? [])])].filter((tag) => !removed.has(tag));
    }
    try {
      await deps.tickets.patch(em, row, patch, actor);
    } catch (error) {
      const fields = (error as { extensions?: { fields?: { field: string; message: string }[] } }).extensions?.fields;
      if (fields) throw badInput(fields.map((problem) => ({ ...problem, message: `ticket ${row.number}: ${problem.message}` })));
      throw error;
    }
  }
  return { updatedCount: rows.length, tickets: await ticketRows(em, ids) };
}
