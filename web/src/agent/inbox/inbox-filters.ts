import type { TicketPriority, TicketSortField, TicketStatus } from '../../graphql/generated.ts';

/** What the inbox filter bar holds; turned into a TicketFilter and TicketSort by the inbox. */
export interface InboxFilterState {
  search: string;
  status: TicketStatus[];
  priority: TicketPriority[];
  typeIds: string[];
  assigneeIds: string[];
  teamIds: string[];
  tags: string[];
  /** '' keeps the view's own sort. */
  sort: '' | `${TicketSortField}:${'asc' | 'desc'}`;
}

export function emptyFilters(): InboxFilterState {
  return { search: '', status: [], priority: [], typeIds: [], assigneeIds: [], teamIds: [], tags: [], sort: '' };
}
