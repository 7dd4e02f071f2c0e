import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestClient, type TestKefu } from '../src/testing/index.ts';
import { createTeam, createTicket, doc, rowCount } from './support/tickets.ts';

const CREATE = `mutation($input: CreateCannedResponseInput!) { createCannedResponse(input: $input) { id title shortcut scope viewerCanManage team { id } } }`;
const UPDATE = `mutation($input: UpdateCannedResponseInput!) { updateCannedResponse(input: $input) { id title } }`;
const DELETE = `mutation($id: ID!) { deleteCannedResponse(id: $id) }`;
const LIST = `query($search: String) { cannedResponses(search: $search) { id title scope } }`;
const RENDER = `query($id: ID!, $ticketId: ID) { renderCannedResponse(id: $id, ticketId: $ticketId) { body html text } }`;
const PREVIEW = `query($input: PreviewCannedResponseInput!) { previewCannedResponse(input: $input) { body html text } }`;
const APPLY = `mutation($ticketId: ID!, $id: ID!) { applyCannedResponse(ticketId: $ticketId, id: $id) { text html ticket { id status priority tags { name } } } }`;

let kefu: TestKefu;
beforeAll(async () => {
  kefu = await startTestKefu();
});
afterAll(() => kefu.close());

async function create(client: TestClient, input: Record<string, unknown>) {
  return client.gql(CREATE, { input: { title: 'Greeting', scope: 'personal', bodyText: 'Hello', ...input } });
}
async function ticketFor(client: TestClient, customerName: string) {
  return createTicket(client, { subject: 'Where is my parcel?', requester: { name: customerName, email: `c-${Math.random().toString(36).slice(2)}@example.test` }, body: doc('Hi') });
}

