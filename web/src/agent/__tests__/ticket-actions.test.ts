import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TicketSearchQuery, TicketStatus } from '../../graphql/generated.ts';
import { dialogNamed, expectLockedOpen } from '../../testing/dialogs.ts';
import { graphqlError, settle, type GraphqlReply, type Responder } from '../../testing/render-app.ts';
import { agentTicket, detail } from './agent-fixtures.ts';
import { openTicket } from './ticket-helpers.ts';

const button = (text: string) => [...document.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === text) as HTMLButtonElement | undefined;
const dialog = () => document.querySelector('[role="dialog"]')!;

function ref(n: number, subject: string, status: TicketStatus = 'open') {
  return { id: `ticket-${n}`, reference: `#${1000 + n}`, subject, status };
}

function hit(n: number, subject: string, status: TicketStatus = 'open'): TicketSearchQuery['tickets']['nodes'][number] {
  return { ...ref(n, subject, status), requester: { id: 'customer-1', name: 'Carol Customer' }, updatedAt: '2026-11-21T10:00:00.000Z' };
}

/** The requester's tickets (this one included: the picker leaves it out) unless a search term is given. */
const ticketSearch: Responder = (variables) => {
  const filter = variables.filter as { search?: string; requesterId?: string };
  const nodes = filter.search
    ? [hit(5, 'Printer jams again')]
    : [hit(1, 'Subject 1'), hit(2, 'Parcel late (duplicate)'), hit(3, 'Old invoice', 'closed'), hit(7, 'Refund for parcel')];
  return { data: { tickets: { nodes, pageInfo: { endCursor: null, hasNextPage: false } } } };
};

function type(id: string, value: string): void {
  const element = document.getElementById(id) as HTMLInputElement;
  element.value = value;
  element.dispatchEvent(new Event('input'));
}

const candidate = (id: string) => dialog().querySelector(`[data-ticket-id="${id}"]`) as HTMLElement | null;

