import type { EntityManager } from '@mikro-orm/postgresql';
import { prepared } from '../database/prepared-statements.ts';
import { sql } from '../database/sql.ts';
import type { TicketPriority, TicketStatus } from './status.ts';

/** A ticket as GraphQL resolvers see it (one row, references as ids). */
export interface TicketRow {
  id: string;
  number: string;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  typeId: string | null;
  requesterId: string;
  organizationId: string | null;
  assigneeId: string | null;
  teamId: string | null;
  dueAt: Date | null;
  channel: string;
  mergedIntoId: string | null;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
  solvedAt: Date | null;
  closedAt: Date | null;
}

export const TICKET_SELECT = `t.id, t.number, t.subject, t.status, t.priority, t.type_id AS "typeId", t.requester_id AS "requesterId",
  t.organization_id AS "organizationId", t.assignee_id AS "assigneeId", t.team_id AS "teamId", t.due_at AS "dueAt",
  t.channel, t.merged_into_id AS "mergedIntoId", t.created_by_id AS "createdById", t.created_at AS "createdAt",
  t.updated_at AS "updatedAt", t.solved_at AS "solvedAt", t.closed_at AS "closedAt"`;
const TICKETS_BY_IDS = prepared(`SELECT ${TICKET_SELECT} FROM tickets t WHERE t.id = ANY($1::uuid[])`);

export async function ticketRows(em: EntityManager, ids: readonly string[]): Promise<TicketRow[]> {
  return sql<TicketRow>(em, TICKETS_BY_IDS, [ids]);
}
