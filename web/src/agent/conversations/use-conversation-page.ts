import { useClientHandle, useSubscription } from '@urql/vue';
import { computed, ref, shallowRef } from 'vue';
import {
  AgentConversationDocument,
  ConversationChangedLiveDocument,
  ConversationEarlierMessagesDocument,
  ConversationMessageAddedDocument,
  MarkConversationReadDocument,
  type AgentConversationQuery,
  type ConversationListFieldsFragment,
  type MessageFieldsFragment,
  type TimelineEntryFieldsFragment,
} from '../../graphql/generated.ts';
import { problemFromError, type Problem } from '../../graphql/problems.ts';
import { entryForMessage, mergeEntries } from '../ticket/timeline-entries.ts';

type LoadedConversation = NonNullable<AgentConversationQuery['conversation']>;
export type LostAccess = 'handedOver' | 'teamsChanged';

/**
 * One conversation as its page shows it, kept live: the newest messages
 * (earlier ones on request), new messages from `messageAdded`, and changes by
 * others (status, assignee, ticket) from `conversationChanged`, which also
 * says when it leaves the viewer's reach (`lostAccess`). Messages are
 * shown as timeline entries, so the ticket timeline renders them.
 */
export function useConversationPage(conversationId: string, meId: () => string | undefined) {
  const client = useClientHandle().client;
  const conversation = shallowRef<LoadedConversation | null>(null);
  const entries = ref<TimelineEntryFieldsFragment[]>([]);
  const earlierCursor = ref<string | null>(null);
  const hasEarlier = ref(false);
  const loading = ref(true);
  const loadingEarlier = ref(false);
  const problem = shallowRef<Problem | null>(null);
  /**
   * Why it may have left the viewer's reach while open here: handed to
   * another agent or team, or the viewer's own teams changed (then the
   * reload tells whether it really did; if it did not, this goes back to null).
   */
  const lostAccess = ref<LostAccess | null>(null);

  /** Tells the customer (read receipts) and our unread counts that we have seen up to this message. */
  function markRead(messageId: string): void {
    void client.mutation(MarkConversationReadDocument, { conversationId, messageId }).toPromise();
  }

  async function load(): Promise<void> {
    loading.value = true;
    const result = await client.query(AgentConversationDocument, { id: conversationId }, { requestPolicy: 'network-only' }).toPromise();
    loading.value = false;
    if (result.error) {
      problem.value = problemFromError(result.error);
      // The server says the viewer may not (or no longer) read it: nothing of it stays on screen.
      if (problem.value.code === 'FORBIDDEN' || problem.value.code === 'NOT_FOUND') {
        conversation.value = null;
        entries.value = [];
      }
      return;
    }
    const loaded = result.data?.conversation;
    if (!loaded) {
      problem.value = { code: 'NOT_FOUND', message: 'Conversation not found', fields: [] };
      return;
    }
    problem.value = null;
    lostAccess.value = null;
    conversation.value = loaded;
    // Newest first from the server; oldest first on screen. Live messages that came in meanwhile stay.
    const newest = [...loaded.messages.nodes].reverse().map(entryForMessage);
    entries.value = mergeEntries(newest, entries.value);
    earlierCursor.value = loaded.messages.pageInfo.endCursor ?? null;
    hasEarlier.value = loaded.messages.pageInfo.hasNextPage;
    const last = entries.value.at(-1)?.message;
    if (last) markRead(last.id);
  }

  async function loadEarlier(): Promise<void> {
    if (!earlierCursor.value || loadingEarlier.value) return;
    loadingEarlier.value = true;
    const result = await client
      .query(ConversationEarlierMessagesDocument, { id: conversationId, after: earlierCursor.value }, { requestPolicy: 'network-only' })
      .toPromise();
    loadingEarlier.value = false;
    const page = result.data?.conversation?.messages;
    if (!page) {
      if (result.error) problem.value = problemFromError(result.error);
      return;
    }
    entries.value = mergeEntries([...page.nodes].reverse().map(entryForMessage), entries.value);
    earlierCursor.value = page.pageInfo.endCursor ?? null;
    hasEarlier.value = page.pageInfo.hasNextPage;
  }

  function addMessage(message: MessageFieldsFragment): void {
    entries.value = mergeEntries(entries.value, [entryForMessage(message)]);
  }

  /** Fields changed (by us or someone else); the customer profile loaded with the page stays. */
  function apply(next: ConversationListFieldsFragment): void {
    if (conversation.value) conversation.value = { ...conversation.value, ...next, customer: conversation.value.customer };
  }

  // Subscribed before loading, so nothing said meanwhile is missed (duplicates are dropped by message id).
  useSubscription({ query: ConversationMessageAddedDocument, variables: { conversationId } }, (_previous, data) => {
    addMessage(data.messageAdded);
    if (data.messageAdded.author?.userId !== meId()) markRead(data.messageAdded.id);
    return data;
  });

  // No per-conversation filter exists; the customer narrows the stream to a handful.
  const customerId = computed(() => conversation.value?.customer.id ?? null);
  useSubscription(
    {
      query: ConversationChangedLiveDocument,
      variables: computed(() => ({ filter: { customerId: customerId.value } })),
      pause: computed(() => !customerId.value),
    },
    (_previous, data) => {
      const change = data.conversationChanged;
      if (change.kind === 'scopeChanged') {
        // The viewer's teams changed: this conversation may be out of reach now; the reload tells.
        lostAccess.value = 'teamsChanged';
        void load();
      } else if (change.conversationId !== conversationId) return data;
      else if (change.conversation) apply(change.conversation);
      else {
        // Out of the viewer's reach now: reloading shows why (FORBIDDEN) instead of a stale page.
        lostAccess.value = 'handedOver';
        void load();
      }
      return data;
    },
  );

  void load();

  return { conversation, entries, hasEarlier, loading, loadingEarlier, problem, lostAccess, loadEarlier, addMessage, apply };
}
