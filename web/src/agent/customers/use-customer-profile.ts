import { useClientHandle } from '@urql/vue';
import { ref, shallowRef } from 'vue';
import {
  CustomerConversationsPageDocument,
  CustomerProfileDocument,
  CustomerTicketsPageDocument,
  type CustomerConversationHistoryFragment,
  type CustomerProfileQuery,
  type CustomerTicketHistoryFragment,
} from '../../graphql/generated.ts';
import { problemFromError, type Problem } from '../../graphql/problems.ts';
import type { AttributeDefinition } from './attribute-values.ts';

type Profile = NonNullable<CustomerProfileQuery['customer']>;

/** A customer profile with its attribute schema, and its history paged on demand. */
export function useCustomerProfile(customerId: string) {
  const client = useClientHandle().client;
  const customer = shallowRef<Profile | null>(null);
  const definitions = shallowRef<AttributeDefinition[]>([]);
  const tickets = shallowRef<CustomerTicketHistoryFragment>({ nodes: [], pageInfo: { endCursor: null, hasNextPage: false } });
  const conversations = shallowRef<CustomerConversationHistoryFragment>({ nodes: [], pageInfo: { endCursor: null, hasNextPage: false } });
  const loading = ref(true);
  const loadingMore = ref(false);
  const problem = shallowRef<Problem | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    const result = await client.query(CustomerProfileDocument, { id: customerId }, { requestPolicy: 'network-only' }).toPromise();
    loading.value = false;
    if (result.error) {
      problem.value = problemFromError(result.error);
      return;
    }
    const loaded = result.data?.customer;
    if (!loaded) {
      problem.value = { code: 'NOT_FOUND', message: 'Customer not found', fields: [] };
      return;
    }
    problem.value = null;
    customer.value = loaded;
    definitions.value = result.data?.customerAttributeDefinitions ?? [];
    tickets.value = loaded.tickets;
    conversations.value = loaded.conversations;
  }

  const append = <Node extends { id: string }>(current: { nodes: Node[] }, page: { nodes: Node[]; pageInfo: { endCursor?: string | null; hasNextPage: boolean } }) => {
    const known = new Set(current.nodes.map((node) => node.id));
    return { nodes: [...current.nodes, ...page.nodes.filter((node) => !known.has(node.id))], pageInfo: page.pageInfo };
  };

  async function moreTickets(): Promise<void> {
    loadingMore.value = true;
    const result = await client.query(CustomerTicketsPageDocument, { id: customerId, after: tickets.value.pageInfo.endCursor }, { requestPolicy: 'network-only' }).toPromise();
    loadingMore.value = false;
    const page = result.data?.customer?.tickets;
    if (page) tickets.value = append(tickets.value, page) as CustomerTicketHistoryFragment;
    else if (result.error) problem.value = problemFromError(result.error);
  }

  async function moreConversations(): Promise<void> {
    loadingMore.value = true;
    const result = await client
      .query(CustomerConversationsPageDocument, { id: customerId, after: conversations.value.pageInfo.endCursor }, { requestPolicy: 'network-only' })
      .toPromise();
    loadingMore.value = false;
    const page = result.data?.customer?.conversations;
    if (page) conversations.value = append(conversations.value, page) as CustomerConversationHistoryFragment;
    else if (result.error) problem.value = problemFromError(result.error);
  }

  function setAttributes(attributes: Record<string, unknown>): void {
    if (customer.value) customer.value = { ...customer.value, attributes };
  }

  void load();

  return { customer, definitions, tickets, conversations, loading, loadingMore, problem, moreTickets, moreConversations, setAttributes };
}
