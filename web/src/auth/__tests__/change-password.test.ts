import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot, emptyInbox, viewer } from '../../testing/fixtures.ts';
import { graphqlError, renderApp, settle } from '../../testing/render-app.ts';

type Rendered = Awaited<ReturnType<typeof renderApp>>;

/** Opens the user menu and picks "Change password"; both render teleported into <body>. */
async function openDialog({ wrapper }: Rendered): Promise<void> {
  await wrapper.find('button[aria-label^="Account menu"]').trigger('click');
  await settle();
  const item = [...document.querySelectorAll('.n-dropdown-option')].find((node) => node.textContent?.includes('Change password'));
  (item?.querySelector('.n-dropdown-option-body') as HTMLElement | null)?.click();
  await settle();
}

function fill(values: Record<string, string>): HTMLFormElement {
  for (const [field, value] of Object.entries(values)) {
    const input = document.getElementById(`change-password-${field}`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
  return document.getElementById('change-password-currentPassword')!.closest('form')!;
}

describe('change password dialog', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('explains a wrong current password, then changes it', async () => {
    let attempt = 0;
    const rendered = await renderApp('/agent/inbox', {
      ...emptyInbox(),
      SessionBoot: boot(viewer('agent')),
      // What the server answers for a wrong current password (checked against the real server).
      ChangePassword: () =>
        ++attempt === 1
          ? graphqlError('BAD_USER_INPUT', 'currentPassword: is incorrect', {
              fields: [{ field: 'currentPassword', message: 'is incorrect' }],
            })
          : { data: { changePassword: true } },
    });
    await openDialog(rendered);
    const form = fill({ currentPassword: 'old password!', newPassword: 'a brand new password', passwordConfirm: 'a brand new password' });

    form.dispatchEvent(new Event('submit'));
    await settle();
    expect(document.querySelector('[role="alert"]')?.textContent).toBe('The current password is incorrect.');
    // Under the field too, instead of the server's English "is incorrect".
    const feedback = [...document.querySelectorAll('.n-form-item-feedback__line')].map((node) => node.textContent);
    expect(feedback).toEqual(['The current password is incorrect.']);
    // A wrong current password must not be mistaken for an expired session.
    expect(rendered.router.currentRoute.value.path).toBe('/agent/inbox');

    form.dispatchEvent(new Event('submit'));
    await settle();
    expect(rendered.callsTo('ChangePassword').at(-1)?.variables).toEqual({
      input: { currentPassword: 'old password!', newPassword: 'a brand new password' },
    });
    await vi.waitFor(() => expect(document.body.textContent).toContain('Password changed.'));
  });
});
