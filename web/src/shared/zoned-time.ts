/**
 * Wall-clock times in a named time zone (the agent's profile zone, not the
 * browser's). The zone arithmetic (offsets, daylight-saving gaps) is
 * `@date-fns/tz`'s `TZDate`, a `Date` whose getters and constructor work on
 * the zone's clock; this module only translates between it and plain
 * `WallClock` records, so callers never meet a zone-aware `Date`. That is why
 * the mini variant is enough: it lacks only `toString()`-style formatters
 * (0.3 kB gzipped less), and no TZDate leaves this file to be formatted.
 */
import { TZDateMini, type TZDate } from '@date-fns/tz';

/** A calendar date and time of day as a clock in some zone shows it (month 1–12). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Calendar arithmetic on wall clocks needs a zone without daylight saving: every day there is 24 hours long. */
const CALENDAR_ZONE = 'UTC';

/** `wall` on the clock of `timeZone`. Out-of-range fields roll over as in `new Date(…)`. */
function zonedDate(wall: WallClock, timeZone: string): TZDate {
  return new TZDateMini(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, timeZone);
}

function wallClockOf(date: TZDate): WallClock {
  return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate(), hour: date.getHours(), minute: date.getMinutes() };
}

/**
 * The zone if this browser knows it, else the browser's own (a profile may name a zone an old browser lacks).
 * Asked of Intl rather than TZDate: TZDate reads any name containing "+05"-like text as an offset, but the
 * zone is also handed to `Intl.DateTimeFormat` for display, which would throw on such a name.
 */
export function usableTimeZone(timeZone: string | null | undefined): string {
  if (timeZone) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      return timeZone;
    } catch {
      // RangeError: unknown zone
    }
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** What a clock in `timeZone` shows at `instant`. */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  return wallClockOf(new TZDateMini(instant, timeZone));
}

/**
 * The instant at which a clock in `timeZone` shows `wall`. Out-of-range
 * fields roll over (day 32 is the 1st of the next month). A time skipped by a
 * daylight-saving change lands just after the change.
 */
export function instantAt(wall: WallClock, timeZone: string): Date {
  return new Date(zonedDate(wall, timeZone).getTime());
}

/** 0 = Sunday … 6 = Saturday, of the date on the wall clock. */
export function weekday(wall: WallClock): number {
  return zonedDate(wall, CALENDAR_ZONE).getDay();
}

/** `wall`'s date `days` later (calendar days, whatever daylight saving does), at `hour`:`minute`. */
export function daysLaterAt(wall: WallClock, days: number, hour: number, minute = 0): WallClock {
  return wallClockOf(zonedDate({ ...wall, day: wall.day + days, hour, minute }, CALENDAR_ZONE));
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** The value of an `<input type="datetime-local">` showing `instant` in `timeZone` (`2026-11-22T09:00`). */
export function toLocalInputValue(instant: Date, timeZone: string): string {
  const wall = wallClockAt(instant, timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** The instant an `<input type="datetime-local">` value means in `timeZone`; null when empty or malformed. */
export function fromLocalInputValue(value: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  return instantAt({ year, month, day, hour, minute }, timeZone);
}
