/**
 * Wall-clock times in a named time zone (the agent's profile zone, not the
 * browser's), with nothing but Intl: the project has no date library, and
 * these few conversions do not need one.
 */

/** A calendar date and time of day as a clock in some zone shows it (month 1–12). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone if this browser knows it, else the browser's own (a profile may name a zone an old browser lacks). */
export function usableTimeZone(timeZone: string | null | undefined): string {
  if (timeZone) {
    try {
      partsFormatter(timeZone);
      return timeZone;
    } catch {
      // RangeError: unknown zone
    }
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** What a clock in `timeZone` shows at `instant`. */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const parts = Object.fromEntries(partsFormatter(timeZone).formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}

/** Milliseconds the zone is ahead of UTC at `instant` (negative west of Greenwich). */
function offsetAt(instant: number, timeZone: string): number {
  const wall = wallClockAt(new Date(instant), timeZone);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return wallAsUtc - Math.floor(instant / 60_000) * 60_000;
}

/**
 * The instant at which a clock in `timeZone` shows `wall`. Out-of-range
 * fields roll over (day 32 is the 1st of the next month). A time skipped by a
 * daylight-saving change lands just after the change.
 */
export function instantAt(wall: WallClock, timeZone: string): Date {
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // The offset at the wall time read as UTC is right except within hours of a change: correct once.
  const first = wallAsUtc - offsetAt(wallAsUtc, timeZone);
  const second = wallAsUtc - offsetAt(first, timeZone);
  return new Date(second);
}

/** 0 = Sunday … 6 = Saturday, of the date on the wall clock. */
export function weekday(wall: WallClock): number {
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
}

/** `wall`'s date `days` later (calendar days, whatever daylight saving does), at `hour`:`minute`. */
export function daysLaterAt(wall: WallClock, days: number, hour: number, minute = 0): WallClock {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour, minute };
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
