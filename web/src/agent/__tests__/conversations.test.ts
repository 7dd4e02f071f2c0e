import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dialogNamed, expectLockedOpen } from '../../testing/dialogs.ts';
import { graphqlError, renderApp, settle, type GraphqlReply, type Responder } from '../../testing/render-app.ts';
import { agentResponders, bo, me } from './agent-fixtures.ts';
import { agentConversation, changed, chatMessage, hidden, listConversation, scopeChanged } from './conversation-fixtures.ts';
import { composerEditor, ticketResponders } from './ticket-helpers.ts';

const rowIds = () => [...document.querySelectorAll('.conversation-row')].map((row) => row.getAttribute('data-conversation-id'));
const button = (text: string) => [...document.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === text) as HTMLButtonElement | undefined;
const radio = (name: string, value: string) => document.querySelector(`input[name="${name}"][value="${value}"]`) as HTMLInputElement;

function listResponders(overrides: Record<string, Responder> = {}): Record<string, Responder> {
  return {
    ...agentResponders(),
    ConversationList: () => ({
      data: { conversations: { nodes: [listConversation(1), listConversation(2, { assignee: { id: me.user.id, name: me.user.name } })], pageInfo: { endCursor: 'c2', hasNextPage: false } } },
    }),
    ...overrides,
  };
}

const customerHello = chatMessage('m1', { html: '<p>Where is my parcel?</p>', text: 'Where is my parcel?' });
const agentAnswer = chatMessage('m2', {
  author: { kind: 'agent', userId: bo.id, customerId: null, name: bo.name },
  html: '<p>Let me check.</p>',
  text: 'Let me check.',
});

function pageResponders(overrides: Record<string, Responder> = {}): Record<string, Responder> {
  return {
    ...ticketResponders(),
    AgentConversation: () => ({ data: { conversation: agentConversation({}, [agentAnswer, customerHello]) } }),
    MarkConversationRead: (variables) => ({ data: { markConversationRead: { conversationId: 'conversation-1', lastReadMessageId: variables.messageId } } }),
    SendMessage: (variables) => {
      const input = variables.input as { kind: 'reply' | 'note' };
      return { data: { sendMessage: chatMessage('sent-1', { kind: input.kind, author: { kind: 'agent', userId: me.user.id, customerId: null, name: me.user.name }, html: '<p>On its way.</p>', text: 'On its way.' }) } };
    },
    ...overrides,
  };
}

async function openConversation(overrides: Record<string, Responder> = {}) {
  const app = await renderApp('/agent/conversations/conversation-1', pageResponders(overrides));
  await vi.waitFor(() => expect(document.querySelector('.ProseMirror')).not.toBeNull(), { timeout: 10_000 });
  await settle();
  return app;
}

