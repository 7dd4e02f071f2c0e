import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot, viewer } from '../../testing/fixtures.ts';
import { graphqlError, renderApp, settle, type Responder } from '../../testing/render-app.ts';
import { customer } from '../../portal/__tests__/portal-fixtures.ts';

const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz0123456789';
const noTickets: Responder = () => ({ data: { tickets: { nodes: [], pageInfo: { endCursor: null, hasNextPage: false } } } });
const validPreview: Responder = () => ({
  data: { customerInvitePreview: { email: 'li.na@example.com', customerName: 'Li Na', invitedByName: 'Bo Agent', expiresAt: '2026-11-24T10:00:00.000Z' } },
});

type Wrapper = Awaited<ReturnType<typeof renderApp>>['wrapper'];

async function choosePassword(wrapper: Wrapper, password = 'my-new-password'): Promise<void> {
  await wrapper.find('#invite-password').setValue(password);
  await wrapper.find('#invite-passwordConfirm').setValue(password);
  await wrapper.find('form').trigger('submit');
  await settle();
}

describe('accepting a portal invitation', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows who invited and for which e-mail, sets the password, signs in and lands in the portal', async () => {
    const { wrapper, router, callsTo } = await renderApp(`/portal/accept-invite#token=${TOKEN}`, {
      SessionBoot: boot(null),
      CustomerInvitePreview: validPreview,
      AcceptCustomerInvite: () => ({ data: { acceptCustomerInvite: customer } }),
      PortalMyTickets: noTickets,
    });
    expect(callsTo('CustomerInvitePreview').map((call) => call.variables)).toEqual([{ token: TOKEN }]);
    expect(wrapper.find('h1').text()).toBe('Join the customer portal');
    expect(wrapper.text()).toContain('Bo Agent invited you to the customer portal.');
    expect(wrapper.find('[data-invite="email"]').text()).toBe('li.na@example.com');
    expect((wrapper.find('#invite-name').element as HTMLInputElement).value).toBe('Li Na');

    await choosePassword(wrapper);
    expect(callsTo('AcceptCustomerInvite').map((call) => call.variables.input)).toEqual([{ token: TOKEN, password: 'my-new-password', name: 'Li Na' }]);
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/portal/tickets'));
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('My tickets'));
  });

  it('says an expired, used or unknown invitation cannot be used, offering no form', async () => {
    localStorage.setItem('kefu.locale', 'zh-CN');
    const { wrapper, callsTo } = await renderApp(`/portal/accept-invite#token=${TOKEN}`, {
      SessionBoot: boot(null),
      CustomerInvitePreview: () => ({ data: { customerInvitePreview: null } }),
    });
    expect(callsTo('CustomerInvitePreview')).toHaveLength(1);
    expect(wrapper.find('form').exists()).toBe(false);
    expect(wrapper.find('[role="alert"]').text()).toContain('此邀请无法使用');
    expect(wrapper.text()).toContain('请联系支持团队获取新链接');
  });

  it('says so without asking the server when the link has no token', async () => {
    const { wrapper, callsTo } = await renderApp('/portal/accept-invite', { SessionBoot: boot(null) });
    expect(callsTo('CustomerInvitePreview')).toHaveLength(0);
    expect(wrapper.find('[role="alert"]').text()).toContain('This invitation cannot be used');
  });

  it('turns into the same message when the token expires before the password is sent', async () => {
    const { wrapper, router } = await renderApp(`/portal/accept-invite#token=${TOKEN}`, {
      SessionBoot: boot(null),
      CustomerInvitePreview: validPreview,
      AcceptCustomerInvite: () =>
        graphqlError('BAD_USER_INPUT', 'token: is invalid, used or expired', { fields: [{ field: 'token', message: 'is invalid, used or expired; ask for a new invitation' }] }),
    });
    await choosePassword(wrapper);
    expect(wrapper.find('form').exists()).toBe(false);
    expect(wrapper.find('[role="alert"]').text()).toContain('This invitation cannot be used');
    expect(router.currentRoute.value.path).toBe('/portal/accept-invite');
  });

  it('keeps the invitation when the password is refused', async () => {
    const { wrapper, callsTo } = await renderApp(`/portal/accept-invite#token=${TOKEN}`, {
      SessionBoot: boot(null),
      CustomerInvitePreview: validPreview,
    });
    await choosePassword(wrapper, 'short');
    expect(callsTo('AcceptCustomerInvite')).toHaveLength(0);
    expect(wrapper.text()).toContain('Use at least 10 characters.');
  });

  it('asks someone signed in to sign out first, then offers the form', async () => {
    const agent = viewer('agent', { name: 'Ada Agent' });
    const { wrapper, callsTo } = await renderApp(`/portal/accept-invite#token=${TOKEN}`, {
      SessionBoot: boot(agent),
      CustomerInvitePreview: validPreview,
      Logout: () => ({ data: { logout: true } }),
    });
    expect(wrapper.text()).toContain('You are signed in as Ada Agent. Sign out to accept this invitation.');
    expect(wrapper.find('#invite-password').exists()).toBe(false);
    await wrapper.findAll('button').find((button) => button.text() === 'Sign out')!.trigger('click');
    await settle();
    expect(callsTo('Logout')).toHaveLength(1);
    expect(wrapper.find('#invite-password').exists()).toBe(true);
  });
});
