import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestKefu } from '../src/testing/index.ts';
import { agentTicket, doc, SEND, setUpDesk, type Desk } from './support/helpdesk.ts';
import { countQueries } from './support/query-count.ts';

/** The agent conversation list: the fields of web/src/agent/graphql/conversations.graphql, with unread counts. */
const LIST = `query($first: Int) { conversations(first: $first) {
  nodes { id channel status subject customer { id name tier } assignee { id name } team { id name } ticket { id reference }
    lastMessage { id kind text createdAt } unreadCount createdAt updatedAt closedAt }
  pageInfo { hasNextPage endCursor } } }`;
const START = `mutation($i: StartConversationInput!) { startConversation(input: $i) { id } }`;

describe('conversation list query cost', () => {
  let t: TestKefu;
  let desk: Desk;
  /** The newest conversation: the supervisor read its first message, then replied; two customer messages are new to them. */
  let readConversationId: string;
  beforeAll(async () => {
    t = await startTestKefu();
    desk = await setUpDesk(t);
    // Every fifth-or-less row differs, so a page of 5 resolves the same kinds of fields as a page of 25.
    for (let i = 0; i < 30; i++) {
      if (i % 3 === 0) {
        await agentTicket(desk.agentA.client, { subject: `Ticket ${i}`, teamId: desk.teamA, requester: { name: `Customer ${i}`, email: `c${i}@example.test` } });
        continue;
      }
      const customer = i % 2 ? desk.customer : desk.otherCustomer;
      const { startConversation } = await customer.client.data(START, { i: { body: doc(`Chat ${i}`) } });
      if (i % 3 === 1) {
        await desk.supervisor.client.data(`mutation($i: TransferConversationInput!) { transferConversation(input: $i) { id } }`, {
          i: { conversationId: startConversation.id, teamId: desk.teamA, assigneeId: desk.agentA.id },
        });
      }
    }
    const { startConversation } = await desk.customer.client.data(START, { i: { body: doc('one') } });
    readConversationId = startConversation.id;
    await desk.customer.client.data(SEND, { i: { conversationId: readConversationId, body: doc('two') } });
    const { conversation } = await desk.supervisor.client.data(`query($id: ID!) { conversation(id: $id) { messages { nodes { id } } } }`, { id: readConversationId });
    await desk.supervisor.client.data(`mutation($c: ID!, $m: ID!) { markConversationRead(conversationId: $c, messageId: $m) { lastReadMessageId } }`, {
      c: readConversationId,
      m: conversation.messages.nodes[0].id,
    });
    await desk.supervisor.client.data(SEND, { i: { conversationId: readConversationId, body: doc('three, from the supervisor') } });
    await desk.customer.client.data(SEND, { i: { conversationId: readConversationId, body: doc('four') } });
  });
  afterAll(() => t.close());

  async function cost(first: number) {
    const client = desk.supervisor.client;
    await client.data(LIST, { first: 1 }); // warm the session touch and JIT
    const counter = countQueries();
    try {
      const data = await client.data(LIST, { first });
      return { count: counter.statements.length, nodes: data.conversations.nodes, statements: counter.statements.map((s) => s.slice(0, 60)) };
    } finally {
      counter.restore();
    }
  }

  it('a page of 25 conversations with unread counts costs as many SQL statements as a page of 5', async () => {
    const small = await cost(5);
    const large = await cost(25);
    expect(small.nodes).toHaveLength(5);
    expect(large.nodes).toHaveLength(25);
    expect(large.count, large.statements.join('\n')).toBe(small.count);
    // session + page + customer + assignee + team + ticket + number prefix + last message + unread counts
    expect(large.count, large.statements.join('\n')).toBeLessThanOrEqual(9);
  });

  it('counts what the viewer has not read, not their own messages', async () => {
    const { nodes } = await cost(25);
    const unread = (id: string) => nodes.find((node: { id: string }) => node.id === id)?.unreadCount;
    // "two" and "four"; "one" was read and "three" is the supervisor's own.
    expect(unread(readConversationId)).toBe(2);
    // Never opened: the customer's first words count, the transfer line the supervisor wrote does not.
    const transferred = nodes.find((node: { assignee: unknown; ticket: unknown }) => node.assignee && !node.ticket);
    expect(transferred.unreadCount).toBe(1);
    const { conversation } = await desk.agentA.client.data(`query($id: ID!) { conversation(id: $id) { unreadCount } }`, { id: readConversationId });
    // Another viewer has read nothing: all four.
    expect(conversation.unreadCount).toBe(4);
  });
});
