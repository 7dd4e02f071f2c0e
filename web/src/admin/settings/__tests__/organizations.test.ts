import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot, viewer } from '../../../testing/fixtures.ts';
import { graphqlError, renderApp } from '../../../testing/render-app.ts';
import { byId, click, dialog, feedbackOf, submitFormOf, text, type } from './helpers.ts';

const acme = { id: 'org-1', name: 'Acme', domains: ['acme.com', 'acme.cn'], tier: 'vip', createdAt: '2026-11-01T00:00:00.000Z' };
const globex = { id: 'org-2', name: 'Globex', domains: [], tier: 'standard', createdAt: '2026-11-02T00:00:00.000Z' };
const page = (nodes: object[], hasNextPage = false) => ({ data: { organizations: { nodes, pageInfo: { endCursor: hasNextPage ? 'cursor-1' : null, hasNextPage } } } });
const rows = () => [...document.querySelectorAll('tbody tr')].map((row) => row.textContent ?? '');

describe('settings: organizations', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
    vi.useRealTimers();
  });

  it('lists organizations, loads more, and searches by name or domain', async () => {
    const app = await renderApp('/admin/settings/organizations', {
      SessionBoot: boot(viewer('admin')),
      SettingsOrganizations: (variables) =>
        variables.search ? page([globex]) : variables.after ? page([globex]) : page([acme], true),
    });
    await vi.waitFor(() => expect(rows()[0]).toContain('acme.com, acme.cn'));
    expect(rows()[0]).toContain('VIP');
    expect(app.callsTo('SettingsOrganizations')[0]?.variables).toEqual({ search: null, first: 25, after: null });

    await click('Load more');
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    expect(app.callsTo('SettingsOrganizations').at(-1)?.variables).toEqual({ search: null, first: 25, after: 'cursor-1' });

    type(byId('organization-search'), 'globex');
    await vi.waitFor(() => expect(app.callsTo('SettingsOrganizations').at(-1)?.variables).toEqual({ search: 'globex', first: 25, after: null }));
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toContain('Globex');
  });

  it('creates an organization; a refused domain is explained next to the domains field', async () => {
    let attempts = 0;
    const app = await renderApp('/admin/settings/organizations', {
      SessionBoot: boot(viewer('admin')),
      SettingsOrganizations: () => page(attempts > 1 ? [acme, globex] : [globex]),
      CreateOrganization: (variables) =>
        ++attempts === 1
          ? graphqlError('BAD_USER_INPUT', 'domains.1: must be a domain like example.com', { fields: [{ field: 'domains.1', message: 'must be a domain like example.com' }] })
          : { data: { createOrganization: { ...acme, ...((variables.input as object) ?? {}) } } },
    });
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    await click('New organization');
    type(byId('organization-name'), ' Acme ');
    type(byId<HTMLTextAreaElement>('organization-domains'), 'Acme.com\nacme');
    // (Naive UI's select menu does not open inside a modal under happy-dom; the tier keeps its default.)
    await submitFormOf(byId('organization-name'));
    await vi.waitFor(() => expect(feedbackOf(byId('organization-domains'))).toBe('must be a domain like example.com'));
    expect(app.callsTo('CreateOrganization')[0]?.variables).toEqual({ input: { name: 'Acme', domains: ['acme.com', 'acme'], tier: 'standard' } });

    type(byId<HTMLTextAreaElement>('organization-domains'), 'acme.com, acme.cn');
    await submitFormOf(byId('organization-name'));
    expect(app.callsTo('CreateOrganization').at(-1)?.variables).toEqual({ input: { name: 'Acme', domains: ['acme.com', 'acme.cn'], tier: 'standard' } });
    await vi.waitFor(() => expect(text()).toContain('Organization Acme created.'));
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
  });

  it('edits an organization with its current values filled in', async () => {
    const app = await renderApp('/admin/settings/organizations', {
      SessionBoot: boot(viewer('admin')),
      SettingsOrganizations: () => page([acme]),
      UpdateOrganization: (variables) => ({ data: { updateOrganization: { ...acme, ...(variables.input as object) } } }),
    });
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    await click('Edit Acme');
    expect(byId('organization-name').value).toBe('Acme');
    expect(byId<HTMLTextAreaElement>('organization-domains').value).toBe('acme.com\nacme.cn');
    type(byId('organization-name'), 'Acme Corp');
    await submitFormOf(byId('organization-name'));
    expect(app.callsTo('UpdateOrganization')[0]?.variables).toEqual({ input: { id: 'org-1', name: 'Acme Corp', domains: ['acme.com', 'acme.cn'], tier: 'vip' } });
    await vi.waitFor(() => expect(text()).toContain('Organization Acme Corp saved.'));
  });

  it('deletes an organization after a confirmation', async () => {
    const app = await renderApp('/admin/settings/organizations', {
      SessionBoot: boot(viewer('admin')),
      SettingsOrganizations: () => page([acme, globex]),
      DeleteOrganization: () => ({ data: { deleteOrganization: true } }),
    });
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    await click('Delete Acme');
    expect(dialog()?.textContent).toContain('Its customers and tickets stay; they just no longer belong to an organization.');
    await click('Cancel', dialog()!);
    expect(app.callsTo('DeleteOrganization')).toHaveLength(0);

    await click('Delete Acme');
    await click('Delete', dialog()!);
    expect(app.callsTo('DeleteOrganization')[0]?.variables).toEqual({ id: 'org-1' });
    await vi.waitFor(() => expect(text()).toContain('Organization Acme deleted.'));
    expect(rows()).toHaveLength(1);
  });
});
