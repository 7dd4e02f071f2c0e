import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot, viewer } from '../../testing/fixtures.ts';
import { renderApp, settle } from '../../testing/render-app.ts';

type Rendered = Awaited<ReturnType<typeof renderApp>>;

async function fill({ wrapper }: Rendered, values: Record<string, string>): Promise<void> {
  for (const [field, value] of Object.entries(values)) await wrapper.find(`#setup-${field}`).setValue(value);
  await wrapper.find('form').trigger('submit');
  await settle();
}

describe('setup view', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('hides the passwords as they are typed, and labels every field', async () => {
    const { wrapper } = await renderApp('/setup', { SessionBoot: boot(null, true) });
    expect(wrapper.find('#setup-password').attributes('type')).toBe('password');
    expect(wrapper.find('#setup-passwordConfirm').attributes('type')).toBe('password');
    expect(wrapper.find('#setup-email').attributes('type')).toBe('email');
    // Naive UI marks required fields with an asterisk after the text.
    const labels = wrapper.findAll('label[for^="setup-"]').map((label) => [label.attributes('for'), label.text().replace(/\s*\*$/, '')]);
    expect(labels).toEqual([
      ['setup-name', 'Name'],
      ['setup-email', 'Email'],
      ['setup-password', 'Password'],
      ['setup-passwordConfirm', 'Confirm password'],
    ]);
  });

  it('refuses short or mismatched passwords before calling the server', async () => {
    const rendered = await renderApp('/setup', { SessionBoot: boot(null, true) });
    await fill(rendered, { name: 'Ada', email: 'ada@example.com', password: 'short', passwordConfirm: 'shorter' });
    expect(rendered.callsTo('CreateFirstAdmin')).toHaveLength(0);
    expect(rendered.wrapper.text()).toContain('Use at least 10 characters.');
    expect(rendered.wrapper.text()).toContain('The passwords do not match.');
  });

  it('creates the first admin in the chosen language and opens the admin area', async () => {
    localStorage.setItem('kefu.locale', 'zh-CN');
    const rendered = await renderApp('/setup', {
      SessionBoot: boot(null, true),
      CreateFirstAdmin: () => ({ data: { createFirstAdmin: viewer('admin', { locale: 'zh-CN', name: 'Ada' }) } }),
      AdminUsers: () => ({ data: { users: { nodes: [viewer('admin', { name: 'Ada' }).user], totalCount: 1 } } }),
    });
    await fill(rendered, {
      name: ' Ada ',
      email: 'ada@example.com',
      password: 'a long enough password',
      passwordConfirm: 'a long enough password',
    });

    expect(rendered.callsTo('CreateFirstAdmin')[0]?.variables).toEqual({
      input: { name: 'Ada', email: 'ada@example.com', password: 'a long enough password', locale: 'zh-CN' },
    });
    await vi.waitFor(() => expect(rendered.router.currentRoute.value.path).toBe('/admin/users'));
    await vi.waitFor(() => expect(rendered.wrapper.text()).toContain('Ada (您)'));
  });
});
