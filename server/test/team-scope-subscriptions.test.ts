import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestClient, type TestKefu } from '../src/testing/index.ts';
import { agentTicket, doc, LIST, portalTicket, UPDATE_TICKET } from './support/helpdesk.ts';
import { collect, quiet, ready } from './support/subscriptions.ts';

const TICKETS = `subscription($v: ID) { ticketChanged(viewId: $v) { kind ticketId matchesFilter ticket { id } } }`;
const CONVERSATIONS = `subscription { conversationChanged { kind conversationId conversation { id } } }`;
const COUNTS = `subscription { ticketViewCounts { views { viewId count } } }`;
const CREATE_VIEW = `mutation($i: CreateTicketViewInput!) { createTicketView(input: $i) { id } }`;
const START = `mutation($i: StartConversationInput!) { startConversation(input: $i) { id } }`;
const TRANSFER = `mutation($i: TransferConversationInput!) { transferConversation(input: $i) { id } }`;
const SCOPE_CHANGED_TICKETS = { ticketChanged: { kind: 'scopeChanged', ticketId: null, matchesFilter: false, ticket: null } };
const SCOPE_CHANGED_CONVERSATIONS = { conversationChanged: { kind: 'scopeChanged', conversationId: null, conversation: null } };

type Agent = { client: TestClient; id: string };

