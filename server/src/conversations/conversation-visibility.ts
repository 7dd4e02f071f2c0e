import type { CoreDomainEvents, DomainEvent } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Params } from '../database/sql.ts';
import { factsBefore as ticketFactsBefore } from '../tickets/tickets.subscriptions.ts';
import { canSeeTicket, ticketFactsOf, visibleTicketSql, type TicketFacts, type TicketScope } from '../tickets/visibility.ts';

/**
 * Conversation visibility (alias c) — the one rule, applied by every query
 * and subscription. With a ticket: whoever may see the ticket, or the ticket
 * it was merged into. Without: supervisors/admins all; agents those assigned
 * to them, of their teams, or not yet routed; customers their own.
 */
export function visibleConversationSql(scope: TicketScope, p: Params, alias = 'c'): string {
  if (scope.all) return 'true';
  if (scope.customer) return `${alias}.customer_id = ANY(${p.add(scope.customerIds)}::uuid[])`;
  const me = p.add(scope.viewer.id);
  const teams = p.add(scope.teamIds);
  return `(CASE WHEN ${alias}.ticket_id IS NULL
            THEN ${alias}.assignee_id = ${me} OR ${alias}.team_id = ANY(${teams}::uuid[]) OR (${alias}.assignee_id IS NULL AND ${alias}.team_id IS NULL)
            ELSE EXISTS (SELECT 1 FROM tickets t WHERE (t.id = ${alias}.ticket_id
                           OR t.id = (SELECT mt.merged_into_id FROM tickets mt WHERE mt.id = ${alias}.ticket_id))
                           AND ${visibleTicketSql(scope, p, 't')})
          END)`;
}

/** What the visibility rule needs to know about one conversation (for checks in memory). */
export interface ConversationFacts {
  id: string;
  customerId: string;
  assigneeId: string | null;
  teamId: string | null;
  /** Its ticket (null: a live chat without one) and the ticket that one was merged into. */
  ticket: TicketFacts | null;
  mergeTarget: TicketFacts | null;
}

/**
 * The same rule as visibleConversationSql, evaluated in memory — for fanning
 * one event out to many subscribers without one query each. Keep the two in step.
 */
export function canSeeConversation(scope: TicketScope, facts: ConversationFacts): boolean {
  if (scope.all) return true;
  if (scope.customer) return scope.customerIds.includes(facts.customerId);
  if (!facts.ticket) {
    return (
      facts.assigneeId === scope.viewer.id ||
      (facts.teamId !== null && scope.teamIds.includes(facts.teamId)) ||
      (facts.assigneeId === null && facts.teamId === null)
    );
  }
  return canSeeTicket(scope, facts.ticket) || (facts.mergeTarget !== null && canSeeTicket(scope, facts.mergeTarget));
}

/** Events after which someone may have lost sight of a conversation. */
export type VisibilityEvent =
  | DomainEvent<'conversation.updated', CoreDomainEvents['conversation.updated']>
  | DomainEvent<'ticket.updated', CoreDomainEvents['ticket.updated']>
  | DomainEvent<'ticket.followersChanged', CoreDomainEvents['ticket.followersChanged']>;

/** The conversation as the visibility rule saw it just before this event (its changes reverted). */
export function conversationFactsBefore(facts: ConversationFacts, event: VisibilityEvent): ConversationFacts {
  if (event.type === 'conversation.updated') {
    const { previousAssigneeId, previousTeamId, changes } = event.payload;
    // `ticket`: it was a live chat until this change (only ticketless conversations are converted).
    const ticketless = changes.includes('ticket') ? { ticket: null, mergeTarget: null } : {};
    return { ...facts, assigneeId: previousAssigneeId, teamId: previousTeamId, ...ticketless };
  }
  // A ticket change: the ticket is the conversation's own, or the one its ticket was merged into.
  const revert = (ticket: TicketFacts | null) => (ticket?.id === event.payload.ticketId ? ticketFactsBefore(ticket, event) : ticket);
  return { ...facts, ticket: revert(facts.ticket), mergeTarget: revert(facts.mergeTarget) };
}

/** Facts of one conversation; undefined when it does not exist. */
export async function conversationFacts(em: EntityManager, conversationId: string): Promise<ConversationFacts | undefined> {
  return (await factsWhere(em, `c.id = $1`, conversationId))[0];
}

/** Facts of the conversations whose visibility follows a ticket: its own, and those of tickets merged into it. */
export function conversationFactsOfTicket(em: EntityManager, ticketId: string): Promise<ConversationFacts[]> {
  return factsWhere(em, `(c.ticket_id = $1 OR t.merged_into_id = $1)`, ticketId);
}

async function factsWhere(em: EntityManager, condition: string, id: string): Promise<ConversationFacts[]> {
  const rows = await sql<{ id: string; customerId: string; assigneeId: string | null; teamId: string | null; ticketId: string | null; mergedIntoId: string | null }>(
    em,
    `SELECT c.id, c.customer_id AS "customerId", c.assignee_id AS "assigneeId", c.team_id AS "teamId", c.ticket_id AS "ticketId", t.merged_into_id AS "mergedIntoId"
       FROM conversations c LEFT JOIN tickets t ON t.id = c.ticket_id WHERE ${condition}`,
    [id],
  );
  const ticketIds = [...new Set(rows.flatMap((row) => [row.ticketId, row.mergedIntoId]).filter((ticketId): ticketId is string => !!ticketId))];
  const tickets = new Map((ticketIds.length ? await ticketFactsOf(em, ticketIds) : []).map((facts) => [facts.id, facts]));
  return rows.map(({ ticketId, mergedIntoId, ...row }) => ({
    ...row,
    ticket: (ticketId && tickets.get(ticketId)) || null,
    mergeTarget: (mergedIntoId && tickets.get(mergedIntoId)) || null,
  }));
}