describe('agent conversations', () => {
  let unmount: () => void = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    unmount();
    document.body.innerHTML = '';
  });

  it('lists open conversations and keeps the list live from conversationChanged', async () => {
    const app = await renderApp('/agent/conversations', listResponders());
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(rowIds()).toEqual(['conversation-1', 'conversation-2']));
    expect(document.querySelector('h1')?.textContent).toBe('Conversations');
    expect(app.callsTo('ConversationList')[0]?.variables).toEqual({ filter: { status: ['open'] }, first: 25, after: null });
    expect(document.querySelector('.conversation-row a')?.getAttribute('href')).toBe('/agent/conversations/conversation-1');
    expect(document.querySelector('[data-conversation-id="conversation-2"]')?.textContent).toContain('Ada Agent');
    expect(app.subscriptions.open('ConversationChangedLive')).toEqual([{ filter: null }]);

    // A new chat arrives on top; a changed one moves up; a closed one leaves the open list.
    app.subscriptions.emit('ConversationChangedLive', changed(listConversation(3, { lastMessage: { id: 'x', kind: 'reply', text: 'Hi there', createdAt: '2026-11-21T11:00:00.000Z' } }), 'created'));
    await settle();
    expect(rowIds()).toEqual(['conversation-3', 'conversation-1', 'conversation-2']);
    expect(document.querySelector('[data-conversation-id="conversation-3"]')?.textContent).toContain('Hi there');
    app.subscriptions.emit('ConversationChangedLive', changed(listConversation(2, { assignee: { id: me.user.id, name: me.user.name } })));
    await settle();
    expect(rowIds()).toEqual(['conversation-2', 'conversation-3', 'conversation-1']);
    app.subscriptions.emit('ConversationChangedLive', changed(listConversation(1, { status: 'closed' })));
    await settle();
    expect(rowIds()).toEqual(['conversation-2', 'conversation-3']);

    // "Mine": the filter goes to the server and into the address; unassigned changes stay out.
    radio('conversation-owner', 'mine').click();
    await settle();
    expect(app.router.currentRoute.value.query).toMatchObject({ owner: 'mine' });
    expect(app.callsTo('ConversationList').at(-1)?.variables).toEqual({ filter: { status: ['open'], assigneeIds: [me.user.id] }, first: 25, after: null });
    app.subscriptions.emit('ConversationChangedLive', changed(listConversation(5)));
    await settle();
    expect(rowIds()).not.toContain('conversation-5');

    radio('conversation-status', 'closed').click();
    await settle();
    expect(app.callsTo('ConversationList').at(-1)?.variables).toEqual({ filter: { status: ['closed'], assigneeIds: [me.user.id] }, first: 25, after: null });
  });

  it('shows unread counts (badge and link name), keeps them live (a read one in place), and drops a conversation taken out of reach', async () => {
    const app = await renderApp(
      '/agent/conversations',
      listResponders({
        ConversationList: () => ({
          data: { conversations: { nodes: [listConversation(1, { unreadCount: 3 }), listConversation(2), listConversation(4, { unreadCount: 120 })], pageInfo: { endCursor: 'c4', hasNextPage: false } } },
        }),
      }),
    );
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(rowIds()).toEqual(['conversation-1', 'conversation-2', 'conversation-4']));
    const row = (n: number) => document.querySelector(`[data-conversation-id="conversation-${n}"]`)!;
    const badge = (n: number) => row(n).querySelector('.conversation-row__unread');
    // Seen as a number, heard as words within the link.
    expect(badge(1)?.textContent?.trim()).toBe('3');
    expect(badge(1)?.getAttribute('aria-hidden')).toBe('true');
    expect(row(1).querySelector('a')?.textContent).toContain('3 unread messages');
    expect(badge(2)).toBeNull();
    expect(row(2).querySelector('a')?.textContent).not.toContain('unread');
    expect(badge(4)?.textContent?.trim()).toBe('99+');
    expect(row(4).querySelector('a')?.textContent).toContain('120 unread messages');

    // A message arrives in conversation 2: it moves up with its new count.
    app.subscriptions.emit('ConversationChangedLive', changed(listConversation(2, { unreadCount: 1 })));
    await settle();
    expect(rowIds()).toEqual(['conversation-2', 'conversation-1', 'conversation-4']);
    expect(badge(2)?.textContent?.trim()).toBe('1');
    expect(row(2).querySelector('a')?.textContent).toContain('one unread message');

    // The viewer read conversation 4 (here or in another tab): its badge goes, nothing moves.
    app.subscriptions.emit('ConversationChangedLive', changed(listConversation(4, { unreadCount: 0 }), 'read'));
    await settle();
    expect(rowIds()).toEqual(['conversation-2', 'conversation-1', 'conversation-4']);
    expect(badge(4)).toBeNull();
    expect(row(4).querySelector('a')?.textContent).not.toContain('unread');
    // A read of a conversation the list does not show adds nothing.
    app.subscriptions.emit('ConversationChangedLive', changed(listConversation(9, { unreadCount: 0 }), 'read'));
    await settle();
    expect(rowIds()).toEqual(['conversation-2', 'conversation-1', 'conversation-4']);

    // Conversation 1 was transferred to someone outside the viewer's teams: its row leaves.
    app.subscriptions.emit('ConversationChangedLive', hidden('conversation-1'));
    await settle();
    expect(rowIds()).toEqual(['conversation-2', 'conversation-4']);
    // One the list never showed changes nothing.
    app.subscriptions.emit('ConversationChangedLive', hidden('conversation-9'));
    await settle();
    expect(rowIds()).toEqual(['conversation-2', 'conversation-4']);
  });

  it('fetches the list again when the viewer’s teams change', async () => {
    let answer = 0;
    const app = await renderApp(
      '/agent/conversations',
      listResponders({
        ConversationList: () => {
          const nodes = answer++ === 0 ? [listConversation(1), listConversation(2)] : [listConversation(2)];
          return { data: { conversations: { nodes, pageInfo: { endCursor: 'c', hasNextPage: false } } } };
        },
      }),
    );
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(rowIds()).toEqual(['conversation-1', 'conversation-2']));

    // Removed from conversation 1's team: the server sends no id, the list asks again.
    app.subscriptions.emit('ConversationChangedLive', scopeChanged());
    await settle();
    expect(app.callsTo('ConversationList')).toHaveLength(2);
    expect(app.callsTo('ConversationList')[1]?.variables).toEqual({ filter: { status: ['open'] }, first: 25, after: null });
    expect(rowIds()).toEqual(['conversation-2']);
  });

  it('shows the messages, adds live ones, shows typing, and replies into the conversation', async () => {
    const app = await openConversation();
    unmount = () => app.wrapper.unmount();
    expect(document.querySelector('h1')?.textContent).toContain('Conversation with Carol Customer');
    // Oldest first on screen; the newest is marked read.
    const texts = () => [...document.querySelectorAll('.timeline__list .message__body')].map((body) => body.textContent);
    expect(texts()).toEqual(['Where is my parcel?', 'Let me check.']);
    expect(app.callsTo('MarkConversationRead')[0]?.variables).toEqual({ conversationId: 'conversation-1', messageId: 'm2' });
    expect(document.querySelector('.customer')?.textContent).toContain('Carol Customer');

    expect(app.subscriptions.open('ConversationMessageAdded')).toEqual([{ conversationId: 'conversation-1' }]);
    app.subscriptions.emit('ConversationMessageAdded', { messageAdded: chatMessage('m3', { html: '<p>Any news?</p>', text: 'Any news?' }) });
    await settle();
    expect(texts()).toEqual(['Where is my parcel?', 'Let me check.', 'Any news?']);
    expect(app.callsTo('MarkConversationRead').at(-1)?.variables).toEqual({ conversationId: 'conversation-1', messageId: 'm3' });

    app.subscriptions.emit('ConversationTyping', {
      typing: { conversationId: 'conversation-1', typing: true, participant: { kind: 'customer', userId: null, customerId: 'customer-1', name: 'Carol Customer' } },
    });
    await settle();
    expect(document.querySelector('.timeline__typing')?.textContent).toContain('Carol Customer is typing…');

    // The conversation has no ticket: no status choice, and the message goes to the conversation.
    expect(document.getElementById('composer-status-after')).toBeNull();
    composerEditor().commands.insertContent('On its way.');
    await settle();
    expect(app.callsTo('SetTyping')[0]?.variables).toEqual({ conversationId: 'conversation-1', typing: true, kind: 'reply' });
    button('Send reply')!.click();
    await settle();
    expect(app.callsTo('SendMessage')[0]?.variables).toEqual({
      input: { conversationId: 'conversation-1', kind: 'reply', body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'On its way.' }] }] } },
    });
    expect(texts().at(-1)).toBe('On its way.');
  });

  it('closes, reopens and transfers, following changes made elsewhere', async () => {
    const app = await openConversation({
      CloseConversation: () => ({ data: { closeConversation: listConversation(1, { status: 'closed', customer: { id: 'customer-1', name: 'Carol Customer', tier: 'vip' } }) } }),
      ReopenConversation: () => ({ data: { reopenConversation: listConversation(1, { customer: { id: 'customer-1', name: 'Carol Customer', tier: 'vip' } }) } }),
      TransferConversation: () => ({
        data: { transferConversation: listConversation(1, { team: { id: 'team-1', name: 'Support' }, customer: { id: 'customer-1', name: 'Carol Customer', tier: 'vip' } }) },
      }),
    });
    unmount = () => app.wrapper.unmount();
    const status = () => document.querySelector('[data-testid="conversation-status"]')?.textContent?.trim();
    expect(status()).toBe('Open');

    button('Close')!.click();
    await settle();
    expect(app.callsTo('CloseConversation')[0]?.variables).toEqual({ id: 'conversation-1' });
    expect(status()).toBe('Closed');
    button('Reopen')!.click();
    await settle();
    expect(status()).toBe('Open');

    button('Transfer…')!.click();
    await settle();
    button('Transfer')!.click();
    await settle();
    // Neither agent nor team chosen: explained, nothing sent.
    expect(document.querySelector('[role="dialog"]')?.textContent).toContain('Choose an agent or a team.');
    expect(app.callsTo('TransferConversation')).toHaveLength(0);
    const team = document.getElementById('transfer-team') as HTMLSelectElement;
    await vi.waitFor(() => expect(team.options.length).toBeGreaterThan(1));
    team.value = 'team-1';
    team.dispatchEvent(new Event('change'));
    const note = document.getElementById('transfer-note') as HTMLTextAreaElement;
    note.value = 'VIP, needs a refund.';
    note.dispatchEvent(new Event('input'));
    await settle();
    button('Transfer')!.click();
    await settle();
    expect(app.callsTo('TransferConversation')[0]?.variables).toEqual({ input: { conversationId: 'conversation-1', teamId: 'team-1', note: 'VIP, needs a refund.' } });
    expect(document.querySelector('[data-testid="conversation-owner"]')?.textContent).toContain('Support');

    // Someone else assigns it: the page follows (the stream is narrowed to the customer).
    expect(app.subscriptions.open('ConversationChangedLive')).toEqual([{ filter: { customerId: 'customer-1' } }]);
    app.subscriptions.emit(
      'ConversationChangedLive',
      changed(listConversation(1, { assignee: { id: bo.id, name: bo.name }, customer: { id: 'customer-1', name: 'Carol Customer', tier: 'vip' } })),
    );
    await settle();
    expect(document.querySelector('[data-testid="conversation-owner"]')?.textContent).toContain('Bo Agent');
  });

  it('frames the transfer dialog: named by its title, Cancel closes it, and a running transfer cannot be interrupted', async () => {
    let answer: (reply: GraphqlReply) => void = () => {};
    const app = await openConversation({ TransferConversation: () => new Promise<GraphqlReply>((resolve) => (answer = resolve)) });
    unmount = () => app.wrapper.unmount();
    button('Transfer…')!.click();
    await settle();
    expect(dialogNamed('Transfer the conversation')).toBeDefined();
    button('Cancel')!.click();
    await vi.waitFor(() => expect(document.querySelector('[role="dialog"]')).toBeNull());

    button('Transfer…')!.click();
    await settle();
    const team = document.getElementById('transfer-team') as HTMLSelectElement;
    await vi.waitFor(() => expect(team.options.length).toBeGreaterThan(1));
    team.value = 'team-1';
    team.dispatchEvent(new Event('change'));
    await settle();
    button('Transfer')!.click();
    await settle();
    // While it runs, the dialog stays: no ×, no Cancel, no Esc, no click beside it.
    await expectLockedOpen('Transfer the conversation');

    answer({ data: { transferConversation: listConversation(1, { team: { id: 'team-1', name: 'Support' }, customer: { id: 'customer-1', name: 'Carol Customer', tier: 'vip' } }) } });
    await vi.waitFor(() => expect(document.querySelector('[role="dialog"]')).toBeNull());
    expect(app.callsTo('TransferConversation')).toHaveLength(1);
  });

  it('says so when the open conversation is taken out of the viewer’s reach', async () => {
    let forbidden = false;
    const app = await openConversation({
      AgentConversation: () => (forbidden ? graphqlError('FORBIDDEN', 'You cannot see this conversation.') : { data: { conversation: agentConversation({}, [agentAnswer, customerHello]) } }),
    });
    unmount = () => app.wrapper.unmount();
    expect(app.callsTo('AgentConversation')).toHaveLength(1);

    // Another conversation of the same customer leaving the viewer's reach is not this page's business.
    app.subscriptions.emit('ConversationChangedLive', hidden('conversation-7'));
    await settle();
    expect(app.callsTo('AgentConversation')).toHaveLength(1);
    expect(document.querySelector('.ProseMirror')).not.toBeNull();

    forbidden = true;
    app.subscriptions.emit('ConversationChangedLive', hidden('conversation-1'));
    await settle();
    // Reloaded to learn why; the thread and composer are gone, the reason and a way back are shown.
    expect(app.callsTo('AgentConversation')).toHaveLength(2);
    await vi.waitFor(() => expect(document.querySelector('[role="alert"]')?.textContent).toContain('This conversation was handed to another agent or team, so you can no longer see it.'));
    expect(document.querySelector('.ProseMirror')).toBeNull();
    expect(document.querySelector('.timeline__list')).toBeNull();
    const back = [...document.querySelectorAll('a')].find((link) => link.textContent?.trim() === 'Back to conversations');
    expect(back?.getAttribute('href')).toBe('/agent/conversations');
  });

  it('checks the open conversation again when the viewer’s teams change, and says why it is gone', async () => {
    let forbidden = false;
    const app = await openConversation({
      AgentConversation: () => (forbidden ? graphqlError('FORBIDDEN', 'You cannot see this conversation.') : { data: { conversation: agentConversation({}, [agentAnswer, customerHello]) } }),
    });
    unmount = () => app.wrapper.unmount();

    // Still visible after the change (e.g. assigned to the viewer): the page stays as it was.
    app.subscriptions.emit('ConversationChangedLive', scopeChanged());
    await settle();
    expect(app.callsTo('AgentConversation')).toHaveLength(2);
    expect(document.querySelector('[role="alert"]')).toBeNull();
    expect(document.querySelector('.ProseMirror')).not.toBeNull();

    forbidden = true;
    app.subscriptions.emit('ConversationChangedLive', scopeChanged());
    await settle();
    expect(app.callsTo('AgentConversation')).toHaveLength(3);
    await vi.waitFor(() => expect(document.querySelector('[role="alert"]')?.textContent).toContain('Your team membership changed, so you can no longer see this conversation.'));
    expect(document.querySelector('.ProseMirror')).toBeNull();
    expect(document.querySelector('.timeline__list')).toBeNull();
  });

  it('shows the deletion of the conversation’s team when the page checks again: no team, and the line naming it', async () => {
    let deleted = false;
    const support = { id: 'team-1', name: 'Support' };
    const line = chatMessage('m3', { kind: 'system', author: null, html: '', text: '', event: 'team_deleted', data: { team: support }, createdAt: '2026-11-21T11:00:00.000Z' });
    const app = await openConversation({
      AgentConversation: () => ({
        data: { conversation: deleted ? agentConversation({ team: null }, [line, agentAnswer, customerHello]) : agentConversation({ team: support }, [agentAnswer, customerHello]) },
      }),
    });
    unmount = () => app.wrapper.unmount();
    const owner = () => document.querySelector('[data-testid="conversation-owner"]')?.textContent;
    expect(owner()).toContain('Support');

    deleted = true;
    app.subscriptions.emit('ConversationChangedLive', scopeChanged());
    await settle();
    expect(app.callsTo('AgentConversation')).toHaveLength(2);
    expect(owner()).not.toContain('Support');
    const events = [...document.querySelectorAll('.timeline__list .event__text')].map((item) => item.textContent?.trim());
    expect(events).toEqual(['The conversation’s team Support was deleted']);
    expect(document.querySelector('[role="alert"]')).toBeNull();
  });

  it('converts the conversation to a ticket and opens the new ticket', async () => {
    const app = await openConversation({
      ConvertConversationToTicket: () => ({ data: { convertConversationToTicket: { id: 'ticket-1', reference: '#1001' } } }),
    });
    unmount = () => app.wrapper.unmount();
    button('Convert to ticket…')!.click();
    await settle();
    const subject = document.getElementById('convert-subject') as HTMLInputElement;
    // Suggested from the customer's first words; editable.
    expect(subject.value).toBe('Where is my parcel?');
    subject.value = 'Parcel missing';
    subject.dispatchEvent(new Event('input'));
    const priority = document.getElementById('convert-priority') as HTMLSelectElement;
    priority.value = 'high';
    priority.dispatchEvent(new Event('change'));
    await settle();
    button('Create ticket')!.click();
    await settle();
    expect(app.callsTo('ConvertConversationToTicket')[0]?.variables).toEqual({ input: { conversationId: 'conversation-1', subject: 'Parcel missing', priority: 'high' } });
    await vi.waitFor(() => expect(app.router.currentRoute.value.fullPath).toBe('/agent/tickets/ticket-1'), { timeout: 10_000 });
    await vi.waitFor(() => expect(document.querySelector('h1')?.textContent).toContain('#1001'));
  });
});
