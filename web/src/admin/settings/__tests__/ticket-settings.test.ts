import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot, viewer } from '../../../testing/fixtures.ts';
import { graphqlError, renderApp } from '../../../testing/render-app.ts';
import { byId, feedbackOf, pick, submitFormOf, text, type } from './helpers.ts';

const teams = [
  { id: 'team-1', name: 'Support' },
  { id: 'team-2', name: 'Billing' },
];

function settings(overrides = {}) {
  return { numberPrefix: '#', pendingReopenDays: null, defaultTeam: { id: 'team-1', name: 'Support' }, ...overrides };
}

describe('settings: tickets', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('loads the settings into one form and saves prefix, default team and reopening together', async () => {
    let attempts = 0;
    const app = await renderApp('/admin/settings/tickets', {
      SessionBoot: boot(viewer('admin')),
      SettingsTicketSettings: () => ({ data: { ticketSettings: settings(), teams } }),
      UpdateTicketSettings: () =>
        ++attempts === 1
          ? graphqlError('BAD_USER_INPUT', 'numberPrefix: no spaces', { fields: [{ field: 'numberPrefix', message: 'no spaces' }] })
          : { data: { updateTicketSettings: settings({ numberPrefix: 'HD-', pendingReopenDays: 5, defaultTeam: { id: 'team-2', name: 'Billing' } }) } },
    });
    await vi.waitFor(() => expect(byId('ticket-number-prefix').value).toBe('#'));
    expect(text()).toContain('Ticket 1042 is shown as #1042.');
    expect(byId('ticket-default-team').closest('.n-base-selection')?.textContent).toContain('Support');
    // Reopening is off (null): its number field is not shown.
    expect(byId('ticket-reopen-days')).toBeNull();

    type(byId('ticket-number-prefix'), 'HD-');
    await vi.waitFor(() => expect(text()).toContain('Ticket 1042 is shown as HD-1042.'));
    await pick('ticket-default-team', 'Billing');
    (document.querySelector('[role="switch"]') as HTMLElement).click();
    await vi.waitFor(() => expect(byId('ticket-reopen-days')).not.toBeNull());
    type(byId('ticket-reopen-days'), '5');
    byId('ticket-reopen-days').dispatchEvent(new Event('blur'));

    await submitFormOf(byId('ticket-number-prefix'));
    await vi.waitFor(() => expect(feedbackOf(byId('ticket-number-prefix'))).toBe('no spaces'));

    await submitFormOf(byId('ticket-number-prefix'));
    expect(app.callsTo('UpdateTicketSettings').at(-1)?.variables).toEqual({ input: { numberPrefix: 'HD-', defaultTeamId: 'team-2', pendingReopenDays: 5 } });
    await vi.waitFor(() => expect(text()).toContain('Ticket settings saved.'));
    expect(feedbackOf(byId('ticket-number-prefix'))).toBeFalsy();
  });

  it('clears the default team and turns reopening off with null', async () => {
    const app = await renderApp('/admin/settings/tickets', {
      SessionBoot: boot(viewer('admin')),
      SettingsTicketSettings: () => ({ data: { ticketSettings: settings({ pendingReopenDays: 3 }), teams } }),
      UpdateTicketSettings: () => ({ data: { updateTicketSettings: settings({ defaultTeam: null }) } }),
    });
    await vi.waitFor(() => expect(byId('ticket-reopen-days')?.value).toBe('3'));
    await pick('ticket-default-team', 'No default team');
    (document.querySelector('[role="switch"]') as HTMLElement).click();
    await vi.waitFor(() => expect(byId('ticket-reopen-days')).toBeNull());
    await submitFormOf(byId('ticket-number-prefix'));
    expect(app.callsTo('UpdateTicketSettings')[0]?.variables).toEqual({ input: { numberPrefix: '#', defaultTeamId: null, pendingReopenDays: null } });
  });

  it('shows the settings in Chinese', async () => {
    await renderApp('/admin/settings/tickets', {
      SessionBoot: boot(viewer('admin', { locale: 'zh-TW' })),
      SettingsTicketSettings: () => ({ data: { ticketSettings: settings(), teams } }),
    });
    await vi.waitFor(() => expect(text()).toContain('工單編號前綴'));
    expect(text()).toContain('1042 號工單將顯示為 #1042。');
  });
});
