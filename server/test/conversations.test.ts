import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestKefu } from '../src/testing/index.ts';
import { agentTicket, doc, GET_TICKET, SEND, setUpDesk, type Desk } from './support/helpdesk.ts';

const START = `mutation($i: StartConversationInput!) { startConversation(input: $i) { id channel status customer { id } ticket { id } } }`;
const CONVERSATION = `query($id: ID!) { conversation(id: $id) { id status assignee { id } team { id } ticket { id }
  messages { nodes { id kind text event author { kind } } } } }`;

describe('conversations and messages', () => {
  let t: TestKefu;
  let desk: Desk;
  beforeAll(async () => {
    t = await startTestKefu();
    desk = await setUpDesk(t);
  });
  afterAll(() => t.close());

  it('a customer starts a live conversation; an agent answers, transfers it, and converts it to a ticket', async () => {
    const { startConversation: conversation } = await desk.customer.client.data(START, { i: { body: doc('Hi, is anyone there?') } });
    expect(conversation).toMatchObject({ channel: 'portal', status: 'open', ticket: null });
    // Not yet routed: every agent may pick it up.
    await desk.agentA.client.data(SEND, { i: { conversationId: conversation.id, body: doc('Hello! How can I help?') } });
    const transferred = await desk.agentA.client.data(
      `mutation($i: TransferConversationInput!) { transferConversation(input: $i) { assignee { id } team { id } } }`,
      { i: { conversationId: conversation.id, teamId: desk.teamB, assigneeId: desk.agentB.id, note: 'Billing question, over to you' } },
    );
    expect(transferred.transferConversation).toEqual({ assignee: { id: desk.agentB.id }, team: { id: desk.teamB } });
    // Agent A handed it away and can no longer open it; agent B can.
    expect((await desk.agentA.client.gql(CONVERSATION, { id: conversation.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { conversation: seen } = await desk.agentB.client.data(CONVERSATION, { id: conversation.id });
    expect(seen.messages.nodes.map((node: { kind: string; event: string | null }) => node.event ?? node.kind)).toEqual(['reply', 'reply', 'transferred', 'note']);

    const { convertConversationToTicket: ticket } = await desk.agentB.client.data(
      `mutation($i: ConvertConversationInput!) { convertConversationToTicket(input: $i) { id channel status requester { id } assignee { id } team { id } conversations { id } } }`,
      { i: { conversationId: conversation.id, subject: 'Billing question', priority: 'high' } },
    );
    expect(ticket).toMatchObject({ channel: 'portal', requester: { id: conversation.customer.id }, assignee: { id: desk.agentB.id }, team: { id: desk.teamB }, conversations: [{ id: conversation.id }] });
    const again = await desk.agentB.client.gql(`mutation($i: ConvertConversationInput!) { convertConversationToTicket(input: $i) { id } }`, { i: { conversationId: conversation.id, subject: 'Twice' } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'conversationId' }] });

    // The customer sees the ticket with the public replies only (no note, no system lines).
    const { ticket: portal } = await desk.customer.client.data(`query($id: ID!) { ticket(id: $id) { subject conversations { messages { nodes { kind text } } } } }`, { id: ticket.id });
    expect(portal.conversations[0].messages.nodes).toEqual([
      { kind: 'reply', text: 'Hi, is anyone there?' },
      { kind: 'reply', text: 'Hello! How can I help?' },
    ]);
  });

  it('read receipts are persisted, only move forward, and count unread messages', async () => {
    const ticket = await agentTicket(desk.agentA.client, { subject: 'Reads', teamId: desk.teamA, body: doc('one') });
    await desk.agentA.client.data(SEND, { i: { ticketId: ticket.id, body: doc('two') } });
    await desk.agentA.client.data(SEND, { i: { ticketId: ticket.id, kind: 'note', body: doc('three (note)') } });
    const { ticket: detail } = await desk.supervisor.client.data(
      `query($id: ID!) { ticket(id: $id) { conversations { id unreadCount messages { nodes { id } } } } }`,
      { id: ticket.id },
    );
    const [conversation] = detail.conversations;
    expect(conversation.unreadCount).toBe(3);
    const [first, second, third] = conversation.messages.nodes.map((node: { id: string }) => node.id);
    const MARK = `mutation($c: ID!, $m: ID!) { markConversationRead(conversationId: $c, messageId: $m) { lastReadMessageId participant { kind userId } } }`;
    await desk.supervisor.client.data(MARK, { c: conversation.id, m: second });
    const backwards = await desk.supervisor.client.data(MARK, { c: conversation.id, m: first });
    expect(backwards.markConversationRead).toEqual({ lastReadMessageId: second, participant: { kind: 'agent', userId: desk.supervisor.id } });
    const after = await desk.supervisor.client.data(`query($id: ID!) { conversation(id: $id) { unreadCount readReceipts { lastReadMessageId } } }`, { id: conversation.id });
    expect(after.conversation).toEqual({ unreadCount: 1, readReceipts: [{ lastReadMessageId: second }] });
    expect(third).toBeTruthy();
  });

  it('merging tickets keeps both histories visible from the target and closes the source', async () => {
    const source = await agentTicket(desk.agentA.client, { subject: 'Duplicate', teamId: desk.teamA, body: doc('source message') });
    const target = await agentTicket(desk.agentA.client, { subject: 'Original', teamId: desk.teamA, body: doc('target message') });
    const { mergeTickets } = await desk.agentA.client.data(
      `mutation { mergeTickets(sourceId: "${source.id}", targetId: "${target.id}") { id mergedTickets { id }
         conversations { messages { nodes { text } } } timeline(first: 100) { nodes { kind ticketId data } } } }`,
    );
    expect(mergeTickets.mergedTickets).toEqual([{ id: source.id }]);
    expect(mergeTickets.conversations.flatMap((conversation: any) => conversation.messages.nodes.map((node: { text: string }) => node.text)).sort()).toEqual(['source message', 'target message']);
    const timelineTickets = new Set(mergeTickets.timeline.nodes.map((entry: { ticketId: string }) => entry.ticketId));
    expect(timelineTickets).toEqual(new Set([source.id, target.id]));
    // Recorded on both tickets, listed once here: the target's line (the source's own shows on the source).
    expect(mergeTickets.timeline.nodes.filter((entry: { kind: string }) => entry.kind === 'merged').map((entry: { ticketId: string }) => entry.ticketId)).toEqual([target.id]);
    const { ticket } = await desk.agentA.client.data(`query($id: ID!) { ticket(id: $id) { status mergedInto { id } } }`, { id: source.id });
    expect(ticket).toEqual({ status: 'closed', mergedInto: { id: target.id } });
    const write = await desk.agentA.client.gql(SEND, { i: { ticketId: source.id, kind: 'note', body: doc('late') } });
    expect(write.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const other = await agentTicket(desk.agentB.client, { subject: 'Other team', teamId: desk.teamB });
    const refused = await desk.agentA.client.gql(`mutation { mergeTickets(sourceId: "${other.id}", targetId: "${target.id}") { id } }`);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await desk.agentB.client.data(GET_TICKET, { id: other.id })).ticket.status).toBe('new');
  });

  it('refuses bodies that are not Tiptap documents and never stores client HTML', async () => {
    const ticket = await agentTicket(desk.agentA.client, { subject: 'XSS', teamId: desk.teamA });
    const html = await desk.agentA.client.gql(SEND, { i: { ticketId: ticket.id, body: '<img src=x onerror=alert(1)>' } });
    expect(html.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'body' }] });
    const sent = await desk.agentA.client.data(SEND, {
      i: { ticketId: ticket.id, body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '<script>alert(1)</script>', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] } },
    });
    expect(sent.sendMessage.html).not.toMatch(/<script|javascript:/i);
    expect(sent.sendMessage.text).toBe('<script>alert(1)</script>');
  });
});
