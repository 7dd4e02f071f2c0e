import type { ConversationFilter, ConversationListFieldsFragment, ConversationStatus } from '../../graphql/generated.ts';

export type ConversationOwner = 'mine' | 'unassigned' | 'all';
export const CONVERSATION_OWNERS: ConversationOwner[] = ['mine', 'unassigned', 'all'];
export const CONVERSATION_STATUSES: ConversationStatus[] = ['open', 'closed'];

/** What the conversation list shows; kept in the address (`?status=closed&owner=mine`). */
export interface ConversationListState {
  status: ConversationStatus;
  owner: ConversationOwner;
}

export function stateFromQuery(query: Record<string, unknown>): ConversationListState {
  const status = CONVERSATION_STATUSES.find((value) => value === query.status) ?? 'open';
  const owner = CONVERSATION_OWNERS.find((value) => value === query.owner) ?? 'all';
  return { status, owner };
}

/** The server filter for the list query. */
export function toConversationFilter(state: ConversationListState, meId: string | undefined): ConversationFilter {
  const filter: ConversationFilter = { status: [state.status] };
  if (state.owner === 'mine' && meId) filter.assigneeIds = [meId];
  if (state.owner === 'unassigned') filter.unassigned = true;
  return filter;
}

/**
 * Whether a changed conversation belongs in the list. Decided here rather
 * than by the subscription's filter: the server only sends changes that match
 * a filter, so a conversation that stops matching (closed, transferred away)
 * would never arrive to be removed.
 */
export function matchesState(conversation: ConversationListFieldsFragment, state: ConversationListState, meId: string | undefined): boolean {
  if (conversation.status !== state.status) return false;
  if (state.owner === 'mine') return !!meId && conversation.assignee?.id === meId;
  if (state.owner === 'unassigned') return !conversation.assignee;
  return true;
}
