import type { EntityManager } from '@mikro-orm/postgresql';
import type { Services } from '../services.ts';
/**
 * A short-lived, process-wide memo for rows that every subscriber of an
 * event needs (the new message, the changed ticket): 1,000 subscribers of a
 * conversation then cost one SELECT per event instead of 1,000. Rows are
 * viewer-independent; each subscriber's visibility is still checked, and
 * field resolvers still hide what a viewer may not see.
 */
export function sharedLoader<Row>(load: (id: string) => Promise<Row | undefined>, ttlMs = 2_000) {
  const pending = new Map<string, Promise<Row | undefined>>();
  return (id: string): Promise<Row | undefined> => {
    let row = pending.get(id);
    if (!row) {
      row = load(id);
      pending.set(id, row);
      setTimeout(() => pending.delete(id), ttlMs).unref();
    }
    return row;
  };
}

/**
 * A value every subscriber of one event needs, loaded once per process for
 * that event (keyed by event id, so a later event reads fresh rows), on an
 * entity manager of its own.
 */
export function perEvent<Value>(load: (em: EntityManager, id: string) => Promise<Value | undefined>) {
  const loaders = new WeakMap<object, (key: string) => Promise<Value | undefined>>();
  return (context: { services: Services }, eventId: string, id: string): Promise<Value | undefined> => {
    let loader = loaders.get(context.services);
    if (!loader) {
      const em = context.services.orm.em.fork() as unknown as EntityManager;
      loader = sharedLoader((key) => load(em, key.slice(key.indexOf('/') + 1)));
      loaders.set(context.services, loader);
    }
    return loader(`${eventId}/${id}`);
  };
}
