import { definePlugin, type CoreEvent } from '@kefu/plugin-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestClient, type TestKefu } from '../src/testing/index.ts';
import { agentTicket, doc, SEND, setUpDesk, UPDATE_TICKET, type Desk } from './support/helpdesk.ts';
import { collect, quiet, ready } from './support/subscriptions.ts';

const CHANGES = `subscription($f: ConversationFilter) { conversationChanged(filter: $f) { kind conversationId conversation { id assignee { id } team { id } ticket { id } } } }`;
const START = `mutation($i: StartConversationInput!) { startConversation(input: $i) { id } }`;
const TRANSFER = `mutation($i: TransferConversationInput!) { transferConversation(input: $i) { id } }`;

/** What plugins are told: `conversation.updated` carries who the conversation was taken from. */
const published: CoreEvent<'conversation.updated'>[] = [];
const recorder = definePlugin({
  id: 'conversation-recorder',
  version: '1.0.0',
  compatibility: '^0.1.0',
  register(ctx) {
    ctx.events.on('conversation.updated', (event) => void published.push(event));
  },
});

type Change = { kind: string; conversationId: string; conversation: { id: string; assignee: { id: string } | null; team: { id: string } | null } | null };
const changes = (received: any[]): Change[] => received.map((data) => data.conversationChanged);

