import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot, viewer } from '../../testing/fixtures.ts';
import { graphqlError, renderApp, settle } from '../../testing/render-app.ts';

const admin = viewer('admin');
const agent = viewer('agent', { id: 'agent-7', name: 'Bo Agent', email: 'bo@example.com' });

describe('admin users view', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('lists users from the users query', async () => {
    const { wrapper, callsTo } = await renderApp('/admin/users', {
      SessionBoot: boot(admin),
      AdminUsers: () => ({ data: { users: { nodes: [admin.user, { ...agent.user, active: false }], totalCount: 2 } } }),
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('bo@example.com'));
    expect(callsTo('AdminUsers')[0]?.variables).toEqual({ role: null, limit: 20, offset: 0 });
    expect(wrapper.text()).toContain('Ada admin (you)');
    expect(wrapper.text()).toContain('Deactivated');
    expect(wrapper.text()).toContain('Reactivate');
  });

  it('creates a user from the dialog and shows server field problems', async () => {
    let attempts = 0;
    const { wrapper, callsTo } = await renderApp('/admin/users', {
      SessionBoot: boot(admin),
      AdminUsers: () => ({ data: { users: { nodes: [admin.user], totalCount: 1 } } }),
      CreateUser: () =>
        ++attempts === 1
          ? graphqlError('CONFLICT', 'A user with this email already exists.')
          : { data: { createUser: agent.user } },
    });
    await settle();
    const newUser = wrapper.findAll('button').find((button) => button.text() === 'New user');
    await newUser!.trigger('click');
    await settle();

    // The dialog is teleported to <body>, outside the wrapper.
    const input = (id: string) => document.getElementById(id) as HTMLInputElement;
    for (const [id, value] of [
      ['create-user-name', 'Bo Agent'],
      ['create-user-email', 'bo@example.com'],
      ['create-user-password', 'a long enough password'],
    ]) {
      input(id!).value = value!;
      input(id!).dispatchEvent(new Event('input'));
    }
    const form = input('create-user-name').closest('form')!;
    form.dispatchEvent(new Event('submit'));
    await settle();
    expect(document.body.textContent).toContain('A user with this email already exists.');

    form.dispatchEvent(new Event('submit'));
    await settle();
    expect(callsTo('CreateUser').at(-1)?.variables).toEqual({
      input: { name: 'Bo Agent', email: 'bo@example.com', role: 'agent', password: 'a long enough password', locale: 'en' },
    });
    await vi.waitFor(() => expect(document.body.textContent).toContain('User Bo Agent created.'));
  });
});

describe('admin plugins view', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows each plugin with its state, error and handler failures', async () => {
    // The profile's language wins over the browser's, so set it there.
    const { wrapper } = await renderApp('/admin/plugins', {
      SessionBoot: boot(viewer('admin', { locale: 'zh-CN' })),
      AdminPlugins: () => ({
        data: {
          plugins: [
            { id: 'example', version: '1.0.0', state: 'active', description: 'Example plugin', error: null, handlerFailures: 3 },
            { id: 'broken', version: null, state: 'failed', description: null, error: 'boom at boot', handlerFailures: 0 },
          ],
        },
      }),
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('boom at boot'));
    const rows = wrapper.findAll('tbody tr').map((row) => row.text());
    expect(rows[0]).toContain('example');
    expect(rows[0]).toContain('运行中');
    expect(rows[0]).toContain('3');
    expect(rows[1]).toContain('失败');
  });
});

describe('session expiry', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('sends the user to sign in when the server stops recognizing the session', async () => {
    const { router } = await renderApp('/admin/plugins', {
      SessionBoot: boot(admin),
      AdminPlugins: () => graphqlError('UNAUTHENTICATED', 'Sign in first.'),
    });
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/login?redirect=/admin/plugins'));
  });
});
