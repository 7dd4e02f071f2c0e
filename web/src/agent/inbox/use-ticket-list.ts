import { useClientHandle, useSubscription } from '@urql/vue';
import { computed, type Ref } from 'vue';
import {
  InboxTicketChangedDocument,
  InboxTicketsDocument,
  type TicketFilter,
  type TicketSort,
} from '../../graphql/generated.ts';
import { useCursorPages } from '../../shared/use-cursor-pages.ts';

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
 * matching leaves the list, a new or changed one moves to the top, and the
 * first page is fetched again when the viewer's teams change (`scopeChanged`).
 */
export function useTicketList(query: Ref<TicketListQuery | null>) {
  const client = useClientHandle().client;
  const { items: tickets, hasMore, loading, problem, reload, loadMore } = useCursorPages(
    () => query.value,
    async (current, after) => {
      const result = await client.query(InboxTicketsDocument, { ...current, first: PAGE_SIZE, after }, { requestPolicy: 'network-only' }).toPromise();
      return { page: result.data?.tickets, error: result.error };
    },
  );

  useSubscription(
    {
      query: InboxTicketChangedDocument,
      variables: computed(() => ({ viewId: query.value?.viewId ?? null, filter: query.value?.filter ?? null })),
      pause: computed(() => query.value === null),
    },
    (_previous, data) => {
      const change = data.ticketChanged;
      // The viewer's own teams changed: which tickets they may see changed with them, so start over.
      if (change.kind === 'scopeChanged') {
        void reload();
        return data;
      }
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
