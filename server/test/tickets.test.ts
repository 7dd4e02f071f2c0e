import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestKefu } from '../src/testing/index.ts';
import { agentTicket, CREATE_TICKET, doc, GET_TICKET, portalTicket, SEND, setUpDesk, UPDATE_TICKET, type Desk } from './support/helpdesk.ts';

describe('tickets', () => {
  let t: TestKefu;
  let desk: Desk;
  beforeAll(async () => {
    t = await startTestKefu();
    desk = await setUpDesk(t);
  });
  afterAll(() => t.close());

  it('an agent creates a ticket with requester, type, tags, assignee and first message', async () => {
    const { ticketTypes } = await desk.agentA.client.data(`{ ticketTypes { id key } }`);
    expect(ticketTypes.map((type: { key: string }) => type.key)).toEqual(['pre_sales', 'order', 'after_sales', 'technical', 'complaint', 'other']);
    const ticket = await agentTicket(desk.agentA.client, {
      subject: 'Order 1234 missing',
      typeId: ticketTypes[1].id,
      tags: ['Shipping', 'vip '],
      teamId: desk.teamA,
      assigneeId: desk.agentA.id,
      priority: 'high',
    });
    expect(ticket).toMatchObject({
      subject: 'Order 1234 missing',
      status: 'open',
      priority: 'high',
      channel: 'agent',
      requester: { name: 'Walk-in' },
      assignee: { id: desk.agentA.id },
      team: { id: desk.teamA },
      tags: [{ name: 'shipping' }, { name: 'vip' }],
      type: { key: 'order' },
    });
    expect(ticket.reference).toBe(`#${ticket.number}`);
    const detail = await desk.agentA.client.data(
      `query($id: ID!) { ticket(id: $id) { conversations { channel messages { nodes { kind text author { kind name } } } } lastMessage { text }
         timeline { nodes { kind actor { kind } message { text } } } } }`,
      { id: ticket.id },
    );
    expect(detail.ticket.conversations).toEqual([{ channel: 'agent', messages: { nodes: [{ kind: 'reply', text: 'First message', author: { kind: 'agent', name: desk.agentA.name } }] } }]);
    expect(detail.ticket.lastMessage.text).toBe('First message');
    expect(detail.ticket.timeline.nodes.map((entry: { kind: string }) => entry.kind)).toEqual(['created', 'conversation_added', 'message']);
  });

  it('numbers are sequential, never reused after a failed create, and the prefix is configurable', async () => {
    const first = await agentTicket(desk.agentA.client, { subject: 'one', teamId: desk.teamA });
    const failed = await desk.agentA.client.gql(CREATE_TICKET, { i: { subject: 'bad', requester: { name: 'x' }, body: doc('x'), typeId: '00000000-0000-4000-8000-000000000000' } });
    expect(failed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const second = await agentTicket(desk.agentA.client, { subject: 'two', teamId: desk.teamA });
    expect(second.number).toBeGreaterThan(first.number);
    await desk.admin.data(`mutation { updateTicketSettings(input: { numberPrefix: "KF-" }) { numberPrefix } }`);
    const again = await desk.agentA.client.data(GET_TICKET, { id: second.id });
    expect(again.ticket.reference).toBe(`KF-${second.number}`);
    await desk.admin.data(`mutation { updateTicketSettings(input: { numberPrefix: "#" }) { numberPrefix } }`);
  });

  it('status follows the transition table; an invalid transition changes nothing', async () => {
    const ticket = await agentTicket(desk.agentA.client, { subject: 'Transitions', teamId: desk.teamA });
    expect(ticket.status).toBe('new');
    const solved = await desk.agentA.client.data(UPDATE_TICKET, { i: { id: ticket.id, status: 'solved' } });
    expect(solved.updateTicket.status).toBe('solved');
    const closed = await desk.agentA.client.data(UPDATE_TICKET, { i: { id: ticket.id, status: 'closed', subject: 'Renamed' } });
    expect(closed.updateTicket).toMatchObject({ status: 'closed', subject: 'Renamed' });
    const refused = await desk.agentA.client.gql(UPDATE_TICKET, { i: { id: ticket.id, status: 'open', subject: 'Sneaky' } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'status' }] });
    const after = await desk.agentA.client.data(GET_TICKET, { id: ticket.id });
    expect(after.ticket).toMatchObject({ status: 'closed', subject: 'Renamed' });
  });

  it('records every field change in the timeline with actor, from and to', async () => {
    const ticket = await agentTicket(desk.agentA.client, { subject: 'Audit me', teamId: desk.teamA });
    await desk.agentA.client.data(UPDATE_TICKET, { i: { id: ticket.id, priority: 'urgent', assigneeId: desk.agentA.id, tags: ['a', 'b'] } });
    await desk.agentA.client.data(UPDATE_TICKET, { i: { id: ticket.id, assigneeId: null, dueAt: '2030-01-02T03:04:05.000Z' } });
    const { ticket: detail } = await desk.agentA.client.data(
      `query($id: ID!) { ticket(id: $id) { timeline { nodes { kind field from to actor { kind userId } } } } }`,
      { id: ticket.id },
    );
    const changes = detail.timeline.nodes.filter((entry: { kind: string }) => entry.kind === 'field_changed');
    expect(changes).toEqual([
      { kind: 'field_changed', field: 'priority', from: 'normal', to: 'urgent', actor: { kind: 'agent', userId: desk.agentA.id } },
      { kind: 'field_changed', field: 'assignee', from: null, to: { id: desk.agentA.id, name: desk.agentA.name }, actor: { kind: 'agent', userId: desk.agentA.id } },
      { kind: 'field_changed', field: 'tags', from: [], to: ['a', 'b'], actor: { kind: 'agent', userId: desk.agentA.id } },
      { kind: 'field_changed', field: 'assignee', from: { id: desk.agentA.id, name: desk.agentA.name }, to: null, actor: { kind: 'agent', userId: desk.agentA.id } },
      { kind: 'field_changed', field: 'dueAt', from: null, to: '2030-01-02T03:04:05.000Z', actor: { kind: 'agent', userId: desk.agentA.id } },
    ]);
  });

  it('a customer submits a ticket from the portal and sees it, with public replies only', async () => {
    const ticketId = await portalTicket(desk.customer.client, 'My printer', 'It is on fire');
    await desk.supervisor.client.data(SEND, { i: { ticketId, kind: 'note', body: doc('internal: customer is angry') } });
    await desk.supervisor.client.data(SEND, { i: { ticketId, kind: 'reply', body: doc('We are on it'), ticketStatus: 'pending' } });
    const { ticket } = await desk.customer.client.data(
      `query($id: ID!) { ticket(id: $id) { subject status channel assignee { id } tags { name } lastMessage { text }
          requester { attributes user { id } }
          conversations { messages { nodes { kind text } } }
          timeline { nodes { kind message { text } } } } }`,
      { id: ticketId },
    );
    expect(ticket).toMatchObject({ subject: 'My printer', status: 'pending', channel: 'portal', assignee: null, tags: [], lastMessage: { text: 'We are on it' } });
    expect(ticket.requester).toEqual({ attributes: {}, user: null });
    expect(ticket.conversations[0].messages.nodes).toEqual([
      { kind: 'reply', text: 'It is on fire' },
      { kind: 'reply', text: 'We are on it' },
    ]);
    expect(ticket.timeline.nodes.map((entry: { message: { text: string } }) => entry.message.text)).toEqual(['It is on fire', 'We are on it']);
    // The customer's reply reopens the pending ticket.
    await desk.customer.client.data(SEND, { i: { ticketId, body: doc('Still burning') } });
    expect((await desk.customer.client.data(`query($id: ID!) { ticket(id: $id) { status } }`, { id: ticketId })).ticket.status).toBe('open');
    const mine = await desk.customer.client.data(`{ tickets { nodes { id } } }`);
    expect(mine.tickets.nodes.map((node: { id: string }) => node.id)).toContain(ticketId);
  });
});
