import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hit } from '../../help-center/__tests__/fixtures.ts';
import { graphqlError, settle } from '../../testing/render-app.ts';
import { agentTicket, bo, cy, detail, me, message, messageEntry } from './agent-fixtures.ts';
import { composerEditor, openTicket } from './ticket-helpers.ts';

const button = (text: string) => [...document.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === text) as HTMLButtonElement;

describe('agent ticket page', () => {
  let unmount: () => void = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    unmount();
    document.body.innerHTML = '';
  });

  it('shows the timeline with internal notes set apart from replies', async () => {
    const app = await openTicket();
    unmount = () => app.wrapper.unmount();
    expect(document.querySelector('h1')?.textContent).toContain('#1001');
    expect(document.querySelector('h1')?.textContent).toContain('Subject 1');
    const items = [...document.querySelectorAll('.timeline__list > li')];
    expect(items.map((item) => item.getAttribute('data-kind'))).toEqual(['created', 'reply', 'field_changed', 'note']);
    const [created, reply, change, note] = items;
    expect(created!.textContent).toContain('created the ticket');
    expect(reply!.querySelector('article')?.getAttribute('aria-label')).toBe('Reply by Carol Customer');
    expect(reply!.textContent).not.toContain('Internal note');
    expect(reply!.querySelector('.message--note')).toBeNull();
    expect(change!.textContent).toContain('Bo Agent changed Priority from Normal to High');
    expect(note!.querySelector('.message--note')).not.toBeNull();
    expect(note!.querySelector('article')?.getAttribute('aria-label')).toBe('Internal note by Bo Agent');
    expect(note!.textContent).toContain('Internal note');
    expect(note!.textContent).toContain('Checked the courier');
  });

  it('names the other ticket of merge and link lines: a link when it may be opened, the bare reference otherwise', async () => {
    const line = (id: string, kind: 'merged' | 'linked' | 'unlinked', data: unknown, relatedTicket: NonNullable<ReturnType<typeof messageEntry>['relatedTicket']>) => ({
      ...messageEntry(message('m1')),
      id,
      kind,
      actor: { kind: 'agent' as const, userId: bo.id, customerId: null, name: bo.name },
      message: null,
      data,
      relatedTicket,
    });
    const visible = { id: 'ticket-7', reference: '#1007', visible: true, subject: 'Printer on fire' };
    const hidden = { id: 'ticket-8', reference: '#1008', visible: false, subject: null };
    const entries = [
      line('e1', 'merged', { sourceId: 'ticket-7', targetId: 'ticket-1' }, visible),
      line('e2', 'merged', { sourceId: 'ticket-1', targetId: 'ticket-7' }, visible),
      line('e3', 'linked', { ticketId: 'ticket-8' }, hidden),
      line('e4', 'unlinked', { ticketId: 'ticket-8' }, hidden),
    ];
    const app = await openTicket({ AgentTicket: () => ({ data: { ticket: agentTicket({}, entries) } }) });
    unmount = () => app.wrapper.unmount();
    const items = [...document.querySelectorAll('.timeline__list > li')];
    expect(items.map((item) => item.querySelector('.event__text')?.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Bo Agent merged #1007 Printer on fire into this ticket',
      'Bo Agent merged this ticket into #1007 Printer on fire',
      'Bo Agent linked #1008',
      'Bo Agent unlinked #1008',
    ]);
    const link = items[0]!.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('/agent/tickets/ticket-7');
    expect(items[2]!.querySelector('a')).toBeNull();
    expect(items[2]!.querySelector('[data-testid="related-ticket-hidden"]')?.textContent).toBe('#1008');
    link.click();
    await settle();
    expect(app.router.currentRoute.value.params.id).toBe('ticket-7');
  });

  it('sends a public reply or an internal note with the matching kind', async () => {
    const app = await openTicket();
    unmount = () => app.wrapper.unmount();
    const editor = composerEditor();
    expect(document.querySelector('.composer__hint')?.textContent).toContain('The customer will receive this reply.');
    editor.commands.insertContent('Your parcel is on its way.');
    await settle();
    button('Send reply').click();
    await settle();
    expect(app.callsTo('SendMessage')[0]?.variables).toEqual({
      input: {
        ticketId: 'ticket-1',
        kind: 'reply',
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Your parcel is on its way.' }] }] },
      },
    });
    expect(editor.isEmpty).toBe(true);

    const noteRadio = document.querySelector('input[name="composer-mode"][value="note"]') as HTMLInputElement;
    noteRadio.click();
    await settle();
    expect(document.querySelector('.composer')?.classList.contains('composer--note')).toBe(true);
    expect(document.querySelector('.composer__hint')?.textContent).toContain('Customers will not see it.');
    expect(editor.view.dom.getAttribute('aria-label')).toBe('Internal note, not visible to customers');
    editor.commands.insertContent('Courier ticket 42 opened.');
    await settle();
    expect(button('Send reply')).toBeUndefined();
    button('Add internal note').click();
    await settle();
    expect(app.callsTo('SendMessage')[1]?.variables).toMatchObject({ input: { ticketId: 'ticket-1', kind: 'note' } });
  });

  it('sends and sets the status in one step', async () => {
    const app = await openTicket();
    unmount = () => app.wrapper.unmount();
    composerEditor().commands.insertContent('Waiting for your photo.');
    const statusAfter = document.getElementById('composer-status-after') as HTMLSelectElement;
    statusAfter.value = 'pending';
    statusAfter.dispatchEvent(new Event('change'));
    await settle();
    button('Send reply').click();
    await settle();
    expect(app.callsTo('SendMessage')[0]?.variables).toMatchObject({ input: { kind: 'reply', ticketStatus: 'pending' } });
  });

  /** Opens the ticket, switches the composer to a note and types `text` there. */
  async function typeInNote(text: string) {
    const app = await openTicket();
    unmount = () => app.wrapper.unmount();
    (document.querySelector('input[name="composer-mode"][value="note"]') as HTMLInputElement).click();
    await settle();
    const editor = composerEditor();
    editor.commands.focus();
    editor.commands.insertContent(text);
    return { app, editor };
  }

  it('puts a mentioned agent’s id in the note body', async () => {
    const { app, editor } = await typeInNote('@Bo');
    await vi.waitFor(() => expect(document.querySelector('#mention-list')?.textContent).toContain('Bo Agent'));
    expect(app.callsTo('AgentSearch').some((call) => call.variables.search === 'Bo')).toBe(true);
    const option = [...document.querySelectorAll('#mention-list [role="option"]')].find((item) => item.textContent?.includes('Bo Agent'))!;
    option.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
    await settle();
    editor.commands.insertContent('please check');
    button('Add internal note').click();
    await settle();
    const body = (app.callsTo('SendMessage')[0]?.variables.input as { body: { content: Array<{ content: unknown[] }> } }).body;
    expect(body.content[0]!.content[0]).toMatchObject({ type: 'mention', attrs: { id: bo.id, label: bo.name } });
  });

  it('picks a mention with the keyboard, the highlighted agent announced on the editor', async () => {
    const { editor } = await typeInNote('@');
    await vi.waitFor(() => expect(document.querySelectorAll('#mention-list [role="option"]')).toHaveLength(3));
    const editable = document.querySelector('.composer .ProseMirror')!;
    expect(editable.getAttribute('aria-controls')).toBe('mention-list');
    const key = async (name: string) => {
      editable.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
      await settle();
    };
    await key('ArrowDown');
    expect(editable.getAttribute('aria-activedescendant')).toBe('mention-option-1');
    expect(document.getElementById('mention-option-1')?.getAttribute('aria-selected')).toBe('true');
    // Round the list: up from the top is the last one.
    await key('ArrowUp');
    await key('ArrowUp');
    expect(editable.getAttribute('aria-activedescendant')).toBe('mention-option-2');
    await key('Enter');
    expect(document.querySelector('#mention-list')).toBeNull();
    expect(editor.getJSON().content?.[0]?.content?.[0]).toMatchObject({ type: 'mention', attrs: { id: cy.id, label: cy.name } });
  });

  it('does not offer mentions in a public reply', async () => {
    const app = await openTicket();
    unmount = () => app.wrapper.unmount();
    const editor = composerEditor();
    editor.commands.focus();
    editor.commands.insertContent('@Bo');
    await settle();
    expect(document.querySelector('#mention-list')).toBeNull();
  });

  it('saves property changes through updateTicket and shows the result', async () => {
    const app = await openTicket();
    unmount = () => app.wrapper.unmount();
    const status = document.getElementById('prop-status') as HTMLSelectElement;
    expect([...status.options].map((option) => option.value)).toEqual(['open', 'pending', 'on_hold', 'solved']);
    status.value = 'pending';
    status.dispatchEvent(new Event('change'));
    await settle();
    expect(app.callsTo('UpdateTicket')[0]?.variables).toEqual({ input: { id: 'ticket-1', status: 'pending' } });
    expect(document.querySelector('[data-testid="ticket-status"]')?.textContent).toBe('Pending');
    // Field changes appear in the timeline: the page asks for entries after its last one.
    expect(app.callsTo('TicketTimelinePage').at(-1)?.variables).toEqual({ id: 'ticket-1', after: 'cursor-1' });

    const assignee = document.getElementById('prop-assignee') as HTMLSelectElement;
    await vi.waitFor(() => expect(assignee.options.length).toBeGreaterThan(1));
    assignee.value = bo.id;
    assignee.dispatchEvent(new Event('change'));
    await settle();
    expect(app.callsTo('UpdateTicket')[1]?.variables).toEqual({ input: { id: 'ticket-1', assigneeId: bo.id } });
  });

  it('follows the ticket and edits the subject', async () => {
    const app = await openTicket({
      AddTicketFollower: () => ({ data: { addTicketFollower: detail({ viewerIsFollowing: true, followers: [{ ...me.user, id: me.user.id, name: me.user.name, email: me.user.email }].map(({ id, name, email }) => ({ id, name, email })) }) } }),
      UpdateTicket: (variables) => ({ data: { updateTicket: detail({ subject: String((variables.input as { subject: string }).subject) }) } }),
    });
    unmount = () => app.wrapper.unmount();
    button('Follow').click();
    await settle();
    expect(app.callsTo('AddTicketFollower')[0]?.variables).toEqual({ ticketId: 'ticket-1', userId: null });
    expect(document.querySelector('.properties__followers')?.textContent).toContain('Ada Agent (you)');
    expect(button('Unfollow')).toBeDefined();

    (document.querySelector('[aria-label="Edit subject"]') as HTMLButtonElement).click();
    await settle();
    const input = document.getElementById('ticket-subject-input') as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    input.value = 'Parcel lost in transit';
    input.dispatchEvent(new Event('input'));
    input.closest('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(app.callsTo('UpdateTicket')[0]?.variables).toEqual({ input: { id: 'ticket-1', subject: 'Parcel lost in transit' } });
    expect(document.querySelector('h1')?.textContent).toContain('Parcel lost in transit');
  });

  it('shows the customer profile and their other tickets', async () => {
    const app = await openTicket();
    unmount = () => app.wrapper.unmount();
    const panel = document.querySelector('.customer')!;
    expect(panel.textContent).toContain('Carol Customer');
    expect(panel.textContent).toContain('VIP');
    expect(panel.textContent).toContain('carol@example.com');
    expect(panel.textContent).toContain('Acme Ltd');
    expect(panel.textContent).toContain('Plan');
    expect(panel.textContent).toContain('Gold');
    // Attributes without a definition show their key.
    expect(panel.textContent).toContain('order_count');
    const history = [...panel.querySelectorAll('.customer__history a')].map((link) => link.textContent);
    expect(history).toEqual(['#0990 Old refund question']);
  });

  it('adds live messages, shows typing and applies live status changes', async () => {
    const app = await openTicket();
    unmount = () => app.wrapper.unmount();
    expect(app.subscriptions.open('TicketMessageAdded')).toEqual([{ ticketId: 'ticket-1' }]);
    app.subscriptions.emit('TicketMessageAdded', { messageAdded: message('m9', { html: '<p>Any news?</p>', text: 'Any news?' }) });
    await settle();
    expect(document.querySelector('.timeline__list')?.textContent).toContain('Any news?');

    app.subscriptions.emit('ConversationTyping', {
      typing: { conversationId: 'conversation-1', typing: true, participant: { kind: 'customer', userId: null, customerId: 'customer-1', name: 'Carol Customer' } },
    });
    await settle();
    expect(document.querySelector('.timeline__typing')?.textContent).toContain('Carol Customer is typing…');
    app.subscriptions.emit('ConversationTyping', {
      typing: { conversationId: 'conversation-1', typing: false, participant: { kind: 'customer', userId: null, customerId: 'customer-1', name: 'Carol Customer' } },
    });
    await settle();
    expect(document.querySelector('.timeline__typing')?.textContent?.trim()).toBe('');

    // The page follows exactly its ticket (the server sends nothing else).
    expect(app.subscriptions.open('TicketChangedLive')).toEqual([{ ticketId: 'ticket-1' }]);
    app.subscriptions.emit('TicketChangedLive', { ticketChanged: { kind: 'updated', ticketId: detail().id, changedFields: ['status'], ticket: detail({ status: 'pending' }) } });
    await settle();
    expect(document.querySelector('[data-testid="ticket-status"]')?.textContent).toBe('Pending');
  });

  it('says so, with a way back, when the open ticket leaves the viewer’s reach', async () => {
    let forbidden = false;
    const app = await openTicket({
      AgentTicket: (variables) => (forbidden ? graphqlError('FORBIDDEN', 'You cannot see this ticket.') : { data: { ticket: agentTicket({ id: String(variables.id) }) } }),
    });
    unmount = () => app.wrapper.unmount();
    expect(app.callsTo('AgentTicket')).toHaveLength(1);

    forbidden = true;
    app.subscriptions.emit('TicketChangedLive', { ticketChanged: { kind: 'hidden', ticketId: 'ticket-1', changedFields: [], ticket: null } });
    await settle();
    // Reloaded to learn why; nothing of the ticket stays on screen.
    expect(app.callsTo('AgentTicket')).toHaveLength(2);
    await vi.waitFor(() => expect(document.querySelector('[role="alert"]')?.textContent).toContain('so you can no longer see it'));
    expect(document.querySelector('.ProseMirror')).toBeNull();
    expect(document.querySelector('.timeline__list')).toBeNull();
    const back = [...document.querySelectorAll('a')].find((link) => link.textContent?.trim() === 'Back to the inbox');
    expect(back?.getAttribute('href')).toBe('/agent/inbox');
  });

  it('announces our typing, and only while there is text', async () => {
    const app = await openTicket();
    unmount = () => app.wrapper.unmount();
    composerEditor().commands.insertContent('Hello');
    await settle();
    expect(app.callsTo('SetTyping')[0]?.variables).toEqual({ conversationId: 'conversation-1', typing: true, kind: 'reply' });
    button('Send reply').click();
    await settle();
    expect(app.callsTo('SetTyping').at(-1)?.variables).toEqual({ conversationId: 'conversation-1', typing: false, kind: 'reply' });
  });

  it('warns about other agents and asks before sending while one of them is replying', async () => {
    const app = await openTicket({
      TicketPresenceHeartbeat: () => ({
        data: {
          ticketPresenceHeartbeat: {
            ticketId: 'ticket-1',
            viewers: [
              { user: { id: me.user.id, name: me.user.name }, composing: false, since: '2026-11-21T10:00:00.000Z' },
              { user: { id: bo.id, name: bo.name }, composing: true, since: '2026-11-21T10:00:00.000Z' },
            ],
          },
        },
      }),
    });
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(document.querySelector('.presence')?.textContent).toContain('Bo Agent is replying to this ticket right now.'));
    expect(app.callsTo('TicketPresenceHeartbeat')[0]?.variables).toEqual({ ticketId: 'ticket-1', composing: false });

    app.subscriptions.emit('TicketPresenceLive', {
      ticketPresence: {
        ticketId: 'ticket-1',
        viewers: [
          { user: { id: bo.id, name: bo.name }, composing: true, since: '2026-11-21T10:00:00.000Z' },
          { user: { id: cy.id, name: cy.name }, composing: false, since: '2026-11-21T10:00:00.000Z' },
        ],
      },
    });
    await settle();
    expect(document.querySelector('.presence')?.textContent).toContain('Cy Agent is also viewing this ticket.');

    composerEditor().commands.insertContent('We are on it.');
    await settle();
    // Having text is "composing": others are told at once.
    expect(app.callsTo('TicketPresenceHeartbeat').at(-1)?.variables).toEqual({ ticketId: 'ticket-1', composing: true });
    button('Send reply').click();
    await settle();
    expect(app.callsTo('SendMessage')).toHaveLength(0);
    const dialog = document.querySelector('[role="dialog"]');
    expect(dialog?.textContent).toContain('Bo Agent is writing on this ticket right now. Send yours anyway?');
    button('Send anyway').click();
    await settle();
    expect(app.callsTo('SendMessage')).toHaveLength(1);
  });

  it('suggests help articles for the customer’s last message and inserts one into the reply as a link', async () => {
    const app = await openTicket({
      SuggestArticles: () => ({ data: { suggestArticles: [hit('a7', 'Where is my <mark>order</mark>?', 'Tracking takes a day.')] } }),
      RecordSuggestionOpen: () => ({ data: { recordSuggestionOpen: 'open-1' } }),
    });
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(app.callsTo('SuggestArticles')).toHaveLength(1), { timeout: 5_000 });
    // The customer's reply is what the agent needs an answer for; the agent's own note is not.
    expect(app.callsTo('SuggestArticles')[0]?.variables).toMatchObject({ text: 'My order has not arrived.' });
    const insertLink = () => [...document.querySelectorAll('button')].find((candidate) => candidate.textContent?.startsWith('Insert link'));
    await vi.waitFor(() => expect(insertLink()).toBeDefined());
    insertLink()!.click();
    await settle();
    const link = composerEditor().getJSON().content?.[0]?.content?.[0];
    expect(link).toMatchObject({ type: 'text', text: 'Where is my order?', marks: [{ type: 'link', attrs: { href: expect.stringMatching(/\/help\/en\/articles\/article-a7$/) } }] });
    expect(app.callsTo('RecordSuggestionOpen')[0]?.variables).toMatchObject({ input: { articleId: 'a7', surface: 'agent_assist' } });
  });
});
