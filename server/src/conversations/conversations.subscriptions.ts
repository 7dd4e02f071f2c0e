import type { CoreDomainEvents, DomainEvent } from '@kefu/plugin-sdk';
import { z } from 'zod';
import { eventTopic } from '../events/event-bus.ts';
import type { KefuContext } from '../graphql/context.ts';
import { badInput } from '../graphql/errors.ts';
import { guardSubscription } from '../graphql/guard.ts';
import { selectAll, selectEach } from '../graphql/subscription-stream.ts';
import { parseInput } from '../graphql/validate.ts';
import { perEvent } from '../graphql/shared-rows.ts';
import { changesChatScopeOf, isScopeEvent, SCOPE_EVENTS, type ScopeEvent } from '../tickets/scope-changes.ts';
import { canSeeTicket, ticketFactsForEvent, ticketScope, visibleMessageKinds } from '../tickets/visibility.ts';
import { CONVERSATION_EVENTS, conversationChanges, readerTopic, TICKET_VISIBILITY_EVENTS, type ConversationChange, type ConversationChangeEvent } from './conversation-changes.ts';
import { messageRows } from './conversation-rows.ts';
import type { ConversationFilter } from './conversations.service.ts';
import type { ReadReceiptPayload } from './messages.service.ts';

/** The new message, loaded once per event for all its subscribers. */
const sharedMessage = perEvent(async (em, messageId) => (await messageRows(em, [messageId]))[0]);

/**
 * Whether the subscriber may (still) see the ticket, from facts loaded once
 * per event for all subscribers; a merged ticket falls back to the SQL rule
 * (its target's visibility counts too).
 */
async function ticketVisible(context: KefuContext, eventId: string, ticketId: string, scope: Awaited<ReturnType<typeof ticketScope>>): Promise<boolean> {
  const facts = await ticketFactsForEvent(context, eventId, ticketId);
  if (!facts) return false;
  if (facts.mergedIntoId) return (await context.services.ticketQueries.matches(context.em, scope, ticketId, [])) !== null;
  return canSeeTicket(scope, facts);
}

export const typingTopic = (conversationId: string) => `kefu/typing/${conversationId}`;
export const readsTopic = (conversationId: string) => `kefu/reads/${conversationId}`;

type MessageEvent = DomainEvent<'message.created', CoreDomainEvents['message.created']>;
interface TypingPayload {
  conversationId: string;
  participant: { userId: string | null };
  typing: boolean;
  kind: 'reply' | 'note';
}

const id = z.uuid('must be an id');
const SCOPE_CHANGED: ConversationChange = { kind: 'scopeChanged', conversationId: null, conversation: null };
const viewerOf = (context: KefuContext) => context.viewer!;

export const conversationsSubscriptions = {
  messageAdded: guardSubscription('authenticated', {
    subscribe: async (_parent: unknown, args: { conversationId?: unknown; ticketId?: unknown }, context: KefuContext) => {
      const viewer = viewerOf(context);
      if ((args.conversationId == null) === (args.ticketId == null)) throw badInput([{ field: 'conversationId', message: 'give conversationId or ticketId' }]);
      // Refused up front (FORBIDDEN) when the viewer may not see the conversation or ticket.
      const conversationId = args.conversationId == null ? null : (await context.services.conversations.get(context.em, viewer, args.conversationId)).id;
      const ticketId = args.ticketId == null ? null : (await context.services.ticketQueries.get(context.em, viewer, args.ticketId)).id;
      const source = await context.pubsub.subscribe(eventTopic('message.created'));
      return selectEach(source as AsyncIterable<MessageEvent>, async (event) => {
        const payload = event.payload;
        if (conversationId ? payload.conversationId !== conversationId : payload.ticketId !== ticketId) return undefined;
        // Checked again per message (scope refreshed every few seconds): visibility may have changed,
        // and customers never get notes or system lines. Supervisors and admins see everything.
        const scope = await ticketScope(context.em, viewer);
        if (!visibleMessageKinds(scope).includes(payload.kind)) return undefined;
        const visible = scope.all || (conversationId ? await context.services.conversations.isVisible(context.em, scope, conversationId) : await ticketVisible(context, event.id, ticketId!, scope));
        if (!visible) return undefined;
        const message = await sharedMessage(context, event.id, payload.messageId);
        return message ? { messageAdded: message } : undefined;
      });
    },
    resolve: (payload: { messageAdded: unknown }) => payload.messageAdded,
  }),

  conversationChanged: guardSubscription('workspace.use', {
    subscribe: async (_parent: unknown, args: { filter?: unknown }, context: KefuContext) => {
      const viewer = viewerOf(context);
      const filter = (parseInput(z.record(z.string(), z.unknown()).nullish(), args.filter) ?? {}) as ConversationFilter;
      const source = await context.pubsub.subscribe([...[...CONVERSATION_EVENTS, ...TICKET_VISIBILITY_EVENTS, ...SCOPE_EVENTS].map(eventTopic), readerTopic(viewer.id)]);
      return selectAll(source as AsyncIterable<ConversationChangeEvent | ScopeEvent>, async (event) => {
        // The subscriber's teams changed, or a deleted team's conversations lost it: one signal to refetch (see tickets/scope-changes.ts).
        if (isScopeEvent(event)) return changesChatScopeOf(event, viewer) ? [{ conversationChanged: SCOPE_CHANGED }] : [];
        // Visibility is checked per event (scope refreshed every few seconds): a conversation moved away stops flowing.
        const scope = await ticketScope(context.em, viewer);
        const changes = await conversationChanges(context, scope, filter, event);
        return changes.map((change) => ({ conversationChanged: change }));
      });
    },
    resolve: (payload: { conversationChanged: unknown }) => payload.conversationChanged,
  }),

  typing: guardSubscription('authenticated', {
    subscribe: async (_parent: unknown, args: { conversationId: unknown }, context: KefuContext) => {
      const viewer = viewerOf(context);
      const conversation = await context.services.conversations.get(context.em, viewer, parseInput(id, args.conversationId));
      const source = await context.pubsub.subscribe(typingTopic(conversation.id));
      return selectEach(source as AsyncIterable<TypingPayload>, (payload) => {
        if (payload.participant.userId === viewer.id) return undefined;
        // Someone writing an internal note is invisible to the customer.
        if (viewer.role === 'customer' && payload.kind !== 'reply') return undefined;
        return { typing: payload };
      });
    },
    resolve: (payload: { typing: unknown }) => payload.typing,
  }),

  readReceipts: guardSubscription('authenticated', {
    subscribe: async (_parent: unknown, args: { conversationId: unknown }, context: KefuContext) => {
      const viewer = viewerOf(context);
      const conversation = await context.services.conversations.get(context.em, viewer, parseInput(id, args.conversationId));
      const source = await context.pubsub.subscribe(readsTopic(conversation.id));
      return selectEach(source as AsyncIterable<ReadReceiptPayload>, (receipt) => {
        if (receipt.participant.userId === viewer.id) return undefined;
        // A receipt pointing at a note would reveal that the note exists.
        if (viewer.role === 'customer' && !receipt.public) return undefined;
        return { readReceipts: receipt };
      });
    },
    resolve: (payload: { readReceipts: unknown }) => payload.readReceipts,
  }),
};
