import type { JSONContent } from '@tiptap/vue-3';
import { useClientHandle } from '@urql/vue';
import { computed, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import {
  PortalMarkReadDocument,
  PortalMessageAddedDocument,
  PortalReadReceiptsDocument,
  PortalSendReplyDocument,
  PortalOneTicketChangedDocument,
  PortalTicketDocument,
  PortalTicketTimelineDocument,
  type PortalMessageFragment,
  type PortalReadReceiptFragment,
  type PortalTicketQuery,
  type PortalTimelinePageFragment,
  type TicketStatus,
} from '../../graphql/generated.ts';
import { ProblemError, toProblem, unwrap, type Problem } from '../../graphql/problems.ts';

type PortalTicket = NonNullable<PortalTicketQuery['ticket']>;
type Unsubscribe = () => void;

/** A long conversation is read page by page; past this many pages the rest is left out rather than hammering the server. */
const MAX_TIMELINE_PAGES = 20;

const samePerson = (a: PortalReadReceiptFragment['participant'], b: PortalReadReceiptFragment['participant']) =>
  a.kind === b.kind && a.userId === b.userId && a.customerId === b.customerId;

/**
 * One request as its customer sees it: the ticket, its public messages (what
 * the server returns, nothing added), read receipts, and the live updates that
 * keep them current (new messages, status changes, receipts). Also sends the
 * customer's replies and tells the team what the customer has read.
 */
export function useTicketThread(ticketId: Ref<string>) {
  const { client } = useClientHandle();
  const ticket = shallowRef<PortalTicket | null>(null);
  const messages = ref<PortalMessageFragment[]>([]);
  const receipts = ref<PortalReadReceiptFragment[]>([]);
  const loading = ref(true);
  const problem = shallowRef<Problem | null>(null);
  /** Set when the status changes while the page is open, for a spoken announcement. */
  const liveStatus = ref<TicketStatus | null>(null);

  const liveSubscriptions: Unsubscribe[] = [];
  const receiptSubscriptions = new Map<string, Unsubscribe>();
  /** The newest message we already told the server we read, per conversation. */
  const markedRead = new Map<string, string>();
  let loadToken = 0;

  /** The customer's own messages: written by the ticket's requester. */
  function isMine(message: PortalMessageFragment): boolean {
    return message.author?.kind === 'customer' && message.author.customerId === ticket.value?.requester.id;
  }

  function addMessages(incoming: PortalMessageFragment[]): void {
    const known = new Set(messages.value.map((message) => message.id));
    const fresh = incoming.filter((message) => !known.has(message.id));
    if (fresh.length === 0) return;
    // Stable sort: equal timestamps keep arrival order.
    messages.value = [...messages.value, ...fresh].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    for (const message of fresh) watchReceipts(message.conversationId);
  }

  function messagesOf(page: PortalTimelinePageFragment): PortalMessageFragment[] {
    return page.nodes.flatMap((entry) => (entry.message ? [entry.message] : []));
  }

  function applyReceipt(receipt: PortalReadReceiptFragment): void {
    receipts.value = [
      ...receipts.value.filter(
        (other) => other.conversationId !== receipt.conversationId || !samePerson(other.participant, receipt.participant),
      ),
      receipt,
    ];
  }

  function watchReceipts(conversationId: string): void {
    if (receiptSubscriptions.has(conversationId)) return;
    const { unsubscribe } = client.subscription(PortalReadReceiptsDocument, { conversationId }).subscribe((result) => {
      if (result.data) applyReceipt(result.data.readReceipts);
    });
    receiptSubscriptions.set(conversationId, unsubscribe);
  }

  /** Tells the team the customer has seen their newest reply (only while the page is visible). */
  function markRead(): void {
    if (!ticket.value || document.visibilityState !== 'visible') return;
    const newestByConversation = new Map<string, PortalMessageFragment>();
    for (const message of messages.value) newestByConversation.set(message.conversationId, message);
    for (const [conversationId, newest] of newestByConversation) {
      if (isMine(newest) || markedRead.get(conversationId) === newest.id) continue;
      markedRead.set(conversationId, newest.id);
      // Best effort: a lost receipt only means the team sees "unread" a little longer.
      void client.mutation(PortalMarkReadDocument, { conversationId, messageId: newest.id }).toPromise();
    }
  }

  function stopLive(): void {
    for (const unsubscribe of liveSubscriptions.splice(0)) unsubscribe();
    for (const unsubscribe of receiptSubscriptions.values()) unsubscribe();
    receiptSubscriptions.clear();
  }

  function startLive(id: string): void {
    liveSubscriptions.push(
      client.subscription(PortalMessageAddedDocument, { ticketId: id }).subscribe((result) => {
        if (!result.data) return;
        addMessages([result.data.messageAdded]);
        markRead();
      }).unsubscribe,
      client.subscription(PortalOneTicketChangedDocument, { ticketId: id }).subscribe((result) => {
        const changed = result.data?.ticketChanged.ticket;
        if (!changed || !ticket.value) return;
        if (changed.status !== ticket.value.status) liveStatus.value = changed.status;
        ticket.value = { ...ticket.value, ...changed };
      }).unsubscribe,
    );
  }

  async function load(id: string): Promise<void> {
    const token = ++loadToken;
    loading.value = true;
    problem.value = null;
    ticket.value = null;
    messages.value = [];
    receipts.value = [];
    liveStatus.value = null;
    markedRead.clear();
    try {
      const data = unwrap(await client.query(PortalTicketDocument, { id }, { requestPolicy: 'network-only' }).toPromise());
      if (token !== loadToken) return;
      if (!data.ticket) throw new ProblemError({ code: 'NOT_FOUND', message: 'No such ticket.', fields: [] });
      ticket.value = data.ticket;
      for (const conversation of data.ticket.conversations) {
        for (const receipt of conversation.readReceipts) applyReceipt(receipt);
        watchReceipts(conversation.id);
      }
      addMessages(messagesOf(data.ticket.timeline));
      let pageInfo = data.ticket.timeline.pageInfo;
      for (let page = 1; pageInfo.hasNextPage && pageInfo.endCursor && page < MAX_TIMELINE_PAGES; page++) {
        const next = unwrap(
          await client
            .query(PortalTicketTimelineDocument, { id, after: pageInfo.endCursor }, { requestPolicy: 'network-only' })
            .toPromise(),
        );
        if (token !== loadToken || !next.ticket) return;
        addMessages(messagesOf(next.ticket.timeline));
        pageInfo = next.ticket.timeline.pageInfo;
      }
      markRead();
    } catch (error) {
      if (token !== loadToken) return;
      problem.value = toProblem(error);
      // Nothing to keep current; "try again" subscribes anew.
      stopLive();
    } finally {
      if (token === loadToken) loading.value = false;
    }
  }

  function open(id: string): void {
    stopLive();
    // Subscribe before loading, so nothing sent in between is missed (duplicates are dropped by id).
    startLive(id);
    void load(id);
  }
  watch(ticketId, open, { immediate: true });

  const onVisible = () => markRead();
  document.addEventListener('visibilitychange', onVisible);
  onScopeDispose(() => {
    stopLive();
    document.removeEventListener('visibilitychange', onVisible);
  });

  /** Posts a public reply (with uploaded drafts); resolves with the stored message once the server has it. */
  async function sendReply(body: JSONContent, attachmentIds: string[] = []): Promise<PortalMessageFragment> {
    const input = { ticketId: ticketId.value, kind: 'reply' as const, body, ...(attachmentIds.length ? { attachmentIds } : {}) };
    const message = unwrap(await client.mutation(PortalSendReplyDocument, { input }).toPromise()).sendMessage;
    addMessages([message]);
    return message;
  }

  const lastOwnMessage = computed(() => messages.value.findLast(isMine) ?? null);

  /** Whether someone from the team has read up to the customer's latest message. */
  const lastOwnMessageSeen = computed(() => {
    const own = lastOwnMessage.value;
    if (!own) return false;
    const position = (id: string) => messages.value.findIndex((message) => message.id === id);
    const ownPosition = position(own.id);
    return receipts.value.some(
      (receipt) =>
        receipt.conversationId === own.conversationId &&
        receipt.participant.kind === 'agent' &&
        position(receipt.lastReadMessageId) >= ownPosition,
    );
  });

  return {
    ticket,
    messages,
    loading,
    problem,
    liveStatus,
    isMine,
    lastOwnMessage,
    lastOwnMessageSeen,
    sendReply,
    reload: () => open(ticketId.value),
  };
}
