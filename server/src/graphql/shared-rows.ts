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
