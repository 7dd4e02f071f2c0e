import { definePlugin, type PluginContext } from '@kefu/plugin-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestKefu } from '../src/testing/index.ts';

/** A minimal channel: a webhook turning posted JSON into tickets through the SDK. */
const channel = definePlugin({
  id: 'test-channel',
  version: '1.0.0',
  compatibility: '^0.1.0',
  register(ctx: PluginContext<unknown>) {
    ctx.http.routes(async (app) => {
      app.post('/inbound', async (request, reply) => {
        const body = request.body as { from: string; name: string; subject: string; text?: string; html?: string };
        try {
          return await ctx.tickets.createFromChannel({ channel: 'email', subject: body.subject, customer: { email: body.from, name: body.name }, text: body.text, html: body.html, tags: ['Inbound'] });
        } catch (error) {
          return reply.code(400).send({ error: (error as Error).message });
        }
      });
      app.post('/reply', async (request, reply) => {
        const body = request.body as { ticketId: string; from: string; name: string; text: string };
        try {
          return await ctx.tickets.addFromChannel({ channel: 'email', ticketId: body.ticketId, customer: { email: body.from, name: body.name }, text: body.text });
        } catch (error) {
          return reply.code(400).send({ error: (error as Error).message });
        }
      });
    });
  },
});

describe('tickets from channels (plugins)', () => {
  let t: TestKefu;
  beforeAll(async () => {
    t = await startTestKefu({ plugins: [channel] });
  });
  afterAll(() => t.close());

  const post = (body: unknown) =>
    fetch(`${t.url}/plugins/test-channel/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('creates the customer once, opens tickets with the message as the customer’s reply, sanitizes HTML', async () => {
    const first: any = await (await post({ from: 'Mei@Example.test', name: 'Mei', subject: 'Where is my order?', text: 'Ordered last week.' })).json();
    const second: any = await (await post({ from: 'mei@example.test', name: 'Mei', subject: 'Again', html: '<p>Hi<script>alert(1)</script><img src=x onerror=alert(1)></p>' })).json();
    expect(second.number).toBe(first.number + 1);
    const { client } = await t.signedIn('supervisor');
    const data = await client.data(
      `query($a: ID!, $b: ID!) {
        a: ticket(id: $a) { channel status tags { name } requester { id name emails } conversations { channel messages { nodes { kind text author { kind name } } } } }
        b: ticket(id: $b) { requester { id } conversations { messages { nodes { html } } } } }`,
      { a: first.ticketId, b: second.ticketId },
    );
    expect(data.a).toMatchObject({
      channel: 'email',
      status: 'new',
      tags: [{ name: 'inbound' }],
      requester: { name: 'Mei', emails: ['mei@example.test'] },
      conversations: [{ channel: 'email', messages: { nodes: [{ kind: 'reply', text: 'Ordered last week.', author: { kind: 'customer', name: 'Mei' } }] } }],
    });
    expect(data.b.requester.id).toBe(data.a.requester.id);
    const html = data.b.conversations[0].messages.nodes[0].html;
    expect(html).toContain('Hi');
    expect(html).not.toMatch(/<script|onerror/i);
  });

  it('a refused ticket (invalid subject) leaves nothing behind', async () => {
    const response = await post({ from: 'nobody@example.test', name: 'Nobody', subject: '', text: 'x' });
    expect(response.status).toBe(400);
    const { client } = await t.signedIn('supervisor');
    const customers = await client.data(`{ customers(filter: { search: "nobody@example.test" }) { nodes { id } } }`);
    expect(customers.customers.nodes).toEqual([]);
  });

  const replyTo = (body: unknown) =>
    fetch(`${t.url}/plugins/test-channel/reply`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const TICKET = `query($id: ID!) { ticket(id: $id) { status conversations { id channel messages { nodes { kind text author { kind name } } } } linkedTickets { id } } }`;

  it('a follow-up joins the ticket’s e-mail conversation as the customer’s reply and reopens a solved ticket', async () => {
    const opened: any = await (await post({ from: 'li@example.test', name: 'Li', subject: 'Broken hinge', text: 'The hinge broke.' })).json();
    const { client } = await t.signedIn('supervisor');
    await client.data(`mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { id } }`, { i: { id: opened.ticketId, status: 'solved' } });
    const added: any = await (await replyTo({ ticketId: opened.ticketId, from: 'LI@example.test', name: 'Li', text: 'Still broken, sorry.' })).json();
    expect(added).toMatchObject({ ticketId: opened.ticketId, conversationId: opened.conversationId, followUp: false });
    const ticket = (await client.data(TICKET, { id: opened.ticketId })).ticket;
    expect(ticket.status).toBe('open');
    expect(ticket.conversations).toHaveLength(1);
    expect(ticket.conversations[0].messages.nodes.filter((m: any) => m.kind === 'reply')).toEqual([
      { kind: 'reply', text: 'The hinge broke.', author: { kind: 'customer', name: 'Li' } },
      { kind: 'reply', text: 'Still broken, sorry.', author: { kind: 'customer', name: 'Li' } },
    ]);
  });

  it('a follow-up to a merged ticket lands in the ticket it was merged into; to a closed one it opens a linked follow-up', async () => {
    const { client } = await t.signedIn('supervisor');
    const source: any = await (await post({ from: 'wu@example.test', name: 'Wu', subject: 'Invoice', text: 'Need an invoice.' })).json();
    const target: any = await (await post({ from: 'wu@example.test', name: 'Wu', subject: 'Invoice again', text: 'Still need it.' })).json();
    const merged = await client.gql(`mutation($s: ID!, $t: ID!) { mergeTickets(sourceId: $s, targetId: $t) { id } }`, { s: source.ticketId, t: target.ticketId });
    expect(merged.errors).toBeUndefined();
    const forwarded: any = await (await replyTo({ ticketId: source.ticketId, from: 'wu@example.test', name: 'Wu', text: 'Any news?' })).json();
    expect(forwarded).toMatchObject({ ticketId: target.ticketId, followUp: false });

    await client.data(`mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { id } }`, { i: { id: target.ticketId, status: 'closed' } });
    const followUp: any = await (await replyTo({ ticketId: target.ticketId, from: 'wu@example.test', name: 'Wu', text: 'It happened again.' })).json();
    expect(followUp.followUp).toBe(true);
    expect(followUp.ticketId).not.toBe(target.ticketId);
    const closed = (await client.data(TICKET, { id: target.ticketId })).ticket;
    expect(closed.status).toBe('closed');
    expect(JSON.stringify(closed)).not.toContain('It happened again.');
    expect(closed.linkedTickets).toEqual([{ id: followUp.ticketId }]);
    const fresh = (await client.data(TICKET, { id: followUp.ticketId })).ticket;
    expect(fresh.conversations[0].messages.nodes.map((m: any) => m.text)).toContain('It happened again.');
  });

  it('a follow-up for an unknown ticket is refused and leaves nothing behind', async () => {
    const response = await replyTo({ ticketId: '00000000-0000-4000-8000-000000000000', from: 'ghost@example.test', name: 'Ghost', text: 'Hello?' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/no such ticket/);
    const { client } = await t.signedIn('supervisor');
    expect((await client.data(`{ customers(filter: { search: "ghost@example.test" }) { nodes { id } } }`)).customers.nodes).toEqual([]);
  });
});
