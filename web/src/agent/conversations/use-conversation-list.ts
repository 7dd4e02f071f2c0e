import { useClientHandle, useSubscription } from '@urql/vue';
import type { Ref } from 'vue';
import { ConversationChangedLiveDocument, ConversationListDocument } from '../../graphql/generated.ts';
import { useCursorPages } from '../../shared/use-cursor-pages.ts';
import { matchesState, toConversationFilter, type ConversationListState } from './conversation-filter.ts';

export const CONVERSATION_PAGE_SIZE = 25;

/**
 * The conversations of the list's status and owner, most recently updated
 * first: the first page on every change of the state, further pages on
 * `loadMore`, and live changes from `conversationChanged` — a conversation
 * that matches moves to the top (with its new unread count), one that no
 * longer matches or that left the viewer's reach leaves. A `read` change (the
 * viewer read it, in this tab or another) only updates the row in place.
 */
export function useConversationList(state: Ref<ConversationListState>, meId: Ref<string | undefined>) {
  const client = useClientHandle().client;
  const { items: conversations, hasMore, loading, problem, reload, loadMore } = useCursorPages(
    () => toConversationFilter(state.value, meId.value),
    async (filter, after) => {
      const result = await client.query(ConversationListDocument, { filter, first: CONVERSATION_PAGE_SIZE, after }, { requestPolicy: 'network-only' }).toPromise();
      return { page: result.data?.conversations, error: result.error };
    },
  );

  // Every visible change, unfiltered: see matchesState for why the list decides itself.
  useSubscription({ query: ConversationChangedLiveDocument, variables: { filter: null } }, (_previous, data) => {
    const { kind, conversationId, conversation: changed } = data.conversationChanged;
    // The viewer's own teams changed: which conversations they may see changed with them, so start over.
    if (kind === 'scopeChanged') {
      void reload();
      return data;
    }
    if (kind === 'read') {
      if (changed) conversations.value = conversations.value.map((conversation) => (conversation.id === conversationId ? changed : conversation));
      return data;
    }
    const rest = conversations.value.filter((conversation) => conversation.id !== conversationId);
    // `hidden` (no conversation): transferred out of the viewer's reach, so it leaves.
    conversations.value = changed && matchesState(changed, state.value, meId.value) ? [changed, ...rest] : rest;
    return data;
  });

  return { conversations, hasMore, loading, problem, reload, loadMore };
}
