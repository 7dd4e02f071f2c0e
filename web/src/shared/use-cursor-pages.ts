import type { CombinedError } from '@urql/vue';
import { ref, shallowRef, watch, type Ref } from 'vue';
import { problemFromError, type Problem } from '../graphql/problems.ts';

export interface CursorPage<Node> {
  nodes: Node[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/** One answer of the list's query: its page, or why there is none. */
export interface PageAnswer<Node> {
  page?: CursorPage<Node> | null;
  error?: CombinedError;
}

/**
 * A keyset-paginated list: the first page whenever `key` changes (compared by
 * value, so an equal query recomputed for an unrelated reason does not
 * reload; null means nothing to load), further pages on `loadMore`. Answers
 * to an older key (the user switched filters meanwhile) are dropped, and a
 * node already listed is not added twice. `items` is writable so live
 * updates can move or remove rows.
 */
export function useCursorPages<Node extends { id: string }, Key>(
  key: () => Key | null,
  fetchPage: (key: Key, after: string | null) => Promise<PageAnswer<Node>>,
) {
  const items = ref<Node[]>([]) as Ref<Node[]>;
  const endCursor = ref<string | null>(null);
  const hasMore = ref(false);
  const loading = ref(false);
  const problem = shallowRef<Problem | null>(null);
  let generation = 0;

  async function load(after: string | null): Promise<void> {
    const current = key();
    if (current === null) return;
    const mine = ++generation;
    loading.value = true;
    const answer = await fetchPage(current, after);
    if (mine !== generation) return;
    loading.value = false;
    if (answer.error || !answer.page) {
      problem.value = answer.error ? problemFromError(answer.error) : { code: 'NETWORK', message: 'No data', fields: [] };
      return;
    }
    problem.value = null;
    const { nodes, pageInfo } = answer.page;
    const known = new Set(after ? items.value.map((node) => node.id) : []);
    items.value = after ? [...items.value, ...nodes.filter((node) => !known.has(node.id))] : nodes;
    endCursor.value = pageInfo.endCursor;
    hasMore.value = pageInfo.hasNextPage;
  }

  const reload = () => load(null);
  const loadMore = () => (hasMore.value && !loading.value ? load(endCursor.value) : Promise.resolve());
  watch(() => JSON.stringify(key()), () => void reload(), { immediate: true });

  return { items, hasMore, loading, problem, reload, loadMore };
}
