import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot } from '../../testing/fixtures.ts';
import { graphqlError, renderApp, settle, type GraphqlReply } from '../../testing/render-app.ts';
import {
  agentMessage,
  agentReceipt,
  customer,
  customerMessage,
  summary,
  ticketDetail,
  typeRichText,
} from './portal-fixtures.ts';

type Rendered = Awaited<ReturnType<typeof renderApp>>;

const messageTexts = (wrapper: Rendered['wrapper']) => wrapper.findAll('li.message').map((item) => item.text());
const markRead = (): GraphqlReply => ({ data: { markConversationRead: agentReceipt('ignored') } });
const sendButton = (wrapper: Rendered['wrapper']) => wrapper.findAll('button').find((button) => button.text() === 'Send reply')!;

async function openTicket(responders: Parameters<typeof renderApp>[1] = {}) {
  const rendered = await renderApp('/portal/tickets/ticket-1', {
    SessionBoot: boot(customer),
    PortalTicket: () => ticketDetail([customerMessage(), agentMessage()]),
    PortalMarkRead: markRead,
    ...responders,
  });
  await vi.waitFor(() => expect(messageTexts(rendered.wrapper)).not.toHaveLength(0));
  return rendered;
}

describe('portal: ticket page', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows the ticket and exactly the messages the server returned', async () => {
    const { wrapper, calls, callsTo } = await openTicket();
    expect(wrapper.find('h1').text()).toBe('Refund for order 42');
    const meta = wrapper.find('.ticket__meta').text();
    expect(meta).toContain('#1001');
    expect(meta).toContain('Open');
    expect(meta).toContain('After-sales service');

    const [mine, theirs] = messageTexts(wrapper);
    expect(messageTexts(wrapper)).toHaveLength(2);
    expect(mine).toContain('You');
    expect(mine).toContain('My order arrived broken.');
    expect(theirs).toContain('Bo Agent');
    // The server's sanitized HTML is rendered as HTML.
    expect(wrapper.find('li[data-message-id="message-2"] strong').text()).toBe('We are on it.');
    expect(wrapper.find('li[data-message-id="message-1"]').classes()).toContain('message--mine');
    expect(wrapper.find('[data-testid="delivery-state"]').text()).toBe('Received');

    // Nothing else was asked for: no staff-only data, no second source of messages.
    expect(new Set(calls.map((call) => call.operationName))).toEqual(new Set(['SessionBoot', 'PortalTicket', 'PortalMarkRead']));
    expect(callsTo('PortalTicket')[0]?.variables).toEqual({ id: 'ticket-1' });
    // The customer has now seen the agent's reply.
    expect(callsTo('PortalMarkRead').map((call) => call.variables)).toEqual([{ conversationId: 'conversation-1', messageId: 'message-2' }]);
  });

  it('reads long conversations page by page', async () => {
    const first = ticketDetail([customerMessage()]);
    first.data.ticket!.timeline.pageInfo = { endCursor: 'cursor-1', hasNextPage: true };
    const { wrapper, callsTo } = await openTicket({
      PortalTicket: () => first,
      PortalTicketTimeline: () => ({
        data: {
          ticket: {
            id: 'ticket-1',
            timeline: { nodes: [{ id: 'entry-2', message: agentMessage() }], pageInfo: { endCursor: null, hasNextPage: false } },
          },
        },
      }),
    });
    await vi.waitFor(() => expect(messageTexts(wrapper)).toHaveLength(2));
    expect(callsTo('PortalTicketTimeline')[0]?.variables).toEqual({ id: 'ticket-1', after: 'cursor-1' });
  });

  it('sends a reply as kind reply and confirms the server received it', async () => {
    const sent = customerMessage({ id: 'message-3', html: '<p>Thanks!</p>', createdAt: '2026-11-21T11:00:00.000Z' });
    const { wrapper, callsTo } = await openTicket({ PortalSendReply: () => ({ data: { sendMessage: sent } }) });

    typeRichText('reply-label', 'Thanks!');
    await sendButton(wrapper).trigger('click');
    await settle();

    expect(callsTo('PortalSendReply').map((call) => call.variables)).toEqual([
      {
        input: {
          ticketId: 'ticket-1',
          kind: 'reply',
          body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Thanks!' }] }] },
        },
      },
    ]);
    await vi.waitFor(() => expect(messageTexts(wrapper)).toHaveLength(3));
    expect(messageTexts(wrapper)[2]).toContain('Thanks!');
    expect(wrapper.find('.reply__confirmation[role="status"]').text()).toBe('Your message was received.');
    expect(wrapper.find('li[data-message-id="message-3"] [data-testid="delivery-state"]').text()).toBe('Received');
    // Ready for the next message.
    expect(wrapper.find('.reply .ProseMirror').text()).toBe('');
  });

  it('does not send an empty reply', async () => {
    const { wrapper, callsTo } = await openTicket();
    await sendButton(wrapper).trigger('click');
    await settle();
    expect(wrapper.text()).toContain('Write a message before sending.');
    expect(wrapper.find('.reply .ProseMirror').attributes('aria-invalid')).toBe('true');
    expect(callsTo('PortalSendReply')).toEqual([]);
  });

  it('offers to try again when loading fails', async () => {
    let attempts = 0;
    const { wrapper } = await renderApp('/portal/tickets/ticket-1', {
      SessionBoot: boot(customer),
      PortalTicket: () => (++attempts === 1 ? graphqlError('INTERNAL', 'boom') : ticketDetail([customerMessage()])),
    });
    await vi.waitFor(() => expect(wrapper.find('[role="alert"]').text()).toBe('Something went wrong on the server. Try again later.'));
    await wrapper.findAll('button').find((button) => button.text() === 'Try again')!.trigger('click');
    await vi.waitFor(() => expect(messageTexts(wrapper)).toHaveLength(1));
    expect(wrapper.find('h1').text()).toBe('Refund for order 42');
  });

  it('keeps the text when sending fails', async () => {
    const { wrapper } = await openTicket({ PortalSendReply: () => graphqlError('INTERNAL', 'boom') });
    typeRichText('reply-label', 'Still broken');
    await sendButton(wrapper).trigger('click');
    await settle();
    expect(wrapper.find('.reply [role="alert"]').text()).toBe('Something went wrong on the server. Try again later.');
    expect(wrapper.find('.reply .ProseMirror').text()).toBe('Still broken');
    expect(wrapper.find('.reply [role="status"]').text()).toBe('');
  });

  it('shows agent replies, status changes and read receipts live', async () => {
    const { wrapper, subscriptions, callsTo } = await openTicket();
    await vi.waitFor(() => expect(subscriptions.active('PortalReadReceipts')).toHaveLength(1));
    expect(subscriptions.active('PortalMessageAdded').map((sub) => sub.variables)).toEqual([{ ticketId: 'ticket-1' }]);
    expect(subscriptions.active('PortalReadReceipts').map((sub) => sub.variables)).toEqual([{ conversationId: 'conversation-1' }]);

    const reply = agentMessage({ id: 'message-3', html: '<p>Refund issued.</p>', createdAt: '2026-11-21T12:00:00.000Z' });
    expect(subscriptions.push('PortalMessageAdded', { messageAdded: reply }, { ticketId: 'ticket-1' })).toBe(1);
    await vi.waitFor(() => expect(messageTexts(wrapper)).toHaveLength(3));
    expect(messageTexts(wrapper)[2]).toContain('Refund issued.');
    // The same event twice (e.g. after a reconnect) is shown once.
    subscriptions.push('PortalMessageAdded', { messageAdded: reply });
    await settle();
    expect(messageTexts(wrapper)).toHaveLength(3);
    expect(callsTo('PortalMarkRead').at(-1)?.variables).toEqual({ conversationId: 'conversation-1', messageId: 'message-3' });

    // The page follows exactly its ticket: another ticket of the same customer has no subscriber here.
    expect(subscriptions.active('PortalOneTicketChanged').map((sub) => sub.variables)).toEqual([{ ticketId: 'ticket-1' }]);
    expect(
      subscriptions.push(
        'PortalOneTicketChanged',
        { ticketChanged: { kind: 'updated', ticketId: 'ticket-2', changedFields: ['status'], ticket: summary({ id: 'ticket-2', subject: 'Other', status: 'closed' }) } },
        { ticketId: 'ticket-2' },
      ),
    ).toBe(0);
    expect(subscriptions.active('PortalTicketChanged')).toHaveLength(0);

    subscriptions.push(
      'PortalOneTicketChanged',
      { ticketChanged: { kind: 'updated', ticketId: summary().id, changedFields: ['status'], ticket: summary({ status: 'solved' }) } },
      { ticketId: 'ticket-1' },
    );
    await vi.waitFor(() => expect(wrapper.find('.ticket__meta').text()).toContain('Solved'));
    expect(wrapper.find('.ticket > [role="status"]').text()).toBe('Status changed: Solved');
    expect(wrapper.text()).toContain('Replying reopens this request.');
    expect(wrapper.find('h1').text()).toBe('Refund for order 42');

    subscriptions.push('PortalReadReceipts', { readReceipts: agentReceipt('message-3') });
    await settle();
    // message-1 is the customer's latest and the agent has read past it.
    expect(wrapper.find('[data-testid="delivery-state"]').text()).toBe('Seen by our team');
  });

  it('shows "seen" when the team had already read the customer’s latest message', async () => {
    const { wrapper } = await openTicket({
      PortalTicket: () => ticketDetail([agentMessage({ createdAt: '2026-11-19T09:00:00.000Z' }), customerMessage()], {}, [agentReceipt('message-1')]),
    });
    expect(wrapper.find('[data-testid="delivery-state"]').text()).toBe('Seen by our team');
  });

  it.each([
    ['NOT_FOUND', () => graphqlError('NOT_FOUND', 'No such ticket.')],
    ['FORBIDDEN', () => graphqlError('FORBIDDEN', 'You may not see this ticket.')],
    ['null', () => ({ data: { ticket: null } })],
  ])('says the request is not available (%s) and subscribes to nothing for it', async (_case, reply) => {
    const { wrapper, subscriptions } = await renderApp('/portal/tickets/ticket-x', { SessionBoot: boot(customer), PortalTicket: reply });
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('Request not found'));
    expect(wrapper.text()).toContain('This request does not exist, or it belongs to another account.');
    expect(wrapper.find('.reply').exists()).toBe(false);
    await settle();
    expect(subscriptions.active()).toEqual([]);
  });

  it('offers a new request instead of a reply box on a closed ticket', async () => {
    const { wrapper } = await openTicket({
      PortalTicket: () => ticketDetail([customerMessage(), agentMessage()], { status: 'closed' }),
    });
    expect(wrapper.find('.reply').exists()).toBe(false);
    expect(wrapper.text()).toContain('This request is closed');
    expect(wrapper.find('.ticket__closed a').attributes('href')).toBe('/portal/tickets/new');
  });

  it('moves focus to the ticket heading after navigating from the list, not on a fresh page load', async () => {
    const fresh = await openTicket();
    expect(document.activeElement?.tagName).not.toBe('H1');
    fresh.wrapper.unmount();
    document.body.innerHTML = '';

    const { wrapper, router } = await renderApp('/portal/tickets', {
      SessionBoot: boot(customer),
      PortalMyTickets: () => ({ data: { tickets: { nodes: [summary()], pageInfo: { endCursor: null, hasNextPage: false } } } }),
      PortalTicket: () => ticketDetail([customerMessage(), agentMessage()]),
      PortalMarkRead: markRead,
    });
    await vi.waitFor(() => expect(wrapper.find('.ticket-row a').exists()).toBe(true));
    await wrapper.find('.ticket-row a').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/portal/tickets/ticket-1'));
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Refund for order 42'));
    expect(document.activeElement?.tagName).toBe('H1');
  });
});