describe('canned responses: placeholders', () => {
  it('renders customer, ticket and agent placeholders for a ticket', async () => {
    const { client, user } = await kefu.signedIn('supervisor');
    const ticket = await ticketFor(client, 'Wang Fang');
    const { data } = await create(client, {
      bodyText: 'Hi {{ customer.firstName }}, about {{ ticket.reference }} ({{ ticket.subject }}).\n\n{{ agent.name }} | {{ customer.nickname | default: "friend" }}',
    });
    const rendered = (await client.data(RENDER, { id: data.createCannedResponse.id, ticketId: ticket.id })).renderCannedResponse;
    expect(rendered.text).toBe(`Hi Wang, about #${ticket.number} (Where is my parcel?).\n${user.name} | friend`);
    expect(rendered.body.content[0].content[0].text).toBe(`Hi Wang, about #${ticket.number} (Where is my parcel?).`);
  });

  it('a malicious customer name stays text: escaped in the HTML, never markup', async () => {
    const { client } = await kefu.signedIn('supervisor');
    const evil = `<img src=x onerror=alert(1)><script>alert(2)</script>`;
    const ticket = await ticketFor(client, evil);
    const { data } = await create(client, { bodyText: 'Dear {{ customer.name }}' });
    const rendered = (await client.data(RENDER, { id: data.createCannedResponse.id, ticketId: ticket.id })).renderCannedResponse;
    expect(rendered.text).toBe(`Dear ${evil}`);
    expect(rendered.html).not.toContain('<img');
    expect(rendered.html).not.toContain('<script');
    expect(rendered.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('template injection attempts are refused at save time and harmless at render time', async () => {
    const { client } = await kefu.signedIn('supervisor');
    const before = await rowCount(kefu, 'canned_responses');
    for (const bodyText of [
      "{{ constructor.constructor('return process')() }}",
      "{{ customer.constructor.constructor('return process')().exit() }}",
      "{% include '/etc/passwd' %}",
      "{% render 'secrets' %}",
      '{{ process.env.KEFU_SECRET }}',
      '{{ "x" | evil }}',
      '{{ customer.name',
    ]) {
      const result = await create(client, { bodyText });
      expect(result.errors?.[0].extensions?.code, bodyText).toBe('BAD_USER_INPUT');
    }
    expect(await rowCount(kefu, 'canned_responses')).toBe(before);

    // Prototype access parses, and reads nothing.
    const ticket = await ticketFor(client, 'Proto');
    const { data } = await create(client, {
      bodyText: '[{{ customer.constructor }}][{{ customer.__proto__ }}][{{ ticket.subject.constructor.name }}][{{ agent.toString }}][{{ customer.name.size }}]',
    });
    const rendered = (await client.data(RENDER, { id: data.createCannedResponse.id, ticketId: ticket.id })).renderCannedResponse;
    expect(rendered.text).toBe('[][][][][5]');
  });

  it('a loop meant to exhaust the server is stopped', async () => {
    const { client } = await kefu.signedIn('supervisor');
    const { data } = await create(client, { bodyText: '{% for i in (1..100000000) %}{{ i }}{% endfor %}' });
    const result = await client.gql(RENDER, { id: data.createCannedResponse.id });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('renders without a ticket, and refuses a ticket the agent may not see', async () => {
    const { client: lead } = await kefu.signedIn('supervisor');
    const ticket = await ticketFor(lead, 'Hidden');
    const { client: agent } = await kefu.signedIn('agent');
    const { data } = await create(agent, { bodyText: 'Hi {{ customer.name | default: "there" }}' });
    expect((await agent.data(RENDER, { id: data.createCannedResponse.id })).renderCannedResponse.text).toBe('Hi there');
    const hidden = await agent.gql(RENDER, { id: data.createCannedResponse.id, ticketId: ticket.id });
    expect(hidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(hidden.data).toBeNull();
  });
});

describe('canned responses: preview of a body being written', () => {
  it('renders an unsaved body with sample values and the viewer as the agent, and saves nothing', async () => {
    const { client, user } = await kefu.signedIn('agent');
    const before = await rowCount(kefu, 'canned_responses');
    const preview = (await client.data(PREVIEW, { input: { bodyText: 'Hi {{ customer.firstName }}, about {{ ticket.reference }}. {{ agent.name }}' } })).previewCannedResponse;
    expect(preview.text).toBe(`Hi Alex, about #1042. ${user.name}`);
    expect(preview.html).toBe(`<p>Hi Alex, about #1042. ${user.name}</p>`);
    expect(await rowCount(kefu, 'canned_responses')).toBe(before);
  });

  it('renders a Tiptap body for a chosen ticket with its real customer', async () => {
    const { client } = await kefu.signedIn('supervisor');
    const ticket = await ticketFor(client, 'Mei Lin');
    const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello {{ customer.name }}', marks: [{ type: 'bold' }] }] }] };
    const preview = (await client.data(PREVIEW, { input: { body, ticketId: ticket.id } })).previewCannedResponse;
    expect(preview.text).toBe('Hello Mei Lin');
    expect(preview.html).toBe('<p><strong>Hello Mei Lin</strong></p>');
    expect(preview.body.content[0].content[0]).toEqual({ type: 'text', text: 'Hello Mei Lin', marks: [{ type: 'bold' }] });
  });

  it('refuses what saving would refuse, naming the field, and a ticket the agent may not see', async () => {
    const { client: lead } = await kefu.signedIn('supervisor');
    const hidden = await ticketFor(lead, 'Not yours');
    const { client } = await kefu.signedIn('agent');
    const unknownRoot = await client.gql(PREVIEW, { input: { bodyText: 'Hi {{ secrets.key }}' } });
    expect(unknownRoot.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'bodyText' }] });
    const badDoc = await client.gql(PREVIEW, { input: { body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '{% include "x" %}' }] }] } } });
    expect(badDoc.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'body' }] });
    expect((await client.gql(PREVIEW, { input: {} })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'body' }] });
    const forbidden = await client.gql(PREVIEW, { input: { bodyText: 'Hi {{ customer.name }}', ticketId: hidden.id } });
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(forbidden.data).toBeNull();
    const { client: customer } = await kefu.signedIn('customer');
    expect((await customer.gql(PREVIEW, { input: { bodyText: 'x' } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('lists the placeholders, each of which the sample preview fills in', async () => {
    const { client } = await kefu.signedIn('agent');
    const paths: string[] = (await client.data(`{ cannedResponsePlaceholders }`)).cannedResponsePlaceholders;
    expect(paths).toEqual(expect.arrayContaining(['customer.name', 'customer.firstName', 'organization.name', 'ticket.reference', 'ticket.subject', 'agent.name']));
    const bodyText = paths.map((path) => `${path}=[{{ ${path} }}]`).join('\n');
    const { text } = (await client.data(PREVIEW, { input: { bodyText } })).previewCannedResponse;
    const empty = text.split('\n').filter((line: string) => line.endsWith('=[]'));
    expect(empty).toEqual([]);
  });
});

describe('canned responses: scopes', () => {
  it('personal responses are their owner\'s only', async () => {
    const owner = await kefu.signedIn('agent');
    const other = await kefu.signedIn('agent');
    const lead = await kefu.signedIn('admin');
    const { data } = await create(owner.client, { title: 'Mine only', shortcut: 'mine' });
    const responseId = data.createCannedResponse.id;
    for (const client of [other.client, lead.client]) {
      expect((await client.data(LIST, { search: 'Mine only' })).cannedResponses).toEqual([]);
      expect((await client.gql(RENDER, { id: responseId })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await client.gql(UPDATE, { input: { id: responseId, title: 'Hijacked' } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await client.gql(DELETE, { id: responseId })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await owner.client.data(LIST, { search: '::mi' })).cannedResponses.map((r: any) => r.title)).toEqual(['Mine only']);
  });

  it('team responses: members and leads manage them; other agents neither see nor manage them', async () => {
    const member = await kefu.signedIn('agent');
    const outsider = await kefu.signedIn('agent');
    const supervisor = await kefu.signedIn('supervisor');
    const teamId = await createTeam(kefu, 'Billing', [member.user.id]);
    const refused = await create(outsider.client, { scope: 'team', teamId, title: 'Not my team' });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const { data } = await create(member.client, { scope: 'team', teamId, title: 'Refund policy', shortcut: 'refund' });
    expect(data.createCannedResponse).toMatchObject({ scope: 'team', viewerCanManage: true, team: { id: teamId } });
    const responseId = data.createCannedResponse.id;
    expect((await outsider.client.data(LIST, { search: 'refund' })).cannedResponses).toEqual([]);
    expect((await outsider.client.gql(UPDATE, { input: { id: responseId, title: 'x' } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await supervisor.client.data(UPDATE, { input: { id: responseId, title: 'Refunds' } })).updateCannedResponse.title).toBe('Refunds');
    const moveAway = await member.client.gql(UPDATE, { input: { id: responseId, scope: 'global' } });
    expect(moveAway.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('global responses: every agent uses them, only supervisors and admins manage them', async () => {
    const agent = await kefu.signedIn('agent');
    const admin = await kefu.signedIn('admin');
    const before = await rowCount(kefu, 'canned_responses');
    expect((await create(agent.client, { scope: 'global', title: 'Everyone' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await rowCount(kefu, 'canned_responses')).toBe(before);
    const { data } = await create(admin.client, { scope: 'global', title: 'Thanks for waiting', shortcut: 'wait' });
    const listed = (await agent.client.data(`{ cannedResponses(search: "wait") { id viewerCanManage } }`)).cannedResponses;
    expect(listed).toEqual([{ id: data.createCannedResponse.id, viewerCanManage: false }]);
    expect((await agent.client.gql(DELETE, { id: data.createCannedResponse.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { client: customer } = await kefu.signedIn('customer');
    expect((await customer.gql(LIST, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('a shortcut is unique within its scope owner', async () => {
    const { client } = await kefu.signedIn('agent');
    await create(client, { shortcut: 'dup' });
    expect((await create(client, { shortcut: 'DUP' })).errors?.[0].extensions?.code).toBe('CONFLICT');
    const { client: other } = await kefu.signedIn('agent');
    expect((await create(other, { shortcut: 'dup' })).errors).toBeUndefined();
  });
});

describe('canned responses: macros', () => {
  it('applyCannedResponse renders and applies its field changes in one step', async () => {
    const { client } = await kefu.signedIn('supervisor');
    const ticket = await ticketFor(client, 'Chen Jie');
    const { data } = await create(client, {
      bodyText: 'We sent a new parcel, {{ customer.name }}.',
      actions: { status: 'pending', priority: 'high', addTags: ['reshipped'] },
    });
    const applied = (await client.data(APPLY, { ticketId: ticket.id, id: data.createCannedResponse.id })).applyCannedResponse;
    expect(applied.text).toBe('We sent a new parcel, Chen Jie.');
    expect(applied.ticket).toMatchObject({ id: ticket.id, status: 'pending', priority: 'high', tags: [{ name: 'reshipped' }] });
  });

  it('a refused field change applies nothing', async () => {
    const { client } = await kefu.signedIn('supervisor');
    const ticket = await ticketFor(client, 'Closed case');
    await client.data(`mutation($input: UpdateTicketInput!) { updateTicket(input: $input) { id } }`, { input: { id: ticket.id, status: 'closed' } });
    const { data } = await create(client, { bodyText: 'x', actions: { status: 'open', priority: 'urgent' } });
    const result = await client.gql(APPLY, { ticketId: ticket.id, id: data.createCannedResponse.id });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const after = await client.data(`query($id: ID!) { ticket(id: $id) { status priority } }`, { id: ticket.id });
    expect(after.ticket).toEqual({ status: 'closed', priority: 'normal' });
  });

  it('refuses actions naming things that do not exist', async () => {
    const { client } = await kefu.signedIn('supervisor');
    const result = await create(client, { actions: { assigneeId: '00000000-0000-4000-8000-000000000000' } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'actions.assigneeId' }] });
  });
});
