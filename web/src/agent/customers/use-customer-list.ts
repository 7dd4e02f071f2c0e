import { useClientHandle } from '@urql/vue';
import { ref, shallowRef, watch, type Ref } from 'vue';
import { CustomerListDocument, type CustomerFilter, type CustomerListFieldsFragment } from '../../graphql/generated.ts';
import { problemFromError, type Problem } from '../../graphql/problems.ts';

export const CUSTOMER_PAGE_SIZE = 25;

/**
 * Customers matching a filter, newest first: the first page on every change
 * of the filter (compared by value), further pages on `loadMore` (keyset
 * cursor). An answer to an older filter (typing went on meanwhile) is dropped.
 */
export function useCustomerList(filter: Ref<CustomerFilter>, pageSize = CUSTOMER_PAGE_SIZE) {
  const client = useClientHandle().client;
  const customers = ref<CustomerListFieldsFragment[]>([]);
  const endCursor = ref<string | null>(null);
  const hasMore = ref(false);
  const loading = ref(false);
  const problem = shallowRef<Problem | null>(null);
  let generation = 0;

  async function fetchPage(after: string | null): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    const result = await client
      .query(CustomerListDocument, { filter: filter.value, first: pageSize, after }, { requestPolicy: 'network-only' })
      .toPromise();
    if (mine !== generation) return;
    loading.value = false;
    if (result.error || !result.data) {
      problem.value = result.error ? problemFromError(result.error) : { code: 'NETWORK', message: 'No data', fields: [] };
      return;
    }
    problem.value = null;
    const page = result.data.customers;
    const known = new Set(after ? customers.value.map((customer) => customer.id) : []);
    customers.value = after ? [...customers.value, ...page.nodes.filter((customer) => !known.has(customer.id))] : page.nodes;
    endCursor.value = page.pageInfo.endCursor;
    hasMore.value = page.pageInfo.hasNextPage;
  }

  const loadMore = () => (hasMore.value && !loading.value ? fetchPage(endCursor.value) : Promise.resolve());
  watch(() => JSON.stringify(filter.value), () => void fetchPage(null), { immediate: true });

  return { customers, hasMore, loading, problem, loadMore };
}
