import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestKefu } from '../src/testing/index.ts';
import { agentTicket, doc, SEND, setUpDesk, type Desk } from './support/helpdesk.ts';
import { countQueries } from './support/query-count.ts';

/** The agent inbox page: tickets with requester, assignee, team, tags and last message. */
const INBOX = `query($first: Int) { tickets(first: $first, sort: { field: updatedAt }) {
  nodes { id reference subject status priority dueAt updatedAt
    requester { id name tier organization { name } } assignee { id name } team { id name } tags { name } type { name }
    lastMessage { kind text createdAt author { kind name } } }
  pageInfo { hasNextPage endCursor } } }`;

describe('inbox query cost', () => {
  let t: TestKefu;
  let desk: Desk;
  beforeAll(async () => {
    t = await startTestKefu();
    desk = await setUpDesk(t);
    const { createOrganization: org } = await desk.admin.data(`mutation { createOrganization(input: { name: "Org", domains: ["org.test"] }) { id } }`);
    expect(org.id).toBeTruthy();
    for (let i = 0; i < 30; i++) {
      const ticket = await agentTicket(desk.agentA.client, {
        subject: `Ticket ${i}`,
        teamId: i % 2 ? desk.teamA : desk.teamB,
        assigneeId: i % 3 ? desk.agentA.id : null,
        requester: { name: `Customer ${i}`, email: `c${i}@org.test` },
        tags: [`tag-${i % 4}`, `tag-${i % 5}`],
      });
      if (i % 2) await desk.agentA.client.data(SEND, { i: { ticketId: ticket.id, kind: 'note', body: doc(`note ${i}`) } });
    }
  });
  afterAll(() => t.close());

  async function cost(first: number): Promise<{ count: number; nodes: number; statements: string[] }> {
    const { client } = await t.signedIn('supervisor');
    await client.data(INBOX, { first: 1 }); // warm the session touch and JIT
    const counter = countQueries();
    try {
      const data = await client.data(INBOX, { first });
      return { count: counter.statements.length, nodes: data.tickets.nodes.length, statements: counter.statements.map((s) => s.slice(0, 60)) };
    } finally {
      counter.restore();
    }
  }

  it('a page of 25 tickets costs as many SQL queries as a page of 5', async () => {
    const small = await cost(5);
    const large = await cost(25);
    expect(small.nodes).toBe(5);
    expect(large.nodes).toBe(25);
    expect(large.count).toBe(small.count);
    expect(large.count).toBeGreaterThanOrEqual(3);
    // session + page + requester + organization + assignee + team + tags + type + last message + prefix
    expect(large.count).toBeLessThanOrEqual(10);
  });

  it('a page asked through fragments is preloaded the same way and answers exactly what each ticket answers alone', async () => {
    const FIELDS = `fragment Row on Ticket { id reference ... on Ticket { requester { name organization { name } } } ...People tags { name } type { name }
      lastMessage { kind text author { name } } }
      fragment People on Ticket { assignee { name } createdBy { name } team { name } followers { name } viewerIsFollowing }`;
    const { client } = await t.signedIn('supervisor');
    const counter = countQueries();
    let page: { id: string }[];
    try {
      page = (await client.data(`query { tickets(first: 25, sort: { field: updatedAt }) { nodes { ...Row } } } ${FIELDS}`)).tickets.nodes;
    } finally {
      counter.restore();
    }
    expect(page).toHaveLength(25);
    // session + page + prefix + requester + organization + users + team + tags + type + followers + last message
    expect(counter.statements.length).toBeLessThanOrEqual(11);
    for (const node of page.slice(0, 8)) {
      const alone = (await client.data(`query($id: ID!) { ticket(id: $id) { ...Row } } ${FIELDS}`, { id: node.id })).ticket;
      expect(node).toEqual(alone);
    }
  });

  it("a customer's page preloads only what a customer may see: no notes as last message, no internal fields", async () => {
    const customer = await t.signedIn('customer');
    const mine = await customer.client.data(`mutation($i: SubmitTicketInput!) { submitTicket(input: $i) { id } }`, {
      i: { subject: 'Mine', body: doc('my question') },
    });
    await desk.admin.data(`mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { id } }`, { i: { id: mine.submitTicket.id, teamId: desk.teamA, assigneeId: desk.agentA.id, tags: ['vip'] } });
    await desk.admin.data(SEND, { i: { ticketId: mine.submitTicket.id, kind: 'note', body: doc('internal only') } });
    const { tickets } = await customer.client.data(`{ tickets(first: 25) { nodes { id tags { name } team { name } assignee { name } followers { name } lastMessage { kind text } } } }`);
    expect(tickets.nodes).toEqual([{ id: mine.submitTicket.id, tags: [], team: null, assignee: null, followers: [], lastMessage: { kind: 'reply', text: 'my question' } }]);
  });

  it('the views list counts every view in one statement, and each count equals what its list shows', async () => {
    const { client } = await t.signedIn('supervisor');
    for (const [name, filter] of [
      ['Unassigned in A', { unassigned: true, teamIds: [desk.teamA] }],
      ['Tagged tag-1', { tags: ['tag-1'] }],
      ['Nothing', { tags: ['no-such-tag'] }],
    ] as const) {
      await client.data(`mutation($i: CreateTicketViewInput!) { createTicketView(input: $i) { id } }`, { i: { name, filter } });
    }
    await client.data(`{ me { user { id } } }`); // the session touch happens before counting
    const counter = countQueries();
    let views: { id: string; count: number }[];
    try {
      views = (await client.data(`{ ticketViews { id count } }`)).ticketViews;
    } finally {
      counter.restore();
    }
    expect(views).toHaveLength(7);
    expect(counter.statements.filter((statement) => /count\(\*\)/i.test(statement))).toHaveLength(1);
    for (const view of views) {
      const listed = (await client.data(`query($v: ID) { tickets(viewId: $v, first: 100) { nodes { id } } }`, { v: view.id })).tickets.nodes.length;
      expect({ view: view.id, count: view.count }).toEqual({ view: view.id, count: listed });
    }
    expect(views.find((view) => view.count === 0)).toBeTruthy();
  });

  it('a list reads last messages without their HTML and document, and still returns them when asked', async () => {
    const { client } = await t.signedIn('supervisor');
    const ticket = await agentTicket(desk.agentA.client, { subject: 'Rich last message', teamId: desk.teamA });
    await desk.agentA.client.data(SEND, { i: { ticketId: ticket.id, kind: 'reply', body: doc('Hello <b>there</b>') } });
    const counter = countQueries();
    let last: { text: string; html: string; body: { type: string } };
    try {
      const data = await client.data(`query($id: ID!) { ticket(id: $id) { lastMessage { text html body } } }`, { id: ticket.id });
      last = data.ticket.lastMessage;
    } finally {
      counter.restore();
    }
    expect(last.text).toBe('Hello <b>there</b>');
    expect(last.html).toBe('<p>Hello &lt;b&gt;there&lt;/b&gt;</p>');
    expect(last.body.type).toBe('doc');
    const messageReads = counter.statements.filter((statement) => /FROM messages m/.test(statement));
    expect(messageReads.some((statement) => /NULL::text AS html/.test(statement))).toBe(true);
    expect(messageReads).toHaveLength(2); // the summary, then the full row because html and body were asked for
  });
});
