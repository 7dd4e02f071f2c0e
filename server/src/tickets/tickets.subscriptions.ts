import type { CoreDomainEvents, DomainEvent, TicketFieldChange } from '@kefu/plugin-sdk';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventTopic } from '../events/event-bus.ts';
import type { KefuContext } from '../graphql/context.ts';
import { guardSubscription } from '../graphql/guard.ts';
import { selectEach } from '../graphql/subscription-stream.ts';
import { parseInput } from '../graphql/validate.ts';
import { z } from 'zod';
import { presenceTopic } from './presence.service.ts';
import { changesScopeOf, changesTicketListOf, isScopeEvent, SCOPE_EVENTS, unteamsTicketsFor, type ScopeEvent } from './scope-changes.ts';
import { formerTeamOf } from './ticket-changes.ts';
import { ticketFilterSchema, type TicketFilter } from './ticket-filter.ts';
import { ticketRows } from './ticket-row.ts';
import { perEvent } from '../graphql/shared-rows.ts';
import { canSeeTicket, computeScope, ticketFactsForEvent, ticketScope, type TicketFacts } from './visibility.ts';

const TICKET_EVENTS = ['ticket.created', 'ticket.updated', 'ticket.merged', 'ticket.followersChanged', 'message.created'] as const;
type TicketEvent = DomainEvent<string, CoreDomainEvents[(typeof TICKET_EVENTS)[number]]>;

/**
 * Which ticket an event is about, how, and what changed. A merge is about its
 * target, except for a subscriber of the source ticket alone (`focus`): they
 * learn that theirs was merged.
 */
function describe(event: TicketEvent, focus: string | null): { ticketId: string; kind: string; changedFields: string[] } | null {
  const payload = event.payload as Record<string, any>;
  if (event.type === 'ticket.merged' && focus !== null && payload.sourceId === focus) return { ticketId: focus, kind: 'merged', changedFields: ['mergedInto'] };
  switch (event.type) {
    case 'ticket.created':
      return { ticketId: payload.ticketId, kind: 'created', changedFields: [] };
    case 'ticket.updated':
      return { ticketId: payload.ticketId, kind: 'updated', changedFields: payload.changes.map((change: { field: string }) => change.field) };
    case 'ticket.merged':
      return { ticketId: payload.targetId, kind: 'merged', changedFields: ['mergedTickets'] };
    case 'ticket.followersChanged':
      return { ticketId: payload.ticketId, kind: 'updated', changedFields: ['followers'] };
    case 'message.created':
      // A note must not even hint at activity to a customer; the visibility check below handles staff.
      return payload.ticketId ? { ticketId: payload.ticketId, kind: 'updated', changedFields: payload.kind === 'reply' ? ['messages'] : ['notes'] } : null;
    default:
      return null;
  }
}

const viewerOf = (context: KefuContext) => context.viewer!;
const hidden = (ticketId: string) => ({ ticketChanged: { kind: 'hidden', ticketId, ticket: null, changedFields: [], matchesFilter: false } });
const SCOPE_CHANGED = { ticketChanged: { kind: 'scopeChanged', ticketId: null, ticket: null, changedFields: [], matchesFilter: false } };

// The changed ticket as of this event, loaded once for all subscribers.
const sharedTicket = perEvent(async (em, ticketId) => (await ticketRows(em, [ticketId]))[0]);
// The team a ticket was last taken off, as of this event, read once for all subscribers of its page.
const sharedFormerTeam = perEvent(formerTeamOf);

/**
 * What a ticket page (`focus`) hears of a scope event: `hidden` when the
 * subscriber's own team change took the ticket out of their reach, and
 * `updated` (team) when the deleted team held it. "Held it" is read from the
 * ticket itself — no team now, and its latest team change took it off the
 * deleted team — since the deletion names no tickets (it may clear 100k in one
 * statement). Team ids are never reused, so this misses no ticket of the
 * team (one given a new team since then hears of it through that change); the
 * only other tickets it accepts are ones someone took off that team by hand
 * earlier and left without a team, whose page then re-reads an unchanged row:
 * harmless, unlike a page left showing a team that is gone. Costs one read of
 * the ticket (shared by its pages) per deletion of a team with tickets.
 */
async function focusedScopeChange(context: KefuContext, event: ScopeEvent, focus: string, filters: TicketFilter[]) {
  const viewer = viewerOf(context);
  const ownTeamsChanged = changesScopeOf(event, viewer.id);
  const unteamed = unteamsTicketsFor(event, viewer) && (await sharedFormerTeam(context, event.id, focus)) === event.payload.teamId;
  if (!ownTeamsChanged && !unteamed) return undefined;
  // Null only when the ticket is out of reach (filters decide `matchesFilter`, not the row): read only this ticket.
  const matches = await context.services.ticketQueries.matches(context.em, await ticketScope(context.em, viewer), focus, filters);
  if (matches === null) return ownTeamsChanged ? hidden(focus) : undefined;
  if (!unteamed) return undefined;
  const ticket = await sharedTicket(context, event.id, focus);
  return ticket ? { ticketChanged: { kind: 'updated', ticketId: focus, ticket, changedFields: ['team'], matchesFilter: matches } } : undefined;
}

