import type { TicketFieldChange } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Params, sql, sqlOne } from '../database/sql.ts';
import type { EventBus } from '../events/event-bus.ts';
import { badInput } from '../graphql/errors.ts';
import { toIndexText } from '../text/segment.ts';
import { canTransition, type TicketPriority, type TicketStatus } from './status.ts';
import type { TicketRow } from './ticket-row.ts';
import { recordEventOnEachSql, recordEvents, type Actor, type TimelineEvent } from './timeline.ts';

/** Requested new values; `undefined` = unchanged, `null` = cleared. */
export interface TicketPatch {
  subject?: string;
  status?: TicketStatus;
  priority?: TicketPriority;
  typeId?: string | null;
  assigneeId?: string | null;
  teamId?: string | null;
  organizationId?: string | null;
  requesterId?: string;
  dueAt?: Date | null;
  tags?: string[];
}

interface PlannedChange extends TicketFieldChange {
  column?: string;
  value?: unknown;
}

type Ref = { id: string; name: string } | null;
const REFERENCES = {
  typeId: { field: 'type', column: 'type_id', table: 'ticket_types', extra: 'AND active', message: 'no such active ticket type' },
  assigneeId: { field: 'assignee', column: 'assignee_id', table: 'users', extra: `AND active AND role <> 'customer'`, message: 'must be an active staff user' },
  teamId: { field: 'team', column: 'team_id', table: 'teams', extra: '', message: 'no such team' },
  organizationId: { field: 'organization', column: 'organization_id', table: 'organizations', extra: '', message: 'no such organization' },
  requesterId: { field: 'requester', column: 'requester_id', table: 'customers', extra: 'AND merged_into_id IS NULL', message: 'no such customer (or merged)' },
} as const;

/** `{ id, name }` of a referenced row for the audit trail, checking it exists. */
export async function reference(em: EntityManager, key: keyof typeof REFERENCES, id: string | null, check = true): Promise<Ref> {
  if (!id) return null;
  const spec = REFERENCES[key];
  const row = await sqlOne<{ id: string; name: string }>(em, `SELECT id, name::text FROM ${spec.table} WHERE id = $1 ${check ? spec.extra : ''}`, [id]);
  if (!row && check) throw badInput([{ field: key, message: spec.message }]);
  return row ?? { id, name: '' };
}

export async function ticketTags(em: EntityManager, ticketId: string): Promise<string[]> {
  const rows = await sql<{ name: string }>(em, `SELECT g.name::text FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.ticket_id = $1 ORDER BY g.name`, [ticketId]);
  return rows.map((row) => row.name);
}

/** Upserts tags by (normalized) name and returns their ids. */
export async function tagIds(em: EntityManager, names: string[]): Promise<string[]> {
  if (!names.length) return [];
  await sql(em, `INSERT INTO tags (id, name) SELECT gen_random_uuid(), n FROM unnest($1::text[]) n ON CONFLICT (name) DO NOTHING`, [names]);
  return (await sql<{ id: string }>(em, `SELECT id FROM tags WHERE name = ANY($1::citext[])`, [names])).map((row) => row.id);
}

