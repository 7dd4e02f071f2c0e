import { describe, expect, it } from 'vitest';
import { daysLaterAt, fromLocalInputValue, instantAt, toLocalInputValue, usableTimeZone, wallClockAt, weekday } from '../zoned-time.ts';

describe('wall-clock times in a named zone', () => {
  it('reads what a clock in the zone shows', () => {
    const instant = new Date('2026-11-21T18:30:00.000Z');
    expect(wallClockAt(instant, 'Asia/Shanghai')).toEqual({ year: 2026, month: 11, day: 22, hour: 2, minute: 30 });
    expect(wallClockAt(instant, 'America/New_York')).toEqual({ year: 2026, month: 11, day: 21, hour: 13, minute: 30 });
  });

  it('finds the instant of a wall-clock time, on both sides of a daylight-saving change', () => {
    expect(instantAt({ year: 2026, month: 11, day: 22, hour: 9, minute: 0 }, 'Asia/Shanghai').toISOString()).toBe('2026-11-22T01:00:00.000Z');
    // New York: EDT (UTC−4) until 1 Nov 2026 02:00, EST (UTC−5) after.
    expect(instantAt({ year: 2026, month: 10, day: 31, hour: 9, minute: 0 }, 'America/New_York').toISOString()).toBe('2026-10-31T13:00:00.000Z');
    expect(instantAt({ year: 2026, month: 11, day: 1, hour: 9, minute: 0 }, 'America/New_York').toISOString()).toBe('2026-11-01T14:00:00.000Z');
    // Spring forward (8 Mar 2026): 02:30 does not exist; it lands right after the change, not a day off.
    const skipped = instantAt({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York');
    expect(Math.abs(skipped.getTime() - Date.parse('2026-03-08T07:00:00.000Z'))).toBeLessThanOrEqual(3_600_000);
  });

  it('moves by calendar days and knows the weekday', () => {
    const saturday = { year: 2026, month: 11, day: 28, hour: 18, minute: 5 };
    expect(weekday(saturday)).toBe(6);
    expect(daysLaterAt(saturday, 5, 9)).toEqual({ year: 2026, month: 12, day: 3, hour: 9, minute: 0 });
  });

  it('round-trips datetime-local input values in the zone, refusing malformed ones', () => {
    const instant = new Date('2026-11-23T01:00:00.000Z');
    expect(toLocalInputValue(instant, 'Asia/Shanghai')).toBe('2026-11-23T09:00');
    expect(fromLocalInputValue('2026-11-23T09:00', 'Asia/Shanghai')?.toISOString()).toBe(instant.toISOString());
    expect(fromLocalInputValue('', 'Asia/Shanghai')).toBeNull();
    expect(fromLocalInputValue('tomorrow', 'Asia/Shanghai')).toBeNull();
  });

  it('uses the profile zone when the browser knows it, the browser’s own otherwise', () => {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(usableTimeZone('America/New_York')).toBe('America/New_York');
    expect(usableTimeZone('Mars/Olympus_Mons')).toBe(browserZone);
    // Looks like an offset to a lenient parser, but Intl (which formats the times shown) refuses it.
    expect(usableTimeZone('Mars/Base+05')).toBe(browserZone);
    expect(usableTimeZone(null)).toBe(browserZone);
    expect(usableTimeZone('')).toBe(browserZone);
  });
});
