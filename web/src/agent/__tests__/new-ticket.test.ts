import type { Editor } from '@tiptap/vue-3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { acceptedUpload, dropFiles, textFile } from '../../testing/files.ts';
import { graphqlError, renderApp, settle, type Responder } from '../../testing/render-app.ts';
import { agentTicket, builtInViews, listTicket, press } from './agent-fixtures.ts';
import { listCustomer } from './customer-fixtures.ts';
import { ticketResponders } from './ticket-helpers.ts';

const button = (text: string) => [...document.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === text) as HTMLButtonElement | undefined;
const field = (id: string) => document.getElementById(id) as HTMLInputElement & HTMLSelectElement;

function type(id: string, value: string): void {
  field(id).value = value;
  field(id).dispatchEvent(new Event('input'));
}

function choose(id: string, value: string): void {
  field(id).value = value;
  field(id).dispatchEvent(new Event('change'));
}

function click(selector: string): void {
  (document.querySelector(selector) as HTMLInputElement).click();
}

const editor = () => (document.querySelector('.ProseMirror') as HTMLElement & { editor: Editor }).editor;
const errorOf = (id: string) => {
  const describedBy = field(id).getAttribute('aria-describedby') ?? '';
  return describedBy.split(' ').map((ref) => document.getElementById(ref)?.textContent?.trim()).filter(Boolean).join(' | ');
};

function newTicketResponders(overrides: Record<string, Responder> = {}): Record<string, Responder> {
  return {
    ...ticketResponders(),
    InboxViews: () => ({ data: { ticketViews: builtInViews } }),
    InboxTickets: () => ({ data: { tickets: { nodes: [listTicket(1)], pageInfo: { endCursor: null, hasNextPage: false } } } }),
    CustomerList: (variables) => {
      const search = (variables.filter as { search?: string }).search;
      const nodes = search ? [listCustomer(4, { name: 'Wang Fang', emails: ['wang@example.com'] })] : [listCustomer(1), listCustomer(2)];
      return { data: { customers: { nodes, pageInfo: { endCursor: null, hasNextPage: false } } } };
    },
    CreateTicket: () => ({ data: { createTicket: { id: 'ticket-42', reference: '#1042' } } }),
    AgentTicket: (variables) => ({ data: { ticket: agentTicket({ id: String(variables.id), reference: '#1042', subject: 'Phone: printer broken' }) } }),
    ...overrides,
  };
}

