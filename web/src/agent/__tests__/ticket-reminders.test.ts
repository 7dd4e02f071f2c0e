import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot } from '../../testing/fixtures.ts';
import { graphqlError, settle, type Responder } from '../../testing/render-app.ts';
import { me, press } from './agent-fixtures.ts';
import { openTicket } from './ticket-helpers.ts';

// The agent works on Shanghai time; the test runner's zone does not matter.
const shanghaiAgent = { ...me, user: { ...me.user, timeZone: 'Asia/Shanghai' } };
const existing = { id: 'reminder-1', remindAt: '2026-11-25T06:30:00.000Z', note: 'Check the refund' };

function reminderResponders(overrides: Record<string, Responder> = {}): Record<string, Responder> {
  let created = 0;
  return {
    SessionBoot: boot(shanghaiAgent),
    TicketReminders: () => ({ data: { reminders: [existing] } }),
    CreateReminder: (variables) => {
      const input = variables.input as { remindAt: string; note: string | null };
      return { data: { createReminder: { id: `reminder-new-${++created}`, remindAt: input.remindAt, note: input.note } } };
    },
    CancelReminder: () => ({ data: { cancelReminder: true } }),
    ...overrides,
  };
}

/** Each listed reminder as "time · note". */
const items = () =>
  [...document.querySelectorAll('.reminders__item')].map((item) =>
    [item.querySelector('time')?.textContent, item.querySelector('.reminders__note')?.textContent].filter(Boolean).join(' · '),
  );
const choice = (key: string) => document.querySelector<HTMLButtonElement>(`[data-reminder-choice="${key}"]`)!;

describe('reminders on the ticket page', () => {
  let unmount: () => void = () => {};
  beforeEach(() => {
    localStorage.clear();
    // Saturday 21 Nov 2026, 18:00 in Shanghai. Only the clock is faked: timers stay real for the app.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-21T10:00:00.000Z'));
  });
  afterEach(() => {
    unmount();
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('lists the agent’s pending reminders on this ticket in the agent’s time zone', async () => {
    const app = await openTicket(reminderResponders());
    unmount = () => app.wrapper.unmount();
    expect(app.callsTo('TicketReminders').map((call) => call.variables)).toEqual([{ ticketId: 'ticket-1' }]);
    expect(items()).toEqual(['Nov 25, 2026, 2:30 PM · Check the refund']);
    expect(choice('tomorrow').getAttribute('aria-label')).toBe('Tomorrow 9:00: Nov 22, 2026, 9:00 AM');
    expect(choice('nextWeek').getAttribute('aria-label')).toBe('Next week (Mon 9:00): Nov 23, 2026, 9:00 AM');
  });

  it('“tomorrow 9:00” means 9:00 on the agent’s clock, with the note; the new reminder joins the list in order', async () => {
    const app = await openTicket(reminderResponders());
    unmount = () => app.wrapper.unmount();
    await app.wrapper.find('#reminder-note').setValue('Call the courier');
    choice('tomorrow').click();
    await settle();
    expect(app.callsTo('CreateReminder').map((call) => call.variables.input)).toEqual([
      { ticketId: 'ticket-1', remindAt: '2026-11-22T01:00:00.000Z', note: 'Call the courier' },
    ]);
    expect(items()).toEqual(['Nov 22, 2026, 9:00 AM · Call the courier', 'Nov 25, 2026, 2:30 PM · Check the refund']);
    expect((app.wrapper.find('#reminder-note').element as HTMLInputElement).value).toBe('');
  });

  it('“in 1 hour” and a custom date-time read on the agent’s clock', async () => {
    const app = await openTicket(reminderResponders());
    unmount = () => app.wrapper.unmount();
    choice('inOneHour').click();
    await settle();
    await app.wrapper.findAll('button').find((button) => button.text() === 'Pick a date and time…')!.trigger('click');
    expect(app.wrapper.find('label[for="reminder-at"]').text()).toBe('Date and time (Asia/Shanghai)');
    await app.wrapper.find('#reminder-at').setValue('2026-12-01T15:45');
    await app.wrapper.find('#reminder-custom').trigger('submit');
    await settle();
    const [inOneHour, custom] = app.callsTo('CreateReminder').map((call) => (call.variables.input as { remindAt: string }).remindAt);
    // The faked clock still ticks while the test runs: an hour from "now", give or take a moment.
    expect(Math.abs(Date.parse(inOneHour!) - Date.parse('2026-11-21T11:00:00.000Z'))).toBeLessThan(5_000);
    expect(custom).toBe('2026-12-01T07:45:00.000Z');
    expect(app.wrapper.find('#reminder-custom').exists()).toBe(false);
  });

  it('refuses a custom time in the past without asking the server', async () => {
    const app = await openTicket(reminderResponders());
    unmount = () => app.wrapper.unmount();
    await app.wrapper.findAll('button').find((button) => button.text() === 'Pick a date and time…')!.trigger('click');
    await app.wrapper.find('#reminder-at').setValue('2026-11-21T17:00');
    await app.wrapper.find('#reminder-custom').trigger('submit');
    await settle();
    expect(app.callsTo('CreateReminder')).toHaveLength(0);
    expect(app.wrapper.find('.reminders [role="alert"]').text()).toBe('Choose a time in the future.');
  });

  it('cancels a reminder', async () => {
    const app = await openTicket(reminderResponders());
    unmount = () => app.wrapper.unmount();
    await app.wrapper.find('button[aria-label="Cancel the reminder at Nov 25, 2026, 2:30 PM"]').trigger('click');
    await settle();
    expect(app.callsTo('CancelReminder').map((call) => call.variables)).toEqual([{ id: 'reminder-1' }]);
    expect(items()).toEqual([]);
    expect(app.wrapper.text()).toContain('You have no reminders on this ticket.');
  });

  it('keeps the list and explains when the server refuses', async () => {
    const app = await openTicket(reminderResponders({ CancelReminder: () => graphqlError('NOT_FOUND', 'Reminder not found.') }));
    unmount = () => app.wrapper.unmount();
    await app.wrapper.find('button[aria-label="Cancel the reminder at Nov 25, 2026, 2:30 PM"]').trigger('click');
    await settle();
    expect(items()).toHaveLength(1);
    expect(app.wrapper.find('.reminders [role="alert"]').text()).toBe('It no longer exists.');
  });

  it('m puts the keyboard on the first quick choice', async () => {
    const app = await openTicket(reminderResponders());
    unmount = () => app.wrapper.unmount();
    const event = press('m', {}, document.body);
    await settle();
    expect(event.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(choice('inOneHour'));
  });
});
