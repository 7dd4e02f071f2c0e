import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, startTestKefu, type TestClient, type TestKefu } from '../src/testing/index.ts';
import { createTicket } from './support/tickets.ts';

const CREATE = `mutation($input: CreateReminderInput!) { createReminder(input: $input) { id remindAt note ticket { id } } }`;
const UPDATE = `mutation($input: UpdateReminderInput!) { updateReminder(input: $input) { id remindAt } }`;
const CANCEL = `mutation($id: ID!) { cancelReminder(id: $id) }`;
const LIST = `query($ticketId: ID, $all: Boolean) { reminders(ticketId: $ticketId, includeFired: $all) { id firedAt } }`;
const NOTIFICATIONS = `{ notifications { nodes { kind ticket { id } data } } }`;

const started: TestKefu[] = [];
const databases: { drop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const kefu of started.splice(0)) await kefu.close();
  for (const database of databases.splice(0)) await database.drop();
});
async function start(databaseUrl?: string) {
  const kefu = await startTestKefu(databaseUrl ? { databaseUrl } : {});
  started.push(kefu);
  return kefu;
}
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
const query = async (kefu: TestKefu, text: string, params: unknown[] = []) => kefu.kefu.orm.em.fork().getConnection().execute(text, params);
const jobs = async (kefu: TestKefu, key: string) => query(kefu, `SELECT run_at FROM graphile_worker._private_jobs WHERE key = ?`, [key]);

async function agentWithTicket(kefu: TestKefu) {
  const lead = await kefu.signedIn('supervisor');
  const agent = await kefu.signedIn('agent');
  const ticket = await createTicket(lead.client, { subject: 'Call back', requester: { name: 'R' }, assigneeId: agent.user.id });
  return { lead, agent, ticket };
}
const notifications = async (client: TestClient) => (await client.data(NOTIFICATIONS)).notifications.nodes as any[];

describe('reminders', () => {
  it('a reminder scheduled before a restart fires exactly once after it, on the new instance', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const first = await start(database.url);
    const { agent, ticket } = await agentWithTicket(first);
    const created = await agent.client.data(CREATE, { input: { ticketId: ticket.id, remindAt: inMs(2500), note: 'call the customer' } });
    const reminderId = created.createReminder.id;
    await first.close();
    started.splice(started.indexOf(first), 1);

    const second = await start(database.url);
    const client = second.client();
    await client.signIn(agent.user.email, agent.user.password);
    const due = await until(() => notifications(client), (nodes) => nodes.some((node) => node.kind === 'reminder_due'));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const reminders = (await notifications(client)).filter((node) => node.kind === 'reminder_due');
    expect(reminders).toEqual([{ kind: 'reminder_due', ticket: { id: ticket.id }, data: expect.objectContaining({ reminderId, note: 'call the customer' }) }]);
    expect(due.length).toBeGreaterThan(0);
    expect((await client.data(LIST, { all: true })).reminders).toEqual([{ id: reminderId, firedAt: expect.any(String) }]);
    expect(await jobs(second, `reminder:${reminderId}`)).toEqual([]);
  });

  it('moving a reminder replaces its job; cancelling removes it; nothing fires early', async () => {
    const kefu = await start();
    const { agent, ticket } = await agentWithTicket(kefu);
    const { createReminder } = await agent.client.data(CREATE, { input: { ticketId: ticket.id, remindAt: inMs(3_600_000) } });
    const later = inMs(7_200_000);
    await agent.client.data(UPDATE, { input: { id: createReminder.id, remindAt: later } });
    const scheduled = await jobs(kefu, `reminder:${createReminder.id}`);
    expect(scheduled).toHaveLength(1);
    expect(new Date(scheduled[0].run_at).toISOString()).toBe(later);

    expect((await agent.client.data(CANCEL, { id: createReminder.id })).cancelReminder).toBe(true);
    expect(await jobs(kefu, `reminder:${createReminder.id}`)).toEqual([]);
    expect((await agent.client.data(LIST, { ticketId: ticket.id })).reminders).toEqual([]);
  });

  it('a reminder moved earlier fires at the new time, once', async () => {
    const kefu = await start();
    const { agent, ticket } = await agentWithTicket(kefu);
    const { createReminder } = await agent.client.data(CREATE, { input: { ticketId: ticket.id, remindAt: inMs(3_600_000) } });
    await agent.client.data(UPDATE, { input: { id: createReminder.id, remindAt: inMs(500) } });
    await until(() => notifications(agent.client), (nodes) => nodes.some((node) => node.kind === 'reminder_due'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await notifications(agent.client)).filter((node) => node.kind === 'reminder_due')).toHaveLength(1);
  });

  it('refuses reminders in the past, on tickets the agent cannot see, and other agents\' reminders', async () => {
    const kefu = await start();
    const { lead, agent, ticket } = await agentWithTicket(kefu);
    const past = await agent.client.gql(CREATE, { input: { ticketId: ticket.id, remindAt: new Date(Date.now() - 3_600_000).toISOString() } });
    expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'remindAt' }] });
    const hidden = await createTicket(lead.client, { subject: 'Not yours', requester: { name: 'R' } });
    const forbidden = await agent.client.gql(CREATE, { input: { ticketId: hidden.id, remindAt: inMs(60_000) } });
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { createReminder } = await agent.client.data(CREATE, { input: { ticketId: ticket.id, remindAt: inMs(60_000) } });
    const other = await kefu.signedIn('agent');
    expect((await other.client.gql(CANCEL, { id: createReminder.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await other.client.gql(UPDATE, { input: { id: createReminder.id, remindAt: inMs(5000) } })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await query(kefu, `SELECT count(*)::int AS n FROM reminders`))[0].n).toBe(1);
  });
});

