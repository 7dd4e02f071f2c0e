import { useClientHandle, useSubscription } from '@urql/vue';
import { ref, shallowRef, watch, type Ref } from 'vue';
import { ConversationChangedLiveDocument, ConversationListDocument, type ConversationListFieldsFragment } from '../../graphql/generated.ts';
import { problemFromError, type Problem } from '../../graphql/problems.ts';
import { matchesState, toConversationFilter, type ConversationListState } from './conversation-filter.ts';

export const CONVERSATION_PAGE_SIZE = 25;

/**
 * The conversations of the list's status and owner, most recently updated
 * first: the first page on every change of the state, further pages on
 * `loadMore`, and live changes from `conversationChanged` — a conversation
 * that matches moves to the top, one that no longer matches leaves.
 */
export function useConversationList(state: Ref<ConversationListState>, meId: Ref<string | undefined>) {
  const client = useClientHandle().client;
  const conversations = ref<ConversationListFieldsFragment[]>([]);
  const endCursor = ref<string | null>(null);
  const hasMore = ref(false);
  const loading = ref(false);
  const problem = shallowRef<Problem | null>(null);
  let generation = 0;

  async function fetchPage(after: string | null): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    const filter = toConversationFilter(state.value, meId.value);
    const result = await client
      .query(ConversationListDocument, { filter, first: CONVERSATION_PAGE_SIZE, after }, { requestPolicy: 'network-only' })
      .toPromise();
    if (mine !== generation) return;
    loading.value = false;
    if (result.error || !result.data) {
      problem.value = result.error ? problemFromError(result.error) : { code: 'NETWORK', message: 'No data', fields: [] };
      return;
    }
    problem.value = null;
    const page = result.data.conversations;
    const known = new Set(after ? conversations.value.map((conversation) => conversation.id) : []);
    conversations.value = after ? [...conversations.value, ...page.nodes.filter((conversation) => !known.has(conversation.id))] : page.nodes;
    endCursor.value = page.pageInfo.endCursor;
    hasMore.value = page.pageInfo.hasNextPage;
  }

  const reload = () => fetchPage(null);
  const loadMore = () => (hasMore.value && !loading.value ? fetchPage(endCursor.value) : Promise.resolve());
  watch(() => JSON.stringify(state.value), () => void reload(), { immediate: true });

  // Every visible change, unfiltered: see matchesState for why the list decides itself.
  useSubscription({ query: ConversationChangedLiveDocument, variables: { filter: null } }, (_previous, data) => {
    const changed = data.conversationChanged;
    const rest = conversations.value.filter((conversation) => conversation.id !== changed.id);
    conversations.value = matchesState(changed, state.value, meId.value) ? [changed, ...rest] : rest;
    return data;
  });

  return { conversations, hasMore, loading, problem, reload, loadMore };
}
