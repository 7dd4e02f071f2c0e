import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestKefu } from '../src/testing/index.ts';
import { agentTicket, doc, LIST, SEND, setUpDesk, UPDATE_TICKET, type Desk } from './support/helpdesk.ts';

const subjects = (data: { tickets: { nodes: { subject: string }[] } }) => data.tickets.nodes.map((node) => node.subject);

describe('ticket lists, search, views and bulk updates', () => {
  let t: TestKefu;
  let desk: Desk;
  beforeAll(async () => {
    t = await startTestKefu();
    desk = await setUpDesk(t);
  });
  afterAll(() => t.close());

  it('pages with a keyset cursor through every ticket exactly once, in every sort', async () => {
    const { client } = await t.signedIn('supervisor');
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      created.push((await agentTicket(desk.agentA.client, { subject: `Page ${i}`, teamId: desk.teamA, tags: ['paging'], priority: ['low', 'normal', 'high', 'urgent'][i % 4], ...(i % 2 ? { dueAt: `2031-01-0${i}T00:00:00Z` } : {}) })).id);
    }
    for (const sort of [{ field: 'updatedAt' }, { field: 'createdAt', direction: 'asc' }, { field: 'priority' }, { field: 'dueAt', direction: 'asc' }]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const data: any = await client.data(LIST, { f: { tags: ['paging'] }, s: sort, first: 3, after });
        seen.push(...data.tickets.nodes.map((node: { id: string }) => node.id));
        if (!data.tickets.pageInfo.hasNextPage) break;
        after = data.tickets.pageInfo.endCursor;
      }
      expect(seen.sort()).toEqual([...created].sort());
    }
    const byPriority = await client.data(`{ tickets(filter: { tags: ["paging"] }, sort: { field: priority }, first: 2) { nodes { priority } } }`);
    expect(byPriority.tickets.nodes).toEqual([{ priority: 'urgent' }, { priority: 'high' }]);
    const bad = await client.gql(LIST, { after: 'not-a-cursor' });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
  });

  it('filters by status, priority, type, assignee, unassigned, team, tag, requester, organization, dates', async () => {
    const { createOrganization: org } = await desk.admin.data(`mutation { createOrganization(input: { name: "Acme", domains: ["acme.test"] }) { id } }`);
    const { ticketTypes } = await desk.admin.data(`{ ticketTypes { id key } }`);
    const complaint = ticketTypes.find((type: { key: string }) => type.key === 'complaint').id;
    const a = await agentTicket(desk.agentA.client, { subject: 'Filter A', teamId: desk.teamA, requester: { name: 'Ann', email: 'ann@acme.test' }, typeId: complaint, priority: 'urgent', tags: ['refund'] });
    const b = await agentTicket(desk.agentB.client, { subject: 'Filter B', teamId: desk.teamB, assigneeId: desk.agentB.id, tags: ['refund', 'late'] });
    const { client } = await t.signedIn('admin');
    const only = async (filter: Record<string, unknown>) => subjects(await client.data(LIST, { f: filter, first: 100 })).filter((subject) => subject.startsWith('Filter'));
    expect(await only({ organizationId: org.id })).toEqual(['Filter A']);
    expect(await only({ typeIds: [complaint] })).toEqual(['Filter A']);
    expect(await only({ priority: ['urgent'] })).toEqual(['Filter A']);
    expect(await only({ assigneeIds: [desk.agentB.id] })).toEqual(['Filter B']);
    expect(await only({ unassigned: true })).toEqual(['Filter A']);
    expect(await only({ teamIds: [desk.teamB] })).toEqual(['Filter B']);
    expect(await only({ tags: ['late'] })).toEqual(['Filter B']);
    expect((await only({ tags: ['refund'] })).sort()).toEqual(['Filter A', 'Filter B']);
    expect(await only({ requesterId: (await client.data(`{ ticket(id: "${a.id}") { requester { id } } }`)).ticket.requester.id })).toEqual(['Filter A']);
    expect(await only({ status: ['open'] })).toEqual(['Filter B']);
    expect(await only({ createdAfter: '2999-01-01T00:00:00Z' })).toEqual([]);
    expect((await only({ updatedBefore: '2999-01-01T00:00:00Z', createdAfter: '2000-01-01T00:00:00Z' })).length).toBe(2);
    expect(b.status).toBe('open');
  });

  it('full-text search finds subjects and messages, Chinese and English, Traditional and Simplified', async () => {
    const zh = await agentTicket(desk.agentA.client, { subject: '退款申请没有到账', teamId: desk.teamA });
    const en = await agentTicket(desk.agentA.client, { subject: 'Printer jammed', teamId: desk.teamA, body: doc('The paper tray makes a grinding noise') });
    await desk.agentA.client.data(SEND, { i: { ticketId: zh.id, body: doc('我们已经为您办理了退款') } });
    const search = async (text: string) => subjects(await desk.agentA.client.data(LIST, { f: { search: text }, first: 50 }));
    expect(await search('退款')).toEqual(['退款申请没有到账']);
    expect(await search('請問退款怎麼沒有到帳')).toEqual(['退款申请没有到账']);
    expect(await search('grinding noise')).toEqual(['Printer jammed']);
    expect(await search('PRINTER')).toEqual(['Printer jammed']);
    expect(await search('completely unrelated words')).toEqual([]);
    expect(en.id).toBeTruthy();
  });

  it('built-in and custom views list tickets with counts', async () => {
    const { client: agent, user } = await t.signedIn('agent');
    await desk.admin.data(`mutation { addTeamMember(teamId: "${desk.teamA}", userId: "${user.id}") { id } }`);
    const mine = await agentTicket(agent, { subject: 'View mine', teamId: desk.teamA, assigneeId: user.id });
    const { ticketViews } = await agent.data(`{ ticketViews { id key name builtIn count } }`);
    expect(ticketViews.map((view: { key: string }) => view.key)).toEqual(['mine', 'unassigned', 'my_teams', 'all']);
    expect(ticketViews.find((view: { key: string }) => view.key === 'mine').count).toBe(1);
    const viaView = await agent.data(LIST, { view: 'mine' });
    expect(viaView.tickets.nodes.map((node: { id: string }) => node.id)).toEqual([mine.id]);

    const created = await agent.data(`mutation($i: CreateTicketViewInput!) { createTicketView(input: $i) { id name shared count filter { priority tags } sort { field direction } } }`, {
      i: { name: 'Urgent refunds', filter: { priority: ['urgent'], tags: ['refund'] }, sort: { field: 'createdAt' } },
    });
    expect(created.createTicketView).toMatchObject({ name: 'Urgent refunds', shared: false, filter: { priority: ['urgent'], tags: ['refund'] }, sort: { field: 'createdAt', direction: 'desc' } });
    // A personal view is invisible to others; sharing needs views.share (supervisors, admins).
    const other = await desk.agentB.client.gql(LIST, { view: created.createTicketView.id });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const share = await agent.gql(`mutation { updateTicketView(input: { id: "${created.createTicketView.id}", shared: true }) { shared } }`);
    expect(share.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const shared = await desk.supervisor.client.data(`mutation { createTicketView(input: { name: "Team queue", filter: { myTeams: true }, shared: true }) { id } }`);
    const seen = await desk.agentB.client.data(`{ ticketViews { id } }`);
    expect(seen.ticketViews.map((view: { id: string }) => view.id)).toContain(shared.createTicketView.id);
    expect(seen.ticketViews.map((view: { id: string }) => view.id)).not.toContain(created.createTicketView.id);
    const builtIn = await agent.gql(`mutation { deleteTicketView(id: "mine") }`);
    expect(builtIn.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await agent.data(`mutation { deleteTicketView(id: "${created.createTicketView.id}") }`)).deleteTicketView).toBe(true);
  });

  it('"My teams" lists the teams a supervisor belongs to, though a supervisor sees every ticket', async () => {
    const { client: supervisor, user } = await t.signedIn('supervisor');
    const teamC = (await desk.admin.data(`mutation { createTeam(input: { name: "Supervised C" }) { id } }`)).createTeam.id;
    await desk.admin.data(`mutation { addTeamMember(teamId: "${teamC}", userId: "${user.id}") { id } }`);
    const inA = await agentTicket(supervisor, { subject: 'Supervised in C', teamId: teamC });
    const inB = await agentTicket(supervisor, { subject: 'Supervised in B', teamId: desk.teamB });
    const listed = (await supervisor.data(`{ tickets(viewId: "my_teams", first: 100) { nodes { id team { id } } } }`)).tickets.nodes;
    const ids = listed.map((node: { id: string }) => node.id);
    expect(ids).toContain(inA.id);
    expect(ids).not.toContain(inB.id);
    expect(listed.map((node: { team: { id: string } }) => node.team.id)).toEqual([teamC]);
    const { ticketViews } = await supervisor.data(`{ ticketViews { key count } }`);
    expect(ticketViews.find((view: { key: string }) => view.key === 'my_teams').count).toBe(listed.length);
  });

  it('bulk-updates up to 500 visible tickets in one transaction; refuses more, or any invisible one, changing nothing', async () => {
    const mine: string[] = [];
    for (let i = 0; i < 3; i++) mine.push((await agentTicket(desk.agentA.client, { subject: `Bulk ${i}`, teamId: desk.teamA, tags: ['old'] })).id);
    const BULK = `mutation($i: BulkUpdateTicketsInput!) { bulkUpdateTickets(input: $i) { updatedCount tickets { status assignee { id } tags { name } } } }`;
    const done = await desk.agentA.client.data(BULK, { i: { ids: mine, status: 'pending', assigneeId: desk.agentA.id, addTags: ['new'], removeTags: ['old'] } });
    expect(done.bulkUpdateTickets.updatedCount).toBe(3);
    expect(done.bulkUpdateTickets.tickets).toEqual(mine.map(() => ({ status: 'pending', assignee: { id: desk.agentA.id }, tags: [{ name: 'new' }] })));

    const tooMany = await desk.agentA.client.gql(BULK, { i: { ids: Array.from({ length: 501 }, () => crypto.randomUUID()), status: 'open' } });
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'ids' }] });

    const theirs = (await agentTicket(desk.agentB.client, { subject: 'Bulk theirs', teamId: desk.teamB })).id;
    const refused = await desk.agentA.client.gql(BULK, { i: { ids: [...mine, theirs], status: 'solved' } });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.data).toBeNull();
    // One invalid transition refuses the whole batch too.
    await desk.agentA.client.data(UPDATE_TICKET, { i: { id: mine[0], status: 'closed' } });
    const invalid = await desk.agentA.client.gql(BULK, { i: { ids: mine, status: 'open', addTags: ['x'] } });
    expect(invalid.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const after = await desk.supervisor.client.data(`{ tickets(filter: { tags: ["new"] }, first: 50) { nodes { id status tags { name } } } }`);
    const states = after.tickets.nodes.filter((node: { id: string }) => mine.includes(node.id));
    expect(states.map((node: { status: string }) => node.status).sort()).toEqual(['closed', 'pending', 'pending']);
    expect(states.every((node: { tags: { name: string }[] }) => node.tags.length === 1)).toBe(true);
    const { ticket } = await desk.supervisor.client.data(`{ ticket(id: "${theirs}") { status } }`);
    expect(ticket.status).toBe('new');
  });
});
