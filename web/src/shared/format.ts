/**
 * Dates in the reader's language; the server always sends ISO 8601 strings.
 * Without `timeZone` the browser's zone is used; agent views that schedule
 * things pass the agent's profile zone so what they read is what they chose.
 */
export function formatDateTime(iso: string, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(date);
}
