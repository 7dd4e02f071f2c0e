import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dialogNamed, expectLockedOpen } from '../../testing/dialogs.ts';
import { renderApp, settle, type GraphqlReply } from '../../testing/render-app.ts';
import { agentResponders, agentTicket, builtInViews, listTicket, me, press, view, viewFilter } from './agent-fixtures.ts';

const tickets = [listTicket(1), listTicket(2, { priority: 'urgent' }), listTicket(3, { assignee: { id: 'agent-2', name: 'Bo Agent' } })];

function inboxResponders(overrides = {}) {
  return {
    ...agentResponders(),
    InboxViews: () => ({ data: { ticketViews: builtInViews } }),
    InboxTickets: () => ({ data: { tickets: { nodes: tickets, pageInfo: { endCursor: 'c3', hasNextPage: false } } } }),
    // Opening a ticket from the list lands on its page.
    AgentTicket: (variables: Record<string, unknown>) => ({ data: { ticket: agentTicket({ id: String(variables.id) }) } }),
    TicketPresenceHeartbeat: () => ({ data: { ticketPresenceHeartbeat: { ticketId: 'ticket-1', viewers: [] } } }),
    LeaveTicket: () => ({ data: { leaveTicket: true } }),
    TicketReminders: () => ({ data: { reminders: [] } }),
    CustomerAttributeLabels: () => ({ data: { customerAttributeDefinitions: [] } }),
    ...overrides,
  };
}

const rowTexts = () => [...document.querySelectorAll('.ticket-row')].map((row) => row.querySelector('.ticket-row__subject')?.textContent);
const activeRow = () => document.querySelector('.ticket-row[aria-current="true"]')?.getAttribute('data-ticket-id');
const viewLink = (id: string) => document.querySelector(`[data-view-id="${id}"]`) as HTMLElement;

