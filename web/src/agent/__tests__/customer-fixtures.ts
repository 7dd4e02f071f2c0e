/** Customers shaped like the server's answers, for the customers page and profile tests. */
import type { CustomerListFieldsFragment, CustomerProfileQuery } from '../../graphql/generated.ts';

type Profile = NonNullable<CustomerProfileQuery['customer']>;

export function listCustomer(n: number, overrides: Partial<CustomerListFieldsFragment> = {}): CustomerListFieldsFragment {
  return {
    id: `customer-${n}`,
    name: `Customer ${n}`,
    emails: [`customer${n}@example.com`],
    type: 'individual',
    tier: 'standard',
    organization: null,
    ...overrides,
  };
}

export const attributeDefinitions = [
  { key: 'plan', label: 'Plan', type: 'select' as const, options: ['Gold', 'Silver'] },
  { key: 'order_count', label: 'Orders', type: 'number' as const, options: [] },
  { key: 'newsletter', label: 'Newsletter', type: 'boolean' as const, options: [] },
  { key: 'vip_since', label: 'VIP since', type: 'date' as const, options: [] },
];

export function profile(overrides: Partial<Profile> = {}): Profile {
  return {
    id: 'customer-1',
    name: 'Carol Customer',
    emails: ['carol@example.com', 'carol@home.example'],
    phones: ['+86 138 0000 0000'],
    type: 'individual',
    tier: 'vip',
    locale: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    attributes: { plan: 'Gold', order_count: 12, vip_since: '2025-03-01' },
    organization: { id: 'org-1', name: 'Acme Ltd', tier: 'standard' },
    externalIds: [{ source: 'shop', value: 'C-42' }],
    mergedInto: null,
    user: null,
    createdAt: '2025-01-10T08:00:00.000Z',
    tickets: {
      nodes: [{ id: 'ticket-9', reference: '#0990', subject: 'Old refund question', status: 'solved', updatedAt: '2026-10-01T10:00:00.000Z' }],
      pageInfo: { endCursor: 't1', hasNextPage: false },
    },
    conversations: {
      nodes: [
        { id: 'conversation-1', channel: 'web', status: 'open', subject: 'Where is my parcel?', updatedAt: '2026-11-21T10:00:00.000Z', ticket: null },
      ],
      pageInfo: { endCursor: 'c1', hasNextPage: false },
    },
    ...overrides,
  };
}
