import DataLoader from 'dataloader';
import type { KefuContext } from './context.ts';

const perContext = new WeakMap<object, Map<string, DataLoader<any, any>>>();

/**
 * A per-request DataLoader, created on first use: every field resolver of a
 * page asking for the same kind of row (a ticket's assignee, tags, last
 * message …) is answered by one batched SQL query, so a page costs a constant
 * number of queries whatever its size. Over WebSocket the context lives as
 * long as the subscription, so results are batched but not cached (each
 * event must see current rows).
 *
 * `name` identifies the batch function; the batch may depend on the viewer
 * (it is built from this context), never on the parent object.
 */
export function loaderFor<Key, Value>(
  context: KefuContext,
  name: string,
  batch: (keys: readonly Key[]) => Promise<(Value | Error)[]>,
): DataLoader<Key, Value> {
  let loaders = perContext.get(context);
  if (!loaders) {
    loaders = new Map();
    perContext.set(context, loaders);
  }
  let loader = loaders.get(name);
  if (!loader) {
    loader = new DataLoader<Key, Value>(batch, { cache: !context.isWebSocket });
    loaders.set(name, loader);
  }
  return loader as DataLoader<Key, Value>;
}

/** Orders rows by the requested keys (DataLoader's contract); missing keys get `fallback`. */
export function byKeys<Row, Value>(
  keys: readonly string[],
  rows: Row[],
  keyOf: (row: Row) => string,
  fallback: Value,
  valueOf: (row: Row) => Value = (row) => row as unknown as Value,
): Value[] {
  const map = new Map(rows.map((row) => [keyOf(row), valueOf(row)]));
  return keys.map((key) => map.get(key) ?? fallback);
}

/** Groups rows by key in the requested key order (one-to-many loaders). */
export function groupByKeys<Row, Value = Row>(
  keys: readonly string[],
  rows: Row[],
  keyOf: (row: Row) => string,
  valueOf: (row: Row) => Value = (row) => row as unknown as Value,
): Value[][] {
  const map = new Map<string, Value[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = map.get(key) ?? [];
    list.push(valueOf(row));
    map.set(key, list);
  }
  return keys.map((key) => map.get(key) ?? []);
}
