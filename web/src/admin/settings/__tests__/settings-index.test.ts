import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot, viewer } from '../../../testing/fixtures.ts';
import { renderApp } from '../../../testing/render-app.ts';

describe('settings index', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('links every settings page, with the same pages as tabs', async () => {
    const { wrapper, router } = await renderApp('/admin/settings', { SessionBoot: boot(viewer('admin')) });
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('Settings'));
    const links = wrapper.findAll('.settings-index a').map((link) => [link.text(), link.attributes('href')]);
    expect(links).toEqual([
      ['Teams', '/admin/settings/teams'],
      ['Tickets', '/admin/settings/tickets'],
      ['Ticket types', '/admin/settings/ticket-types'],
      ['Customer attributes', '/admin/settings/customer-attributes'],
      ['Organizations', '/admin/settings/organizations'],
    ]);
    const tabs = wrapper.findAll('nav[aria-label="Settings pages"] a').map((tab) => tab.text());
    expect(tabs).toEqual(['Overview', 'Teams', 'Tickets', 'Ticket types', 'Customer attributes', 'Organizations']);
    // The admin menu keeps "Settings" selected on every settings page.
    expect(router.currentRoute.value.meta.navItem).toBe('admin-settings');
    expect(wrapper.find('nav[aria-label="Main navigation"] .n-menu-item-content--selected').text()).toBe('Settings');
  });

  it('speaks simplified Chinese', async () => {
    const { wrapper } = await renderApp('/admin/settings', { SessionBoot: boot(viewer('admin', { locale: 'zh-CN' })) });
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('设置'));
    expect(wrapper.text()).toContain('客户属性');
  });
});