/** The ticket as the visibility rule saw it just before this event (its changes reverted). */
export function factsBefore(facts: TicketFacts, event: TicketEvent): TicketFacts {
  const before = { ...facts };
  const payload = event.payload as Record<string, any>;
  if (event.type === 'ticket.updated') {
    for (const change of payload.changes as TicketFieldChange[]) {
      const id = (change.from as { id: string } | null)?.id ?? null;
      if (change.field === 'team') before.teamId = id;
      if (change.field === 'assignee') before.assigneeId = id;
      if (change.field === 'requester' && id) before.requesterId = id;
    }
  }
  if (event.type === 'ticket.followersChanged') {
    before.followerIds = [...facts.followerIds.filter((id) => !payload.added.includes(id)), ...payload.removed];
  }
  return before;
}

export const ticketsSubscriptions = {
  ticketChanged: guardSubscription('authenticated', {
    subscribe: async (_parent: unknown, args: { filter?: unknown; viewId?: unknown; ticketId?: unknown }, context: KefuContext) => {
      const viewer = viewerOf(context);
      const filters: TicketFilter[] = [parseInput(ticketFilterSchema.nullish(), args.filter) ?? {}];
      if (args.viewId != null) filters.push((await context.services.ticketViews.resolve(context.em, viewer, parseInput(z.string().max(40), args.viewId))).filter);
      // One ticket (its page): refused up front (FORBIDDEN, NOT_FOUND) like messageAdded(ticketId), so nobody learns of a ticket out of reach.
      const focus = args.ticketId == null ? null : (await context.services.ticketQueries.get(context.em, viewer, args.ticketId)).id;
      const source = await context.pubsub.subscribe([...TICKET_EVENTS, ...SCOPE_EVENTS].map(eventTopic));
      return selectEach(source as AsyncIterable<TicketEvent | ScopeEvent>, async (event) => {
        if (isScopeEvent(event)) {
          if (focus !== null) return focusedScopeChange(context, event, focus, filters);
          // A list: one signal to refetch, not a `hidden` per ticket of the team they left, nor an `updated` per ticket of a deleted team (that would read them all).
          return changesTicketListOf(event, viewer) ? SCOPE_CHANGED : undefined;
        }
        const described = describe(event, focus);
        if (!described || (focus !== null && described.ticketId !== focus)) return undefined;
        if (event.type === 'message.created' && (event.payload as { kind: string }).kind !== 'reply' && viewer.role === 'customer') return undefined;
        // Visibility is checked per event (scope refreshed every few seconds): a ticket moved away stops flowing.
        const scope = await ticketScope(context.em, viewer);
        const matches = await context.services.ticketQueries.matches(context.em, scope, described.ticketId, filters);
        if (matches === null) {
          // Tell those who could see it until this change to drop it; nobody else learns anything.
          const facts = await ticketFactsForEvent(context, event.id, described.ticketId);
          if (!facts || !canSeeTicket(scope, factsBefore(facts, event))) return undefined;
          return hidden(described.ticketId);
        }
        // Loaded once per event for all subscribers (keyed by event: the row as of this change).
        const ticket = await sharedTicket(context, event.id, described.ticketId);
        if (!ticket) return undefined;
        return { ticketChanged: { kind: described.kind, ticketId: ticket.id, ticket, changedFields: viewer.role === 'customer' ? [] : described.changedFields, matchesFilter: matches } };
      });
    },
    resolve: (payload: { ticketChanged: unknown }) => payload.ticketChanged,
  }),

  ticketViewCounts: guardSubscription('workspace.use', {
    subscribe: async (_parent: unknown, _args: unknown, context: KefuContext) => {
      const viewer = viewerOf(context);
      const topics = [...TICKET_EVENTS.filter((type) => type !== 'message.created'), ...SCOPE_EVENTS].map(eventTopic);
      const source = await context.pubsub.subscribe(topics);
      let computedFrom = 0;
      return selectEach(source as AsyncIterable<TicketEvent | ScopeEvent>, async (event) => {
        // Someone else's teams changed, and no tickets lost their team: not this subscriber's counts.
        if (isScopeEvent(event) && !changesTicketListOf(event, viewer)) return undefined;
        // A burst (a bulk update of 500 tickets) yields one recount: events older than the last count are skipped.
        if (Date.parse(event.occurredAt) <= computedFrom) return undefined;
        await sleep(250);
        computedFrom = Date.now();
        const scope = await computeScope(context.em, viewer);
        const views = await context.services.ticketViews.list(context.em, viewer);
        const counts = await context.services.ticketQueries.countEach(context.em, scope, views.map((view) => view.filter));
        return { ticketViewCounts: { views: views.map((view, index) => ({ viewId: view.id, count: counts[index] })) } };
      });
    },
    resolve: (payload: { ticketViewCounts: unknown }) => payload.ticketViewCounts,
  }),

  ticketPresence: guardSubscription('workspace.use', {
    subscribe: async (_parent: unknown, args: { ticketId: unknown }, context: KefuContext) => {
      const ticket = await context.services.ticketQueries.get(context.em, viewerOf(context), args.ticketId);
      return context.pubsub.subscribe(presenceTopic(ticket.id));
    },
    resolve: (payload: { ticketPresence: unknown }) => payload.ticketPresence,
  }),
};
