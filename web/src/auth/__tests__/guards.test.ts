import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boot, emptyInbox, viewer } from '../../testing/fixtures.ts';
import { renderApp } from '../../testing/render-app.ts';

describe('router guards', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it.each(['/', '/agent', '/admin/users', '/login'])('sends %s to /setup while the instance needs setup', async (path) => {
    const { router, wrapper } = await renderApp(path, { SessionBoot: boot(null, true) });
    expect(router.currentRoute.value.path).toBe('/setup');
    expect(wrapper.find('h1').text()).toBe('Welcome to Kefu');
  });

  it('keeps /setup closed once an admin exists', async () => {
    const { router } = await renderApp('/setup', { SessionBoot: boot(null) });
    expect(router.currentRoute.value.path).toBe('/login');
  });

  it('asks signed-out visitors of the agent workspace to sign in', async () => {
    const { router } = await renderApp('/agent/customers', { SessionBoot: boot(null) });
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.redirect).toBe('/agent/customers');
  });

  it('lets agents into the workspace but not into admin', async () => {
    const { router, wrapper } = await renderApp('/agent', { ...emptyInbox(), SessionBoot: boot(viewer('agent')) });
    expect(router.currentRoute.value.path).toBe('/agent/inbox');
    expect(wrapper.text()).toContain('My tickets');

    await router.push('/admin/users');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(router.currentRoute.value.fullPath).toBe('/login?redirect=/admin/users');
    expect(wrapper.text()).toContain('You are signed in as Ada agent, who cannot open that page.');
  });

  it('does not let customers into the agent workspace', async () => {
    const { router } = await renderApp('/agent/inbox', { SessionBoot: boot(viewer('customer')) });
    expect(router.currentRoute.value.name).toBe('login');
  });

  it('sends a signed-in admin from /login to the admin area', async () => {
    const { router } = await renderApp('/login', {
      SessionBoot: boot(viewer('admin')),
      AdminUsers: () => ({ data: { users: { nodes: [], totalCount: 0 } } }),
    });
    expect(router.currentRoute.value.path).toBe('/admin/users');
  });
});
