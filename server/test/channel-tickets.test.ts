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
});