describe('merging and linking tickets', () => {
  let unmount: () => void = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    unmount();
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('merges into a ticket found by search, after a confirmation, and opens the target with this ticket listed as merged', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const app = await openTicket({
      TicketSearch: ticketSearch,
      MergeTickets: () => ({ data: { mergeTickets: { id: 'ticket-5', reference: '#1005' } } }),
      AgentTicket: (variables) => ({
        data: {
          ticket:
            variables.id === 'ticket-5'
              ? agentTicket({ ...ref(5, 'Printer jams again'), mergedTickets: [ref(1, 'Subject 1', 'closed')] })
              : agentTicket(),
        },
      }),
    });
    unmount = () => app.wrapper.unmount();

    button('Merge into another ticket…')!.click();
    await settle();
    expect(dialog().textContent).toContain('Merge #1001 into another ticket');
    // Before any search: the requester's other tickets; never this one; a closed one says why it cannot be chosen.
    expect(app.callsTo('TicketSearch')[0]?.variables).toEqual({ filter: { requesterId: 'customer-1' }, first: 10 });
    expect(candidate('ticket-1')).toBeNull();
    expect(candidate('ticket-2')).not.toBeNull();
    expect((candidate('ticket-3')!.querySelector('input') as HTMLInputElement).disabled).toBe(true);
    expect(candidate('ticket-3')!.textContent).toContain('a ticket cannot be merged into a closed one');

    type('merge-ticket-search', ' printer ');
    await vi.advanceTimersByTimeAsync(400);
    await settle();
    expect(app.callsTo('TicketSearch').at(-1)?.variables).toEqual({ filter: { search: 'printer' }, first: 10 });
    expect(button('Next')!.disabled).toBe(true);
    (candidate('ticket-5')!.querySelector('input') as HTMLInputElement).click();
    await settle();
    button('Next')!.click();
    await settle();

    const confirmation = dialog().textContent ?? '';
    expect(confirmation).toContain('Merge #1001 into #1005 Printer jams again?');
    expect(confirmation).toContain('#1001 is closed and points to #1005.');
    expect(confirmation).toContain('The conversations of #1001 show on #1005');
    expect(confirmation).toContain('Both histories stay');
    expect(app.callsTo('MergeTickets')).toHaveLength(0);

    button('Merge into #1005')!.click();
    await settle();
    expect(app.callsTo('MergeTickets')[0]?.variables).toEqual({ sourceId: 'ticket-1', targetId: 'ticket-5' });
    await vi.waitFor(() => expect(app.router.currentRoute.value.fullPath).toBe('/agent/tickets/ticket-5'), { timeout: 10_000 });
    await vi.waitFor(() => expect(document.querySelector('h1')?.textContent).toContain('Printer jams again'), { timeout: 10_000 });
    const merged = document.querySelector('[data-testid="merged-tickets"]')!;
    expect(merged.textContent).toContain('#1001 Subject 1');
    expect(merged.querySelector('a')?.getAttribute('href')).toBe('/agent/tickets/ticket-1');
  });

  it('keeps the dialog open and explains a refused merge', async () => {
    const app = await openTicket({
      TicketSearch: ticketSearch,
      MergeTickets: () => graphqlError('CONFLICT', 'This ticket was already merged.'),
    });
    unmount = () => app.wrapper.unmount();
    button('Merge into another ticket…')!.click();
    await settle();
    (candidate('ticket-2')!.querySelector('input') as HTMLInputElement).click();
    await settle();
    button('Next')!.click();
    await settle();
    button('Merge into #1002')!.click();
    await settle();
    expect(dialog().querySelector('[role="alert"]')?.textContent).toContain('This ticket was already merged.');
    expect(app.router.currentRoute.value.fullPath).toBe('/agent/tickets/ticket-1');
  });

  it('shows a merged ticket as merged, linking to the target, with no merge action', async () => {
    const app = await openTicket({
      AgentTicket: () => ({ data: { ticket: agentTicket({ status: 'closed', allowedStatuses: [], mergedInto: ref(5, 'Printer jams again') }) } }),
    });
    unmount = () => app.wrapper.unmount();
    const banner = document.querySelector('.ticket-page__merged')!;
    expect(banner.textContent).toContain('Merged into #1005 Printer jams again');
    expect(banner.querySelector('a')?.getAttribute('href')).toBe('/agent/tickets/ticket-5');
    expect(button('Merge into another ticket…')).toBeUndefined();
  });

  it('links a ticket found by search and unlinks one, updating the sidebar', async () => {
    const linked = ref(7, 'Refund for parcel');
    const app = await openTicket({
      AgentTicket: () => ({ data: { ticket: agentTicket({ linkedTickets: [linked] }) } }),
      TicketSearch: ticketSearch,
      LinkTickets: () => ({ data: { linkTickets: detail({ linkedTickets: [linked, ref(2, 'Parcel late (duplicate)')] }) } }),
      UnlinkTickets: () => ({ data: { unlinkTickets: detail({ linkedTickets: [ref(2, 'Parcel late (duplicate)')] }) } }),
    });
    unmount = () => app.wrapper.unmount();
    const linkedList = () => [...document.querySelectorAll('[data-testid="linked-tickets"] a')].map((link) => link.textContent?.trim());
    expect(linkedList()).toEqual(['#1007 Refund for parcel']);

    button('Link a ticket…')!.click();
    await settle();
    expect(dialog().textContent).toContain('Link a ticket to #1001');
    // Already linked: listed, but not offered again.
    expect((candidate('ticket-7')!.querySelector('input') as HTMLInputElement).disabled).toBe(true);
    expect(candidate('ticket-7')!.textContent).toContain('Already linked.');
    (candidate('ticket-2')!.querySelector('input') as HTMLInputElement).click();
    await settle();
    const timelineFetches = app.callsTo('TicketTimelinePage').length;
    button('Link #1002')!.click();
    await settle();
    expect(app.callsTo('LinkTickets')[0]?.variables).toEqual({ ticketId: 'ticket-1', otherTicketId: 'ticket-2' });
    await vi.waitFor(() => expect(document.querySelector('[role="dialog"]')).toBeNull());
    expect(linkedList()).toEqual(['#1007 Refund for parcel', '#1002 Parcel late (duplicate)']);
    // The timeline fetches its new "linked #1002" line.
    expect(app.callsTo('TicketTimelinePage')).toHaveLength(timelineFetches + 1);

    (document.querySelector('[aria-label="Unlink #1007"]') as HTMLButtonElement).click();
    await settle();
    expect(app.callsTo('UnlinkTickets')[0]?.variables).toEqual({ ticketId: 'ticket-1', otherTicketId: 'ticket-7' });
    expect(linkedList()).toEqual(['#1002 Parcel late (duplicate)']);
    expect(app.callsTo('TicketTimelinePage')).toHaveLength(timelineFetches + 2);
  });

  it('frames the link dialog: named by its title, Cancel closes it, Link waits for a pick and cannot be interrupted', async () => {
    let answer: (reply: GraphqlReply) => void = () => {};
    const app = await openTicket({
      TicketSearch: ticketSearch,
      LinkTickets: () => new Promise<GraphqlReply>((resolve) => (answer = resolve)),
    });
    unmount = () => app.wrapper.unmount();
    button('Link a ticket…')!.click();
    await settle();
    expect(dialogNamed('Link a ticket to #1001')).toBeDefined();
    button('Cancel')!.click();
    await vi.waitFor(() => expect(document.querySelector('[role="dialog"]')).toBeNull());

    button('Link a ticket…')!.click();
    await settle();
    expect(button('Link')!.disabled).toBe(true);
    (candidate('ticket-2')!.querySelector('input') as HTMLInputElement).click();
    await settle();
    button('Link #1002')!.click();
    await settle();
    // While it runs, the dialog stays: no ×, no Cancel, no Esc, no click beside it.
    await expectLockedOpen('Link a ticket to #1001');

    answer({ data: { linkTickets: detail({ linkedTickets: [ref(2, 'Parcel late (duplicate)')] }) } });
    await vi.waitFor(() => expect(document.querySelector('[role="dialog"]')).toBeNull());
    expect(app.callsTo('LinkTickets')).toHaveLength(1);
  });
});
