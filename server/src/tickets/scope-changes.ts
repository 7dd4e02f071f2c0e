import type { CoreDomainEvents, DomainEvent, Viewer } from '@kefu/plugin-sdk';
import type { Message, MQEmitter } from 'mqemitter';
import { eventTopic } from '../events/event-bus.ts';
import { forgetScopes } from './visibility.ts';

/**
 * Events that change what a staff user may see without any ticket changing:
 * team membership (joining, leaving, the team deleted). A role change needs
 * nothing here: it revokes the user's sessions, which closes their sockets.
 *
 * Each such event names its users, so telling them costs nothing per ticket:
 * their subscriptions drop their cached scope and send one "refetch" signal
 * (`scopeChanged`) instead of a `hidden` per ticket, which would mean reading
 * every ticket of the team. A deleted team's conversations, which lose their
 * team (its waiting chats becoming visible to every agent), are a flag
 * (`conversationsUnteamed`) heard by every staff chat list; its tickets, which
 * lose their team, a flag (`ticketsUnteamed`) heard by every staff ticket
 * list and view count.
 */
export const SCOPE_EVENTS = ['team.membersChanged'] as const;
export type ScopeEvent = DomainEvent<'team.membersChanged', CoreDomainEvents['team.membersChanged']>;

export const isScopeEvent = (event: { type: string }): event is ScopeEvent => (SCOPE_EVENTS as readonly string[]).includes(event.type);

/** Whether the event changed which tickets (and so their conversations) this user may see: their own teams. */
export const changesScopeOf = (event: ScopeEvent, userId: string): boolean => event.payload.added.includes(userId) || event.payload.removed.includes(userId);

/**
 * Whether a deleted team's conversations lost their team for this viewer:
 * staff see teams (customers never do, and see no conversation more or less
 * for it). `chatsUnrouted` implies `conversationsUnteamed`; read too for an
 * event published before the latter existed.
 */
const unteamsChatsFor = (event: ScopeEvent, viewer: Viewer): boolean =>
  (event.payload.conversationsUnteamed || event.payload.chatsUnrouted) && viewer.role !== 'customer';

/**
 * Whether the event changed a chat list of this viewer in a way no
 * conversation event tells: their own teams, or a deleted team's
 * conversations that lost their team in one statement, without a
 * `conversation.updated` each — its waiting chats became unrouted (every
 * agent sees those now), and any list showing the others (a supervisor's, an
 * agent's holding chats assigned to them or of tickets they see) still shows
 * them under a team that is gone, or holds them in a filter by that team. Not
 * the tickets: an agent outside the team gains none of its tickets, which need
 * a team, assignment or following to be seen.
 */
export const changesChatScopeOf = (event: ScopeEvent, viewer: Viewer): boolean => unteamsChatsFor(event, viewer) || changesScopeOf(event, viewer.id);

/**
 * Whether a deleted team's tickets lost their team for this viewer: staff
 * see teams (customers never do, and see no ticket more or less for it).
 */
export const unteamsTicketsFor = (event: ScopeEvent, viewer: Viewer): boolean => event.payload.ticketsUnteamed && viewer.role !== 'customer';

/**
 * Whether the event changed a ticket list (or view count) of this viewer in
 * a way no ticket event tells: their own teams, or a deleted team's tickets
 * that lost their team in one statement, without a `ticket.updated` each — a
 * list or saved view filtered by that team (a supervisor's, or an agent's
 * holding tickets assigned to or followed by them) still shows them under a
 * team that is gone, and any count by team changed.
 */
export const changesTicketListOf = (event: ScopeEvent, viewer: Viewer): boolean => unteamsTicketsFor(event, viewer) || changesScopeOf(event, viewer.id);

/**
 * Drops cached scopes as soon as a membership change reaches this instance
 * (published by any instance through the shared emitter), so every open
 * subscription — not only the lists that show the signal — checks the new
 * scope from its next event on. Only the users named: a scope is the viewer's
 * teams, and unrouted chats change no one else's (the rule reads each chat's
 * own facts on every event). Returns the unsubscribe function.
 */
export function watchScopeChanges(emitter: MQEmitter): () => void {
  const listener = (message: Message, done: () => void) => {
    const { added, removed } = (message.payload as ScopeEvent).payload;
    forgetScopes([...added, ...removed]);
    done();
  };
  for (const type of SCOPE_EVENTS) emitter.on(eventTopic(type), listener);
  return () => {
    for (const type of SCOPE_EVENTS) emitter.removeListener(eventTopic(type), listener);
  };
}
