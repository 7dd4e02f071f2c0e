/** Conversations shaped like the server's answers, for the conversation list and page tests. */
import type { AgentConversationQuery, ConversationChangedLiveSubscription, ConversationListFieldsFragment, MessageFieldsFragment } from '../../graphql/generated.ts';
import { agentTicket, message } from './agent-fixtures.ts';

export function listConversation(n: number, overrides: Partial<ConversationListFieldsFragment> = {}): ConversationListFieldsFragment {
  return {
    id: `conversation-${n}`,
    channel: 'web',
    status: 'open',
    subject: null,
    customer: { id: `customer-${n}`, name: `Customer ${n}`, tier: 'standard' },
    assignee: null,
    team: null,
    ticket: null,
    lastMessage: { id: `last-${n}`, kind: 'reply', text: `Hello from ${n}`, createdAt: '2026-11-21T10:00:00.000Z' },
    unreadCount: 0,
    createdAt: '2026-11-21T09:00:00.000Z',
    updatedAt: '2026-11-21T10:00:00.000Z',
    closedAt: null,
    ...overrides,
  };
}

/** A `conversationChanged` payload: the conversation as it is now. */
export function changed(conversation: ConversationListFieldsFragment, kind: 'created' | 'updated' | 'read' = 'updated'): ConversationChangedLiveSubscription {
  return { conversationChanged: { kind, conversationId: conversation.id, conversation } };
}

/** A `conversationChanged` payload telling that the conversation left the viewer's reach: its id only. */
export function hidden(conversationId: string): ConversationChangedLiveSubscription {
  return { conversationChanged: { kind: 'hidden', conversationId, conversation: null } };
}

/** A `conversationChanged` payload telling that the viewer's own teams changed: refetch. */
export function scopeChanged(): ConversationChangedLiveSubscription {
  return { conversationChanged: { kind: 'scopeChanged', conversationId: null, conversation: null } };
}

/** A chat message of conversation-1 (no ticket yet). */
export function chatMessage(id: string, overrides: Partial<MessageFieldsFragment> = {}): MessageFieldsFragment {
  return message(id, { conversationId: 'conversation-1', ticketId: null, ...overrides });
}

export function agentConversation(
  overrides: Partial<ConversationListFieldsFragment> = {},
  newestFirst: MessageFieldsFragment[] = [],
): NonNullable<AgentConversationQuery['conversation']> {
  return {
    ...listConversation(1, { customer: { id: 'customer-1', name: 'Carol Customer', tier: 'vip' }, ...overrides }),
    customer: agentTicket().requester,
    messages: { nodes: newestFirst, pageInfo: { endCursor: newestFirst.length ? 'seq-1' : null, hasNextPage: false } },
  };
}
