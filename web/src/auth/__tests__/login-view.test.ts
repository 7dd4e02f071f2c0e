import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot, viewer } from '../../testing/fixtures.ts';
import { graphqlError, renderApp, settle } from '../../testing/render-app.ts';

async function fillAndSubmit(wrapper: Awaited<ReturnType<typeof renderApp>>['wrapper'], email: string, password: string) {
  await wrapper.find('#login-email').setValue(email);
  await wrapper.find('#login-password').setValue(password);
  await wrapper.find('form').trigger('submit');
  await settle();
}

describe('login view', () => {
  beforeEach(() => {
    localStorage.clear();
    document.cookie = 'kefu_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('labels its inputs so they can be found by their visible names', async () => {
    const { wrapper } = await renderApp('/login', { SessionBoot: boot(null) });
    const labelFor = (id: string) => wrapper.find(`label[for="${id}"]`).text();
    // Naive UI appends a required mark ("*") to the label text.
    expect(labelFor('login-email')).toMatch(/^Email\b/);
    expect(labelFor('login-password')).toMatch(/^Password\b/);
    expect(wrapper.find('#login-email').element.tagName).toBe('INPUT');
  });

  it('shows a translated BAD_USER_INPUT error and the field problem', async () => {
    localStorage.setItem('kefu.locale', 'zh-CN');
    const { wrapper, callsTo } = await renderApp('/login', {
      SessionBoot: boot(null),
      Login: () =>
        graphqlError('BAD_USER_INPUT', 'email: Invalid email address', {
          fields: [{ field: 'email', message: 'Invalid email address' }],
        }),
    });
    await fillAndSubmit(wrapper, 'ada@example.com', 'correct horse battery');

    expect(callsTo('Login')).toHaveLength(1);
    expect(wrapper.find('[role="alert"]').text()).toBe('以下字段需要修改：电子邮箱。');
    expect(wrapper.text()).toContain('Invalid email address');
    expect(wrapper.vm.$router.currentRoute.value.path).toBe('/login');
  });

  it('tells how long to wait when RATE_LIMITED', async () => {
    const { wrapper } = await renderApp('/login', {
      SessionBoot: boot(null),
      Login: () => graphqlError('RATE_LIMITED', 'Too many attempts.', { retryAfterSeconds: 42 }),
    });
    await fillAndSubmit(wrapper, 'ada@example.com', 'whatever-password');
    expect(wrapper.find('[role="alert"]').text()).toBe('Too many attempts. Try again in 42 seconds.');
  });

  it('says the credentials are wrong on UNAUTHENTICATED, in the chosen language', async () => {
    localStorage.setItem('kefu.locale', 'zh-TW');
    const { wrapper } = await renderApp('/login', {
      SessionBoot: boot(null),
      Login: () => graphqlError('UNAUTHENTICATED', 'Invalid email or password.'),
    });
    await fillAndSubmit(wrapper, 'ada@example.com', 'wrong-password');
    expect(wrapper.find('[role="alert"]').text()).toBe('電子郵件或密碼不正確。');
  });

  it('checks required fields before calling the server', async () => {
    const { wrapper, callsTo } = await renderApp('/login', { SessionBoot: boot(null) });
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(callsTo('Login')).toHaveLength(0);
    expect(wrapper.text()).toContain('Email is required.');
    expect(wrapper.text()).toContain('Password is required.');
  });

  it('signs in, sends the CSRF cookie as a header, and returns to the requested page', async () => {
    const { wrapper, router, callsTo } = await renderApp('/admin/plugins', {
      SessionBoot: boot(null),
      Login: () => {
        // What the server's Set-Cookie would do.
        document.cookie = 'kefu_csrf=token-after-login';
        return { data: { login: viewer('admin') } };
      },
      AdminPlugins: () => ({ data: { plugins: [] } }),
    });
    expect(router.currentRoute.value.fullPath).toBe('/login?redirect=/admin/plugins');

    await fillAndSubmit(wrapper, ' admin@example.com ', 'correct horse battery');

    const [login] = callsTo('Login');
    expect(login?.variables).toEqual({ input: { email: 'admin@example.com', password: 'correct horse battery' } });
    expect(login?.headers['x-kefu-csrf']).toBe('1');
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/admin/plugins'));
    await vi.waitFor(() => expect(callsTo('AdminPlugins')).toHaveLength(1));
    expect(callsTo('AdminPlugins')[0]?.headers['x-kefu-csrf']).toBe('token-after-login');
  });
});
