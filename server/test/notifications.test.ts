import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startTestKefu, type TestClient, type TestKefu, type TestSocket } from '../src/testing/index.ts';
import { createTicket, doc, noteMentioning, sendMessage, signedUpCustomer } from './support/tickets.ts';

const NOTIFICATIONS = `{ notifications { nodes { id kind read ticket { id } messageId actor { kind name } data } } unreadNotificationCount }`;

let kefu: TestKefu;
beforeAll(async () => {
  kefu = await startTestKefu({ env: { PORTAL_SIGNUP_MAX_PER_IP: '1000' } });
});
afterAll(() => kefu.close());

/** Waits until the queue is idle enough that the fan-out job of the last change has run. */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
/** Long enough for a fan-out job that should not exist, or an event that should not arrive, to have shown if it did. */
const quiet = () => new Promise((resolve) => setTimeout(resolve, 1500));
const notificationsOf = async (client: TestClient) => (await client.data(NOTIFICATIONS)) as { notifications: { nodes: any[] }; unreadNotificationCount: number };

describe('notifications', () => {
  it('a mention in a note notifies the mentioned agent, and nobody else', async () => {
    const author = await kefu.signedIn('supervisor');
    const mentioned = await kefu.signedIn('agent');
    const bystander = await kefu.signedIn('agent');
    const otherLead = await kefu.signedIn('supervisor');
    const ticket = await createTicket(author.client, { subject: 'Needs billing', requester: { name: 'Q', email: `q-${Date.now()}@example.test` }, body: doc('hi') });
    const note = await sendMessage(author.client, { ticketId: ticket.id, kind: 'note', body: noteMentioning('please look', [mentioned.user]) });
    expect(note.errors).toBeUndefined();

    const got = await until(() => notificationsOf(mentioned.client), (value) => value.notifications.nodes.length > 0);
    expect(got.unreadNotificationCount).toBe(1);
    expect(got.notifications.nodes).toEqual([
      expect.objectContaining({ kind: 'mentioned', read: false, messageId: note.data.sendMessage.id, actor: { kind: 'agent', name: author.user.name } }),
    ]);
    await quiet();
    for (const client of [author.client, bystander.client, otherLead.client]) {
      expect((await notificationsOf(client)).notifications.nodes).toEqual([]);
    }
    expect((await notificationsOf(mentioned.client)).notifications.nodes).toHaveLength(1);
  });

  it("a mentioned agent outside the ticket's teams follows it: the notification opens the ticket, and later updates reach them", async () => {
    const author = await kefu.signedIn('supervisor');
    const mentioned = await kefu.signedIn('agent');
    const ticket = await createTicket(author.client, { subject: 'Second opinion', requester: { name: 'R', email: `r-${Date.now()}@example.test` }, body: doc('hi') });
    const TICKET = `query($id: ID!) { ticket(id: $id) { id viewerIsFollowing followers { id } } }`;
    const before = await mentioned.client.gql(TICKET, { id: ticket.id });
    expect(before.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    await sendMessage(author.client, { ticketId: ticket.id, kind: 'note', body: noteMentioning('what do you think?', [mentioned.user]) });
    const got = await until(() => notificationsOf(mentioned.client), (value) => value.notifications.nodes.length > 0);
    expect(got.notifications.nodes[0]).toEqual(expect.objectContaining({ kind: 'mentioned', ticket: { id: ticket.id } }));
    expect((await mentioned.client.data(TICKET, { id: ticket.id })).ticket).toEqual({ id: ticket.id, viewerIsFollowing: true, followers: [{ id: mentioned.user.id }] });

    // Mentioning again adds nobody twice.
    await sendMessage(author.client, { ticketId: ticket.id, kind: 'note', body: noteMentioning('and this?', [mentioned.user]) });
    expect((await author.client.data(TICKET, { id: ticket.id })).ticket.followers).toEqual([{ id: mentioned.user.id }]);

    // As a follower they now hear of changes by others.
    await author.client.data(`mutation($input: UpdateTicketInput!) { updateTicket(input: $input) { id } }`, { input: { id: ticket.id, priority: 'high' } });
    const later = await until(() => notificationsOf(mentioned.client), (value) => value.notifications.nodes.some((node) => node.kind === 'ticket_updated'));
    expect(later.notifications.nodes.map((node) => node.kind)).toContain('ticket_updated');
  });

  it('assignment and customer replies notify the assignee; followers hear of updates; the customer gets nothing', async () => {
    const lead = await kefu.signedIn('supervisor');
    const assignee = await kefu.signedIn('agent');
    const follower = await kefu.signedIn('agent');
    const customer = await signedUpCustomer(kefu, 'Customer Z');
    const submitted = await customer.client.data(`mutation($input: SubmitTicketInput!) { submitTicket(input: $input) { id } }`, {
      input: { subject: 'Help', body: doc('please') },
    });
    const ticketId = submitted.submitTicket.id;
    await lead.client.data(`mutation($input: UpdateTicketInput!) { updateTicket(input: $input) { id } }`, { input: { id: ticketId, assigneeId: assignee.user.id } });
    await lead.client.data(`mutation($t: ID!, $u: ID) { addTicketFollower(ticketId: $t, userId: $u) { id } }`, { t: ticketId, u: follower.user.id });
    const assigned = await until(() => notificationsOf(assignee.client), (value) => value.notifications.nodes.length >= 1);
    expect(assigned.notifications.nodes.map((node) => node.kind)).toEqual(['assigned']);
    expect(assigned.notifications.nodes[0].ticket).toEqual({ id: ticketId });

    await sendMessage(customer.client, { ticketId, body: doc('any news?') });
    const replied = await until(() => notificationsOf(assignee.client), (value) => value.notifications.nodes.length >= 2);
    expect(replied.notifications.nodes[0]).toMatchObject({ kind: 'customer_replied', actor: { kind: 'customer' } });
    const followed = await until(() => notificationsOf(follower.client), (value) => value.notifications.nodes.some((node) => node.kind === 'customer_replied'));
    expect(followed.notifications.nodes.map((node) => node.kind)).toContain('customer_replied');

    await lead.client.data(`mutation($input: UpdateTicketInput!) { updateTicket(input: $input) { id } }`, { input: { id: ticketId, priority: 'urgent' } });
    const updated = await until(() => notificationsOf(follower.client), (value) => value.notifications.nodes.some((node) => node.data.fields?.includes('priority')));
    // The assignment happened before they followed the ticket: not their news.
    expect(updated.notifications.nodes.filter((node) => node.kind === 'ticket_updated').map((node) => node.data)).toEqual([{ fields: ['priority'] }]);

    const refused = await customer.client.gql(NOTIFICATIONS);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [row] = await kefu.kefu.orm.em.fork().getConnection().execute(`SELECT count(*)::int AS n FROM notifications WHERE recipient_id = ?`, [customer.userId]);
    expect(row.n).toBe(0);
  });

  it('mark read, mark all read, and another user\'s notification is not found', async () => {
    const lead = await kefu.signedIn('supervisor');
    const agent = await kefu.signedIn('agent');
    for (const subject of ['One', 'Two']) {
      await createTicket(lead.client, { subject, requester: { name: 'R' }, assigneeId: agent.user.id });
    }
    const before = await until(() => notificationsOf(agent.client), (value) => value.unreadNotificationCount === 2);
    const [first] = before.notifications.nodes;
    const read = await agent.client.data(`mutation($id: ID!) { markNotificationRead(id: $id) { id read readAt } }`, { id: first.id });
    expect(read.markNotificationRead).toMatchObject({ id: first.id, read: true });
    expect((await notificationsOf(agent.client)).unreadNotificationCount).toBe(1);
    const unread = await agent.client.data(`{ notifications(unreadOnly: true) { nodes { id } } }`);
    expect(unread.notifications.nodes).toHaveLength(1);

    const stranger = await kefu.signedIn('agent');
    const probe = await stranger.client.gql(`mutation($id: ID!) { markNotificationRead(id: $id) { id } }`, { id: first.id });
    expect(probe.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    expect((await agent.client.data(`mutation { markAllNotificationsRead }`)).markAllNotificationsRead).toBe(1);
    expect((await notificationsOf(agent.client)).unreadNotificationCount).toBe(0);
  });

  it('pages with a cursor, newest first', async () => {
    const lead = await kefu.signedIn('supervisor');
    const agent = await kefu.signedIn('agent');
    for (const subject of ['A', 'B', 'C']) await createTicket(lead.client, { subject, requester: { name: 'R' }, assigneeId: agent.user.id });
    await until(() => notificationsOf(agent.client), (value) => value.unreadNotificationCount === 3);
    const page1 = await agent.client.data(`{ notifications(first: 2) { nodes { id } pageInfo { hasNextPage endCursor } } }`);
    expect(page1.notifications.pageInfo.hasNextPage).toBe(true);
    const page2 = await agent.client.data(`query($after: String) { notifications(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage } } }`, {
      after: page1.notifications.pageInfo.endCursor,
    });
    expect(page2.notifications.nodes).toHaveLength(1);
    expect(page2.notifications.pageInfo.hasNextPage).toBe(false);
  });

  it('notificationAdded delivers to the recipient only', async () => {
    const lead = await kefu.signedIn('supervisor');
    const recipient = await kefu.signedIn('agent');
    const other = await kefu.signedIn('agent');
    const received: Record<string, any[]> = { recipient: [], other: [] };
    const sockets: TestSocket[] = [];
    const listen = (client: TestClient, into: any[]) => {
      const ws = client.subscriptions();
      sockets.push(ws);
      ws.subscribe({ query: `subscription { notificationAdded { kind ticket { id } } }` }, { next: (value) => into.push(value), error: (error) => into.push({ error }), complete: () => {} });
    };
    try {
      listen(recipient.client, received.recipient);
      listen(other.client, received.other);
      await Promise.all(sockets.map((ws) => ws.ready()));
      const ticket = await createTicket(lead.client, { subject: 'Live', requester: { name: 'R' }, assigneeId: recipient.user.id });
      await until(async () => received.recipient.length, (count) => count > 0);
      await quiet();
      expect(received.recipient).toEqual([{ data: { notificationAdded: { kind: 'assigned', ticket: { id: ticket.id } } } }]);
      expect(received.other).toEqual([]);
    } finally {
      await Promise.all(sockets.map((ws) => ws.dispose()));
    }
  });

  it('a customer cannot subscribe to notifications', async () => {
    const customer = await signedUpCustomer(kefu);
    const ws = customer.client.subscriptions();
    try {
      const outcome = await new Promise((resolve) => {
        ws.subscribe({ query: `subscription { notificationAdded { kind } } ` }, { next: (value) => resolve(value), error: resolve, complete: () => resolve('closed') });
      });
      expect(JSON.stringify(outcome)).toContain('FORBIDDEN');
    } finally {
      await ws.dispose();
    }
  });

  it('a notification is not lost when the instance that committed the change stops before fanning it out', async () => {
    const database = await createTestDatabase();
    // Instance A takes no jobs: the fan-out job it enqueued in the note's transaction waits in the queue.
    const a = await startTestKefu({ databaseUrl: database.url, env: { JOBS_ENABLED: 'false' } });
    let b: TestKefu | undefined;
    try {
      const author = await a.signedIn('supervisor');
      const mentioned = await a.signedIn('agent');
      const ticket = await createTicket(author.client, { subject: 'Durable', requester: { name: 'D' }, body: doc('hi') });
      await sendMessage(author.client, { ticketId: ticket.id, kind: 'note', body: noteMentioning('see this', [mentioned.user]) });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await notificationsOf(mentioned.client)).notifications.nodes).toEqual([]);
      await a.close();

      b = await startTestKefu({ databaseUrl: database.url });
      const client = b.client();
      await client.signIn(mentioned.user.email, mentioned.user.password);
      const got = await until(() => notificationsOf(client), (value) => value.notifications.nodes.length > 0);
      expect(got.notifications.nodes.map((node) => node.kind)).toEqual(['mentioned']);
    } finally {
      await b?.close();
      await a.close();
      await database.drop();
    }
  });
});
