/**
 * Wraps a pubsub subscription: each event goes through `select`, which may
 * check visibility (async, e.g. one SQL query) and returns the payload to
 * deliver, or undefined to skip the event for this subscriber. Unlike an
 * async generator, `return()` reaches the source at once, so a client that
 * unsubscribes releases its topic even while no event is flowing.
 */
export function selectEach<In, Out>(source: AsyncIterable<In>, select: (event: In) => Promise<Out | undefined> | Out | undefined): AsyncIterableIterator<Out> {
  const iterator = source[Symbol.asyncIterator]();
  const stream: AsyncIterableIterator<Out> = {
    async next(): Promise<IteratorResult<Out>> {
      for (;;) {
        const result = await iterator.next();
        if (result.done) return { done: true, value: undefined };
        const selected = await select(result.value);
        if (selected !== undefined) return { done: false, value: selected };
      }
    },
    async return(): Promise<IteratorResult<Out>> {
      await iterator.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}
