import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestKefu } from '../src/testing/index.ts';
import { agentTicket, doc, GET_TICKET, LIST, portalTicket, SEND, setUpDesk, UPDATE_TICKET, type Desk } from './support/helpdesk.ts';

const ids = (data: { tickets: { nodes: { id: string }[] } }) => data.tickets.nodes.map((node) => node.id);
const NOTE = 'secret-note-zebra';

describe('ticket visibility', () => {
  let t: TestKefu;
  let desk: Desk;
  let ticketA: string; // team A
  let ticketB: string; // team B
  let assignedToA: string; // team B, assigned to agent A
  let followedByA: string; // team B, followed by agent A
  let customerTicket: string; // the customer's, team A
  let otherCustomerTicket: string;

  beforeAll(async () => {
    t = await startTestKefu();
    desk = await setUpDesk(t);
    ticketA = (await agentTicket(desk.agentA.client, { subject: 'Team A ticket', teamId: desk.teamA })).id;
    ticketB = (await agentTicket(desk.agentB.client, { subject: 'Team B ticket', teamId: desk.teamB })).id;
    assignedToA = (await agentTicket(desk.agentB.client, { subject: 'B assigned to A', teamId: desk.teamB, assigneeId: desk.agentA.id })).id;
    followedByA = (await agentTicket(desk.agentB.client, { subject: 'B followed by A', teamId: desk.teamB })).id;
    await desk.agentB.client.data(`mutation { addTicketFollower(ticketId: "${followedByA}", userId: "${desk.agentA.id}") { id } }`);
    await desk.admin.data(`mutation { updateTicketSettings(input: { defaultTeamId: "${desk.teamA}" }) { numberPrefix } }`);
    customerTicket = await portalTicket(desk.customer.client, 'Customer ticket', 'customer words');
    otherCustomerTicket = await portalTicket(desk.otherCustomer.client, 'Other customer ticket');
    await desk.agentA.client.data(SEND, { i: { ticketId: customerTicket, kind: 'note', body: doc(NOTE) } });
    await desk.agentA.client.data(SEND, { i: { ticketId: customerTicket, kind: 'reply', body: doc('public answer') } });
  });
  afterAll(() => t.close());

  it('an agent sees their teams’ tickets plus those assigned to or followed by them', async () => {
    const visible = ids(await desk.agentA.client.data(LIST, { first: 100 }));
    expect(visible).toEqual(expect.arrayContaining([ticketA, assignedToA, followedByA, customerTicket]));
    expect(visible).not.toContain(ticketB);
  });

  it('an agent who opens a ticket for another team follows it (it would vanish otherwise); in their own team they do not', async () => {
    const handedOver = await agentTicket(desk.agentA.client, { subject: 'Opened for team B', teamId: desk.teamB });
    const own = await agentTicket(desk.agentA.client, { subject: 'Opened for team A', teamId: desk.teamA });
    const FOLLOWERS = `query($id: ID!) { ticket(id: $id) { followers { id } } }`;
    expect((await desk.agentA.client.data(FOLLOWERS, { id: handedOver.id })).ticket.followers).toEqual([{ id: desk.agentA.id }]);
    expect((await desk.agentB.client.data(FOLLOWERS, { id: handedOver.id })).ticket.followers).toEqual([{ id: desk.agentA.id }]);
    expect((await desk.agentA.client.data(FOLLOWERS, { id: own.id })).ticket.followers).toEqual([]);
  });

  it('supervisors and admins see every ticket', async () => {
    for (const client of [desk.supervisor.client, desk.admin]) {
      expect(ids(await client.data(LIST, { first: 100 }))).toEqual(expect.arrayContaining([ticketA, ticketB, assignedToA, followedByA, customerTicket, otherCustomerTicket]));
    }
  });

  it('an agent fetching another team’s ticket by id or number gets FORBIDDEN and no data', async () => {
    const byId = await desk.agentA.client.gql(GET_TICKET, { id: ticketB });
    expect(byId.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(byId.data?.ticket ?? null).toBeNull();
    expect(JSON.stringify(byId)).not.toContain('Team B ticket');
    const { ticket } = await desk.agentB.client.data(`query($id: ID!) { ticket(id: $id) { number } }`, { id: ticketB });
    const byNumber = await desk.agentA.client.gql(`query($n: Int!) { ticketByNumber(number: $n) { id subject } }`, { n: ticket.number });
    expect(byNumber.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(byNumber)).not.toContain('Team B ticket');
  });

  it('a customer sees only their own tickets; another’s is FORBIDDEN with no data', async () => {
    expect(ids(await desk.customer.client.data(LIST, { first: 100 }))).toEqual([customerTicket]);
    const refused = await desk.customer.client.gql(GET_TICKET, { id: otherCustomerTicket });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(refused)).not.toContain('Other customer ticket');
    const staffTicket = await desk.customer.client.gql(GET_TICKET, { id: ticketA });
    expect(staffTicket.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('a customer never sees an internal note: messages, last message, timeline, conversation, search', async () => {
    const { ticket } = await desk.customer.client.data(
      `query($id: ID!) { ticket(id: $id) {
         lastMessage { kind text }
         conversations { id messages(first: 100) { nodes { kind text html } } lastMessage { text } readReceipts { lastReadMessageId } unreadCount }
         timeline(first: 100) { nodes { kind field message { text } } } } }`,
      { id: customerTicket },
    );
    const everything = JSON.stringify(ticket);
    expect(everything).not.toContain(NOTE);
    expect(ticket.lastMessage).toEqual({ kind: 'reply', text: 'public answer' });
    expect(ticket.conversations[0].messages.nodes.map((node: { kind: string }) => node.kind)).toEqual(['reply', 'reply']);
    expect(ticket.timeline.nodes.every((entry: { kind: string }) => entry.kind === 'message')).toBe(true);
    const conversation = await desk.customer.client.data(`query($id: ID!) { conversation(id: $id) { messages { nodes { text } } } }`, { id: ticket.conversations[0].id });
    expect(JSON.stringify(conversation)).not.toContain(NOTE);
    // Full-text search must not match notes for customers (it would reveal their content).
    expect(ids(await desk.customer.client.data(LIST, { f: { search: 'zebra' } }))).toEqual([]);
    expect(ids(await desk.agentA.client.data(LIST, { f: { search: 'zebra' } }))).toEqual([customerTicket]);
    // Staff see it.
    const staff = await desk.agentA.client.data(`query($id: ID!) { ticket(id: $id) { lastMessage { text } } }`, { id: customerTicket });
    expect(staff.ticket.lastMessage.text).toBe('public answer');
  });

  it('nested fields apply the same rule: Customer.tickets, Organization.tickets, linked tickets', async () => {
    const { ticket } = await desk.agentB.client.data(`query($id: ID!) { ticket(id: $id) { requester { id } } }`, { id: ticketB });
    // Ticket A's requester: agent B may look the customer up but sees none of team A's tickets.
    const { ticket: aTicket } = await desk.supervisor.client.data(`query($id: ID!) { ticket(id: $id) { requester { id } } }`, { id: ticketA });
    const nested = await desk.agentB.client.data(`query($id: ID!) { customer(id: $id) { tickets { nodes { id } } } }`, { id: aTicket.requester.id });
    expect(nested.customer.tickets.nodes).toEqual([]);
    const own = await desk.agentB.client.data(`query($id: ID!) { customer(id: $id) { tickets { nodes { id } } } }`, { id: ticket.requester.id });
    expect(own.customer.tickets.nodes.map((node: { id: string }) => node.id)).toEqual([ticketB]);
    await desk.supervisor.client.data(`mutation { linkTickets(ticketId: "${ticketB}", otherTicketId: "${ticketA}") { id } }`);
    const links = await desk.agentB.client.data(`query($id: ID!) { ticket(id: $id) { linkedTickets { id } } }`, { id: ticketB });
    expect(links.ticket.linkedTickets).toEqual([]);
    const supervisorLinks = await desk.supervisor.client.data(`query($id: ID!) { ticket(id: $id) { linkedTickets { id } } }`, { id: ticketB });
    expect(supervisorLinks.ticket.linkedTickets).toEqual([{ id: ticketA }]);
  });

  it('refused mutations change nothing', async () => {
    const update = await desk.agentA.client.gql(UPDATE_TICKET, { i: { id: ticketB, subject: 'Hijacked', status: 'closed' } });
    expect(update.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const reply = await desk.agentA.client.gql(SEND, { i: { ticketId: ticketB, body: doc('not mine') } });
    expect(reply.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const follow = await desk.agentA.client.gql(`mutation { addTicketFollower(ticketId: "${ticketB}") { id } }`);
    expect(follow.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const note = await desk.customer.client.gql(SEND, { i: { ticketId: customerTicket, kind: 'note', body: doc('customer note') } });
    expect(note.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const foreign = await desk.customer.client.gql(SEND, { i: { ticketId: otherCustomerTicket, body: doc('intrusion') } });
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const agentOnly = await desk.customer.client.gql(UPDATE_TICKET, { i: { id: customerTicket, status: 'closed' } });
    expect(agentOnly.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const { ticket } = await desk.supervisor.client.data(
      `query($id: ID!) { ticket(id: $id) { subject status followers { id } conversations { messages { nodes { text } } } } }`,
      { id: ticketB },
    );
    expect(ticket).toMatchObject({ subject: 'Team B ticket', status: 'new', followers: [] });
    expect(JSON.stringify(ticket)).not.toContain('not mine');
    const { ticket: theirs } = await desk.supervisor.client.data(`query($id: ID!) { ticket(id: $id) { status conversations { messages { nodes { text } } } } }`, {
      id: otherCustomerTicket,
    });
    expect(JSON.stringify(theirs)).not.toContain('intrusion');
    const { ticket: mine } = await desk.supervisor.client.data(`query($id: ID!) { ticket(id: $id) { status conversations { messages { nodes { text } } } } }`, {
      id: customerTicket,
    });
    expect(JSON.stringify(mine)).not.toContain('customer note');
    expect(mine.status).not.toBe('closed');
  });

  it('losing team membership removes access at once', async () => {
    const { client, user } = await t.signedIn('agent');
    await desk.admin.data(`mutation { addTeamMember(teamId: "${desk.teamB}", userId: "${user.id}") { id } }`);
    expect((await client.gql(GET_TICKET, { id: ticketB })).errors).toBeUndefined();
    await desk.admin.data(`mutation { removeTeamMember(teamId: "${desk.teamB}", userId: "${user.id}") { id } }`);
    expect((await client.gql(GET_TICKET, { id: ticketB })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
