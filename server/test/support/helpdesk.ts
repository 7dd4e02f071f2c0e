import type { TestClient, TestKefu } from '../../src/testing/index.ts';

/** A Tiptap document with one paragraph per argument. */
export const doc = (...paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

/** A note mentioning a user. */
export const noteMentioning = (userId: string, label: string, text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'mention', attrs: { id: userId, label } }, { type: 'text', text: ` ${text}` }] }],
});

export const TICKET_FIELDS = `id number reference subject status priority channel
  requester { id name } assignee { id } team { id } tags { name } type { key }`;
export const CREATE_TICKET = `mutation($i: CreateTicketInput!) { createTicket(input: $i) { ${TICKET_FIELDS} } }`;
export const UPDATE_TICKET = `mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { ${TICKET_FIELDS} } }`;
export const GET_TICKET = `query($id: ID!) { ticket(id: $id) { ${TICKET_FIELDS} } }`;
export const SEND = `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id kind text html conversationId ticketId author { kind name } } }`;
export const LIST = `query($f: TicketFilter, $s: TicketSort, $first: Int, $after: String, $view: ID) {
  tickets(filter: $f, sort: $s, first: $first, after: $after, viewId: $view) { nodes { id number subject status } pageInfo { hasNextPage endCursor } } }`;

export interface Desk {
  admin: TestClient;
  teamA: string;
  teamB: string;
  agentA: { client: TestClient; id: string; name: string };
  agentB: { client: TestClient; id: string; name: string };
  supervisor: { client: TestClient; id: string };
  customer: { client: TestClient; id: string; email: string };
  otherCustomer: { client: TestClient; id: string };
}

/** Two teams with one agent each, a supervisor, and two customers with portal accounts. */
export async function setUpDesk(t: TestKefu): Promise<Desk> {
  const { client: admin } = await t.signedIn('admin');
  const team = async (name: string) =>
    (await admin.data(`mutation($i: CreateTeamInput!) { createTeam(input: $i) { id } }`, { i: { name: `${name} ${Math.random().toString(36).slice(2, 8)}` } })).createTeam.id as string;
  const teamA = await team('A');
  const teamB = await team('B');
  const staff = async (role: 'agent' | 'supervisor', teamId?: string) => {
    const { client, user } = await t.signedIn(role);
    if (teamId) await admin.data(`mutation { addTeamMember(teamId: "${teamId}", userId: "${user.id}") { id } }`);
    return { client, id: user.id, name: user.name };
  };
  const agentA = await staff('agent', teamA);
  const agentB = await staff('agent', teamB);
  const supervisor = await staff('supervisor');
  const customer = await t.signedIn('customer');
  const otherCustomer = await t.signedIn('customer');
  return {
    admin,
    teamA,
    teamB,
    agentA,
    agentB,
    supervisor,
    customer: { client: customer.client, id: customer.user.id, email: customer.user.email },
    otherCustomer: { client: otherCustomer.client, id: otherCustomer.user.id },
  };
}

/** A customer submits a ticket from the portal; returns its id. */
export async function portalTicket(client: TestClient, subject: string, text = 'Please help'): Promise<string> {
  const data = await client.data(`mutation($i: SubmitTicketInput!) { submitTicket(input: $i) { id } }`, { i: { subject, body: doc(text) } });
  return data.submitTicket.id;
}

/** An agent-created ticket in a team; returns its id. */
export async function agentTicket(client: TestClient, input: Record<string, unknown>): Promise<any> {
  const data = await client.data(CREATE_TICKET, { i: { requester: { name: 'Walk-in', email: `walkin-${Math.random().toString(36).slice(2)}@example.test` }, body: doc('First message'), ...input } });
  return data.createTicket;
}
