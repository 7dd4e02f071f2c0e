import { useClientHandle } from '@urql/vue';
import type { Ref } from 'vue';
import { CustomerListDocument, type CustomerFilter } from '../../graphql/generated.ts';
import { useCursorPages } from '../../shared/use-cursor-pages.ts';

export const CUSTOMER_PAGE_SIZE = 25;

/**
 * Customers matching a filter, newest first: the first page on every change
 * of the filter (compared by value), further pages on `loadMore` (keyset
 * cursor). An answer to an older filter (typing went on meanwhile) is dropped.
 */
export function useCustomerList(filter: Ref<CustomerFilter>, pageSize = CUSTOMER_PAGE_SIZE) {
  const client = useClientHandle().client;
  const { items: customers, hasMore, loading, problem, loadMore } = useCursorPages(
    () => filter.value,
    async (current, after) => {
      const result = await client.query(CustomerListDocument, { filter: current, first: pageSize, after }, { requestPolicy: 'network-only' }).toPromise();
      return { page: result.data?.customers, error: result.error };
    },
  );

  return { customers, hasMore, loading, problem, loadMore };
}