export async function setTags(em: EntityManager, ticketId: string, names: string[]): Promise<void> {
  const ids = await tagIds(em, names);
  await sql(em, `DELETE FROM ticket_tags WHERE ticket_id = $1 AND NOT (tag_id = ANY($2::uuid[]))`, [ticketId, ids]);
  await sql(em, `INSERT INTO ticket_tags (ticket_id, tag_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [ticketId, ids]);
}

/** A field change as its timeline entry records it (with the actor and time of the change). */
const changeEntry = ({ field, from, to }: TicketFieldChange): TimelineEvent => ({ kind: 'field_changed', field, from, to });

/** Validates a patch against the current ticket and lists what would change. */
export async function planChanges(em: EntityManager, current: TicketRow, patch: TicketPatch): Promise<PlannedChange[]> {
  const changes: PlannedChange[] = [];
  if (patch.subject !== undefined && patch.subject !== current.subject) {
    changes.push({ field: 'subject', from: current.subject, to: patch.subject, column: 'subject', value: patch.subject });
  }
  if (patch.status !== undefined && patch.status !== current.status) {
    if (!canTransition(current.status, patch.status)) {
      throw badInput([{ field: 'status', message: `cannot change from ${current.status} to ${patch.status}` }]);
    }
    changes.push({ field: 'status', from: current.status, to: patch.status, column: 'status', value: patch.status });
  }
  if (patch.priority !== undefined && patch.priority !== current.priority) {
    changes.push({ field: 'priority', from: current.priority, to: patch.priority, column: 'priority', value: patch.priority });
  }
  for (const key of Object.keys(REFERENCES) as (keyof typeof REFERENCES)[]) {
    const next = patch[key];
    if (next === undefined || next === current[key]) continue;
    if (next === null && key === 'requesterId') continue;
    const spec = REFERENCES[key];
    const to = await reference(em, key, next);
    const from = await reference(em, key, current[key], false);
    changes.push({ field: spec.field, from, to, column: spec.column, value: next });
  }
  if (patch.dueAt !== undefined && (patch.dueAt?.getTime() ?? null) !== (current.dueAt ? new Date(current.dueAt).getTime() : null)) {
    changes.push({ field: 'dueAt', from: current.dueAt ? new Date(current.dueAt).toISOString() : null, to: patch.dueAt?.toISOString() ?? null, column: 'due_at', value: patch.dueAt });
  }
  if (patch.tags !== undefined) {
    const before = await ticketTags(em, current.id);
    const after = [...new Set(patch.tags)].sort();
    if (before.join('\u0000') !== after.join('\u0000')) changes.push({ field: 'tags', from: before, to: after });
  }
  return changes;
}

/**
 * Writes planned changes: one UPDATE, the tag set, one timeline INSERT, and
 * the domain events (deferred to the commit by the mutation wrapper).
 */
export async function applyChanges(em: EntityManager, events: EventBus, current: TicketRow, changes: PlannedChange[], actor: Actor): Promise<void> {
  if (!changes.length) return;
  const p = new Params();
  const idParam = p.add(current.id);
  const sets = changes.filter((change) => change.column).map((change) => `${change.column} = ${p.add(change.value)}`);
  const status = changes.find((change) => change.field === 'status')?.to as TicketStatus | undefined;
  if (status === 'solved') sets.push('solved_at = now()');
  if (status === 'closed') sets.push('closed_at = now()');
  if (status && status !== 'solved' && status !== 'closed') sets.push('solved_at = NULL');
  const subject = changes.find((change) => change.field === 'subject');
  if (subject) sets.push(`search_vector = to_tsvector('simple', ${p.add(toIndexText(String(subject.to)))})`);
  await sql(em, `UPDATE tickets SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = ${idParam}`, p.values);
  const tags = changes.find((change) => change.field === 'tags');
  if (tags) await setTags(em, current.id, tags.to as string[]);
  await recordEvents(em, current.id, actor, changes.map(changeEntry));
  const eventChanges = changes.map(({ field, from, to }) => ({ field, from, to }));
  await events.publishIn(em, 'ticket.updated', { ticketId: current.id, changes: eventChanges }, actor.userId);
  const assignee = changes.find((change) => change.field === 'assignee');
  if (assignee) {
    const teamChange = changes.find((change) => change.field === 'team');
    await events.publishIn(
      em,
      'ticket.assigned',
      {
        ticketId: current.id,
        assigneeId: (assignee.to as Ref)?.id ?? null,
        previousAssigneeId: current.assigneeId,
        teamId: teamChange ? ((teamChange.to as Ref)?.id ?? null) : current.teamId,
      },
      actor.userId,
    );
  }
}

/**
 * Takes a team about to be deleted off all its tickets, each changed as
 * `applyChanges` changes it for `team → none` (`updated_at` too) and with the
 * same timeline entry by the actor — otherwise the foreign key (ON DELETE SET
 * NULL) would clear it without a trace. One statement whatever the number of
 * tickets (a team may hold 100k): no read, write or event per ticket; the
 * caller tells subscribers with one event. Call with the team row locked, so
 * no ticket joins it meanwhile. Returns how many tickets lost the team.
 */
export async function clearTeamOfAllTickets(em: EntityManager, teamId: string, actor: Actor): Promise<number> {
  const { field, column } = REFERENCES.teamId;
  const entry = changeEntry({ field, from: await reference(em, 'teamId', teamId, false), to: null });
  const p = new Params();
  const team = p.add(teamId);
  const rows = await sql<{ count: number }>(
    em,
    `WITH changed AS (UPDATE tickets SET ${column} = NULL, updated_at = now() WHERE ${column} = ${team} RETURNING id),
          recorded AS (${recordEventOnEachSql('changed', p, actor, entry)})
     SELECT count(*)::int AS count FROM changed`,
    p.values,
  );
  return rows[0].count;
}

/**
 * The team a ticket without a team was last taken off, read from its latest
 * team change in the timeline (null when it has a team, or never had one):
 * tells a ticket's subscribers whether a team deletion (`clearTeamOfAllTickets`)
 * changed it, without the deletion listing its tickets anywhere.
 */
export async function formerTeamOf(em: EntityManager, ticketId: string): Promise<string | null> {
  const row = await sqlOne<{ teamId: string | null }>(
    em,
    `SELECT CASE WHEN t.team_id IS NULL THEN
              (SELECT e.from_value->>'id' FROM ticket_events e
                WHERE e.ticket_id = t.id AND e.kind = 'field_changed' AND e.field = $2 ORDER BY e.id DESC LIMIT 1)
            END AS "teamId"
       FROM tickets t WHERE t.id = $1`,
    [ticketId, REFERENCES.teamId.field],
  );
  return row?.teamId ?? null;
}

/** Marks a ticket as touched (a message arrived) so lists sorted by update show it first. */
export async function touchTicket(em: EntityManager, ticketId: string): Promise<void> {
  await sql(em, `UPDATE tickets SET updated_at = now() WHERE id = $1`, [ticketId]);
}
