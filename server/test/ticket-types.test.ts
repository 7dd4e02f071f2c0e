import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestClient, type TestKefu } from '../src/testing/index.ts';

interface Type {
  id: string;
  key: string;
  active: boolean;
  position: number;
}

const TYPES = `{ ticketTypes(includeInactive: true) { id key active position } }`;
const REORDER = `mutation($ids: [ID!]!) { reorderTicketTypes(ids: $ids) { id key active position } }`;

describe('reordering ticket types', () => {
  let t: TestKefu;
  let admin: TestClient;
  let agent: TestClient;
  let supervisor: TestClient;
  const list = async (): Promise<Type[]> => (await admin.data(TYPES)).ticketTypes;

  beforeAll(async () => {
    t = await startTestKefu();
    admin = (await t.signedIn('admin')).client;
    agent = (await t.signedIn('agent')).client;
    supervisor = (await t.signedIn('supervisor')).client;
    // An inactive type must be part of the order too.
    const { createTicketType } = await admin.data(`mutation { createTicketType(input: { name: "Warranty", key: "warranty" }) { id } }`);
    await admin.data(`mutation($id: ID!) { updateTicketType(input: { id: $id, active: false }) { id } }`, { id: createTicketType.id });
  });
  afterAll(() => t.close());

  it('an admin puts every type, inactive ones too, in a new order at once (positions 1…n)', async () => {
    const before = await list();
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.some((type) => !type.active)).toBe(true);
    const reversed = before.map((type) => type.id).reverse();
    const { reorderTicketTypes } = await admin.data(REORDER, { ids: reversed });
    expect(reorderTicketTypes.map((type: Type) => type.id)).toEqual(reversed);
    expect(reorderTicketTypes.map((type: Type) => type.position)).toEqual(reversed.map((_id, index) => index + 1));
    expect(await list()).toEqual(reorderTicketTypes);
    // Agents' pickers (active types only) follow the same order.
    const active = (await agent.data(`{ ticketTypes { id } }`)).ticketTypes.map((type: { id: string }) => type.id);
    expect(active).toEqual(reversed.filter((id) => before.find((type) => type.id === id)!.active));
  });

  it('agents and supervisors are refused (FORBIDDEN) and nothing changes', async () => {
    const before = await list();
    const reversed = before.map((type) => type.id).reverse();
    for (const client of [agent, supervisor]) {
      const refused = await client.gql(REORDER, { ids: reversed });
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(refused.data?.reorderTicketTypes ?? null).toBeNull();
    }
    expect(await list()).toEqual(before);
  });

  it('refuses anything but the full set of type ids, each once, and changes nothing', async () => {
    const before = await list();
    const ids = before.map((type) => type.id).reverse();
    const cases: Array<[unknown[], string]> = [
      [ids.slice(1), 'must name every ticket type (1 missing)'],
      [[...ids, ids[0]], 'must name each ticket type once (an id is repeated)'],
      [[...ids.slice(1), ids[1]], 'must name each ticket type once (an id is repeated)'],
      [[...ids.slice(1), '00000000-0000-4000-8000-000000000000'], 'must name existing ticket types only (an id is unknown)'],
      [[], 'must name every ticket type (' + ids.length + ' missing)'],
    ];
    for (const [bad, message] of cases) {
      const refused = await admin.gql(REORDER, { ids: bad });
      expect(refused.errors?.[0].extensions?.code, JSON.stringify(bad)).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0].extensions?.fields).toEqual([{ field: 'ids', message }]);
    }
    const notAnId = await admin.gql(REORDER, { ids: [...ids.slice(1), 'order'] });
    expect(notAnId.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(notAnId.errors?.[0].extensions?.fields).toEqual([{ field: `ids.${ids.length - 1}`, message: 'must be an id' }]);
    expect(await list()).toEqual(before);
  });
});
