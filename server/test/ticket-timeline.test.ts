import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestClient, type TestKefu } from '../src/testing/index.ts';
import { agentTicket, portalTicket, setUpDesk, type Desk } from './support/helpdesk.ts';

interface Entry {
  kind: string;
  ticketId: string;
  relatedTicket: { id: string; reference: string; visible: boolean; subject: string | null } | null;
}

const TIMELINE = `query($id: ID!) { ticket(id: $id) { timeline(first: 200) { nodes { kind ticketId relatedTicket { id reference visible subject } } } } }`;
const relations = async (client: TestClient, id: string): Promise<Entry[]> =>
  ((await client.data(TIMELINE, { id })).ticket.timeline.nodes as Entry[]).filter((entry) => ['merged', 'linked', 'unlinked'].includes(entry.kind));
const link = (client: TestClient, a: string, b: string, unlink = false) =>
  client.data(`mutation { ${unlink ? 'unlinkTickets' : 'linkTickets'}(ticketId: "${a}", otherTicketId: "${b}") { id } }`);
const merge = (client: TestClient, source: string, target: string) => client.data(`mutation { mergeTickets(sourceId: "${source}", targetId: "${target}") { id } }`);

describe('timeline lines of merges and links name the other ticket', () => {
  let t: TestKefu;
  let desk: Desk;
  let reference: (id: string) => Promise<string>;

  beforeAll(async () => {
    t = await startTestKefu();
    desk = await setUpDesk(t);
    await desk.admin.data(`mutation { updateTicketSettings(input: { defaultTeamId: "${desk.teamA}", numberPrefix: "KF-" }) { numberPrefix } }`);
    reference = async (id) => (await desk.supervisor.client.data(`query($id: ID!) { ticket(id: $id) { reference } }`, { id })).ticket.reference;
  });
  afterAll(() => t.close());

  it('a link line names the other ticket; its subject only for whoever may open it', async () => {
    const mine = (await agentTicket(desk.agentA.client, { subject: 'Team A printer', teamId: desk.teamA })).id;
    const theirs = (await agentTicket(desk.agentB.client, { subject: 'Team B secret-walrus', teamId: desk.teamB })).id;
    await link(desk.supervisor.client, mine, theirs);
    await link(desk.supervisor.client, mine, theirs, true);
    const [mineRef, theirsRef] = [await reference(mine), await reference(theirs)];
    expect(theirsRef).toMatch(/^KF-\d+$/);

    // Agent A may not open the team B ticket: reference and id, no subject, not visible.
    const seenByA = await relations(desk.agentA.client, mine);
    expect(seenByA).toEqual([
      { kind: 'linked', ticketId: mine, relatedTicket: { id: theirs, reference: theirsRef, visible: false, subject: null } },
      { kind: 'unlinked', ticketId: mine, relatedTicket: { id: theirs, reference: theirsRef, visible: false, subject: null } },
    ]);
    expect(JSON.stringify(await desk.agentA.client.data(TIMELINE, { id: mine }))).not.toContain('secret-walrus');
    expect((await desk.agentA.client.gql(`query($id: ID!) { ticket(id: $id) { subject } }`, { id: theirs })).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // The other side, and a supervisor (who sees everything), get the subject.
    expect((await relations(desk.agentB.client, theirs)).map((entry) => entry.relatedTicket)).toEqual([
      { id: mine, reference: mineRef, visible: false, subject: null },
      { id: mine, reference: mineRef, visible: false, subject: null },
    ]);
    expect((await relations(desk.supervisor.client, mine))[0].relatedTicket).toEqual({ id: theirs, reference: theirsRef, visible: true, subject: 'Team B secret-walrus' });
  });

  it('a merge is one line on the target naming the source, and one on the source naming the target', async () => {
    const source = (await agentTicket(desk.agentA.client, { subject: 'Duplicate of printer', teamId: desk.teamA })).id;
    const target = (await agentTicket(desk.agentA.client, { subject: 'Printer on fire', teamId: desk.teamA })).id;
    await merge(desk.agentA.client, source, target);
    const [sourceRef, targetRef] = [await reference(source), await reference(target)];
    // The target's timeline includes the source's entries, but the merge only once (the target's line).
    expect(await relations(desk.agentA.client, target)).toEqual([
      { kind: 'merged', ticketId: target, relatedTicket: { id: source, reference: sourceRef, visible: true, subject: 'Duplicate of printer' } },
    ]);
    expect(await relations(desk.agentA.client, source)).toEqual([
      { kind: 'merged', ticketId: source, relatedTicket: { id: target, reference: targetRef, visible: true, subject: 'Printer on fire' } },
    ]);
  });

  it('after a chain of merges the final ticket lists each merge once', async () => {
    const [first, second, third] = [
      (await agentTicket(desk.agentA.client, { subject: 'Chain one', teamId: desk.teamA })).id,
      (await agentTicket(desk.agentA.client, { subject: 'Chain two', teamId: desk.teamA })).id,
      (await agentTicket(desk.agentA.client, { subject: 'Chain three', teamId: desk.teamA })).id,
    ];
    await merge(desk.agentA.client, first, second);
    await merge(desk.agentA.client, second, third);
    const lines = await relations(desk.agentA.client, third);
    expect(lines.map((entry) => [entry.ticketId, entry.relatedTicket?.id])).toEqual([
      [second, first], // "merged #first into this ticket", recorded on second, which now lives in third
      [third, second],
    ]);
  });

  it('a merged-away ticket the viewer may not open is named by reference only', async () => {
    const source = (await agentTicket(desk.agentB.client, { subject: 'Team B hidden-okapi', teamId: desk.teamB })).id;
    const target = (await agentTicket(desk.agentA.client, { subject: 'Team A keeper', teamId: desk.teamA })).id;
    await merge(desk.supervisor.client, source, target);
    const timeline = await desk.agentA.client.data(TIMELINE, { id: target });
    expect(JSON.stringify(timeline)).not.toContain('hidden-okapi');
    expect(await relations(desk.agentA.client, target)).toEqual([
      { kind: 'merged', ticketId: target, relatedTicket: { id: source, reference: await reference(source), visible: false, subject: null } },
    ]);
  });

  it('customers see no merge or link lines on their tickets (public entries only), and no other ticket', async () => {
    const own = await portalTicket(desk.customer.client, 'My order is late');
    const duplicate = await portalTicket(desk.customer.client, 'My order is late (again)');
    const internal = (await agentTicket(desk.agentA.client, { subject: 'Courier escalation-narwhal', teamId: desk.teamA })).id;
    await link(desk.agentA.client, own, internal);
    await merge(desk.agentA.client, duplicate, own);
    // Staff see both lines on the ticket…
    expect((await relations(desk.agentA.client, own)).map((entry) => entry.kind)).toEqual(['linked', 'merged']);
    // …the customer neither, nor anything naming the other tickets.
    const { ticket } = await desk.customer.client.data(TIMELINE, { id: own });
    expect(ticket.timeline.nodes.map((entry: Entry) => entry.kind)).toEqual(['message', 'message']); // own and the merged ticket's first message
    expect(ticket.timeline.nodes.every((entry: Entry) => entry.relatedTicket === null)).toBe(true);
    expect(JSON.stringify(ticket)).not.toContain('escalation-narwhal');
  });
});
