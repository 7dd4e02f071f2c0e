import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot, viewer } from '../../../testing/fixtures.ts';
import { graphqlError, renderApp, settle } from '../../../testing/render-app.ts';
import { buttonNamed, click, dialog, feedbackOf, pick, text, type } from './helpers.ts';

const definitions = () => [
  { key: 'plan', label: 'Plan', type: 'select', options: ['Gold', 'Silver'] },
  { key: 'orders', label: 'Orders', type: 'number', options: [] },
];
const saveButton = () => buttonNamed('Save attributes')!;
/** The id of the input of `field` in the row at `index` (rows get local ids). */
const fieldOf = (index: number, field: string) => document.querySelectorAll<HTMLElement>('fieldset.attribute')[index]!.querySelector<HTMLInputElement>(`[id$="-${field}"]`)!;
const keys = () => [...document.querySelectorAll<HTMLInputElement>('fieldset.attribute [id$="-key"]')].map((input) => input.value);

describe('settings: customer attributes', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('loads the schema; saved keys are fixed; a select shows its options one a line', async () => {
    await renderApp('/admin/settings/customer-attributes', {
      SessionBoot: boot(viewer('admin')),
      SettingsCustomerAttributes: () => ({ data: { customerAttributeDefinitions: definitions() } }),
    });
    await vi.waitFor(() => expect(keys()).toEqual(['plan', 'orders']));
    expect(fieldOf(0, 'key').disabled).toBe(true);
    expect(fieldOf(0, 'label').value).toBe('Plan');
    expect((fieldOf(0, 'options') as unknown as HTMLTextAreaElement).value).toBe('Gold\nSilver');
    expect(fieldOf(1, 'options')).toBeNull();
    // Nothing changed yet: nothing to save.
    expect(saveButton().disabled).toBe(true);
  });

  it('adds a select attribute, reorders, and saves the whole schema; a refused key is explained next to it', async () => {
    let attempts = 0;
    const app = await renderApp('/admin/settings/customer-attributes', {
      SessionBoot: boot(viewer('admin')),
      SettingsCustomerAttributes: () => ({ data: { customerAttributeDefinitions: definitions() } }),
      SetCustomerAttributeDefinitions: (variables) =>
        ++attempts === 1
          ? graphqlError('BAD_USER_INPUT', '2.key: must be lower-case letters, digits, underscores', {
              fields: [{ field: '2.key', message: 'must be lower-case letters, digits, underscores' }],
            })
          : { data: { setCustomerAttributeDefinitions: (variables.definitions as object[]).map((item) => ({ options: [], ...item })) } },
    });
    await vi.waitFor(() => expect(keys()).toHaveLength(2));
    await click('Add attribute');
    // The new row's key field has the focus, ready to type.
    expect(document.activeElement).toBe(fieldOf(2, 'key'));
    type(fieldOf(2, 'key'), 'Region');
    type(fieldOf(2, 'label'), 'Region');
    await pick(fieldOf(2, 'type').id, 'Choice from a list');
    // A select without options is stopped here, in the reader's language.
    saveButton().click();
    await settle();
    expect(feedbackOf(fieldOf(2, 'options'))).toBe('Add at least one option.');
    expect(app.callsTo('SetCustomerAttributeDefinitions')).toHaveLength(0);

    type(fieldOf(2, 'options') as unknown as HTMLTextAreaElement, 'North\n South \n\nNorth');
    saveButton().click();
    await settle();
    await vi.waitFor(() => expect(feedbackOf(fieldOf(2, 'key'))).toBe('must be lower-case letters, digits, underscores'));

    type(fieldOf(2, 'key'), 'region');
    await click('Move Region up');
    expect(keys()).toEqual(['plan', 'region', 'orders']);
    saveButton().click();
    await settle();
    expect(app.callsTo('SetCustomerAttributeDefinitions').at(-1)?.variables).toEqual({
      definitions: [
        { key: 'plan', label: 'Plan', type: 'select', options: ['Gold', 'Silver'] },
        { key: 'region', label: 'Region', type: 'select', options: ['North', 'South'] },
        { key: 'orders', label: 'Orders', type: 'number' },
      ],
    });
    await vi.waitFor(() => expect(text()).toContain('Customer attributes saved.'));
    expect(fieldOf(1, 'key').disabled).toBe(true);
  });

  it('refuses two attributes with one key before asking the server', async () => {
    const app = await renderApp('/admin/settings/customer-attributes', {
      SessionBoot: boot(viewer('admin')),
      SettingsCustomerAttributes: () => ({ data: { customerAttributeDefinitions: definitions() } }),
    });
    await vi.waitFor(() => expect(keys()).toHaveLength(2));
    await click('Add attribute');
    type(fieldOf(2, 'key'), 'plan');
    type(fieldOf(2, 'label'), 'Plan again');
    saveButton().click();
    await settle();
    expect(feedbackOf(fieldOf(2, 'key'))).toBe('Another attribute already uses this key.');
    expect(app.callsTo('SetCustomerAttributeDefinitions')).toHaveLength(0);
  });

  it('removes a saved attribute after a warning about its stored values', async () => {
    const app = await renderApp('/admin/settings/customer-attributes', {
      SessionBoot: boot(viewer('admin')),
      SettingsCustomerAttributes: () => ({ data: { customerAttributeDefinitions: definitions() } }),
      SetCustomerAttributeDefinitions: (variables) => ({ data: { setCustomerAttributeDefinitions: (variables.definitions as object[]).map((item) => ({ options: [], ...item })) } }),
    });
    await vi.waitFor(() => expect(keys()).toHaveLength(2));
    await click('Remove the attribute Orders');
    expect(dialog()?.textContent).toContain('Values stored under “orders” stay on customer profiles until each profile is next edited, when they are dropped.');
    await click('Cancel', dialog()!);
    expect(keys()).toEqual(['plan', 'orders']);

    await click('Remove the attribute Orders');
    await click('Remove', dialog()!);
    expect(keys()).toEqual(['plan']);
    expect(text()).toContain('You have unsaved changes.');
    saveButton().click();
    await settle();
    expect(app.callsTo('SetCustomerAttributeDefinitions')[0]?.variables).toEqual({
      definitions: [{ key: 'plan', label: 'Plan', type: 'select', options: ['Gold', 'Silver'] }],
    });
  });
});
