import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot } from '../../testing/fixtures.ts';
import { graphqlError, renderApp, settle } from '../../testing/render-app.ts';
import { customer, summary } from './portal-fixtures.ts';

const rowTexts = (wrapper: Awaited<ReturnType<typeof renderApp>>['wrapper']) =>
  wrapper.findAll('.ticket-row').map((row) => row.text());

describe('portal: my tickets', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('lists the tickets the server returns, newest update first, with customer-facing statuses', async () => {
    const { wrapper, callsTo } = await renderApp('/portal/tickets', {
      SessionBoot: boot(customer),
      PortalMyTickets: () => ({
        data: {
          tickets: {
            nodes: [
              summary({ id: 'ticket-2', reference: '#1002', subject: 'Where is my parcel?', status: 'pending' }),
              summary({ id: 'ticket-3', reference: '#1003', subject: 'Invoice address', status: 'on_hold' }),
              summary(),
            ],
            pageInfo: { endCursor: 'cursor-1', hasNextPage: false },
          },
        },
      }),
    });
    await vi.waitFor(() => expect(rowTexts(wrapper)).toHaveLength(3));
    expect(callsTo('PortalMyTickets')[0]?.variables).toEqual({ first: 20, after: null });
    expect(wrapper.find('h1').text()).toBe('My tickets');
    const [parcel, invoice, refund] = rowTexts(wrapper);
    expect(parcel).toContain('#1002');
    expect(parcel).toContain('Awaiting your reply');
    // On hold is internal: the customer sees "Open".
    expect(invoice).toContain('Open');
    expect(invoice).not.toMatch(/hold/i);
    expect(refund).toContain('Refund for order 42');
    const link = wrapper.find('.ticket-row a');
    expect(link.attributes('href')).toBe('/portal/tickets/ticket-2');
    expect(wrapper.text()).not.toContain('Show more');
  });

  it('loads the next page with the cursor', async () => {
    const { wrapper, callsTo } = await renderApp('/portal/tickets', {
      SessionBoot: boot(customer),
      PortalMyTickets: ({ after }) =>
        after === 'cursor-1'
          ? { data: { tickets: { nodes: [summary({ id: 'ticket-0', subject: 'Older one' })], pageInfo: { endCursor: null, hasNextPage: false } } } }
          : { data: { tickets: { nodes: [summary()], pageInfo: { endCursor: 'cursor-1', hasNextPage: true } } } },
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('Show more'));
    await wrapper.findAll('button').find((button) => button.text() === 'Show more')!.trigger('click');
    await vi.waitFor(() => expect(rowTexts(wrapper)).toHaveLength(2));
    expect(callsTo('PortalMyTickets').map((call) => call.variables.after)).toEqual([null, 'cursor-1']);
    expect(rowTexts(wrapper)[1]).toContain('Older one');
    expect(wrapper.text()).not.toContain('Show more');
  });

  it('invites a customer without tickets to submit one', async () => {
    const { wrapper } = await renderApp('/portal/tickets', {
      SessionBoot: boot(customer),
      PortalMyTickets: () => ({ data: { tickets: { nodes: [], pageInfo: { endCursor: null, hasNextPage: false } } } }),
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('You have not submitted any requests yet.'));
    const links = wrapper.findAll('a').filter((anchor) => anchor.attributes('href') === '/portal/tickets/new');
    expect(links.map((anchor) => anchor.text())).toContain('Submit your first request');
  });

  it('moves a ticket that changed to the top and shows its new status live', async () => {
    const { wrapper, subscriptions } = await renderApp('/portal/tickets', {
      SessionBoot: boot(customer),
      PortalMyTickets: () => ({
        data: {
          tickets: {
            nodes: [summary({ id: 'ticket-2', subject: 'Where is my parcel?' }), summary()],
            pageInfo: { endCursor: null, hasNextPage: false },
          },
        },
      }),
    });
    await vi.waitFor(() => expect(subscriptions.active('PortalTicketChanged')).toHaveLength(1));
    subscriptions.push('PortalTicketChanged', {
      ticketChanged: { kind: 'updated', ticketId: summary().id, changedFields: ['status'], ticket: summary({ status: 'solved', updatedAt: '2026-11-22T09:00:00.000Z' }) },
    });
    await vi.waitFor(() => expect(rowTexts(wrapper)[0]).toContain('Refund for order 42'));
    expect(rowTexts(wrapper)[0]).toContain('Solved');
    expect(rowTexts(wrapper)).toHaveLength(2);
  });

  it('says so when the list cannot be loaded', async () => {
    const { wrapper } = await renderApp('/portal/tickets', {
      SessionBoot: boot(customer),
      PortalMyTickets: () => graphqlError('INTERNAL', 'boom'),
    });
    await settle();
    await vi.waitFor(() => expect(wrapper.find('[role="alert"]').text()).toBe('Something went wrong on the server. Try again later.'));
  });

  it('speaks the customer’s language', async () => {
    const { wrapper } = await renderApp('/portal/tickets', {
      SessionBoot: boot({ ...customer, user: { ...customer.user, locale: 'zh-TW' } }),
      PortalMyTickets: () => ({ data: { tickets: { nodes: [summary({ status: 'pending' })], pageInfo: { endCursor: null, hasNextPage: false } } } }),
    });
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('我的工單'));
    expect(rowTexts(wrapper)[0]).toContain('等待您的回覆');
  });
});
