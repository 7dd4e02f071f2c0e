import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestKefu } from '../src/testing/index.ts';
import { agentTicket, doc, UPDATE_TICKET } from './support/helpdesk.ts';
import { collect } from './support/subscriptions.ts';

const CREATE = `mutation($i: CreateTeamInput!) { createTeam(input: $i) { id name description memberCount members { id } } }`;
const TEAMS = `{ teams { id name memberCount } }`;
const START = `mutation($i: StartConversationInput!) { startConversation(input: $i) { id } }`;
const TRANSFER = `mutation($i: TransferConversationInput!) { transferConversation(input: $i) { id } }`;

describe('teams', () => {
  let t: TestKefu;
  beforeAll(async () => {
    t = await startTestKefu();
  });
  afterAll(() => t.close());

  /** Deletes the team as `admin` and returns the one `team.membersChanged` it published. */
  async function deleteTeamWatchingEvent(admin: Parameters<typeof collect>[0], teamId: string) {
    const events = collect(admin, `subscription { domainEvents(types: ["team.membersChanged"]) { actorId payload } }`);
    try {
      await events.ready();
      expect((await admin.data(`mutation { deleteTeam(id: "${teamId}") }`)).deleteTeam).toBe(true);
      return (await events.until(1))[0].domainEvents;
    } finally {
      await events.dispose();
    }
  }

  it('an admin creates a team with members; agents list teams and see their own', async () => {
    const { client: admin } = await t.signedIn('admin');
    const agent = await t.createUser('agent');
    const created = await admin.data(CREATE, { i: { name: 'Billing', description: 'Invoices', memberIds: [agent.id] } });
    expect(created.createTeam).toMatchObject({ name: 'Billing', memberCount: 1, members: [{ id: agent.id }] });

    const { client: other } = await t.signedIn('agent');
    const { teams } = await other.data(TEAMS);
    expect(teams.map((team: { name: string }) => team.name)).toContain('Billing');

    const agentClient = t.client();
    await agentClient.signIn(agent.email, agent.password);
    const me = await agentClient.data(`{ agents(search: "${agent.name}") { id teams { name } } }`);
    expect(me.agents).toEqual([{ id: agent.id, teams: [{ name: 'Billing' }] }]);
  });

  it('refuses a duplicate name (case-insensitive) and customers as members; nothing changes', async () => {
    const { client: admin } = await t.signedIn('admin');
    await admin.data(CREATE, { i: { name: 'Sales' } });
    const duplicate = await admin.gql(CREATE, { i: { name: 'SALES' } });
    expect(duplicate.errors?.[0].extensions?.code).toBe('CONFLICT');
    const customer = await t.createUser('customer');
    const refused = await admin.gql(CREATE, { i: { name: 'Support', memberIds: [customer.id] } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'userIds.0' }] });
    const { teams } = await admin.data(TEAMS);
    expect(teams.filter((team: { name: string }) => /^(sales|support)$/i.test(team.name)).map((team: { name: string }) => team.name)).toEqual(['Sales']);
  });

  it('membership changes: add, remove, replace, delete', async () => {
    const { client: admin } = await t.signedIn('admin');
    const [a, b] = [await t.createUser('agent'), await t.createUser('supervisor')];
    const { createTeam: team } = await admin.data(CREATE, { i: { name: 'Tech' } });
    await admin.data(`mutation { addTeamMember(teamId: "${team.id}", userId: "${a.id}") { id } }`);
    const replaced = await admin.data(`mutation { setTeamMembers(teamId: "${team.id}", userIds: ["${b.id}"]) { members { id } } }`);
    expect(replaced.setTeamMembers.members).toEqual([{ id: b.id }]);
    const removed = await admin.data(`mutation { removeTeamMember(teamId: "${team.id}", userId: "${b.id}") { memberCount } }`);
    expect(removed.removeTeamMember.memberCount).toBe(0);
    const renamed = await admin.data(`mutation { updateTeam(input: { id: "${team.id}", name: "Technical", description: null }) { name description } }`);
    expect(renamed.updateTeam).toEqual({ name: 'Technical', description: null });
    expect((await admin.data(`mutation { deleteTeam(id: "${team.id}") }`)).deleteTeam).toBe(true);
    expect((await admin.data(`{ team(id: "${team.id}") { id } }`)).team).toBeNull();
  });

  it('every membership event names the admin who made the change', async () => {
    const { client: admin, user } = await t.signedIn('admin');
    const [a, b] = [await t.createUser('agent'), await t.createUser('agent')];
    const events = collect(admin, `subscription { domainEvents(types: ["team.membersChanged"]) { actorId payload } }`);
    try {
      await events.ready();
      const { createTeam: team } = await admin.data(CREATE, { i: { name: 'Returns', memberIds: [a.id] } });
      await admin.data(`mutation { addTeamMember(teamId: "${team.id}", userId: "${b.id}") { id } }`);
      await admin.data(`mutation { removeTeamMember(teamId: "${team.id}", userId: "${a.id}") { id } }`);
      await admin.data(`mutation { setTeamMembers(teamId: "${team.id}", userIds: ["${a.id}"]) { id } }`);
      await admin.data(`mutation { deleteTeam(id: "${team.id}") }`);
      const received = await events.until(5);
      expect(received.map(({ domainEvents }) => [domainEvents.actorId, domainEvents.payload.added, domainEvents.payload.removed])).toEqual([
        [user.id, [a.id], []],
        [user.id, [b.id], []],
        [user.id, [], [a.id]],
        [user.id, [a.id], [b.id]],
        [user.id, [], [a.id]],
      ]);
      expect(received[4].domainEvents.payload).toMatchObject({ deleted: true, chatsUnrouted: false, ticketsUnteamed: false, conversationsUnteamed: false });
    } finally {
      await events.dispose();
    }
  });

  it('deleting a team records on each of its tickets the team change an update would, by the admin', async () => {
    const { client: admin, user } = await t.signedIn('admin');
    const { createTeam: team } = await admin.data(CREATE, { i: { name: 'Warranty' } });
    const { createTeam: other } = await admin.data(CREATE, { i: { name: 'Shipping' } });
    const held = [await agentTicket(admin, { subject: 'Broken hinge', teamId: team.id }), await agentTicket(admin, { subject: 'Cracked lid', teamId: team.id })];
    const elsewhere = await agentTicket(admin, { subject: 'Late parcel', teamId: other.id });
    // Taken off the team by hand before: the entry the deletion must write alike, and a ticket it must leave alone.
    const byHand = await agentTicket(admin, { subject: 'Unteamed by hand', teamId: team.id });
    await admin.data(UPDATE_TICKET, { i: { id: byHand.id, teamId: null } });
    const DETAIL = `query($id: ID!) { ticket(id: $id) { updatedAt team { id } timeline { nodes { kind field from to at actor { kind userId } } } } }`;
    const detail = async (id: string) => (await admin.data(DETAIL, { id })).ticket;
    const teamLines = async (id: string) => (await detail(id)).timeline.nodes.filter((entry: { field: string | null }) => entry.field === 'team');
    const before = await detail(held[0].id);
    // Published although the team had no members: its tickets (and their conversations, with them) lost their team.
    expect(await deleteTeamWatchingEvent(admin, team.id)).toEqual({
      actorId: user.id,
      payload: { teamId: team.id, added: [], removed: [], deleted: true, chatsUnrouted: false, ticketsUnteamed: true, conversationsUnteamed: true },
    });

    for (const ticket of held) {
      const after = await detail(ticket.id);
      const lines = after.timeline.nodes.filter((entry: { field: string | null }) => entry.field === 'team');
      expect(after.team).toBeNull();
      expect(lines).toEqual([
        { kind: 'field_changed', field: 'team', from: { id: team.id, name: 'Warranty' }, to: null, at: expect.any(String), actor: { kind: 'agent', userId: user.id } },
      ]);
      // Touched like any change: in the same transaction as its entry.
      expect(after.updatedAt).toBe(lines[0].at);
    }
    expect(Date.parse((await detail(held[0].id)).updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
    // Stored exactly as updateTicket stores it (a cleared value is JSON null, not SQL NULL).
    const stored = async (ticketId: string) =>
      t.kefu.orm.em.fork().getConnection().execute(
        `SELECT kind, field, from_value, to_value, to_value IS NULL AS "toMissing", message_id, data, public, actor_user_id, actor_customer_id
           FROM ticket_events WHERE ticket_id = ? AND field = 'team'`,
        [ticketId],
      );
    const [viaUpdate] = await stored(byHand.id);
    expect(await stored(held[1].id)).toEqual([viaUpdate]);
    expect(viaUpdate).toMatchObject({ toMissing: false, actor_user_id: user.id });
    // Tickets not in the team at the time are left as they were.
    expect(await teamLines(byHand.id)).toHaveLength(1);
    expect(await teamLines(elsewhere.id)).toEqual([]);
    expect((await detail(elsewhere.id)).team).toEqual({ id: other.id });
  });

  it('deleting a team records on each of its conversations the line a transfer writes, by the admin; customers do not see it', async () => {
    const { client: admin, user } = await t.signedIn('admin');
    const { client: customer } = await t.signedIn('customer');
    const helper = await t.createUser('agent');
    const { createTeam: team } = await admin.data(CREATE, { i: { name: 'Repairs' } });
    const { createTeam: other } = await admin.data(CREATE, { i: { name: 'Refunds' } });
    const start = async (text: string): Promise<string> => (await customer.data(START, { i: { body: doc(text) } })).startConversation.id;
    const transfer = (conversationId: string, input: Record<string, string>) => admin.data(TRANSFER, { i: { conversationId, ...input } });
    // An assigned live chat, a closed one that waited in the queue, a ticket's thread, and a chat of another team.
    const assigned = await start('Taken by an agent');
    await transfer(assigned, { teamId: team.id, assigneeId: helper.id });
    const closed = await start('Waited, then closed');
    await transfer(closed, { teamId: team.id });
    await admin.data(`mutation($id: ID!) { closeConversation(id: $id) { id } }`, { id: closed });
    const ticket = await agentTicket(admin, { subject: 'A ticket thread', teamId: team.id });
    const thread = (await admin.data(`query($id: ID!) { ticket(id: $id) { conversations { id } } }`, { id: ticket.id })).ticket.conversations[0].id;
    // The thread handed to the team by hand too: the line (and its timeline entry) the deletion must write alike.
    await transfer(thread, { teamId: team.id });
    const elsewhere = await start('Another team');
    await transfer(elsewhere, { teamId: other.id });

    const CONVERSATION = `query($id: ID!) { conversation(id: $id) { status updatedAt team { id } messages { nodes { kind event data createdAt } } } }`;
    const conversation = async (id: string) => (await admin.data(CONVERSATION, { id })).conversation;
    const lines = async (id: string) => (await conversation(id)).messages.nodes.filter((node: { event: string | null }) => node.event === 'team_deleted');
    const before = await conversation(assigned);
    // The closed chat waited unassigned without a ticket: unrouted now.
    expect(await deleteTeamWatchingEvent(admin, team.id)).toEqual({
      actorId: user.id,
      payload: { teamId: team.id, added: [], removed: [], deleted: true, chatsUnrouted: true, ticketsUnteamed: true, conversationsUnteamed: true },
    });

    for (const id of [assigned, closed, thread]) {
      const after = await conversation(id);
      const line = { kind: 'system', event: 'team_deleted', data: { team: { id: team.id, name: 'Repairs' } }, createdAt: expect.any(String) };
      expect(after.team).toBeNull();
      expect(await lines(id)).toEqual([line]);
      // Touched like a transfer: in the same transaction as its line.
      expect(after.updatedAt).toBe((await lines(id))[0].createdAt);
    }
    expect(Date.parse((await conversation(assigned)).updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
    expect((await conversation(closed)).status).toBe('closed');
    // Stored as addMessage stores the transfer's line (its ticket, the admin as author, no body), and on the ticket's timeline alike.
    const db = t.kefu.orm.em.fork().getConnection();
    const stored = (event: string) =>
      db.execute(
        `SELECT m.ticket_id, m.kind, m.author_user_id, m.author_customer_id, m.body, m.html, m.text, m.mentioned_user_ids, m.search_vector::text AS search_vector,
                e.ticket_id AS entry_ticket_id, e.kind AS entry_kind, e.actor_user_id, e.actor_customer_id, e.field, e.from_value, e.to_value, e.data AS entry_data, e.public
           FROM messages m LEFT JOIN ticket_events e ON e.message_id = m.id WHERE m.conversation_id = ? AND m.event = ?`,
        [thread, event],
      );
    const [viaTransfer] = await stored('transferred');
    expect(viaTransfer).toMatchObject({ ticket_id: ticket.id, author_user_id: user.id, entry_ticket_id: ticket.id, entry_kind: 'message', actor_user_id: user.id, public: false });
    expect(await stored('team_deleted')).toEqual([viaTransfer]);
    const timeline = (await admin.data(`query($id: ID!) { ticket(id: $id) { timeline { nodes { kind message { event } } } } }`, { id: ticket.id })).ticket.timeline.nodes;
    expect(timeline.filter((entry: { message: { event: string | null } | null }) => entry.message?.event === 'team_deleted')).toHaveLength(1);
    // Conversations of other teams are left as they were.
    expect((await conversation(elsewhere)).team).toEqual({ id: other.id });
    expect(await lines(elsewhere)).toEqual([]);
    // Customers read public replies only: no team, no line.
    const own = await customer.data(`query($id: ID!) { conversation(id: $id) { messages { nodes { kind } } } }`, { id: closed });
    expect(own.conversation.messages.nodes).toEqual([{ kind: 'reply' }]);
  });

  it('only admins manage teams; customers cannot list them', async () => {
    const { client: agent } = await t.signedIn('agent');
    const refused = await agent.gql(CREATE, { i: { name: 'Rogue' } });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.data).toBeNull();
    const { client: customer } = await t.signedIn('customer');
    expect((await customer.gql(TEAMS)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { client: admin } = await t.signedIn('admin');
    expect((await admin.data(TEAMS)).teams.some((team: { name: string }) => team.name === 'Rogue')).toBe(false);
  });
});
