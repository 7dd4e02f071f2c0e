import type { TicketFilter, TicketSort, TicketViewFieldsFragment } from '../../graphql/generated.ts';

type Spec = TicketViewFieldsFragment['filter'];
const LIST_KEYS = ['status', 'priority', 'typeIds', 'assigneeIds', 'teamIds', 'tags', 'channels'] as const;

/**
 * The filter a new saved view needs to show what the inbox shows now: the
 * current view's own filter narrowed by the filters on top of it. The list
 * applies both (AND), so a field set on both sides keeps only what both allow
 * (the intersection of two lists, both searches' terms, the extra value for
 * single values), and a
 * field set on one side is kept as it is.
 */
export function combineViewFilter(base: Spec, extra: TicketFilter): TicketFilter {
  const combined: TicketFilter = {};
  // Objects from the cache carry __typename, which an input type refuses.
  for (const [key, value] of Object.entries(base)) {
    if (key !== '__typename' && value !== null && value !== undefined) (combined as Record<string, unknown>)[key] = value;
  }
  for (const [key, value] of Object.entries(extra) as [keyof TicketFilter, unknown][]) {
    if (value === null || value === undefined) continue;
    const current = (combined as Record<string, unknown>)[key];
    if ((LIST_KEYS as readonly string[]).includes(key) && Array.isArray(current) && Array.isArray(value)) {
      (combined as Record<string, unknown>)[key] = current.filter((item) => value.includes(item));
    } else if (key === 'search' && typeof current === 'string' && current) {
      combined.search = `${current} ${value as string}`; // every term must match, as with both filters
    } else {
      (combined as Record<string, unknown>)[key] = value;
    }
  }
  return combined;
}

/** A view's saved sort as an input (without the cache's __typename). */
export const sortInput = (sort: TicketViewFieldsFragment['sort'] | TicketSort | null | undefined): TicketSort | null =>
  sort ? { field: sort.field, direction: sort.direction } : null;
