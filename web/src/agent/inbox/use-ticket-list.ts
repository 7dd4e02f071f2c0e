import { useClientHandle, useSubscription } from '@urql/vue';
import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import {
  InboxTicketChangedDocument,
  InboxTicketsDocument,
  type TicketFilter,
  type TicketListFieldsFragment,
  type TicketSort,
} from '../../graphql/generated.ts';
import { problemFromError, type Problem } from '../../graphql/problems.ts';

export const PAGE_SIZE = 25;

export interface TicketListQuery {
  viewId: string | null;
  filter: TicketFilter;
  /** null: the view's own sort. */
  sort: TicketSort | null;
}

/**
 * The tickets of a view plus filters: first page on every change of the
 * query, further pages on `loadMore` (keyset cursor), and live updates from
 * `ticketChanged` for the same view and filter — a ticket that stops
 * matching leaves the list, a new or changed one moves to the top.
 */
export function useTicketList(query: Ref<TicketListQuery | null>) {
  const client = useClientHandle().client;
  const tickets = ref<TicketListFieldsFragment[]>([]);
  const endCursor = ref<string | null>(null);
  const hasMore = ref(false);
  const loading = ref(false);
  const problem = shallowRef<Problem | null>(null);
  // Answers to an older query (the user switched views meanwhile) are dropped.
  let generation = 0;

  async function fetchPage(after: string | null): Promise<void> {
    const current = query.value;
    if (!current) return;
    const mine = ++generation;
    loading.value = true;
    const result = await client
      .query(InboxTicketsDocument, { ...current, first: PAGE_SIZE, after }, { requestPolicy: 'network-only' })
      .toPromise();
    if (mine !== generation) return;
    loading.value = false;
    if (result.error || !result.data) {
      problem.value = result.error ? problemFromError(result.error) : { code: 'NETWORK', message: 'No data', fields: [] };
      return;
    }
    problem.value = null;
    const page = result.data.tickets;
    const known = new Set(after ? tickets.value.map((ticket) => ticket.id) : []);
    tickets.value = after ? [...tickets.value, ...page.nodes.filter((ticket) => !known.has(ticket.id))] : page.nodes;
    endCursor.value = page.pageInfo.endCursor;
    hasMore.value = page.pageInfo.hasNextPage;
  }

  const reload = () => fetchPage(null);
  const loadMore = () => (hasMore.value && !loading.value ? fetchPage(endCursor.value) : Promise.resolve());

  // Compared by value: an equal query (recomputed for an unrelated reason) does not reload.
  watch(() => JSON.stringify(query.value), () => void reload(), { immediate: true });

  useSubscription(
    {
      query: InboxTicketChangedDocument,
      variables: computed(() => ({ viewId: query.value?.viewId ?? null, filter: query.value?.filter ?? null })),
      pause: computed(() => query.value === null),
    },
    (_previous, data) => {
      const change = data.ticketChanged;
      const index = tickets.value.findIndex((ticket) => ticket.id === change.ticketId);
      const rest = tickets.value.filter((ticket) => ticket.id !== change.ticketId);
      // `hidden` (no ticket): it left the viewer's visibility.
      if (!change.matchesFilter || !change.ticket) tickets.value = rest;
      // Sorted by something other than recency: a changed ticket keeps its place.
      else if (index >= 0 && query.value?.sort && query.value.sort.field !== 'updatedAt') tickets.value = tickets.value.with(index, change.ticket);
      else tickets.value = [change.ticket, ...rest];
      return data;
    },
  );

  return { tickets, hasMore, loading, problem, reload, loadMore };
}
