export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
/** Statuses the built-in views list ("unsolved"). */
export const UNSOLVED: TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];

/**
 * Where a ticket may go from each status. `new` is only a start; `closed` is
 * final (a customer writing again gets a new ticket); a solved ticket can be
 * reopened or closed.
 */
export const STATUS_TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'on_hold', 'solved', 'closed'],
  open: ['pending', 'on_hold', 'solved', 'closed'],
  pending: ['open', 'on_hold', 'solved', 'closed'],
  on_hold: ['open', 'pending', 'solved', 'closed'],
  solved: ['open', 'closed'],
  closed: [],
};

export const canTransition = (from: TicketStatus, to: TicketStatus) => from === to || STATUS_TRANSITIONS[from].includes(to);
