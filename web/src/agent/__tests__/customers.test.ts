import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot, viewer } from '../../testing/fixtures.ts';
import { graphqlError, renderApp, settle, type Responder } from '../../testing/render-app.ts';
import { agentResponders } from './agent-fixtures.ts';
import { attributeDefinitions, listCustomer, profile } from './customer-fixtures.ts';

const rowNames = () => [...document.querySelectorAll('.customer-row__name')].map((cell) => cell.textContent?.trim());
const button = (text: string) => [...document.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === text) as HTMLButtonElement | undefined;
const input = (id: string) => document.getElementById(id) as HTMLInputElement;

function type(id: string, value: string): void {
  const element = input(id);
  element.value = value;
  element.dispatchEvent(new Event('input'));
}

function choose(id: string, value: string): void {
  const element = document.getElementById(id) as HTMLSelectElement;
  element.value = value;
  element.dispatchEvent(new Event('change'));
}

function customersResponders(overrides: Record<string, Responder> = {}): Record<string, Responder> {
  return {
    ...agentResponders(),
    CustomerList: (variables) => {
      const filter = (variables.filter ?? {}) as { search?: string };
      if (filter.search) {
        const found = [listCustomer(1, { name: 'Carol Customer', tier: 'vip', organization: { id: 'org-1', name: 'Acme Ltd' } })];
        return { data: { customers: { nodes: found, pageInfo: { endCursor: 'x', hasNextPage: false } } } };
      }
      const page = variables.after === 'cursor-2' ? [listCustomer(3)] : [listCustomer(1), listCustomer(2)];
      return { data: { customers: { nodes: page, pageInfo: { endCursor: variables.after ? 'cursor-3' : 'cursor-2', hasNextPage: !variables.after } } } };
    },
    CustomerProfile: (variables) => ({ data: { customer: profile({ id: String(variables.id) }), customerAttributeDefinitions: attributeDefinitions } }),
    ...overrides,
  };
}

