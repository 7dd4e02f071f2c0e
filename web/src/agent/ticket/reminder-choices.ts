import { daysLaterAt, instantAt, wallClockAt, weekday } from '../../shared/zoned-time.ts';

export type ReminderChoice = 'inOneHour' | 'tomorrow' | 'nextWeek';
export const REMINDER_CHOICES: readonly ReminderChoice[] = ['inOneHour', 'tomorrow', 'nextWeek'];

/** The start of a working day, on the agent's clock. */
const MORNING_HOUR = 9;

/**
 * When a quick choice fires, from `now`, in the agent's time zone: in one
 * hour; tomorrow at 9:00; next week = the coming Monday at 9:00 (a week
 * ahead when it is Monday already).
 */
export function reminderTime(choice: ReminderChoice, now: Date, timeZone: string): Date {
  if (choice === 'inOneHour') return new Date(now.getTime() + 3_600_000);
  const today = wallClockAt(now, timeZone);
  if (choice === 'tomorrow') return instantAt(daysLaterAt(today, 1, MORNING_HOUR), timeZone);
  const daysToMonday = (8 - weekday(today)) % 7 || 7;
  return instantAt(daysLaterAt(today, daysToMonday, MORNING_HOUR), timeZone);
}