describe('team membership changes reach the open subscriptions of those concerned', () => {
  let t: TestKefu;
  let admin: TestClient;
  let supervisor: TestClient;
  let customer: TestClient;
  /** An agent of another team: never concerned by the changes below. */
  let bystander: Agent;
  beforeAll(async () => {
    t = await startTestKefu();
    admin = (await t.signedIn('admin')).client;
    supervisor = (await t.signedIn('supervisor')).client;
    customer = (await t.signedIn('customer')).client;
    const { id: otherTeam } = await team([]);
    bystander = await agent(otherTeam);
  });
  afterAll(() => t.close());

  async function team(memberIds: string[]): Promise<{ id: string }> {
    const name = `Team ${Math.random().toString(36).slice(2, 8)}`;
    return (await admin.data(`mutation($i: CreateTeamInput!) { createTeam(input: $i) { id } }`, { i: { name, memberIds } })).createTeam;
  }

  async function agent(teamId?: string): Promise<Agent> {
    const { client, user } = await t.signedIn('agent');
    if (teamId) await admin.data(`mutation($t: ID!, $u: ID!) { addTeamMember(teamId: $t, userId: $u) { id } }`, { t: teamId, u: user.id });
    return { client, id: user.id };
  }

  const removeMember = (client: TestClient, teamId: string, userId: string) =>
    client.gql(`mutation($t: ID!, $u: ID!) { removeTeamMember(teamId: $t, userId: $u) { id } }`, { t: teamId, u: userId });
  const memberIds = async (teamId: string): Promise<string[]> =>
    (await admin.data(`query($id: ID!) { team(id: $id) { members { id } } }`, { id: teamId })).team.members.map((member: { id: string }) => member.id);

  it('an agent removed from a team is told to refetch their view and gets none of its tickets from then on; nobody else is told', async () => {
    const { id: teamId } = await team([]);
    const leaving = await agent(teamId);
    const staying = await agent(teamId);
    const ticket = await agentTicket(staying.client, { subject: 'Team matter', teamId });
    const viewId = (await leaving.client.data(CREATE_VIEW, { i: { name: 'My teams', filter: { myTeams: true } } })).createTicketView.id;
    const leavingTickets = collect(leaving.client, TICKETS, { v: viewId });
    const leavingCounts = collect(leaving.client, COUNTS);
    const stayingTickets = collect(staying.client, TICKETS);
    const bystanderTickets = collect(bystander.client, TICKETS);
    try {
      await ready(leavingTickets, leavingCounts, stayingTickets, bystanderTickets);
      // Seen while a member (which also caches the subscriber's scope on their socket).
      await staying.client.data(UPDATE_TICKET, { i: { id: ticket.id, priority: 'high' } });
      await leavingTickets.until(1);
      await leavingCounts.until(1);
      await removeMember(admin, teamId, leaving.id);
      await leavingTickets.until(2);
      await leavingCounts.until(2);
      // Straight after the signal (well within the 5 s a cached scope lives), the team's tickets no longer reach them.
      await staying.client.data(UPDATE_TICKET, { i: { id: ticket.id, priority: 'urgent' } });
      await stayingTickets.until(2);
      await quiet();

      expect(leavingTickets.received).toEqual([
        { ticketChanged: { kind: 'updated', ticketId: ticket.id, matchesFilter: true, ticket: { id: ticket.id } } },
        SCOPE_CHANGED_TICKETS,
      ]);
      const counts = leavingCounts.received.at(-1).ticketViewCounts.views;
      expect(counts.filter((view: { viewId: string }) => view.viewId === viewId || view.viewId === 'my_teams')).toEqual([
        { viewId: 'my_teams', count: 0 },
        { viewId, count: 0 },
      ]);
      expect(stayingTickets.received.map((data) => data.ticketChanged.kind)).toEqual(['updated', 'updated']);
      expect(bystanderTickets.received).toEqual([]);
      // The refetch the signal asks for: the view no longer lists the team's ticket.
      expect((await leaving.client.data(LIST, { view: viewId })).tickets.nodes).toEqual([]);
    } finally {
      await Promise.all([leavingTickets, leavingCounts, stayingTickets, bystanderTickets].map((sub) => sub.dispose()));
    }
  });

  it('a ticket page (ticketChanged with ticketId) is told its ticket is gone, or nothing when the agent still sees it', async () => {
    const { id: teamId } = await team([]);
    const leaving = await agent(teamId);
    const teamTicket = await agentTicket(leaving.client, { subject: 'Only through the team', teamId });
    const ownTicket = await agentTicket(leaving.client, { subject: 'Assigned to them', teamId, assigneeId: leaving.id });
    const ONE = `subscription($t: ID) { ticketChanged(ticketId: $t) { kind ticketId ticket { id } } }`;
    const lost = collect(leaving.client, ONE, { t: teamTicket.id });
    const kept = collect(leaving.client, ONE, { t: ownTicket.id });
    try {
      await ready(lost, kept);
      await removeMember(admin, teamId, leaving.id);
      await lost.until(1);
      await quiet();
      expect(lost.received).toEqual([{ ticketChanged: { kind: 'hidden', ticketId: teamTicket.id, ticket: null } }]);
      expect(kept.received).toEqual([]);
    } finally {
      await Promise.all([lost, kept].map((sub) => sub.dispose()));
    }
  });

  it('the live-chat list of a removed agent is told too; their teammates and other agents are not', async () => {
    const { id: teamId } = await team([]);
    const leaving = await agent(teamId);
    const staying = await agent(teamId);
    const { startConversation } = await customer.data(START, { i: { body: doc('Is anyone there?') } });
    await supervisor.data(TRANSFER, { i: { conversationId: startConversation.id, teamId } });
    const leavingChats = collect(leaving.client, CONVERSATIONS);
    const stayingChats = collect(staying.client, CONVERSATIONS);
    const bystanderChats = collect(bystander.client, CONVERSATIONS);
    try {
      await ready(leavingChats, stayingChats, bystanderChats);
      await removeMember(admin, teamId, leaving.id);
      await leavingChats.until(1);
      await customer.data(`mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }`, { i: { conversationId: startConversation.id, body: doc('Hello?') } });
      await stayingChats.until(1);
      await quiet();

      expect(leavingChats.received).toEqual([SCOPE_CHANGED_CONVERSATIONS]);
      expect(stayingChats.received).toEqual([{ conversationChanged: { kind: 'updated', conversationId: startConversation.id, conversation: { id: startConversation.id } } }]);
      expect(bystanderChats.received).toEqual([]);
    } finally {
      await Promise.all([leavingChats, stayingChats, bystanderChats].map((sub) => sub.dispose()));
    }
  });

  it('deleting a team tells each of its members; replacing the members tells those who joined and left, not those who stayed', async () => {
    const first = await agent();
    const second = await agent();
    const third = await agent();
    const { id: teamId } = await team([first.id, second.id]);
    const subs = [first, second, third, bystander].map((member) => collect(member.client, TICKETS));
    const [firstSub, secondSub, thirdSub, bystanderSub] = subs;
    try {
      await ready(...subs);
      await admin.data(`mutation($t: ID!, $u: [ID!]!) { setTeamMembers(teamId: $t, userIds: $u) { id } }`, { t: teamId, u: [second.id, third.id] });
      await firstSub.until(1);
      await thirdSub.until(1);
      await quiet();
      expect(secondSub.received).toEqual([]);

      await admin.data(`mutation($id: ID!) { deleteTeam(id: $id) }`, { id: teamId });
      await secondSub.until(1);
      await thirdSub.until(2);
      await quiet();
      expect(firstSub.received).toEqual([SCOPE_CHANGED_TICKETS]);
      expect(secondSub.received).toEqual([SCOPE_CHANGED_TICKETS]);
      expect(thirdSub.received).toEqual([SCOPE_CHANGED_TICKETS, SCOPE_CHANGED_TICKETS]);
      expect(bystanderSub.received).toEqual([]);
    } finally {
      await Promise.all(subs.map((sub) => sub.dispose()));
    }
  });

  it('deleting a team with a waiting live chat tells every chat list; an agent of another team then sees the chat, and no ticket list is told', async () => {
    const member = await agent();
    const { id: teamId } = await team([member.id]);
    const { startConversation: chat } = await customer.data(START, { i: { body: doc('Waiting in a queue') } });
    await supervisor.data(TRANSFER, { i: { conversationId: chat.id, teamId } });
    const CHAT = `query($id: ID!) { conversation(id: $id) { id team { id } } }`;
    expect((await bystander.client.gql(CHAT, { id: chat.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bystanderChats = collect(bystander.client, CONVERSATIONS);
    const bystanderTickets = collect(bystander.client, TICKETS);
    const supervisorChats = collect(supervisor, CONVERSATIONS);
    try {
      await ready(bystanderChats, bystanderTickets, supervisorChats);
      await admin.data(`mutation($id: ID!) { deleteTeam(id: $id) }`, { id: teamId });
      await bystanderChats.until(1);
      await supervisorChats.until(1);
      expect(bystanderChats.received).toEqual([SCOPE_CHANGED_CONVERSATIONS]);
      expect(supervisorChats.received[0]).toEqual(SCOPE_CHANGED_CONVERSATIONS);
      // The refetch the signal asks for finds the chat, now unrouted.
      expect((await bystander.client.data(CHAT, { id: chat.id })).conversation).toEqual({ id: chat.id, team: null });
      // And its next message reaches them live.
      await customer.data(`mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }`, { i: { conversationId: chat.id, body: doc('Still there?') } });
      await bystanderChats.until(2);
      expect(bystanderChats.received[1]).toEqual({ conversationChanged: { kind: 'updated', conversationId: chat.id, conversation: { id: chat.id } } });
      // Tickets need a team, assignment or following: the bystander gained none.
      expect(bystanderTickets.received).toEqual([]);
    } finally {
      await Promise.all([bystanderChats, bystanderTickets, supervisorChats].map((sub) => sub.dispose()));
    }
  });

  it('deleting a team that holds tickets tells every staff ticket list and view count, and the pages of its tickets; customers hear nothing', async () => {
    const member = await agent();
    const { id: teamId } = await team([member.id]);
    const teamTicket = await agentTicket(member.client, { subject: 'Held by a doomed team', teamId });
    const assignedTicket = await agentTicket(member.client, { subject: 'Also theirs by assignment', teamId, assigneeId: member.id });
    const unrelated = await agentTicket(bystander.client, { subject: 'Not in that team', assigneeId: bystander.id });
    // The customer's own ticket, routed to the team: customers never see teams.
    const customerTicket = await portalTicket(customer, 'Mine, routed to the team');
    await supervisor.data(UPDATE_TICKET, { i: { id: customerTicket, teamId } });
    const viewId = (await supervisor.data(CREATE_VIEW, { i: { name: `Doomed ${teamId}`, filter: { teamIds: [teamId] } } })).createTicketView.id;
    const FILTERED = `subscription($f: TicketFilter) { ticketChanged(filter: $f) { kind ticketId matchesFilter ticket { id } } }`;
    const PAGE = `subscription($t: ID) { ticketChanged(ticketId: $t) { kind ticketId changedFields matchesFilter ticket { id team { id } } } }`;
    const supervisorList = collect(supervisor, FILTERED, { f: { teamIds: [teamId] } });
    const supervisorView = collect(supervisor, TICKETS, { v: viewId });
    const supervisorCounts = collect(supervisor, COUNTS);
    const supervisorPage = collect(supervisor, PAGE, { t: teamTicket.id });
    const memberPage = collect(member.client, PAGE, { t: assignedTicket.id });
    const bystanderList = collect(bystander.client, TICKETS);
    const bystanderPage = collect(bystander.client, PAGE, { t: unrelated.id });
    const customerList = collect(customer, TICKETS);
    const customerPage = collect(customer, PAGE, { t: customerTicket });
    const subs = [supervisorList, supervisorView, supervisorCounts, supervisorPage, memberPage, bystanderList, bystanderPage, customerList, customerPage];
    try {
      await ready(...subs);
      await admin.data(`mutation($id: ID!) { deleteTeam(id: $id) }`, { id: teamId });
      await Promise.all([supervisorList, supervisorView, supervisorCounts, supervisorPage, memberPage, bystanderList].map((sub) => sub.until(1)));
      await quiet();

      // Lists filtered by the team (or not: any staff list may show the team) refetch; the refetch no longer finds its tickets.
      expect(supervisorList.received).toEqual([SCOPE_CHANGED_TICKETS]);
      expect(supervisorView.received).toEqual([SCOPE_CHANGED_TICKETS]);
      expect(bystanderList.received).toEqual([SCOPE_CHANGED_TICKETS]);
      expect((await supervisor.data(LIST, { view: viewId })).tickets.nodes).toEqual([]);
      expect(supervisorCounts.received.at(-1).ticketViewCounts.views.find((view: { viewId: string }) => view.viewId === viewId)).toEqual({ viewId, count: 0 });
      // The pages of its tickets show the change like any other; an agent of the team keeps the one assigned to them.
      const updated = (ticketId: string) => ({ ticketChanged: { kind: 'updated', ticketId, changedFields: ['team'], matchesFilter: true, ticket: { id: ticketId, team: null } } });
      expect(supervisorPage.received).toEqual([updated(teamTicket.id)]);
      expect(memberPage.received).toEqual([updated(assignedTicket.id)]);
      expect(bystanderPage.received).toEqual([]);
      expect(customerList.received).toEqual([]);
      expect(customerPage.received).toEqual([]);
    } finally {
      await Promise.all(subs.map((sub) => sub.dispose()));
    }
  });

  it('deleting a team whose chats are all taken tells every staff chat list, and a list filtered by it finds them no more; customers hear nothing', async () => {
    const member = await agent();
    // An agent outside the team the chat was handed to: their list shows it under the team.
    const helper = await agent();
    const { id: teamId } = await team([member.id]);
    const { startConversation: chat } = await customer.data(START, { i: { body: doc('Being helped') } });
    await supervisor.data(TRANSFER, { i: { conversationId: chat.id, teamId, assigneeId: helper.id } });
    const FILTERED = `subscription($f: ConversationFilter) { conversationChanged(filter: $f) { kind conversationId conversation { id } } }`;
    const LIST_CHATS = `query($f: ConversationFilter) { conversations(filter: $f) { nodes { id team { id } } } }`;
    expect((await supervisor.data(LIST_CHATS, { f: { teamIds: [teamId] } })).conversations.nodes).toEqual([{ id: chat.id, team: { id: teamId } }]);
    const supervisorChats = collect(supervisor, FILTERED, { f: { teamIds: [teamId] } });
    const helperChats = collect(helper.client, CONVERSATIONS);
    const memberChats = collect(member.client, CONVERSATIONS);
    const bystanderChats = collect(bystander.client, CONVERSATIONS);
    const customerMessages = collect(customer, `subscription($c: ID) { messageAdded(conversationId: $c) { id kind } }`, { c: chat.id });
    const customerTickets = collect(customer, TICKETS);
    const subs = [supervisorChats, helperChats, memberChats, bystanderChats, customerMessages, customerTickets];
    try {
      await ready(...subs);
      await admin.data(`mutation($id: ID!) { deleteTeam(id: $id) }`, { id: teamId });
      await Promise.all([supervisorChats, helperChats, memberChats, bystanderChats].map((sub) => sub.until(1)));
      await quiet();

      // Any staff list may show the chat under the team (filtered by it or not): one signal to refetch each.
      for (const sub of [supervisorChats, helperChats, memberChats, bystanderChats]) expect(sub.received).toEqual([SCOPE_CHANGED_CONVERSATIONS]);
      // The refetch: the supervisor's list by that team is empty, the agent's own chat shows no team.
      expect((await supervisor.data(LIST_CHATS, { f: { teamIds: [teamId] } })).conversations.nodes).toEqual([]);
      expect((await helper.client.data(LIST_CHATS, { f: { assigneeIds: [helper.id] } })).conversations.nodes).toEqual([{ id: chat.id, team: null }]);
      expect(customerMessages.errors).toEqual([]);
      expect(customerMessages.received).toEqual([]);
      expect(customerTickets.received).toEqual([]);
    } finally {
      await Promise.all(subs.map((sub) => sub.dispose()));
    }
  });

  it('deleting a team that holds no conversation tells only its members’ chat lists', async () => {
    const member = await agent();
    const { id: teamId } = await team([member.id]);
    const memberChats = collect(member.client, CONVERSATIONS);
    const bystanderChats = collect(bystander.client, CONVERSATIONS);
    const supervisorChats = collect(supervisor, CONVERSATIONS);
    try {
      await ready(memberChats, bystanderChats, supervisorChats);
      await admin.data(`mutation($id: ID!) { deleteTeam(id: $id) }`, { id: teamId });
      await memberChats.until(1);
      await quiet();
      expect(memberChats.received).toEqual([SCOPE_CHANGED_CONVERSATIONS]);
      expect(bystanderChats.received).toEqual([]);
      expect(supervisorChats.received).toEqual([]);
    } finally {
      await Promise.all([memberChats, bystanderChats, supervisorChats].map((sub) => sub.dispose()));
    }
  });

  it('an agent added to a team is told, and its tickets reach them from then on', async () => {
    const { id: teamId } = await team([]);
    const member = await agent(teamId);
    const joining = await agent();
    const ticket = await agentTicket(member.client, { subject: 'Before you joined', teamId });
    const joiningTickets = collect(joining.client, TICKETS);
    try {
      await joiningTickets.ready();
      await admin.data(`mutation($t: ID!, $u: ID!) { addTeamMember(teamId: $t, userId: $u) { id } }`, { t: teamId, u: joining.id });
      await joiningTickets.until(1);
      await member.client.data(UPDATE_TICKET, { i: { id: ticket.id, priority: 'high' } });
      await joiningTickets.until(2);
      expect(joiningTickets.received.map((data) => data.ticketChanged.kind)).toEqual(['scopeChanged', 'updated']);
    } finally {
      await joiningTickets.dispose();
    }
  });

  it('a refused or empty change tells nobody: an agent may not remove a teammate, and removing a non-member changes nothing', async () => {
    const { id: teamId } = await team([]);
    const member = await agent(teamId);
    const teammate = await agent(teamId);
    const memberTickets = collect(member.client, TICKETS);
    try {
      await memberTickets.ready();
      const refused = await removeMember(teammate.client, teamId, member.id);
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await removeMember(admin, teamId, bystander.id)).errors).toBeUndefined();
      await quiet();
      expect(memberTickets.received).toEqual([]);
      expect((await memberIds(teamId)).sort()).toEqual([member.id, teammate.id].sort());
    } finally {
      await memberTickets.dispose();
    }
  });
});