describe('agent inbox', () => {
  let unmount: () => void = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    unmount();
    document.body.innerHTML = '';
  });

  it('shows the views with counts that follow the live count subscription', async () => {
    const app = await renderApp('/agent/inbox', inboxResponders());
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(viewLink('view-mine')?.textContent).toContain('My tickets'));
    expect(viewLink('view-mine').textContent).toContain('3');
    expect(viewLink('view-mine').getAttribute('aria-current')).toBe('page');
    expect(viewLink('view-teams').textContent).toContain('My teams');
    // A custom view keeps its own name.
    expect(viewLink('view-vip').textContent).toContain('VIP waiting');
    expect(app.callsTo('InboxTickets')[0]?.variables).toMatchObject({ viewId: 'view-mine', first: 25, after: null });
    expect(document.querySelector('h1')?.textContent).toBe('My tickets');

    app.subscriptions.emit('InboxViewCounts', { ticketViewCounts: { views: [{ viewId: 'view-mine', count: 4 }, { viewId: 'view-vip', count: 0 }] } });
    await settle();
    expect(viewLink('view-mine').textContent).toContain('4');
    expect(viewLink('view-vip').textContent).toContain('0');
    // New counts do not reload the list.
    expect(app.callsTo('InboxTickets')).toHaveLength(1);
  });

  it('lists the view’s tickets and applies live changes for the same view', async () => {
    const app = await renderApp('/agent/inbox?view=view-unassigned', inboxResponders());
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(rowTexts()).toEqual(['Subject 1', 'Subject 2', 'Subject 3']));
    expect(app.callsTo('InboxTickets')[0]?.variables).toMatchObject({ viewId: 'view-unassigned' });
    // The filter selects are named where focus lands (Naive UI's select has no ARIA props of its own).
    const named = [...document.querySelectorAll('.filters [aria-label]')].map((node) => node.getAttribute('aria-label'));
    expect(named).toEqual(expect.arrayContaining(['Status', 'Priority', 'Type', 'Assignee', 'Team', 'Tags', 'Sort']));
    expect(document.querySelector('.filters [aria-label="Status"]')?.getAttribute('tabindex')).toBe('0');
    expect(app.subscriptions.open('InboxTicketChanged')).toEqual([{ viewId: 'view-unassigned', filter: {} }]);

    // A new ticket arrives on top; a ticket that no longer matches leaves.
    app.subscriptions.emit('InboxTicketChanged', { ticketChanged: { kind: 'created', ticketId: listTicket(4).id, matchesFilter: true, changedFields: [], ticket: listTicket(4) } });
    await settle();
    expect(rowTexts()).toEqual(['Subject 4', 'Subject 1', 'Subject 2', 'Subject 3']);
    app.subscriptions.emit('InboxTicketChanged', {
      ticketChanged: { kind: 'updated', ticketId: listTicket(2).id, matchesFilter: false, changedFields: ['assignee'], ticket: listTicket(2) },
    });
    await settle();
    expect(rowTexts()).toEqual(['Subject 4', 'Subject 1', 'Subject 3']);
    // Moved out of the agent's reach: only the id comes, and the row goes.
    app.subscriptions.emit('InboxTicketChanged', {
      ticketChanged: { kind: 'hidden', ticketId: listTicket(1).id, matchesFilter: false, changedFields: [], ticket: null },
    });
    await settle();
    expect(rowTexts()).toEqual(['Subject 4', 'Subject 3']);
  });

  it('fetches the view again from its first page when the viewer’s teams change', async () => {
    let answer = 0;
    const app = await renderApp(
      '/agent/inbox?view=view-teams',
      inboxResponders({
        InboxTickets: () => ({ data: { tickets: { nodes: answer++ === 0 ? tickets : [listTicket(3)], pageInfo: { endCursor: 'c', hasNextPage: false } } } }),
      }),
    );
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(rowTexts()).toEqual(['Subject 1', 'Subject 2', 'Subject 3']));

    // Removed from a team: no ids come (the server does not read the team's tickets), the list asks again.
    app.subscriptions.emit('InboxTicketChanged', { ticketChanged: { kind: 'scopeChanged', ticketId: null, matchesFilter: false, changedFields: [], ticket: null } });
    await settle();
    expect(app.callsTo('InboxTickets')).toHaveLength(2);
    expect(app.callsTo('InboxTickets')[1]?.variables).toMatchObject({ viewId: 'view-teams', after: null });
    expect(rowTexts()).toEqual(['Subject 3']);
  });

  it('loads further pages with the cursor', async () => {
    const app = await renderApp(
      '/agent/inbox',
      inboxResponders({
        InboxTickets: (variables: Record<string, unknown>) =>
          variables.after === 'c3'
            ? { data: { tickets: { nodes: [listTicket(5)], pageInfo: { endCursor: 'c5', hasNextPage: false } } } }
            : { data: { tickets: { nodes: tickets, pageInfo: { endCursor: 'c3', hasNextPage: true } } } },
      }),
    );
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(rowTexts()).toHaveLength(3));
    const more = [...document.querySelectorAll('button')].find((button) => button.textContent?.includes('Load more'))!;
    more.click();
    await settle();
    expect(rowTexts()).toEqual(['Subject 1', 'Subject 2', 'Subject 3', 'Subject 5']);
    expect([...document.querySelectorAll('button')].some((button) => button.textContent?.includes('Load more'))).toBe(false);
  });

  it('sends the search box and filters with the view', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const app = await renderApp('/agent/inbox', inboxResponders());
      unmount = () => app.wrapper.unmount();
      await vi.waitFor(() => expect(rowTexts()).toHaveLength(3));
      const search = document.getElementById('inbox-search') as HTMLInputElement;
      search.value = '退款';
      search.dispatchEvent(new Event('input'));
      await vi.advanceTimersByTimeAsync(400);
      await settle();
      expect(app.callsTo('InboxTickets').at(-1)?.variables).toMatchObject({ viewId: 'view-mine', filter: { search: '退款' } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('moves the selection with j/k, opens with Enter, and ignores keys typed in the search box', async () => {
    const app = await renderApp('/agent/inbox', inboxResponders());
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(rowTexts()).toHaveLength(3));
    expect(activeRow()).toBeUndefined();

    press('j');
    await settle();
    expect(activeRow()).toBe('ticket-1');
    // Focus follows, so screen readers announce the row.
    expect(document.activeElement?.id).toBe('ticket-row-ticket-1');
    press('j');
    press('j');
    press('j'); // stays on the last row
    await settle();
    expect(activeRow()).toBe('ticket-3');
    press('k');
    await settle();
    expect(activeRow()).toBe('ticket-2');

    const search = document.getElementById('inbox-search') as HTMLInputElement;
    search.focus();
    expect(press('j', {}, search).defaultPrevented).toBe(false);
    await settle();
    expect(activeRow()).toBe('ticket-2');

    search.blur();
    press('Enter', {}, document.body);
    // The ticket page is a lazy chunk (with the editor); give it time to load.
    await vi.waitFor(() => expect(app.router.currentRoute.value.fullPath).toBe('/agent/tickets/ticket-2'), { timeout: 10_000 });
  });

  it('keeps the list and selection while a ticket is open, without reacting to j/k behind it', async () => {
    const app = await renderApp('/agent/inbox?view=view-all', inboxResponders());
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(rowTexts()).toHaveLength(3));
    press('j');
    press('j');
    press('o');
    await vi.waitFor(() => expect(document.querySelector('.ProseMirror')).not.toBeNull(), { timeout: 10_000 });
    expect(app.router.currentRoute.value.fullPath).toBe('/agent/tickets/ticket-2');
    // The ticket page highlights Inbox in the side navigation.
    expect(document.querySelector('.n-menu-item-content--selected')?.textContent).toBe('Inbox');

    press('j', {}, document.body);
    await settle();
    app.router.back();
    await vi.waitFor(() => expect(app.router.currentRoute.value.fullPath).toBe('/agent/inbox?view=view-all'));
    await settle();
    expect(activeRow()).toBe('ticket-2');
    expect(document.activeElement?.id).toBe('ticket-row-ticket-2');
    // Refreshed on return, with the same view.
    expect(app.callsTo('InboxTickets').at(-1)?.variables).toMatchObject({ viewId: 'view-all' });
    expect(app.callsTo('InboxTickets')).toHaveLength(2);
  });

  it('does not list the hidden inbox’s shortcuts on a ticket opened from it', async () => {
    const app = await renderApp('/agent/inbox', inboxResponders());
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(rowTexts()).toHaveLength(3));
    press('j');
    press('o');
    await vi.waitFor(() => expect(document.querySelector('.ProseMirror')).not.toBeNull(), { timeout: 10_000 });
    press('?', { shiftKey: true }, document.body);
    await settle();
    const dialog = document.querySelector('[role="dialog"]')!;
    expect(dialog.textContent).toContain('Mark the ticket solved');
    expect(dialog.textContent).not.toContain('Next ticket');
  });

  it('opens the active ticket with o', async () => {
    const app = await renderApp('/agent/inbox', inboxResponders());
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(rowTexts()).toHaveLength(3));
    press('j');
    press('o');
    await vi.waitFor(() => expect(app.router.currentRoute.value.fullPath).toBe('/agent/tickets/ticket-1'), { timeout: 10_000 });
  });

  it('lists exactly the bound shortcuts in the ? dialog', async () => {
    const app = await renderApp('/agent/inbox', inboxResponders());
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(rowTexts()).toHaveLength(3));
    press('?', { shiftKey: true });
    await settle();
    const dialog = document.querySelector('[role="dialog"]');
    expect(dialog?.textContent).toContain('Keyboard shortcuts');
    for (const text of ['Next ticket', 'Previous ticket', 'Open the selected ticket', 'Select or deselect the ticket for bulk actions', 'Show keyboard shortcuts']) {
      expect(dialog?.textContent).toContain(text);
    }
    // Ticket-page shortcuts are not bound on the inbox, so they are not listed.
    expect(dialog?.textContent).not.toContain('Mark the ticket solved');
    const keys = [...dialog!.querySelectorAll('kbd')].map((kbd) => kbd.textContent);
    expect(keys).toEqual(expect.arrayContaining(['j', 'k', 'Enter', 'o', 'x', '?']));

    // While the dialog is open the list behind it does not react.
    press('j');
    await settle();
    expect(activeRow()).toBeUndefined();
  });

  it('selects tickets with checkboxes, shift-click and x, then updates them in bulk', async () => {
    let reloads = 0;
    const app = await renderApp(
      '/agent/inbox',
      inboxResponders({
        InboxTickets: () => {
          reloads++;
          return { data: { tickets: { nodes: tickets, pageInfo: { endCursor: 'c3', hasNextPage: false } } } };
        },
        BulkUpdateTickets: (variables: Record<string, unknown>) => {
          const input = variables.input as { ids: string[] };
          return { data: { bulkUpdateTickets: { updatedCount: input.ids.length, tickets: tickets.filter((ticket) => input.ids.includes(ticket.id)) } } };
        },
      }),
    );
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(rowTexts()).toHaveLength(3));
    const checkbox = (n: number) => document.querySelectorAll<HTMLInputElement>('.ticket-row__check')[n - 1]!;
    expect(checkbox(1).getAttribute('aria-label')).toBe('Select ticket #1001');

    checkbox(1).dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    checkbox(3).dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, shiftKey: true }));
    await settle();
    expect([1, 2, 3].map((n) => checkbox(n).checked)).toEqual([true, true, true]);
    expect(document.body.textContent).toContain('3 selected');

    // The last clicked row is active; x toggles it.
    press('x', {}, document.body);
    await settle();
    expect([1, 2, 3].map((n) => checkbox(n).checked)).toEqual([true, true, false]);

    const status = document.getElementById('bulk-status') as HTMLSelectElement;
    status.value = 'pending';
    status.dispatchEvent(new Event('change'));
    await settle();
    status.closest('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(app.callsTo('BulkUpdateTickets')[0]?.variables).toEqual({ input: { ids: ['ticket-1', 'ticket-2'], status: 'pending' } });
    await vi.waitFor(() => expect(document.querySelector('[role="status"]')?.textContent).toContain('Updated 2 tickets.'));
    // The list reloads and the selection is gone.
    expect(reloads).toBe(2);
    expect(document.querySelector('#bulk-status')).toBeNull();
  });

  it('assigns and tags in bulk, and shows a refusal', async () => {
    const app = await renderApp(
      '/agent/inbox',
      inboxResponders({
        BulkUpdateTickets: (variables: Record<string, unknown>) =>
          (variables.input as { addTags?: string[] }).addTags
            ? { data: null, errors: [{ message: 'Not allowed', extensions: { code: 'FORBIDDEN' } }] }
            : { data: { bulkUpdateTickets: { updatedCount: 1, tickets: [] } } },
      }),
    );
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(rowTexts()).toHaveLength(3));
    press('j');
    press('x');
    await settle();

    await vi.waitFor(() => expect(document.querySelectorAll('#bulk-assignee option').length).toBeGreaterThan(2));
    const assignee = document.getElementById('bulk-assignee') as HTMLSelectElement;
    assignee.value = 'agent-2';
    assignee.dispatchEvent(new Event('change'));
    await settle();
    assignee.closest('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(app.callsTo('BulkUpdateTickets')[0]?.variables).toEqual({ input: { ids: ['ticket-1'], assigneeId: 'agent-2' } });

    press('x', {}, document.body);
    await settle();
    const tag = document.getElementById('bulk-tag') as HTMLInputElement;
    tag.value = 'vip';
    tag.dispatchEvent(new Event('input'));
    await settle();
    tag.closest('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(app.callsTo('BulkUpdateTickets')[1]?.variables).toEqual({ input: { ids: ['ticket-1'], addTags: ['vip'] } });
    expect(document.querySelector('.bulk [role="alert"]')?.textContent).toContain('You do not have permission');
  });

  it('saves the view plus its filters as a new view, and opens it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const saved = view({ id: 'view-new', key: null, name: 'Refunds', builtIn: false, owner: { id: me.user.id }, filter: viewFilter({ search: '退款' }) });
      let views = builtInViews;
      const app = await renderApp(
        '/agent/inbox',
        inboxResponders({
          InboxViews: () => ({ data: { ticketViews: views } }),
          CreateTicketView: () => {
            views = [...builtInViews, saved];
            return { data: { createTicketView: saved } };
          },
        }),
      );
      unmount = () => app.wrapper.unmount();
      await vi.waitFor(() => expect(rowTexts()).toHaveLength(3));
      const buttonNamed = (text: string) => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === text) as HTMLButtonElement | undefined;
      // Nothing on top of the view: nothing to save.
      expect(buttonNamed('Save as view…')).toBeUndefined();
      const search = document.getElementById('inbox-search') as HTMLInputElement;
      search.value = '退款';
      search.dispatchEvent(new Event('input'));
      await vi.advanceTimersByTimeAsync(400);
      await settle();
      buttonNamed('Save as view…')!.click();
      await settle();
      const name = document.getElementById('save-view-name') as HTMLInputElement;
      name.value = 'Refunds';
      name.dispatchEvent(new Event('input'));
      await settle();
      buttonNamed('Save view')!.click();
      await vi.waitFor(() => expect(app.callsTo('CreateTicketView')).toHaveLength(1));
      // The "mine" view's own filter travels with the search on top of it; an agent cannot share.
      expect(app.callsTo('CreateTicketView')[0]!.variables).toEqual({
        input: { name: 'Refunds', filter: { status: ['new', 'open', 'pending', 'on_hold'], search: '退款' }, sort: { field: 'updatedAt', direction: 'desc' } },
      });
      await vi.waitFor(() => expect(app.router.currentRoute.value.query.view).toBe('view-new'));
      await vi.waitFor(() => expect(document.querySelector('h1')?.textContent).toBe('Refunds'));
    } finally {
      vi.useRealTimers();
    }
  });

  it('renames and deletes the agent’s own custom view, but offers neither on built-in views', async () => {
    const mineCustom = view({ id: 'view-own', key: null, name: 'Waiting on me', builtIn: false, owner: { id: me.user.id } });
    const app = await renderApp(
      '/agent/inbox?view=view-own',
      inboxResponders({
        InboxViews: () => ({ data: { ticketViews: [...builtInViews, mineCustom] } }),
        UpdateTicketView: (variables: Record<string, any>) => ({ data: { updateTicketView: { ...mineCustom, name: variables.input.name } } }),
        DeleteTicketView: () => ({ data: { deleteTicketView: true } }),
      }),
    );
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(document.querySelector('h1')?.textContent).toBe('Waiting on me'));
    const buttonNamed = (text: string) => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === text) as HTMLButtonElement | undefined;
    buttonNamed('Edit view…')!.click();
    await settle();
    const name = document.getElementById('save-view-name') as HTMLInputElement;
    expect(name.value).toBe('Waiting on me');
    name.value = 'Waiting on Ada';
    name.dispatchEvent(new Event('input'));
    await settle();
    buttonNamed('Save view')!.click();
    await vi.waitFor(() => expect(app.callsTo('UpdateTicketView')[0]?.variables).toEqual({ input: { id: 'view-own', name: 'Waiting on Ada' } }));

    buttonNamed('Delete view')!.click();
    await settle();
    const confirm = [...document.querySelectorAll('.n-dialog button')].find((button) => button.textContent?.trim() === 'Delete view') as HTMLButtonElement;
    confirm.click();
    await vi.waitFor(() => expect(app.callsTo('DeleteTicketView')[0]?.variables).toEqual({ id: 'view-own' }));

    await app.router.push('/agent/inbox?view=view-mine');
    await vi.waitFor(() => expect(document.querySelector('h1')?.textContent).toBe('My tickets'));
    const actions = [...document.querySelectorAll('.inbox__view-actions button, .inbox__view-actions a')].map((node) => node.textContent?.trim());
    expect(actions).toEqual(['New ticket']);
  });

  it('frames the view dialog: named by its title, Cancel closes it, and a running save cannot be interrupted', async () => {
    const mineCustom = view({ id: 'view-own', key: null, name: 'Waiting on me', builtIn: false, owner: { id: me.user.id } });
    let answer: (reply: GraphqlReply) => void = () => {};
    const app = await renderApp(
      '/agent/inbox?view=view-own',
      inboxResponders({
        InboxViews: () => ({ data: { ticketViews: [...builtInViews, mineCustom] } }),
        UpdateTicketView: () => new Promise<GraphqlReply>((resolve) => (answer = resolve)),
      }),
    );
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(document.querySelector('h1')?.textContent).toBe('Waiting on me'));
    const buttonNamed = (text: string) => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === text) as HTMLButtonElement | undefined;
    buttonNamed('Edit view…')!.click();
    await settle();
    expect(dialogNamed('Edit view')).toBeDefined();
    buttonNamed('Cancel')!.click();
    await vi.waitFor(() => expect(document.querySelector('[role="dialog"]')).toBeNull());

    buttonNamed('Edit view…')!.click();
    await settle();
    buttonNamed('Save view')!.click();
    await vi.waitFor(() => expect(app.callsTo('UpdateTicketView')).toHaveLength(1));
    await settle();
    // While it runs, the dialog stays: no ×, no Cancel, no Esc, no click beside it.
    await expectLockedOpen('Edit view');

    answer({ data: { updateTicketView: mineCustom } });
    await vi.waitFor(() => expect(document.querySelector('[role="dialog"]')).toBeNull());
  });
});
