import { z } from 'zod';
import type { Params } from '../database/sql.ts';
import { queryTerms } from '../text/segment.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES } from './status.ts';
import { visibleMessageKinds, type TicketScope } from './visibility.ts';

const id = z.uuid('must be an id');
const ids = z.array(id).max(100);
const dateTime = z.union([z.date(), z.iso.datetime({ offset: true })]).transform((value) => new Date(value));
export const tagName = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'is required')
  .max(50)
  .regex(/^[^,\s][^,]*$/, 'must not contain commas');
export const channelName = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'must be a channel name like email');

export const ticketFilterSchema = z.object({
  status: z.array(z.enum(TICKET_STATUSES)).max(6).nullish(),
  priority: z.array(z.enum(TICKET_PRIORITIES)).max(4).nullish(),
  typeIds: ids.nullish(),
  assigneeIds: ids.nullish(),
  unassigned: z.boolean().nullish(),
  assignedToMe: z.boolean().nullish(),
  teamIds: ids.nullish(),
  myTeams: z.boolean().nullish(),
  followedByMe: z.boolean().nullish(),
  tags: z.array(tagName).max(20).nullish(),
  requesterId: id.nullish(),
  organizationId: id.nullish(),
  channels: z.array(channelName).max(20).nullish(),
  createdAfter: dateTime.nullish(),
  createdBefore: dateTime.nullish(),
  updatedAfter: dateTime.nullish(),
  updatedBefore: dateTime.nullish(),
  search: z.string().trim().max(200).nullish(),
});
export type TicketFilter = z.output<typeof ticketFilterSchema>;

export const SORT_FIELDS = ['updatedAt', 'createdAt', 'priority', 'dueAt'] as const;
export const ticketSortSchema = z.object({
  field: z.enum(SORT_FIELDS),
  direction: z.enum(['asc', 'desc']).nullish().transform((value) => value ?? 'desc'),
});
export type TicketSort = z.output<typeof ticketSortSchema>;
export const DEFAULT_SORT: TicketSort = { field: 'updatedAt', direction: 'desc' };

/** Sort key expressions (with their SQL types) per sort field; the id breaks ties. */
export const SORT_KEYS: Record<TicketSort['field'], [string, string][]> = {
  updatedAt: [['t.updated_at', 'timestamptz'], ['t.id', 'uuid']],
  createdAt: [['t.created_at', 'timestamptz'], ['t.id', 'uuid']],
  priority: [['t.priority_rank', 'smallint'], ['t.updated_at', 'timestamptz'], ['t.id', 'uuid']],
  dueAt: [[`coalesce(t.due_at, 'infinity'::timestamptz)`, 'timestamptz'], ['t.id', 'uuid']],
};

/** SQL conditions (AND-ed, on alias `t`) for a filter, relative to the viewer where the filter says "me". */
export function ticketFilterSql(filter: TicketFilter, scope: TicketScope, p: Params): string[] {
  const where: string[] = [];
  const anyOf = (column: string, values: readonly string[] | null | undefined, type: string) => {
    if (values?.length) where.push(`${column} = ANY(${p.add(values)}::${type}[])`);
  };
  anyOf('t.status', filter.status, 'text');
  anyOf('t.priority', filter.priority, 'text');
  anyOf('t.type_id', filter.typeIds, 'uuid');
  anyOf('t.assignee_id', filter.assigneeIds, 'uuid');
  anyOf('t.team_id', filter.teamIds, 'uuid');
  anyOf('t.channel', filter.channels, 'text');
  if (filter.unassigned) where.push('t.assignee_id IS NULL');
  if (filter.assignedToMe) where.push(`t.assignee_id = ${p.add(scope.viewer.id)}`);
  // From team_members, not the scope: supervisors' and admins' scopes carry no team ids (they see everything).
  if (filter.myTeams) where.push(`t.team_id IN (SELECT mt.team_id FROM team_members mt WHERE mt.user_id = ${p.add(scope.viewer.id)})`);
  if (filter.followedByMe) {
    where.push(`EXISTS (SELECT 1 FROM ticket_followers ff WHERE ff.ticket_id = t.id AND ff.user_id = ${p.add(scope.viewer.id)})`);
  }
  if (filter.tags?.length) {
    where.push(`EXISTS (SELECT 1 FROM ticket_tags ft JOIN tags fg ON fg.id = ft.tag_id
                         WHERE ft.ticket_id = t.id AND fg.name = ANY(${p.add(filter.tags)}::citext[]))`);
  }
  if (filter.requesterId) where.push(`t.requester_id = ${p.add(filter.requesterId)}`);
  if (filter.organizationId) where.push(`t.organization_id = ${p.add(filter.organizationId)}`);
  if (filter.createdAfter) where.push(`t.created_at >= ${p.add(filter.createdAfter)}`);
  if (filter.createdBefore) where.push(`t.created_at < ${p.add(filter.createdBefore)}`);
  if (filter.updatedAfter) where.push(`t.updated_at >= ${p.add(filter.updatedAfter)}`);
  if (filter.updatedBefore) where.push(`t.updated_at < ${p.add(filter.updatedBefore)}`);
  if (filter.search) {
    const terms = queryTerms(filter.search);
    if (terms.length) {
      // Both sides are segmented the same way (text/segment.ts) and indexed with the 'simple' configuration.
      const query = `plainto_tsquery('simple', ${p.add(terms.join(' '))})`;
      where.push(`(t.search_vector @@ ${query} OR t.id IN (
                    SELECT sm.ticket_id FROM messages sm
                     WHERE sm.search_vector @@ ${query} AND sm.kind = ANY(${p.add(visibleMessageKinds(scope))}::text[])))`);
    }
  }
  return where;
}
