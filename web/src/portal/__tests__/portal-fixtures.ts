import type {
  PortalMessageFragment,
  PortalReadReceiptFragment,
  PortalTicketQuery,
  PortalTicketSummaryFragment,
} from '../../graphql/generated.ts';
import { viewer } from '../../testing/fixtures.ts';

export const customer = viewer('customer', { id: 'user-c1', name: 'Cai Customer', email: 'cai@example.com' });
export const CUSTOMER_PROFILE_ID = 'customer-9';

export function summary(overrides: Partial<PortalTicketSummaryFragment> = {}): PortalTicketSummaryFragment {
  return {
    id: 'ticket-1',
    reference: '#1001',
    subject: 'Refund for order 42',
    status: 'open',
    createdAt: '2026-11-20T09:00:00.000Z',
    updatedAt: '2026-11-21T09:00:00.000Z',
    ...overrides,
  };
}

export function customerMessage(overrides: Partial<PortalMessageFragment> = {}): PortalMessageFragment {
  return {
    id: 'message-1',
    kind: 'reply',
    conversationId: 'conversation-1',
    ticketId: 'ticket-1',
    author: { kind: 'customer', userId: customer.user.id, customerId: CUSTOMER_PROFILE_ID, name: 'Cai Customer' },
    html: '<p>My order arrived broken.</p>',
    attachments: [],
    createdAt: '2026-11-20T09:00:00.000Z',
    ...overrides,
  };
}

export function agentMessage(overrides: Partial<PortalMessageFragment> = {}): PortalMessageFragment {
  return {
    id: 'message-2',
    kind: 'reply',
    conversationId: 'conversation-1',
    ticketId: 'ticket-1',
    author: { kind: 'agent', userId: 'agent-7', customerId: null, name: 'Bo Agent' },
    html: '<p>Sorry to hear that. <strong>We are on it.</strong></p>',
    attachments: [],
    createdAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

export function agentReceipt(lastReadMessageId: string): PortalReadReceiptFragment {
  return {
    conversationId: 'conversation-1',
    participant: { kind: 'agent', userId: 'agent-7', customerId: null, name: 'Bo Agent' },
    lastReadMessageId,
    readAt: '2026-11-21T10:00:00.000Z',
  };
}

type Ticket = NonNullable<PortalTicketQuery['ticket']>;

export function ticketDetail(
  messages: PortalMessageFragment[],
  overrides: Partial<Ticket> = {},
  receipts: PortalReadReceiptFragment[] = [],
): { data: PortalTicketQuery } {
  return {
    data: {
      ticket: {
        ...summary(),
        type: { id: 'type-2', key: 'after_sales', name: 'After-sales' },
        requester: { id: CUSTOMER_PROFILE_ID },
        conversations: [{ id: 'conversation-1', readReceipts: receipts }],
        timeline: {
          nodes: messages.map((message) => ({ id: `entry-${message.id}`, message })),
          pageInfo: { endCursor: null, hasNextPage: false },
        },
        ...overrides,
      },
    },
  };
}

/** Fills a RichTextEditor the way typing would: through the editor, so its update events fire. */
export function typeRichText(labelledby: string, text: string): void {
  const element = document.querySelector(`[aria-labelledby="${labelledby}"]`) as
    | (HTMLElement & { editor?: { commands: { insertContent(value: string): boolean } } })
    | null;
  if (!element?.editor) throw new Error(`No rich-text editor labelled by #${labelledby}`);
  element.editor.commands.insertContent(text);
}