describe('conversationChanged', () => {
  let t: TestKefu;
  let desk: Desk;
  /** An agent of a third team: sees none of the conversations below once they are routed. */
  let bystander: { client: TestClient; id: string };
  beforeAll(async () => {
    t = await startTestKefu({ plugins: [recorder] });
    desk = await setUpDesk(t);
    const { createTeam } = await desk.admin.data(`mutation { createTeam(input: { name: "C" }) { id } }`);
    const { client, user } = await t.signedIn('agent');
    await desk.admin.data(`mutation { addTeamMember(teamId: "${createTeam.id}", userId: "${user.id}") { id } }`);
    bystander = { client, id: user.id };
  });
  afterAll(() => t.close());

  /** A customer's new chat, routed to agent A of team A (by a supervisor) before anyone subscribes. */
  async function chatOfAgentA(): Promise<string> {
    const { startConversation } = await desk.customer.client.data(START, { i: { body: doc('Where is my parcel?') } });
    await desk.supervisor.client.data(TRANSFER, { i: { conversationId: startConversation.id, teamId: desk.teamA, assigneeId: desk.agentA.id } });
    return startConversation.id;
  }

  it('transferred away: the old owner is told it is gone (id only), the new owner gets the change, a bystander nothing', async () => {
    const conversationId = await chatOfAgentA();
    const oldOwner = collect(desk.agentA.client, CHANGES);
    const newOwner = collect(desk.agentB.client, CHANGES);
    const other = collect(bystander.client, CHANGES);
    try {
      await ready(oldOwner, newOwner, other);
      await desk.supervisor.client.data(TRANSFER, { i: { conversationId, teamId: desk.teamB, assigneeId: desk.agentB.id, note: 'secret-otter: refund approved' } });
      await oldOwner.until(1);
      // The system line, the note and the transfer itself.
      await newOwner.until(3);
      // What happens next is no longer A's business: nothing, not even "hidden".
      await desk.customer.client.data(SEND, { i: { conversationId, body: doc('Hello?') } });
      await newOwner.until(4);
      await quiet();

      expect(changes(oldOwner.received)).toEqual([{ kind: 'hidden', conversationId, conversation: null }]);
      expect(JSON.stringify(oldOwner.received)).not.toContain('otter');
      expect(other.received).toEqual([]);
      expect(changes(newOwner.received).map((change) => change.kind)).toEqual(['updated', 'updated', 'updated', 'updated']);
      expect(changes(newOwner.received).at(-1)?.conversation).toMatchObject({ id: conversationId, assignee: { id: desk.agentB.id }, team: { id: desk.teamB } });
      expect(published.find((event) => event.payload.conversationId === conversationId && event.payload.assigneeId === desk.agentB.id)?.payload).toEqual({
        conversationId,
        changes: ['assignee', 'team'],
        assigneeId: desk.agentB.id,
        teamId: desk.teamB,
        ticketId: null,
        previousAssigneeId: desk.agentA.id,
        previousTeamId: desk.teamA,
      });
      // A can no longer open it: the hidden payload was right.
      const refused = await desk.agentA.client.gql(`query($id: ID!) { conversation(id: $id) { id } }`, { id: conversationId });
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    } finally {
      await oldOwner.dispose();
      await newOwner.dispose();
      await other.dispose();
    }
  });

  it('an unrouted chat reaches every agent; once routed, the others are told it is gone, whatever their filter', async () => {
    const agentB = collect(desk.agentB.client, CHANGES, { f: { withoutTicket: true } });
    const other = collect(bystander.client, CHANGES, { f: { status: ['closed'] } });
    try {
      await ready(agentB, other);
      const { startConversation } = await desk.customer.client.data(START, { i: { body: doc('Anyone?') } });
      const conversationId = startConversation.id;
      await agentB.until(1);
      expect(changes(agentB.received)[0]).toMatchObject({ kind: 'created', conversationId, conversation: { id: conversationId, assignee: null } });
      await desk.agentA.client.data(TRANSFER, { i: { conversationId, teamId: desk.teamA, assigneeId: desk.agentA.id } });
      await agentB.until(3);
      await other.until(1);
      await quiet();
      // B: the new chat, its first message, then gone — never a word about where it went.
      expect(changes(agentB.received).map((change) => change.kind)).toEqual(['created', 'updated', 'hidden']);
      expect(changes(agentB.received).at(-1)).toEqual({ kind: 'hidden', conversationId, conversation: null });
      expect(changes(agentB.received).some((change) => change.conversation?.assignee?.id === desk.agentA.id)).toBe(false);
      // The bystander's filter (closed only) kept the open chat out, but they could see it: told it is gone.
      expect(changes(other.received)).toEqual([{ kind: 'hidden', conversationId, conversation: null }]);
    } finally {
      await agentB.dispose();
      await other.dispose();
    }
  });

  it('converted to a ticket of another team: agents who saw the unrouted chat are told it is gone', async () => {
    const { startConversation } = await desk.customer.client.data(START, { i: { body: doc('Refund please') } });
    const conversationId = startConversation.id;
    const agentB = collect(desk.agentB.client, CHANGES);
    const agentA = collect(desk.agentA.client, CHANGES);
    try {
      await ready(agentB, agentA);
      await desk.agentA.client.data(`mutation($i: ConvertConversationInput!) { convertConversationToTicket(input: $i) { id } }`, {
        i: { conversationId, subject: 'Refund', teamId: desk.teamA },
      });
      await agentB.until(1);
      await agentA.until(2);
      await quiet();
      expect(changes(agentB.received)).toEqual([{ kind: 'hidden', conversationId, conversation: null }]);
      expect(changes(agentA.received).map((change) => change.kind)).toEqual(['updated', 'updated']);
    } finally {
      await agentB.dispose();
      await agentA.dispose();
    }
  });

  it('a ticket handed to another team takes its conversation along: hidden for the old team, shown to the new one', async () => {
    const ticket = await agentTicket(desk.agentA.client, { subject: 'Moving conversation', teamId: desk.teamA });
    const { ticket: detail } = await desk.agentA.client.data(`query($id: ID!) { ticket(id: $id) { conversations { id } } }`, { id: ticket.id });
    const conversationId = detail.conversations[0].id;
    const oldTeam = collect(desk.agentA.client, CHANGES);
    const newTeam = collect(desk.agentB.client, CHANGES);
    const other = collect(bystander.client, CHANGES);
    try {
      await ready(oldTeam, newTeam, other);
      await desk.supervisor.client.data(UPDATE_TICKET, { i: { id: ticket.id, teamId: desk.teamB } });
      await oldTeam.until(1);
      await newTeam.until(1);
      await desk.supervisor.client.data(SEND, { i: { ticketId: ticket.id, kind: 'note', body: doc('over to team B') } });
      await newTeam.until(2);
      await quiet();
      expect(changes(oldTeam.received)).toEqual([{ kind: 'hidden', conversationId, conversation: null }]);
      expect(changes(newTeam.received).map((change) => [change.kind, change.conversation?.id])).toEqual([
        ['updated', conversationId],
        ['updated', conversationId],
      ]);
      expect(other.received).toEqual([]);
    } finally {
      await oldTeam.dispose();
      await newTeam.dispose();
      await other.dispose();
    }
  });

  it('marking read reaches the reader’s own lists (every tab) with the new unread count; nobody else', async () => {
    const READS = `subscription($f: ConversationFilter) { conversationChanged(filter: $f) { kind conversationId conversation { id unreadCount } } }`;
    const MARK = `mutation($c: ID!, $m: ID!) { markConversationRead(conversationId: $c, messageId: $m) { lastReadMessageId } }`;
    const conversationId = await chatOfAgentA();
    const newest = async () =>
      (await desk.agentA.client.data(`query($id: ID!) { conversation(id: $id) { unreadCount messages(first: 1, direction: desc) { nodes { id } } } }`, { id: conversationId })).conversation;
    const before = await newest();
    expect(before.unreadCount).toBeGreaterThan(0);
    // Two tabs of agent A, one of them filtered to closed chats; the supervisor sees every chat.
    const [tab, otherTab, closedOnly, supervisor] = [
      collect(desk.agentA.client, READS),
      collect(desk.agentA.client, READS),
      collect(desk.agentA.client, READS, { f: { status: ['closed'] } }),
      collect(desk.supervisor.client, READS),
    ];
    try {
      await ready(tab, otherTab, closedOnly, supervisor);
      await desk.agentA.client.data(MARK, { c: conversationId, m: before.messages.nodes[0].id });
      const read = { kind: 'read', conversationId, conversation: { id: conversationId, unreadCount: 0 } };
      expect(changes(await tab.until(1))).toEqual([read]);
      expect(changes(await otherTab.until(1))).toEqual([read]);
      // The customer reading, and the customer's next message, are not A's own reads.
      const { sendMessage } = await desk.customer.client.data(SEND, { i: { conversationId, body: doc('Still there?') } });
      await desk.customer.client.data(MARK, { c: conversationId, m: sendMessage.id });
      expect(changes(await tab.until(2)).at(-1)).toEqual({ kind: 'updated', conversationId, conversation: { id: conversationId, unreadCount: 1 } });
      await quiet();
      expect(changes(tab.received).map((change) => change.kind)).toEqual(['read', 'updated']);
      expect(closedOnly.received).toEqual([]);
      expect(changes(supervisor.received).map((change) => change.kind)).toEqual(['updated']);
      expect(closedOnly.errors.concat(tab.errors, otherTab.errors, supervisor.errors)).toEqual([]);
    } finally {
      await Promise.all([tab, otherTab, closedOnly, supervisor].map((stream) => stream.dispose()));
    }
  });
});
