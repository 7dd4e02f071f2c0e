import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot, viewer } from '../../../testing/fixtures.ts';
import { graphqlError, renderApp } from '../../../testing/render-app.ts';
import { buttonNamed, byId, click, feedbackOf, submitFormOf, text, type } from './helpers.ts';

const types = () => [
  { id: 'type-1', key: 'order', name: 'Order', active: true, position: 2 },
  { id: 'type-2', key: 'complaint', name: 'Complaints & refunds', active: true, position: 5 },
  { id: 'type-3', key: 'warranty', name: 'Warranty', active: false, position: 7 },
];
const names = () => [...document.querySelectorAll('.ticket-type__name')].map((name) => name.textContent);

describe('settings: ticket types', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('lists every type in order; built-in ones keep their translation until renamed', async () => {
    const app = await renderApp('/admin/settings/ticket-types', {
      SessionBoot: boot(viewer('admin', { locale: 'zh-CN' })),
      SettingsTicketTypes: () => ({ data: { ticketTypes: types() } }),
    });
    await vi.waitFor(() => expect(names()).toEqual(['订单', 'Complaints & refunds', 'Warranty']));
    expect(app.callsTo('SettingsTicketTypes')[0]?.variables).toEqual({});
    expect(text()).toContain('已停用');
    expect(buttonNamed('启用 Warranty')).toBeDefined();
    expect(buttonNamed('停用 订单')).toBeDefined();
  });

  it('moves a type with the keyboard buttons, saving the whole order in one reorderTicketTypes, and deactivates one', async () => {
    // A small server: the order and updates stick, and the list comes back ordered by position.
    const stored = types();
    const sorted = () => [...stored].sort((a, b) => a.position - b.position);
    const app = await renderApp('/admin/settings/ticket-types', {
      SessionBoot: boot(viewer('admin')),
      SettingsTicketTypes: () => ({ data: { ticketTypes: sorted() } }),
      ReorderTicketTypes: (variables) => {
        (variables.ids as string[]).forEach((id, index) => (stored.find((item) => item.id === id)!.position = index + 1));
        return { data: { reorderTicketTypes: sorted() } };
      },
      UpdateTicketType: (variables) => {
        const input = variables.input as { id: string };
        const type = stored.find((item) => item.id === input.id)!;
        Object.assign(type, input);
        return { data: { updateTicketType: type } };
      },
    });
    await vi.waitFor(() => expect(names()).toEqual(['Order', 'Complaints & refunds', 'Warranty']));
    await click('Move Warranty up');
    expect(names()).toEqual(['Order', 'Warranty', 'Complaints & refunds']);
    expect(app.callsTo('ReorderTicketTypes').map((call) => call.variables)).toEqual([{ ids: ['type-1', 'type-3', 'type-2'] }]);
    expect(app.callsTo('UpdateTicketType')).toEqual([]);
    await vi.waitFor(() => expect(text()).toContain('Order saved.'));
    expect(app.callsTo('SettingsTicketTypes').length).toBeGreaterThanOrEqual(2);
    expect(names()).toEqual(['Order', 'Warranty', 'Complaints & refunds']);

    await click('Deactivate Order');
    expect(app.callsTo('UpdateTicketType').at(-1)?.variables.input).toEqual({ id: 'type-1', active: false });
    await vi.waitFor(() => expect(text()).toContain('Order is no longer offered.'));
  });

  it('a refused reorder says why and shows the stored order again', async () => {
    const app = await renderApp('/admin/settings/ticket-types', {
      SessionBoot: boot(viewer('admin')),
      SettingsTicketTypes: () => ({ data: { ticketTypes: types() } }),
      ReorderTicketTypes: () =>
        graphqlError('BAD_USER_INPUT', 'ids: must name every ticket type (1 missing)', { fields: [{ field: 'ids', message: 'must name every ticket type (1 missing)' }] }),
    });
    await vi.waitFor(() => expect(names()).toEqual(['Order', 'Complaints & refunds', 'Warranty']));
    await click('Move Warranty up');
    expect(app.callsTo('ReorderTicketTypes')).toHaveLength(1);
    await vi.waitFor(() => expect(text()).toContain('must name every ticket type (1 missing)'));
    await vi.waitFor(() => expect(names()).toEqual(['Order', 'Complaints & refunds', 'Warranty']));
    expect(text()).not.toContain('Order saved.');
  });

  it('adds a type; a key in use is explained next to the key field', async () => {
    let attempts = 0;
    const app = await renderApp('/admin/settings/ticket-types', {
      SessionBoot: boot(viewer('admin')),
      SettingsTicketTypes: () => ({ data: { ticketTypes: types() } }),
      CreateTicketType: () =>
        ++attempts === 1
          ? graphqlError('BAD_USER_INPUT', 'key: must be lower-case letters, digits, underscores', { fields: [{ field: 'key', message: 'must be lower-case letters, digits, underscores' }] })
          : attempts === 2
            ? graphqlError('CONFLICT', 'A ticket type with this key already exists.')
            : { data: { createTicketType: { id: 'type-4', key: 'billing', name: 'Billing', active: true, position: 8 } } },
    });
    await vi.waitFor(() => expect(names()).toHaveLength(3));
    type(byId('add-type-name'), 'Billing');
    type(byId('add-type-key'), 'Billing!');
    await submitFormOf(byId('add-type-name'));
    await vi.waitFor(() => expect(feedbackOf(byId('add-type-key'))).toBe('must be lower-case letters, digits, underscores'));

    type(byId('add-type-key'), 'order');
    await submitFormOf(byId('add-type-name'));
    await vi.waitFor(() => expect(feedbackOf(byId('add-type-key'))).toBe('A ticket type with this key already exists.'));

    type(byId('add-type-key'), '');
    await submitFormOf(byId('add-type-name'));
    expect(app.callsTo('CreateTicketType').at(-1)?.variables).toEqual({ input: { name: 'Billing', key: null } });
    await vi.waitFor(() => expect(text()).toContain('Ticket type Billing added.'));
    expect(byId('add-type-name').value).toBe('');
    expect(app.callsTo('SettingsTicketTypes').length).toBeGreaterThanOrEqual(2);
  });

  it('renames a type in a dialog', async () => {
    const app = await renderApp('/admin/settings/ticket-types', {
      SessionBoot: boot(viewer('admin')),
      SettingsTicketTypes: () => ({ data: { ticketTypes: types() } }),
      UpdateTicketType: (variables) => ({ data: { updateTicketType: { ...types()[0], ...(variables.input as object) } } }),
    });
    await vi.waitFor(() => expect(names()).toHaveLength(3));
    await click('Rename Order');
    expect(byId('rename-type-name').value).toBe('Order');
    type(byId('rename-type-name'), 'Orders and shipping');
    await submitFormOf(byId('rename-type-name'));
    expect(app.callsTo('UpdateTicketType')[0]?.variables.input).toEqual({ id: 'type-1', name: 'Orders and shipping' });
    await vi.waitFor(() => expect(text()).toContain('Ticket type renamed to Orders and shipping.'));
  });
});
