import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestKefu } from '../src/testing/index.ts';
import { agentTicket, doc, GET_TICKET, portalTicket, SEND, setUpDesk, type Desk } from './support/helpdesk.ts';

const CREATE = `mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id name emails phones externalIds { source value } type tier locale timeZone attributes organization { name } } }`;
const UPDATE = `mutation($i: UpdateCustomerInput!) { updateCustomer(input: $i) { id name emails tier attributes } }`;

describe('customers and organizations', () => {
  let t: TestKefu;
  let desk: Desk;
  beforeAll(async () => {
    t = await startTestKefu();
    desk = await setUpDesk(t);
  });
  afterAll(() => t.close());

  it('creates a profile with contacts and custom attributes checked against the admin-defined schema', async () => {
    const defs = await desk.admin.data(`mutation($d: [CustomerAttributeDefinitionInput!]!) { setCustomerAttributeDefinitions(definitions: $d) { key type options } }`, {
      d: [
        { key: 'plan', label: 'Plan', type: 'select', options: ['free', 'pro'] },
        { key: 'orders', label: 'Orders', type: 'number' },
        { key: 'since', label: 'Customer since', type: 'date' },
      ],
    });
    expect(defs.setCustomerAttributeDefinitions.map((def: { key: string }) => def.key)).toEqual(['plan', 'orders', 'since']);
    await desk.admin.data(`mutation { createOrganization(input: { name: "Globex", domains: ["globex.test"], tier: vip }) { id } }`);
    const { createCustomer } = await desk.agentA.client.data(CREATE, {
      i: {
        name: '王小明',
        emails: ['Ming@Globex.test'],
        phones: ['+86 10 1234 5678'],
        externalIds: [{ source: 'shop', value: 'C-1' }],
        type: 'enterprise',
        tier: 'vip',
        locale: 'zh-CN',
        timeZone: 'Asia/Shanghai',
        attributes: { plan: 'pro', orders: 3, since: '2024-05-01' },
      },
    });
    expect(createCustomer).toMatchObject({
      name: '王小明',
      emails: ['ming@globex.test'],
      type: 'enterprise',
      tier: 'vip',
      attributes: { plan: 'pro', orders: 3, since: '2024-05-01' },
      organization: { name: 'Globex' },
    });
    const refused = await desk.agentA.client.gql(UPDATE, { i: { id: createCustomer.id, name: 'Changed', attributes: { plan: 'enterprise', unknown: 1, orders: 'many' } } });
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((refused.errors?.[0].extensions?.fields as { field: string }[]).map((field) => field.field).sort()).toEqual(['attributes.orders', 'attributes.plan', 'attributes.unknown']);
    const unchanged = await desk.agentA.client.data(`{ customer(id: "${createCustomer.id}") { name attributes } }`);
    expect(unchanged.customer).toEqual({ name: '王小明', attributes: { plan: 'pro', orders: 3, since: '2024-05-01' } });
    const duplicate = await desk.agentA.client.gql(CREATE, { i: { name: 'Copy', emails: ['ming@globex.test'] } });
    expect(duplicate.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'emails.0' }] });
    const found = await desk.agentA.client.data(`{ customers(filter: { search: "globex" }) { nodes { id } } }`);
    expect(found.customers.nodes).toEqual([{ id: createCustomer.id }]);
  });

  it('customers cannot reach the customer directory', async () => {
    const refused = await desk.customer.client.gql(`{ customers { nodes { id name } } }`);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.data).toBeNull();
  });

  it('merges two customers: tickets and conversations move, the source stays as a pointer, history shows everything', async () => {
    const source = await agentTicket(desk.agentA.client, { subject: 'From source', teamId: desk.teamA, requester: { name: 'Dup One', email: 'dup1@example.test' } });
    const target = await agentTicket(desk.agentA.client, { subject: 'From target', teamId: desk.teamA, requester: { name: 'Dup Two', email: 'dup2@example.test' } });
    const ids = async (ticketId: string) => (await desk.supervisor.client.data(GET_TICKET, { id: ticketId })).ticket.requester.id;
    const [sourceId, targetId] = [await ids(source.id), await ids(target.id)];

    const agentRefused = await desk.agentA.client.gql(`mutation { mergeCustomers(sourceId: "${sourceId}", targetId: "${targetId}") { id } }`);
    expect(agentRefused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const merged = await desk.supervisor.client.data(`mutation { mergeCustomers(sourceId: "${sourceId}", targetId: "${targetId}") { id emails tickets { nodes { subject } } conversations { nodes { channel } } } }`);
    expect(merged.mergeCustomers.emails.sort()).toEqual(['dup1@example.test', 'dup2@example.test']);
    expect(merged.mergeCustomers.tickets.nodes.map((node: { subject: string }) => node.subject).sort()).toEqual(['From source', 'From target']);
    expect(merged.mergeCustomers.conversations.nodes).toHaveLength(2);
    const pointer = await desk.supervisor.client.data(`{ customer(id: "${sourceId}") { mergedInto { id } tickets { nodes { id } } } }`);
    expect(pointer.customer).toEqual({ mergedInto: { id: targetId }, tickets: { nodes: [] } });
    const again = await desk.supervisor.client.gql(`mutation { mergeCustomers(sourceId: "${sourceId}", targetId: "${targetId}") { id } }`);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('a portal account keeps its tickets after its profile is merged away', async () => {
    const ticketId = await portalTicket(desk.otherCustomer.client, 'Before merge');
    const { ticket } = await desk.supervisor.client.data(GET_TICKET, { id: ticketId });
    const survivor = await agentTicket(desk.agentA.client, { subject: 'Survivor', teamId: desk.teamA, requester: { name: 'Survivor', email: 'survivor@example.test' } });
    const survivorId = (await desk.supervisor.client.data(GET_TICKET, { id: survivor.id })).ticket.requester.id;
    await desk.supervisor.client.data(`mutation { mergeCustomers(sourceId: "${ticket.requester.id}", targetId: "${survivorId}") { id } }`);
    const mine = await desk.otherCustomer.client.data(`{ tickets { nodes { subject } } }`);
    expect(mine.tickets.nodes.map((node: { subject: string }) => node.subject).sort()).toEqual(['Before merge', 'Survivor']);
    await desk.otherCustomer.client.data(SEND, { i: { ticketId: survivor.id, body: doc('I can write here now') } });
  });
});
