import type { CoreDomainEvents, DomainEvent } from '@kefu/plugin-sdk';
import { Params, sqlOne } from '../database/sql.ts';
import type { KefuContext } from '../graphql/context.ts';
import { perEvent } from '../graphql/shared-rows.ts';
import type { TicketScope } from '../tickets/visibility.ts';
import { CONVERSATION_SELECT, type ConversationRow } from './conversation-rows.ts';
import { canSeeConversation, conversationFacts, conversationFactsBefore, conversationFactsOfTicket, visibleConversationSql } from './conversation-visibility.ts';
import { conversationFilterSql, type ConversationFilter } from './conversations.service.ts';

/** Events about a conversation itself: it is sent to subscribers who may see it. */
export const CONVERSATION_EVENTS = ['conversation.created', 'conversation.updated', 'message.created'] as const;
/** Ticket changes that may move the ticket's conversations out of (or into) someone's reach. */
export const TICKET_VISIBILITY_EVENTS = ['ticket.updated', 'ticket.followersChanged'] as const;
/** Ticket fields the visibility rule reads. */
const VISIBILITY_FIELDS = new Set(['team', 'assignee', 'requester']);

/**
 * A user's own topic: `markConversationRead` emits here (after its commit),
 * so every `conversationChanged` stream of that user — each tab, on any
 * instance — updates its unread count, and nobody else is woken.
 */
export const readerTopic = (userId: string) => `kefu/reader/${userId}`;
/** What `readerTopic` carries. */
export interface OwnRead {
  type: 'own.read';
  conversationId: string;
}

type EventType = (typeof CONVERSATION_EVENTS)[number] | (typeof TICKET_VISIBILITY_EVENTS)[number];
export type ConversationChangeEvent = { [Type in EventType]: DomainEvent<Type, CoreDomainEvents[Type]> }[EventType] | OwnRead;

/** The `ConversationChange` GraphQL object. */
export interface ConversationChange {
  kind: 'created' | 'updated' | 'read' | 'hidden' | 'scopeChanged';
  /** Null for `scopeChanged`, which is about the subscriber, not one conversation. */
  conversationId: string | null;
  conversation: ConversationRow | null;
}

const hidden = (conversationId: string): ConversationChange => ({ kind: 'hidden', conversationId, conversation: null });

/**
 * What one event means to one `conversationChanged` subscriber: the
 * conversation when they may see it (and it matches their filter); `hidden`
 * (its id only) when they could see it until this change; otherwise nothing —
 * nobody learns about a conversation out of their reach.
 */
export async function conversationChanges(context: KefuContext, scope: TicketScope, filter: ConversationFilter, event: ConversationChangeEvent): Promise<ConversationChange[]> {
  if (event.type === 'ticket.updated' || event.type === 'ticket.followersChanged') return ticketChanges(context, scope, filter, event);
  if (event.type === 'own.read') {
    // Only ever on the reader's own topic; still checked, as every delivery is.
    const read = await currentRow(context, scope, filter, event.conversationId);
    return read?.visible && read.matches ? [{ kind: 'read', conversationId: event.conversationId, conversation: read.row }] : [];
  }
  const conversationId = event.payload.conversationId;
  const current = await currentRow(context, scope, filter, conversationId);
  if (current?.visible) return current.matches ? [{ kind: event.type === 'conversation.created' ? 'created' : 'updated', conversationId, conversation: current.row }] : [];
  // Out of reach now. Only a transfer or conversion takes a conversation away; a conversation
  // with a ticket follows the ticket, whose own event (published with this one) tells.
  if (!current || event.type !== 'conversation.updated') return [];
  const facts = await sharedFacts(context, event.id, conversationId);
  return facts && canSeeConversation(scope, conversationFactsBefore(facts, event)) ? [hidden(conversationId)] : [];
}

/** A ticket moved (team, assignee, followers): its conversations leave or enter the subscriber's reach. */
async function ticketChanges(
  context: KefuContext,
  scope: TicketScope,
  filter: ConversationFilter,
  event: Extract<ConversationChangeEvent, { type: 'ticket.updated' | 'ticket.followersChanged' }>,
): Promise<ConversationChange[]> {
  if (scope.all) return [];
  if (event.type === 'ticket.updated' && !event.payload.changes.some((change) => VISIBILITY_FIELDS.has(change.field))) return [];
  const changes: ConversationChange[] = [];
  for (const facts of await sharedTicketConversations(context, event.id, event.payload.ticketId)) {
    const before = canSeeConversation(scope, conversationFactsBefore(facts, event));
    const now = canSeeConversation(scope, facts);
    if (before && !now) changes.push(hidden(facts.id));
    if (!before && now) {
      const current = await currentRow(context, scope, filter, facts.id);
      if (current?.visible && current.matches) changes.push({ kind: 'updated', conversationId: facts.id, conversation: current.row });
    }
  }
  return changes;
}

/** The conversation as of now, whether the subscriber may see it, and whether it matches their filter. */
async function currentRow(context: KefuContext, scope: TicketScope, filter: ConversationFilter, conversationId: string) {
  const p = new Params();
  const id = p.add(conversationId);
  const visible = visibleConversationSql(scope, p);
  const matches = ['true', ...conversationFilterSql(filter, p)].join(' AND ');
  const found = await sqlOne<ConversationRow & { visible: boolean; matches: boolean }>(
    context.em,
    `SELECT ${CONVERSATION_SELECT}, ${visible} AS visible, ${matches} AS matches FROM conversations c WHERE c.id = ${id}`,
    p.values,
  );
  if (!found) return null;
  const { visible: isVisible, matches: isMatching, ...row } = found;
  return { row, visible: isVisible, matches: isMatching };
}

const sharedFacts = perEvent(conversationFacts);
const ticketConversations = perEvent(conversationFactsOfTicket);
const sharedTicketConversations = async (context: KefuContext, eventId: string, ticketId: string) => (await ticketConversations(context, eventId, ticketId)) ?? [];