describe('new ticket', () => {
  let unmount: () => void = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    unmount();
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('opens from the inbox button and with c, which the ? dialog lists', async () => {
    const app = await renderApp('/agent/inbox', newTicketResponders());
    unmount = () => app.wrapper.unmount();
    const link = await vi.waitFor(() => {
      const found = [...document.querySelectorAll('a')].find((anchor) => anchor.textContent?.trim() === 'New ticket');
      expect(found).toBeDefined();
      return found!;
    }, { timeout: 10_000 });
    expect(link.getAttribute('href')).toBe('/agent/tickets/new');

    press('c', {}, document.body);
    await vi.waitFor(() => expect(app.router.currentRoute.value.fullPath).toBe('/agent/tickets/new'), { timeout: 10_000 });
    await vi.waitFor(() => expect(document.querySelector('h1')?.textContent).toBe('New ticket'), { timeout: 10_000 });
    // Typing in the form is typing: c stays a letter there.
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('requester-search'), { timeout: 5_000 });
    expect(press('c', {}, field('requester-search')).defaultPrevented).toBe(false);

    press('?', { shiftKey: true }, document.body);
    await settle();
    const dialog = document.querySelector('[role="dialog"]')!;
    expect(dialog.textContent).toContain('Create a new ticket');
    expect([...dialog.querySelectorAll('kbd')].map((kbd) => kbd.textContent)).toContain('c');
  });

  it('creates a ticket for a customer found by search, with an internal note and fields, and opens it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const app = await renderApp('/agent/tickets/new', newTicketResponders());
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(document.querySelector('[data-customer-id="customer-1"]')).not.toBeNull(), { timeout: 10_000 });

    type('requester-search', 'wang');
    await vi.advanceTimersByTimeAsync(400);
    await settle();
    expect(app.callsTo('CustomerList').at(-1)?.variables).toEqual({ filter: { search: 'wang' }, first: 8, after: null });
    click('[data-customer-id="customer-4"] input');
    type('new-ticket-subject', '  Phone: printer broken ');
    click('input[name="new-ticket-kind"][value="note"]');
    await settle();
    expect(document.body.textContent).toContain('Customers will not see it.');
    editor().commands.insertContent('Called at 10:00, the printer shows E5.');
    choose('new-ticket-priority', 'high');
    await vi.waitFor(() => expect(field('new-ticket-typeId').options.length).toBe(2));
    choose('new-ticket-typeId', 'type-1');
    choose('new-ticket-teamId', 'team-1');
    await vi.waitFor(() => expect(field('new-ticket-assigneeId').options.length).toBeGreaterThan(1));
    // The agent who writes the ticket has it unless they choose otherwise.
    expect(field('new-ticket-assigneeId').selectedOptions[0]?.textContent).toBe('Ada Agent (you)');
    choose('new-ticket-assigneeId', 'agent-2');
    type('new-ticket-dueAt', '2026-12-01T09:30');
    await settle();

    button('Create ticket')!.click();
    await settle();
    expect(app.callsTo('CreateTicket')[0]?.variables).toEqual({
      input: {
        subject: 'Phone: printer broken',
        requesterId: 'customer-4',
        priority: 'high',
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Called at 10:00, the printer shows E5.' }] }] },
        bodyKind: 'note',
        typeId: 'type-1',
        teamId: 'team-1',
        assigneeId: 'agent-2',
        dueAt: new Date('2026-12-01T09:30').toISOString(),
      },
    });
    await vi.waitFor(() => expect(app.router.currentRoute.value.fullPath).toBe('/agent/tickets/ticket-42'), { timeout: 10_000 });
    await vi.waitFor(() => expect(document.querySelector('h1')?.textContent).toContain('#1042'), { timeout: 10_000 });
  });

  it('sends a file dropped on the first message with the new ticket', async () => {
    const upload = vi.fn((fields: Record<string, unknown>) => acceptedUpload(fields.file as File, 'att-call-notes'));
    const app = await renderApp('/agent/tickets/new', newTicketResponders(), { rest: { 'POST /attachments': upload } });
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(document.querySelector('[data-customer-id="customer-1"]')).not.toBeNull(), { timeout: 10_000 });
    click('[data-customer-id="customer-1"] input');
    type('new-ticket-subject', 'Phone: invoice copy');
    editor().commands.insertContent('The customer sent the photo by chat.');
    dropFiles(document.querySelector('.new-ticket .ProseMirror')!, [textFile('call-notes.txt', 'notes')]);
    await settle();
    expect(upload).toHaveBeenCalledTimes(1);
    expect(document.querySelector('.new-ticket .attachment-chip')?.textContent).toContain('call-notes.txt');
    button('Create ticket')!.click();
    await vi.waitFor(() => expect(app.callsTo('CreateTicket')).toHaveLength(1));
    expect(app.callsTo('CreateTicket')[0]?.variables.input).toMatchObject({ subject: 'Phone: invoice copy', attachmentIds: ['att-call-notes'] });
  });

  it('explains missing fields in the browser, then shows the server’s refusals next to their fields', async () => {
    const app = await renderApp(
      '/agent/tickets/new',
      newTicketResponders({
        CreateTicket: () =>
          graphqlError('BAD_USER_INPUT', 'Invalid input', {
            fields: [
              { field: 'requester.email', message: 'Invalid email address' },
              { field: 'subject', message: 'Too big: expected string to have <=250 characters' },
            ],
          }),
      }),
    );
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(button('Create ticket')).toBeDefined(), { timeout: 10_000 });

    button('Create ticket')!.click();
    await settle();
    expect(app.callsTo('CreateTicket')).toHaveLength(0);
    expect(errorOf('requester-search')).toBe('Choose a customer, or enter a new contact.');
    expect(errorOf('new-ticket-subject')).toBe('This field is required.');
    expect(field('new-ticket-subject').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('requester-search');

    // A new contact: name required, e-mail checked for its shape.
    click('input[name="requester-mode"][value="new"]');
    await settle();
    type('requester-email', 'wang@');
    await settle();
    expect(errorOf('requester-name')).toBe('This field is required.');
    expect(errorOf('requester-email')).toContain('Enter a valid email address.');
    type('requester-name', 'Wang Fang');
    type('requester-email', 'wang@example.com');
    type('requester-phone', '+86 21 5555 0000');
    type('new-ticket-subject', 'Phone call');
    await settle();
    expect(field('requester-name').getAttribute('aria-invalid')).toBe('false');

    button('Create ticket')!.click();
    await settle();
    expect(app.callsTo('CreateTicket')[0]?.variables).toEqual({
      input: { subject: 'Phone call', priority: 'normal', requester: { name: 'Wang Fang', email: 'wang@example.com', phone: '+86 21 5555 0000' }, assigneeId: 'agent-1' },
    });
    // Still here, with the server's words under each field and a summary on top.
    expect(app.router.currentRoute.value.fullPath).toBe('/agent/tickets/new');
    expect(errorOf('requester-email')).toContain('Invalid email address');
    expect(errorOf('new-ticket-subject')).toBe('Too big: expected string to have <=250 characters');
    expect(document.querySelector('.new-ticket [role="alert"]')?.textContent).toContain('Some fields need attention: Email, Subject.');
    expect(document.activeElement?.id).toBe('requester-email');
    expect(field('requester-name').value).toBe('Wang Fang');

    // Neither assignee nor team: the agent is told where the ticket goes, and that they follow it.
    const warning = 'the ticket goes to the default team. If that is not one of your teams, you follow the ticket';
    expect(document.body.textContent).not.toContain(warning);
    await vi.waitFor(() => expect(field('new-ticket-assigneeId').options.length).toBeGreaterThan(1));
    choose('new-ticket-assigneeId', '');
    await settle();
    expect(document.body.textContent).toContain(warning);
    choose('new-ticket-teamId', 'team-1');
    await settle();
    expect(document.body.textContent).not.toContain(warning);
  });
});
