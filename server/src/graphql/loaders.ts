import DataLoader from 'dataloader';
import type { KefuContext } from './context.ts';
import { stateOn } from './request-state.ts';

const LOADERS = Symbol('kefu.loaders');

/**
 * A DataLoader that a list resolver can fill ahead of field resolution
 * (`preload`). Fields then read their value with `get`, which answers
 * synchronously once the value is known: a page of 25 rows resolves its
 * requester, assignee, tags … without a promise per field, which is most of
 * what GraphQL execution costs on a list page beyond the SQL itself.
 */
export class RequestLoader<Key, Value> extends DataLoader<Key, Value> {
  readonly #batch: (keys: readonly Key[]) => Promise<(Value | Error)[]>;
  readonly #known = new Map<Key, Value>();
  readonly #remembers: boolean;

  constructor(batch: (keys: readonly Key[]) => Promise<(Value | Error)[]>, options: { remembers: boolean }) {
    super(batch, { cache: options.remembers });
    this.#batch = batch;
    this.#remembers = options.remembers;
  }

  /** The value when already preloaded, else a batched load. */
  get(key: Key): Value | Promise<Value> {
    return this.#known.has(key) ? this.#known.get(key)! : this.load(key);
  }

  /** Preloaded values without a batch (and without priming a promise per key up front). */
  override load(key: Key): Promise<Value> {
    return this.#known.has(key) ? Promise.resolve(this.#known.get(key)!) : super.load(key);
  }

  /** Remembers values read elsewhere (e.g. organizations joined to their customers); a no-op over WebSocket. */
  remember(entries: Iterable<readonly [Key, Value]>): void {
    if (!this.#remembers) return;
    for (const [key, value] of entries) this.#known.set(key, value);
  }

  /**
   * Loads the values of `keys` in one batch call and remembers them for `get`.
   * A no-op (and an empty answer) where values must not be remembered (over
   * WebSocket); fields then load per event as usual.
   */
  async preload(keys: Iterable<Key | null | undefined>): Promise<Value[]> {
    if (!this.#remembers) return [];
    const missing = [...new Set([...keys].filter((key): key is Key => key != null && !this.#known.has(key)))];
    if (!missing.length) return [];
    const values = await this.#batch(missing);
    const loaded: Value[] = [];
    missing.forEach((key, index) => {
      const value = values[index];
      if (value instanceof Error) return;
      this.#known.set(key, value);
      loaded.push(value);
    });
    return loaded;
  }
}

/**
 * A per-request loader, created on first use: every field resolver of a
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
): RequestLoader<Key, Value> {
  const loaders = stateOn(context, LOADERS, () => new Map<string, RequestLoader<any, any>>());
  let loader = loaders.get(name);
  if (!loader) {
    loader = new RequestLoader<Key, Value>(batch, { remembers: !context.isWebSocket });
    loaders.set(name, loader);
  }
  return loader as RequestLoader<Key, Value>;
}

/** Applies `map` to a value that may still be loading, without a promise when it is not. */
export function thenOrNow<Value, Result>(value: Value | Promise<Value>, map: (value: Value) => Result): Result | Promise<Result> {
  return value instanceof Promise ? value.then(map) : map(value);
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