describe('pending tickets reopen automatically', () => {
  const SETTINGS = `mutation($input: UpdateTicketSettingsInput!) { updateTicketSettings(input: $input) { pendingReopenDays } }`;
  const UPDATE_TICKET = `mutation($input: UpdateTicketInput!) { updateTicket(input: $input) { id status } }`;

  it('after N days a ticket still pending reopens; leaving pending cancels the job', async () => {
    const kefu = await start();
    const { client: admin } = await kefu.signedIn('admin');
    expect((await admin.data(SETTINGS, { input: { pendingReopenDays: 3 } })).updateTicketSettings).toEqual({ pendingReopenDays: 3 });
    const { lead, ticket } = await agentWithTicket(kefu);
    const key = `pending-reopen:${ticket.id}`;

    await lead.client.data(UPDATE_TICKET, { input: { id: ticket.id, status: 'pending' } });
    const [job] = await jobs(kefu, key);
    expect(new Date(job.run_at).getTime()).toBeGreaterThan(Date.now() + 3 * 86_400_000 - 60_000);
    await lead.client.data(UPDATE_TICKET, { input: { id: ticket.id, status: 'open' } });
    expect(await jobs(kefu, key)).toEqual([]);

    await lead.client.data(UPDATE_TICKET, { input: { id: ticket.id, status: 'pending' } });
    // Three days pass.
    await query(kefu, `UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = ?`, [key]);
    const reopened = await until(
      async () => (await lead.client.data(`query($id: ID!) { ticket(id: $id) { status } }`, { id: ticket.id })).ticket.status,
      (status) => status === 'open',
    );
    expect(reopened).toBe('open');
    const [entry] = await query(kefu, `SELECT actor_user_id FROM ticket_events WHERE ticket_id = ? AND field = 'status' ORDER BY id DESC LIMIT 1`, [ticket.id]);
    expect(entry.actor_user_id).toBeNull();
  });

  it('the job re-checks the ticket and leaves it alone when it is no longer pending', async () => {
    const kefu = await start();
    const { client: admin } = await kefu.signedIn('admin');
    await admin.data(SETTINGS, { input: { pendingReopenDays: 1 } });
    const { lead, ticket } = await agentWithTicket(kefu);
    await lead.client.data(UPDATE_TICKET, { input: { id: ticket.id, status: 'pending' } });
    // Solved behind the job's back (e.g. by a path that does not cancel it).
    await query(kefu, `UPDATE tickets SET status = 'solved' WHERE id = ?`, [ticket.id]);
    await query(kefu, `UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = ?`, [`pending-reopen:${ticket.id}`]);
    await until(async () => (await jobs(kefu, `pending-reopen:${ticket.id}`)).length, (count) => count === 0);
    expect((await query(kefu, `SELECT status FROM tickets WHERE id = ?`, [ticket.id]))[0].status).toBe('solved');
  });

  it('is off by default, and only admins change it', async () => {
    const kefu = await start();
    const { lead, ticket } = await agentWithTicket(kefu);
    await lead.client.data(UPDATE_TICKET, { input: { id: ticket.id, status: 'pending' } });
    expect(await jobs(kefu, `pending-reopen:${ticket.id}`)).toEqual([]);
    expect((await lead.client.data(`{ ticketSettings { pendingReopenDays } }`)).ticketSettings.pendingReopenDays).toBeNull();
    const refused = await lead.client.gql(SETTINGS, { input: { pendingReopenDays: 2 } });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { client: admin } = await kefu.signedIn('admin');
    expect((await admin.gql(SETTINGS, { input: { pendingReopenDays: 0 } })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
