import { describe, expect, it } from 'vitest';
import { reminderTime } from '../ticket/reminder-choices.ts';

describe('quick reminder times', () => {
  // Saturday 21 Nov 2026, 18:00 in Shanghai, 05:00 in New York.
  const now = new Date('2026-11-21T10:00:00.000Z');

  it('in one hour is an hour from now, whatever the zone', () => {
    expect(reminderTime('inOneHour', now, 'Asia/Shanghai').toISOString()).toBe('2026-11-21T11:00:00.000Z');
  });

  it('tomorrow and next week are 9:00 on the agent’s clock, not the browser’s', () => {
    expect(reminderTime('tomorrow', now, 'Asia/Shanghai').toISOString()).toBe('2026-11-22T01:00:00.000Z');
    expect(reminderTime('tomorrow', now, 'America/New_York').toISOString()).toBe('2026-11-22T14:00:00.000Z');
    expect(reminderTime('nextWeek', now, 'Asia/Shanghai').toISOString()).toBe('2026-11-23T01:00:00.000Z');
  });

  it('next week on a Monday is the following Monday', () => {
    const monday = new Date('2026-11-23T02:00:00.000Z'); // 10:00 Monday in Shanghai
    expect(reminderTime('nextWeek', monday, 'Asia/Shanghai').toISOString()).toBe('2026-11-30T01:00:00.000Z');
  });
});
