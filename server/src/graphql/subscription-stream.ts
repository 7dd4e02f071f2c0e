/**
 * Wraps a pubsub subscription: each event goes through `select`, which may
 * check visibility (async, e.g. one SQL query) and returns the payload to
 * deliver, or undefined to skip the event for this subscriber. Unlike an
 * async generator, `return()` reaches the source at once, so a client that
 * unsubscribes releases its topic even while no event is flowing.
 */
export function selectEach<In, Out>(source: AsyncIterable<In>, select: (event: In) => Promise<Out | undefined> | Out | undefined): AsyncIterableIterator<Out> {
  return selectAll(source, async (event) => {
    const selected = await select(event);
    return selected === undefined ? [] : [selected];
  });
}

/**
 * Like selectEach, but one event may yield several payloads (delivered in
 * order before the next event is read): a ticket handed to another team
 * hides each of its conversations.
 */
export function selectAll<In, Out>(source: AsyncIterable<In>, select: (event: In) => Promise<Out[]> | Out[]): AsyncIterableIterator<Out> {
  const iterator = source[Symbol.asyncIterator]();
  const ready: Out[] = [];
  const stream: AsyncIterableIterator<Out> = {
    async next(): Promise<IteratorResult<Out>> {
      while (!ready.length) {
        const result = await iterator.next();
        if (result.done) return { done: true, value: undefined };
        ready.push(...(await select(result.value)));
      }
      return { done: false, value: ready.shift()! };
    },
    async return(): Promise<IteratorResult<Out>> {
      ready.length = 0;
      await iterator.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}
