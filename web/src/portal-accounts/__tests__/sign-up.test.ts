import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot } from '../../testing/fixtures.ts';
import { graphqlError, renderApp, settle, type Responder } from '../../testing/render-app.ts';
import { customer } from '../../portal/__tests__/portal-fixtures.ts';

const noTickets: Responder = () => ({ data: { tickets: { nodes: [], pageInfo: { endCursor: null, hasNextPage: false } } } });

type Wrapper = Awaited<ReturnType<typeof renderApp>>['wrapper'];

async function fillAndSubmit(wrapper: Wrapper, password = 'a-long-password'): Promise<void> {
  await wrapper.find('#signup-name').setValue('Cai Customer');
  await wrapper.find('#signup-email').setValue(' cai@example.com ');
  await wrapper.find('#signup-password').setValue(password);
  await wrapper.find('#signup-passwordConfirm').setValue(password);
  await wrapper.find('form').trigger('submit');
  await settle();
}

describe('customer self sign-up', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('is offered on the sign-in page when the server allows it', async () => {
    const { wrapper, router } = await renderApp('/login', { SessionBoot: boot(null, false, { signupEnabled: true }) });
    const link = wrapper.findAll('a').find((anchor) => anchor.text() === 'Create an account');
    expect(link?.attributes('href')).toBe('/signup');
    await link!.trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/signup'));
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('Create your account'));
  });

  it('is not offered when sign-up is turned off, and /signup says to ask for an invitation', async () => {
    const { wrapper, router } = await renderApp('/login', { SessionBoot: boot(null, false, { signupEnabled: false }) });
    expect(wrapper.text()).not.toContain('Create an account');
    await router.push('/signup');
    await settle();
    expect(wrapper.find('form').exists()).toBe(false);
    expect(wrapper.text()).toContain('Accounts cannot be created here. Ask the support team to invite you.');
  });

  it('hides the passwords as they are typed', async () => {
    const { wrapper } = await renderApp('/signup', { SessionBoot: boot(null) });
    expect(wrapper.find('#signup-password').attributes('type')).toBe('password');
    expect(wrapper.find('#signup-passwordConfirm').attributes('type')).toBe('password');
    expect(wrapper.find('#signup-email').attributes('type')).toBe('email');
  });

  it('creates the account in the language on screen and lands in the portal', async () => {
    localStorage.setItem('kefu.locale', 'zh-TW');
    const { wrapper, router, callsTo } = await renderApp('/signup', {
      SessionBoot: boot(null),
      SignUpCustomer: () => ({ data: { signUpCustomer: { ...customer, user: { ...customer.user, locale: 'zh-TW' } } } }),
      PortalMyTickets: noTickets,
    });
    expect(wrapper.find('h1').text()).toBe('建立您的帳戶');
    await fillAndSubmit(wrapper);
    expect(callsTo('SignUpCustomer').map((call) => call.variables.input)).toEqual([
      { name: 'Cai Customer', email: 'cai@example.com', password: 'a-long-password', locale: 'zh-TW' },
    ]);
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/portal/tickets'));
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('我的工單'));
  });

  it('checks the password rules before calling the server', async () => {
    const { wrapper, callsTo } = await renderApp('/signup', { SessionBoot: boot(null) });
    await fillAndSubmit(wrapper, 'short');
    expect(callsTo('SignUpCustomer')).toHaveLength(0);
    expect(wrapper.text()).toContain('Use at least 10 characters.');
  });

  it('says so when the e-mail already has an account, and stays on the page', async () => {
    const { wrapper, router } = await renderApp('/signup', {
      SessionBoot: boot(null),
      SignUpCustomer: () => graphqlError('CONFLICT', 'A user with this e-mail already exists.'),
    });
    await fillAndSubmit(wrapper);
    expect(wrapper.find('[role="alert"]').text()).toBe('An account with this email already exists. Sign in, or use another email.');
    expect(router.currentRoute.value.path).toBe('/signup');
  });

  it('tells how long to wait when rate-limited, in the chosen language', async () => {
    localStorage.setItem('kefu.locale', 'zh-CN');
    const { wrapper } = await renderApp('/signup', {
      SessionBoot: boot(null),
      SignUpCustomer: () => graphqlError('RATE_LIMITED', 'Too many attempts.', { retryAfterSeconds: 1200 }),
    });
    await fillAndSubmit(wrapper);
    expect(wrapper.find('[role="alert"]').text()).toBe('尝试次数过多，请20分钟后重试。');
  });

  it('shows the server’s field problems next to the field', async () => {
    const { wrapper } = await renderApp('/signup', {
      SessionBoot: boot(null),
      SignUpCustomer: () => graphqlError('BAD_USER_INPUT', 'email: must be a valid e-mail address', { fields: [{ field: 'email', message: 'must be a valid e-mail address' }] }),
    });
    await fillAndSubmit(wrapper);
    expect(wrapper.find('[role="alert"]').text()).toBe('Some fields need attention: Email.');
    expect(wrapper.text()).toContain('must be a valid e-mail address');
  });

  it('sends someone already signed in to their home instead', async () => {
    const { router } = await renderApp('/signup', { SessionBoot: boot(customer), PortalMyTickets: noTickets });
    expect(router.currentRoute.value.path).toBe('/portal/tickets');
  });
});
