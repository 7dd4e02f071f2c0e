import { badInput } from './errors.ts';

/** Opaque keyset cursor: the sort key values of the last row, base64url JSON. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, length: number): unknown[] | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length) return values;
  } catch {
    // fall through
  }
  throw badInput([{ field: 'after', message: 'is not a valid cursor' }]);
}

/**
 * A page from `first + 1` fetched rows: the extra row only says there is a
 * next page (no count query).
 */
export function toPage<Row>(rows: Row[], first: number, cursorOf: (row: Row) => unknown[]) {
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  return { nodes, pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeCursor(cursorOf(last)) : null } };
}

export const toDate = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));
