import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot, viewer } from '../../testing/fixtures.ts';
import { renderApp, settle } from '../../testing/render-app.ts';
import { customer } from './portal-fixtures.ts';

const noTickets = () => ({ data: { tickets: { nodes: [], pageInfo: { endCursor: null, hasNextPage: false } } } });

async function signIn(wrapper: Awaited<ReturnType<typeof renderApp>>['wrapper']): Promise<void> {
  await wrapper.find('#login-email').setValue('cai@example.com');
  await wrapper.find('#login-password').setValue('correct horse battery');
  await wrapper.find('form').trigger('submit');
  await settle();
}

describe('portal role routing', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('sends a customer who signs in to the portal', async () => {
    const { router, wrapper } = await renderApp('/login', {
      SessionBoot: boot(null),
      Login: () => ({ data: { login: customer } }),
      PortalMyTickets: noTickets,
    });
    await signIn(wrapper);
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/portal/tickets'));
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('My tickets'));
  });

  it('brings a signed-out customer back to the ticket they opened', async () => {
    const { router, wrapper } = await renderApp('/portal/tickets/ticket-1', {
      SessionBoot: boot(null),
      Login: () => ({ data: { login: customer } }),
      PortalTicket: () => ({ data: { ticket: null } }),
    });
    expect(router.currentRoute.value.fullPath).toBe('/login?redirect=/portal/tickets/ticket-1');
    await signIn(wrapper);
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/portal/tickets/ticket-1'));
  });

  it('sends a signed-in customer from /login and /setup to the portal', async () => {
    const { router } = await renderApp('/login', { SessionBoot: boot(customer), PortalMyTickets: noTickets });
    expect(router.currentRoute.value.path).toBe('/portal/tickets');
    await router.push('/setup');
    expect(router.currentRoute.value.path).toBe('/portal/tickets');
  });

  it.each(['/agent/inbox', '/admin/users'])('refuses a customer at %s', async (path) => {
    const { router, wrapper } = await renderApp(path, { SessionBoot: boot(customer) });
    expect(router.currentRoute.value.name).toBe('login');
    expect(wrapper.text()).toContain('You are signed in as Cai Customer, who cannot open that page.');
    expect(wrapper.text()).not.toContain('Inbox');
  });

  it.each(['agent', 'supervisor', 'admin'] as const)('refuses %s accounts in the portal (staff work tickets in /agent)', async (role) => {
    const { router, wrapper, callsTo } = await renderApp('/portal/tickets', { SessionBoot: boot(viewer(role)) });
    expect(router.currentRoute.value.fullPath).toBe('/login?redirect=/portal/tickets');
    expect(wrapper.text()).toContain(`You are signed in as Ada ${role}, who cannot open that page.`);
    // The portal's queries never ran for them.
    expect(callsTo('PortalMyTickets')).toEqual([]);
  });

  it('shows "My tickets" in the help center header to a signed-in customer only', async () => {
    const signedIn = await renderApp('/', { SessionBoot: boot(customer), PortalMyTickets: noTickets });
    const link = signedIn.wrapper.findAll('header a').find((anchor) => anchor.text() === 'My tickets');
    expect(link?.attributes('href')).toBe('/portal/tickets');
    await link!.trigger('click');
    await vi.waitFor(() => expect(signedIn.router.currentRoute.value.path).toBe('/portal/tickets'));
    document.body.innerHTML = '';

    for (const who of [null, viewer('agent')]) {
      const { wrapper } = await renderApp('/', { SessionBoot: boot(who) });
      expect(wrapper.text()).not.toContain('My tickets');
      document.body.innerHTML = '';
    }
  });
});
