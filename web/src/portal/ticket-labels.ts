import type { TicketStatus } from '../graphql/generated.ts';

/**
 * What a customer is told about a ticket's status. On-hold is an internal
 * state (waiting on a third party), so customers see it as open; "pending"
 * means the team waits for the customer.
 */
export type CustomerStatus = 'open' | 'awaitingYou' | 'solved' | 'closed';

export function customerStatus(status: TicketStatus): CustomerStatus {
  switch (status) {
    case 'pending':
      return 'awaitingYou';
    case 'solved':
      return 'solved';
    case 'closed':
      return 'closed';
    default:
      return 'open';
  }
}

export const STATUS_TAG_TYPE: Record<CustomerStatus, 'info' | 'warning' | 'success' | 'default'> = {
  open: 'info',
  awaitingYou: 'warning',
  solved: 'success',
  closed: 'default',
};
