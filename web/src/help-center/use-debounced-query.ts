import type { TypedDocumentNode } from '@urql/vue';
import { useClientHandle } from '@urql/vue';
import { onScopeDispose, ref, shallowRef, watch } from 'vue';
import { problemFromError, type Problem } from '../graphql/problems.ts';

export interface DebouncedQueryOptions {
  /** Quiet time after the last change before asking the server. */
  delayMs?: number;
}

/**
 * A query for search-as-you-type: it waits until the input is quiet, and every
 * change cancels the request still in flight (urql tears the operation down,
 * which aborts its fetch), so a slow answer to an old prefix can never replace
 * the answer to what the user typed last. `variables()` returning null clears
 * the result without asking (e.g. an empty box).
 */
export function useDebouncedQuery<Data, Variables extends Record<string, unknown>>(
  document: TypedDocumentNode<Data, Variables>,
  variables: () => Variables | null,
  { delayMs = 200 }: DebouncedQueryOptions = {},
) {
  const { client } = useClientHandle();
  const data = shallowRef<Data | null>(null);
  const problem = shallowRef<Problem | null>(null);
  const fetching = ref(false);
  /** The variables `data` answers, so views can tell a stale result from a fresh one. */
  const answered = shallowRef<Variables | null>(null);

  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: { unsubscribe(): void } | undefined;
  let sequence = 0;

  function cancel(): void {
    clearTimeout(timer);
    sequence += 1;
    inFlight?.unsubscribe();
    inFlight = undefined;
  }

  function run(vars: Variables): void {
    const current = ++sequence;
    fetching.value = true;
    const subscription = client.query(document, vars, { requestPolicy: 'network-only' }).subscribe((result) => {
      // Only the latest operation may write (cancelled ones never call back, but be sure).
      if (current !== sequence) return;
      inFlight = undefined;
      fetching.value = false;
      if (result.error) {
        problem.value = problemFromError(result.error);
        return;
      }
      problem.value = null;
      data.value = result.data ?? null;
      answered.value = vars;
    });
    // A synchronous answer has already finished; only a pending one needs cancelling later.
    if (fetching.value && current === sequence) inFlight = subscription;
  }

  watch(
    () => JSON.stringify(variables()),
    () => {
      cancel();
      const vars = variables();
      if (!vars) {
        fetching.value = false;
        data.value = null;
        answered.value = null;
        problem.value = null;
        return;
      }
      fetching.value = true;
      timer = setTimeout(() => run(vars), delayMs);
    },
    { immediate: true },
  );

  onScopeDispose(cancel);

  return { data, problem, fetching, answered };
}
