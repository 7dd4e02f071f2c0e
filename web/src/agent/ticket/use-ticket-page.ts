import { useClientHandle, useSubscription } from '@urql/vue';
import { ref, shallowRef } from 'vue';
import {
  AgentTicketDocument,
  TicketChangedLiveDocument,
  TicketMessageAddedDocument,
  TicketTimelinePageDocument,
  UpdateTicketDocument,
  type AgentTicketQuery,
  type MessageFieldsFragment,
  type TicketDetailFieldsFragment,
  type TimelineEntryFieldsFragment,
  type UpdateTicketInput,
} from '../../graphql/generated.ts';
import { problemFromError, unwrap, type Problem } from '../../graphql/problems.ts';
import { entryForMessage, mergeEntries } from './timeline-entries.ts';

type LoadedTicket = NonNullable<AgentTicketQuery['ticket']>;
/** Pages of 50 entries followed automatically on open; older tickets show a "load more" button after that. */
const AUTO_PAGES = 4;

/**
 * One ticket as the ticket page shows it: fields, requester, timeline, kept
 * live — new messages from `messageAdded`, field changes from
 * `ticketChanged(ticketId)` (after which the timeline fetches its new entries,
 * so field-change lines appear too), which also says when it leaves the
 * viewer's reach (`lostAccess`).
 */
export function useTicketPage(ticketId: string) {
  const client = useClientHandle().client;
  const ticket = shallowRef<LoadedTicket | null>(null);
  const entries = ref<TimelineEntryFieldsFragment[]>([]);
  const endCursor = ref<string | null>(null);
  const hasMore = ref(false);
  const loading = ref(true);
  const problem = shallowRef<Problem | null>(null);
  /** It was open here when it left the viewer's reach (handed to another team or agent, or their teams changed). */
  const lostAccess = ref(false);
  let fetchingTimeline: Promise<void> | null = null;

  async function load(): Promise<void> {
    loading.value = true;
    const result = await client.query(AgentTicketDocument, { id: ticketId }, { requestPolicy: 'network-only' }).toPromise();
    loading.value = false;
    if (result.error) {
      problem.value = problemFromError(result.error);
      // The server says the viewer may not (or no longer) read it: nothing of it stays on screen.
      if (problem.value.code === 'FORBIDDEN' || problem.value.code === 'NOT_FOUND') {
        ticket.value = null;
        entries.value = [];
      }
      return;
    }
    const loaded = result.data?.ticket ?? null;
    if (!loaded) {
      problem.value = { code: 'NOT_FOUND', message: 'Ticket not found', fields: [] };
      return;
    }
    problem.value = null;
    lostAccess.value = false;
    ticket.value = loaded;
    entries.value = loaded.timeline.nodes;
    endCursor.value = loaded.timeline.pageInfo.endCursor;
    hasMore.value = loaded.timeline.pageInfo.hasNextPage;
    for (let page = 1; page < AUTO_PAGES && hasMore.value; page++) await fetchNewer();
  }

  /** Entries after the last one loaded (later pages, or what happened since). */
  function fetchNewer(): Promise<void> {
    fetchingTimeline ??= (async () => {
      const result = await client
        .query(TicketTimelinePageDocument, { id: ticketId, after: endCursor.value }, { requestPolicy: 'network-only' })
        .toPromise();
      const page = result.data?.ticket?.timeline;
      if (!page) return;
      entries.value = mergeEntries(entries.value, page.nodes);
      if (page.pageInfo.endCursor) endCursor.value = page.pageInfo.endCursor;
      hasMore.value = page.pageInfo.hasNextPage;
    })().finally(() => (fetchingTimeline = null));
    return fetchingTimeline;
  }

  function applyTicket(next: TicketDetailFieldsFragment): void {
    if (ticket.value) ticket.value = { ...ticket.value, ...next, requester: ticket.value.requester, timeline: ticket.value.timeline };
  }

  function addMessage(message: MessageFieldsFragment): void {
    // While later pages are still unloaded, the message arrives with them.
    if (!hasMore.value) entries.value = mergeEntries(entries.value, [entryForMessage(message)]);
  }

  const updateTicketMutation = (input: Omit<UpdateTicketInput, 'id'>) =>
    client.mutation(UpdateTicketDocument, { input: { id: ticketId, ...input } }).toPromise();

  /** Saves fields; throws a ProblemError when refused (the caller says why). */
  async function update(input: Omit<UpdateTicketInput, 'id'>): Promise<void> {
    applyTicket(unwrap(await updateTicketMutation(input)).updateTicket);
    void fetchNewer();
  }

  useSubscription({ query: TicketMessageAddedDocument, variables: { ticketId } }, (_previous, data) => {
    addMessage(data.messageAdded);
    return data;
  });

  // Subscribed before loading, like messageAdded, so no change made meanwhile is missed.
  useSubscription({ query: TicketChangedLiveDocument, variables: { ticketId } }, (_previous, data) => {
    const change = data.ticketChanged;
    // Moved out of the viewer's reach (or their teams changed): reloading shows why (FORBIDDEN) instead of a stale page.
    if (!change.ticket) {
      lostAccess.value = true;
      void load();
    } else {
      applyTicket(change.ticket);
      void fetchNewer();
    }
    return data;
  });

  void load();

  return { ticket, entries, hasMore, loading, problem, lostAccess, load, fetchNewer, applyTicket, addMessage, update };
}