describe('agent customers', () => {
  let unmount: () => void = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    unmount();
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('lists customers page by page and searches them', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const app = await renderApp('/agent/customers', customersResponders());
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(rowNames()).toEqual(['Customer 1', 'Customer 2']));
    expect(document.querySelector('h1')?.textContent).toBe('Customers');
    expect(app.callsTo('CustomerList')[0]?.variables).toEqual({ filter: {}, first: 25, after: null });
    expect(document.querySelector('.customer-row a')?.getAttribute('href')).toBe('/agent/customers/customer-1');

    button('Load more')!.click();
    await settle();
    expect(app.callsTo('CustomerList')[1]?.variables).toEqual({ filter: {}, first: 25, after: 'cursor-2' });
    expect(rowNames()).toEqual(['Customer 1', 'Customer 2', 'Customer 3']);
    expect(button('Load more')).toBeUndefined();

    type('customer-search', ' carol ');
    await vi.advanceTimersByTimeAsync(400);
    await settle();
    expect(app.callsTo('CustomerList').at(-1)?.variables).toEqual({ filter: { search: 'carol' }, first: 25, after: null });
    expect(rowNames()).toEqual(['Carol Customer']);
    const row = document.querySelector('.customer-row')!;
    expect(row.textContent).toContain('Acme Ltd');
    expect(row.textContent).toContain('VIP');

    choose('customer-tier', 'vip');
    await settle();
    expect(app.callsTo('CustomerList').at(-1)?.variables).toEqual({ filter: { search: 'carol', tier: 'vip' }, first: 25, after: null });
  });

  it('shows the profile and its history, and explains what the server refused when attributes are saved', async () => {
    let refuse = true;
    const app = await renderApp(
      '/agent/customers/customer-1',
      customersResponders({
        UpdateCustomerAttributes: (variables) =>
          refuse
            ? graphqlError('BAD_USER_INPUT', 'Invalid input', { fields: [{ field: 'attributes.plan', message: 'is not a defined attribute' }] })
            : { data: { updateCustomer: { id: 'customer-1', attributes: variables.attributes, updatedAt: '2026-11-21T11:00:00.000Z' } } },
      }),
    );
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(document.querySelector('h1')?.textContent).toBe('Carol Customer'));
    const page = document.querySelector('.profile')!;
    for (const text of ['carol@example.com', 'carol@home.example', '+86 138 0000 0000', 'Acme Ltd', 'VIP', 'zh-CN', 'Asia/Shanghai', 'shop: C-42']) {
      expect(page.textContent).toContain(text);
    }
    const attribute = (key: string) => document.querySelector(`[data-attribute="${key}"]`)?.textContent;
    expect(attribute('plan')).toBe('Gold');
    expect(attribute('order_count')).toBe('12');
    expect(attribute('newsletter')).toBe('Not set');
    expect(attribute('vip_since')).toBe('Mar 1, 2025');
    expect(document.querySelector('[data-kind="ticket"] a')?.getAttribute('href')).toBe('/agent/tickets/ticket-9');
    expect(document.querySelector('[data-kind="conversation"] a')?.getAttribute('href')).toBe('/agent/conversations/conversation-1');
    // An agent may edit but not merge.
    expect(button('Merge into another customer…')).toBeUndefined();

    button('Edit attributes')!.click();
    await settle();
    expect(document.activeElement?.id).toBe('customer-attribute-plan');
    // The form follows the schema: a list for the select, a number field, yes/no, a date.
    expect([...(document.getElementById('customer-attribute-plan') as HTMLSelectElement).options].map((option) => option.value)).toEqual(['', 'Gold', 'Silver']);
    expect(input('customer-attribute-vip_since').type).toBe('date');

    type('customer-attribute-order_count', 'twelve');
    await settle();
    button('Save')!.click();
    await settle();
    expect(document.querySelector('.attributes')?.textContent).toContain('Enter a number.');
    expect(app.callsTo('UpdateCustomerAttributes')).toHaveLength(0);

    type('customer-attribute-order_count', '15');
    choose('customer-attribute-newsletter', 'true');
    await settle();
    button('Save')!.click();
    await settle();
    expect(app.callsTo('UpdateCustomerAttributes')[0]?.variables).toEqual({
      id: 'customer-1',
      attributes: { plan: 'Gold', order_count: 15, newsletter: true, vip_since: '2025-03-01' },
    });
    expect(document.querySelector('.attributes [role="alert"]')?.textContent).toContain('The server refused some attributes: Plan.');
    expect(document.querySelector('.attributes')?.textContent).toContain('is not a defined attribute');
    // Still editing, with what was typed.
    expect(input('customer-attribute-order_count').value).toBe('15');

    refuse = false;
    button('Save')!.click();
    await settle();
    expect(document.getElementById('customer-attribute-order_count')).toBeNull();
    expect(attribute('order_count')).toBe('15');
    expect(attribute('newsletter')).toBe('Yes');
  });

  it('merges into a customer picked by search, after a confirmation, and opens the survivor', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const duplicate = profile({ id: 'customer-2', name: 'Carol (duplicate)', tickets: { nodes: [], pageInfo: { endCursor: null, hasNextPage: false } } });
    const app = await renderApp(
      '/agent/customers/customer-2',
      customersResponders({
        SessionBoot: boot(viewer('supervisor')),
        CustomerProfile: (variables) => ({
          data: { customer: variables.id === 'customer-2' ? duplicate : profile(), customerAttributeDefinitions: attributeDefinitions },
        }),
        CustomerList: (variables) => {
          const search = (variables.filter as { search?: string }).search;
          const nodes = search
            ? [listCustomer(2, { name: 'Carol (duplicate)' }), listCustomer(1, { name: 'Carol Customer', emails: ['carol@example.com'] })]
            : [listCustomer(7, { name: 'Someone Else' })];
          return { data: { customers: { nodes, pageInfo: { endCursor: null, hasNextPage: false } } } };
        },
        MergeCustomers: () => ({ data: { mergeCustomers: { id: 'customer-1', name: 'Carol Customer' } } }),
      }),
    );
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(document.querySelector('h1')?.textContent).toBe('Carol (duplicate)'));

    button('Merge into another customer…')!.click();
    await settle();
    const dialog = () => document.querySelector('[role="dialog"]')!;
    expect(dialog().textContent).toContain('Merge Carol (duplicate) into another customer');
    type('merge-search', 'carol');
    await vi.advanceTimersByTimeAsync(400);
    await settle();
    expect(app.callsTo('CustomerList').at(-1)?.variables).toEqual({ filter: { search: 'carol' }, first: 10, after: null });
    // The profile being merged is not offered as its own target.
    const candidates = [...dialog().querySelectorAll('.merge__candidate')].map((label) => label.getAttribute('data-customer-id'));
    expect(candidates).toEqual(['customer-1']);
    expect(button('Next')!.disabled).toBe(true);
    (dialog().querySelector('.merge__candidate input') as HTMLInputElement).click();
    await settle();
    button('Next')!.click();
    await settle();

    const confirmation = dialog().textContent ?? '';
    expect(confirmation).toContain('Merge Carol (duplicate) into Carol Customer?');
    expect(confirmation).toContain('All tickets and conversations of Carol (duplicate) move to Carol Customer.');
    expect(confirmation).toContain('Carol (duplicate) stays only as a pointer to Carol Customer');
    expect(app.callsTo('MergeCustomers')).toHaveLength(0);

    button('Merge into Carol Customer')!.click();
    await settle();
    expect(app.callsTo('MergeCustomers')[0]?.variables).toEqual({ sourceId: 'customer-2', targetId: 'customer-1' });
    await vi.waitFor(() => expect(app.router.currentRoute.value.fullPath).toBe('/agent/customers/customer-1'));
    await vi.waitFor(() => expect(document.querySelector('h1')?.textContent).toBe('Carol Customer'));
    expect(app.callsTo('CustomerProfile').at(-1)?.variables).toEqual({ id: 'customer-1' });
  });

  it('shows a merged profile read-only, pointing at the survivor', async () => {
    const app = await renderApp(
      '/agent/customers/customer-2',
      customersResponders({
        SessionBoot: boot(viewer('admin')),
        CustomerProfile: () => ({
          data: { customer: profile({ id: 'customer-2', name: 'Carol (old)', mergedInto: { id: 'customer-1', name: 'Carol Customer' } }), customerAttributeDefinitions: attributeDefinitions },
        }),
      }),
    );
    unmount = () => app.wrapper.unmount();
    await vi.waitFor(() => expect(document.querySelector('h1')?.textContent).toBe('Carol (old)'));
    const notice = document.querySelector('.profile__merged')!;
    expect(notice.textContent).toContain('This profile was merged');
    expect(notice.querySelector('a')?.getAttribute('href')).toBe('/agent/customers/customer-1');
    expect(button('Merge into another customer…')).toBeUndefined();
    expect(button('Edit attributes')).toBeUndefined();
  });
});
