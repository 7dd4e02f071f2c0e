import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestKefu } from '../src/testing/index.ts';
import { agentTicket, doc, noteMentioning, portalTicket, SEND, setUpDesk, UPDATE_TICKET, type Desk } from './support/helpdesk.ts';
import { collect, quiet, ready } from './support/subscriptions.ts';

describe('ticket and conversation subscriptions', () => {
  let t: TestKefu;
  let desk: Desk;
  beforeAll(async () => {
    t = await startTestKefu();
    desk = await setUpDesk(t);
    await desk.admin.data(`mutation { updateTicketSettings(input: { defaultTeamId: "${desk.teamA}" }) { numberPrefix } }`);
  });
  afterAll(() => t.close());

  it('a customer receives agent replies live but never a note; staff receive both', async () => {
    const ticketId = await portalTicket(desk.customer.client, 'Live ticket');
    const MESSAGES = `subscription($t: ID) { messageAdded(ticketId: $t) { kind text mentionedUserIds author { kind } } }`;
    const customer = collect(desk.customer.client, MESSAGES, { t: ticketId });
    const staff = collect(desk.agentA.client, MESSAGES, { t: ticketId });
    try {
      await ready(customer, staff);
      await desk.agentA.client.data(SEND, { i: { ticketId, kind: 'note', body: noteMentioning(desk.supervisor.id, 'Sup', 'secret-walrus please look') } });
      await desk.agentA.client.data(SEND, { i: { ticketId, kind: 'reply', body: doc('We are looking into it') } });
      await staff.until(2);
      await customer.until(1);
      await quiet();
      expect(customer.received).toEqual([{ messageAdded: { kind: 'reply', text: 'We are looking into it', mentionedUserIds: [], author: { kind: 'agent' } } }]);
      expect(JSON.stringify(customer.received)).not.toContain('walrus');
      expect(staff.received.map((data) => data.messageAdded.kind)).toEqual(['note', 'reply']);
      expect(staff.received[0].messageAdded.mentionedUserIds).toEqual([desk.supervisor.id]);
    } finally {
      await customer.dispose();
      await staff.dispose();
    }
  });

  it('refuses to subscribe to a ticket or conversation the viewer may not see', async () => {
    const theirs = (await agentTicket(desk.agentB.client, { subject: 'B only', teamId: desk.teamB })).id;
    const agent = collect(desk.agentA.client, `subscription { messageAdded(ticketId: "${theirs}") { text } }`);
    const customer = collect(desk.otherCustomer.client, `subscription { messageAdded(ticketId: "${theirs}") { text } }`);
    try {
      await ready(agent, customer);
      await desk.agentB.client.data(SEND, { i: { ticketId: theirs, body: doc('private to B') } });
      await quiet();
      expect(JSON.stringify(agent.errors)).toContain('FORBIDDEN');
      expect(JSON.stringify(customer.errors)).toContain('FORBIDDEN');
      expect(agent.received).toEqual([]);
      expect(customer.received).toEqual([]);
    } finally {
      await agent.dispose();
      await customer.dispose();
    }
  });

  it('ticketChanged delivers changes to visible tickets only, with whether they still match the filter', async () => {
    const sub = collect(desk.agentA.client, `subscription { ticketChanged(filter: { status: [new, open] }) { kind changedFields matchesFilter ticket { subject status } } }`);
    try {
      await sub.ready();
      const hidden = await agentTicket(desk.agentB.client, { subject: 'Hidden from A', teamId: desk.teamB });
      const shown = await agentTicket(desk.agentA.client, { subject: 'Shown to A', teamId: desk.teamA });
      await desk.agentA.client.data(UPDATE_TICKET, { i: { id: shown.id, status: 'solved' } });
      await desk.agentB.client.data(UPDATE_TICKET, { i: { id: hidden.id, status: 'solved' } });
      await sub.until(3);
      await quiet();
      expect(JSON.stringify(sub.received)).not.toContain('Hidden from A');
      const changes = sub.received.map((data) => data.ticketChanged);
      expect(changes.find((change) => change.kind === 'created')).toMatchObject({ ticket: { subject: 'Shown to A' }, matchesFilter: true });
      expect(changes.find((change) => change.changedFields.includes('status'))).toMatchObject({ ticket: { status: 'solved' }, matchesFilter: false });
    } finally {
      await sub.dispose();
    }
  });

  it('typing indicators: a customer never sees an agent typing a note', async () => {
    const ticketId = await portalTicket(desk.customer.client, 'Typing');
    const { ticket } = await desk.agentA.client.data(`query($id: ID!) { ticket(id: $id) { conversations { id } } }`, { id: ticketId });
    const conversationId = ticket.conversations[0].id;
    const TYPING = `subscription($c: ID!) { typing(conversationId: $c) { typing participant { kind name } } }`;
    const customer = collect(desk.customer.client, TYPING, { c: conversationId });
    const staff = collect(desk.supervisor.client, TYPING, { c: conversationId });
    try {
      await ready(customer, staff);
      await desk.agentA.client.data(`mutation($c: ID!) { setTyping(conversationId: $c, typing: true, kind: note) }`, { c: conversationId });
      await desk.agentA.client.data(`mutation($c: ID!) { setTyping(conversationId: $c, typing: true) }`, { c: conversationId });
      await staff.until(2);
      await customer.until(1);
      await quiet();
      expect(customer.received).toEqual([{ typing: { typing: true, participant: { kind: 'agent', name: desk.agentA.name } } }]);
      expect(staff.received).toHaveLength(2);
    } finally {
      await customer.dispose();
      await staff.dispose();
    }
  });

  it('presence: agents viewing the same ticket see each other (collision warning)', async () => {
    const ticket = await agentTicket(desk.agentA.client, { subject: 'Presence', teamId: desk.teamA });
    const sub = collect(desk.supervisor.client, `subscription($t: ID!) { ticketPresence(ticketId: $t) { viewers { user { id } composing } } }`, { t: ticket.id });
    try {
      await sub.ready();
      const beat = await desk.agentA.client.data(`mutation($t: ID!) { ticketPresenceHeartbeat(ticketId: $t, composing: true) { viewers { user { id } composing } } }`, { t: ticket.id });
      expect(beat.ticketPresenceHeartbeat.viewers).toEqual([{ user: { id: desk.agentA.id }, composing: true }]);
      await sub.until(1);
      expect(sub.received[0].ticketPresence.viewers).toEqual([{ user: { id: desk.agentA.id }, composing: true }]);
      await desk.agentA.client.data(`mutation($t: ID!) { leaveTicket(ticketId: $t) }`, { t: ticket.id });
      await sub.until(2);
      expect(sub.received[1].ticketPresence.viewers).toEqual([]);
      const other = await agentTicket(desk.agentB.client, { subject: 'Presence B', teamId: desk.teamB });
      const refused = await desk.agentA.client.gql(`mutation($t: ID!) { ticketPresenceHeartbeat(ticketId: $t) { viewers { user { id } } } }`, { t: other.id });
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    } finally {
      await sub.dispose();
    }
  });

  it('view counts are pushed when tickets change', async () => {
    const sub = collect(desk.agentA.client, `subscription { ticketViewCounts { views { viewId count } } }`);
    try {
      await sub.ready();
      await agentTicket(desk.agentA.client, { subject: 'Counted', teamId: desk.teamA, assigneeId: desk.agentA.id });
      const [first] = await sub.until(1);
      const mine = first.ticketViewCounts.views.find((view: { viewId: string }) => view.viewId === 'mine');
      const { ticketViews } = await desk.agentA.client.data(`{ ticketViews { id count } }`);
      expect(mine.count).toBe(ticketViews.find((view: { id: string }) => view.id === 'mine').count);
      expect(mine.count).toBeGreaterThan(0);
    } finally {
      await sub.dispose();
    }
  });

  it('read receipts go live to other participants; a customer never gets one pointing at a note', async () => {
    const ticketId = await portalTicket(desk.customer.client, 'Receipts');
    await desk.agentA.client.data(SEND, { i: { ticketId, kind: 'note', body: doc('internal') } });
    const { ticket } = await desk.agentA.client.data(`query($id: ID!) { ticket(id: $id) { conversations { id messages { nodes { id kind } } } } }`, { id: ticketId });
    const [conversation] = ticket.conversations;
    const [reply, note] = conversation.messages.nodes;
    const RECEIPTS = `subscription($c: ID!) { readReceipts(conversationId: $c) { lastReadMessageId participant { kind userId } } }`;
    const customer = collect(desk.customer.client, RECEIPTS, { c: conversation.id });
    const staff = collect(desk.supervisor.client, RECEIPTS, { c: conversation.id });
    try {
      await ready(customer, staff);
      const MARK = `mutation($c: ID!, $m: ID!) { markConversationRead(conversationId: $c, messageId: $m) { lastReadMessageId } }`;
      await desk.agentA.client.data(MARK, { c: conversation.id, m: reply.id });
      await desk.agentA.client.data(MARK, { c: conversation.id, m: note.id });
      await staff.until(2);
      await customer.until(1);
      await quiet();
      expect(customer.received).toEqual([{ readReceipts: { lastReadMessageId: reply.id, participant: { kind: 'agent', userId: desk.agentA.id } } }]);
      expect(staff.received.map((data) => data.readReceipts.lastReadMessageId)).toEqual([reply.id, note.id]);
    } finally {
      await customer.dispose();
      await staff.dispose();
    }
  });

  it('a ticket handed to another team stops flowing to the old team’s subscribers at once', async () => {
    const ticket = await agentTicket(desk.agentA.client, { subject: 'Handed over', teamId: desk.teamA });
    const sub = collect(desk.agentA.client, `subscription($t: ID) { messageAdded(ticketId: $t) { text } }`, { t: ticket.id });
    try {
      await sub.ready();
      await desk.supervisor.client.data(SEND, { i: { ticketId: ticket.id, kind: 'note', body: doc('before handover') } });
      await sub.until(1);
      await desk.supervisor.client.data(UPDATE_TICKET, { i: { id: ticket.id, teamId: desk.teamB } });
      await desk.supervisor.client.data(SEND, { i: { ticketId: ticket.id, kind: 'note', body: doc('after handover: team B only') } });
      await quiet();
      expect(sub.received.map((data) => data.messageAdded.text)).toEqual(['before handover']);
    } finally {
      await sub.dispose();
    }
  });

  it('ticketChanged tells the old team that a handed-over ticket is gone (id only), and tells nobody else anything', async () => {
    const CHANGES = `subscription { ticketChanged { kind ticketId matchesFilter ticket { subject } } }`;
    const ticket = await agentTicket(desk.agentA.client, { subject: 'Moving house', teamId: desk.teamA });
    const oldTeam = collect(desk.agentA.client, CHANGES);
    const newTeam = collect(desk.agentB.client, CHANGES);
    try {
      await ready(oldTeam, newTeam);
      await desk.supervisor.client.data(UPDATE_TICKET, { i: { id: ticket.id, teamId: desk.teamB } });
      await oldTeam.until(1);
      await newTeam.until(1);
      // A later change is not A's business any more: nothing, not even "hidden".
      await desk.supervisor.client.data(UPDATE_TICKET, { i: { id: ticket.id, priority: 'urgent' } });
      await newTeam.until(2);
      await quiet();
      expect(oldTeam.received.map((data) => data.ticketChanged)).toEqual([{ kind: 'hidden', ticketId: ticket.id, matchesFilter: false, ticket: null }]);
      expect(newTeam.received.map((data) => data.ticketChanged.kind)).toEqual(['updated', 'updated']);
      expect(newTeam.received[0].ticketChanged.ticket).toEqual({ subject: 'Moving house' });
    } finally {
      await oldTeam.dispose();
      await newTeam.dispose();
    }
  });

  it('ticketChanged: an agent who stops following a ticket outside their teams is told it is gone', async () => {
    const CHANGES = `subscription { ticketChanged { kind ticketId ticket { id } } }`;
    const ticket = await agentTicket(desk.agentB.client, { subject: 'Followed from afar', teamId: desk.teamB });
    await desk.supervisor.client.data(`mutation($t: ID!, $u: ID) { addTicketFollower(ticketId: $t, userId: $u) { id } }`, { t: ticket.id, u: desk.agentA.id });
    const sub = collect(desk.agentA.client, CHANGES);
    try {
      await sub.ready();
      await desk.agentA.client.data(`mutation($t: ID!) { removeTicketFollower(ticketId: $t) { id } }`, { t: ticket.id });
      await sub.until(1);
      expect(sub.received.map((data) => data.ticketChanged)).toEqual([{ kind: 'hidden', ticketId: ticket.id, ticket: null }]);
    } finally {
      await sub.dispose();
    }
  });
  describe('ticketChanged(ticketId): one ticket, as its page follows it', () => {
    const ONE = `subscription($t: ID) { ticketChanged(ticketId: $t) { kind ticketId changedFields ticket { id priority mergedInto { id } } } }`;

    it('delivers exactly that ticket’s changes, and tells when it was merged into another', async () => {
      const mine = await agentTicket(desk.agentA.client, { subject: 'Followed page', teamId: desk.teamA });
      const neighbour = await agentTicket(desk.agentA.client, { subject: 'Same team, other ticket', teamId: desk.teamA });
      const target = await agentTicket(desk.agentA.client, { subject: 'Merge target', teamId: desk.teamA });
      const sub = collect(desk.agentA.client, ONE, { t: mine.id });
      try {
        await sub.ready();
        await desk.agentA.client.data(UPDATE_TICKET, { i: { id: neighbour.id, priority: 'urgent' } });
        await desk.agentA.client.data(UPDATE_TICKET, { i: { id: mine.id, priority: 'high' } });
        await sub.until(1);
        await desk.agentA.client.data(`mutation($s: ID!, $t: ID!) { mergeTickets(sourceId: $s, targetId: $t) { id } }`, { s: mine.id, t: target.id });
        // Closed by the merge (updated), then merged.
        await sub.until(3);
        await quiet();
        expect(sub.received.map((data) => data.ticketChanged)).toEqual([
          { kind: 'updated', ticketId: mine.id, changedFields: ['priority'], ticket: { id: mine.id, priority: 'high', mergedInto: null } },
          { kind: 'updated', ticketId: mine.id, changedFields: ['status'], ticket: { id: mine.id, priority: 'high', mergedInto: { id: target.id } } },
          { kind: 'merged', ticketId: mine.id, changedFields: ['mergedInto'], ticket: { id: mine.id, priority: 'high', mergedInto: { id: target.id } } },
        ]);
      } finally {
        await sub.dispose();
      }
    });

    it('refuses a ticket the subscriber may not see (FORBIDDEN), a missing one (NOT_FOUND) and a malformed id, and delivers nothing', async () => {
      const theirs = await agentTicket(desk.agentB.client, { subject: 'Team B page', teamId: desk.teamB });
      const agent = collect(desk.agentA.client, ONE, { t: theirs.id });
      const customer = collect(desk.customer.client, ONE, { t: theirs.id });
      const missing = collect(desk.agentA.client, ONE, { t: '00000000-0000-4000-8000-000000000000' });
      const malformed = collect(desk.agentA.client, ONE, { t: 'not-an-id' });
      try {
        await ready(agent, customer, missing, malformed);
        await desk.agentB.client.data(UPDATE_TICKET, { i: { id: theirs.id, priority: 'urgent' } });
        await quiet();
        expect(JSON.stringify(agent.errors)).toContain('FORBIDDEN');
        expect(JSON.stringify(customer.errors)).toContain('FORBIDDEN');
        expect(JSON.stringify(missing.errors)).toContain('NOT_FOUND');
        expect(JSON.stringify(malformed.errors)).toContain('BAD_USER_INPUT');
        expect([agent, customer, missing, malformed].flatMap((sub) => sub.received)).toEqual([]);
      } finally {
        await Promise.all([agent, customer, missing, malformed].map((sub) => sub.dispose()));
      }
    });

    it('says `hidden` once when the ticket leaves the subscriber’s reach, then nothing', async () => {
      const ticket = await agentTicket(desk.agentA.client, { subject: 'Handed over while open', teamId: desk.teamA });
      const sub = collect(desk.agentA.client, ONE, { t: ticket.id });
      try {
        await sub.ready();
        await desk.supervisor.client.data(UPDATE_TICKET, { i: { id: ticket.id, teamId: desk.teamB } });
        await sub.until(1);
        await desk.supervisor.client.data(UPDATE_TICKET, { i: { id: ticket.id, priority: 'urgent' } });
        await quiet();
        expect(sub.received.map((data) => data.ticketChanged)).toEqual([{ kind: 'hidden', ticketId: ticket.id, changedFields: [], ticket: null }]);
      } finally {
        await sub.dispose();
      }
    });
  });
});
