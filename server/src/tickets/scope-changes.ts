import type { CoreDomainEvents, DomainEvent } from '@kefu/plugin-sdk';
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
 * every ticket of the team.
 */
export const SCOPE_EVENTS = ['team.membersChanged'] as const;
export type ScopeEvent = DomainEvent<'team.membersChanged', CoreDomainEvents['team.membersChanged']>;

export const isScopeEvent = (event: { type: string }): event is ScopeEvent => (SCOPE_EVENTS as readonly string[]).includes(event.type);

/** Whether the event changed what this user may see. */
export const changesScopeOf = (event: ScopeEvent, userId: string): boolean => event.payload.added.includes(userId) || event.payload.removed.includes(userId);

/**
 * Drops cached scopes as soon as a membership change reaches this instance
 * (published by any instance through the shared emitter), so every open
 * subscription — not only the lists that show the signal — checks the new
 * scope from its next event on. Returns the unsubscribe function.
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
