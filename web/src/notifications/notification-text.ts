import type { NotificationFieldsFragment } from '../graphql/generated.ts';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** One sentence per notification kind, in the viewer's language ("Bo assigned #1001 Parcel lost to you."). */
export function notificationText(notification: NotificationFieldsFragment, t: Translate): string {
  const ticket = notification.ticket ? `${notification.ticket.reference} ${notification.ticket.subject}` : t('notifications.goneTicket');
  const actor = notification.actor?.name ?? t('notifications.someone');
  return t(`notifications.kind.${notification.kind}`, { actor, ticket });
}

/** A reminder's own note (`data.note`), shown under its sentence. */
export function reminderNote(notification: NotificationFieldsFragment): string | null {
  const data = notification.data as { note?: unknown } | null;
  return notification.kind === 'reminder_due' && typeof data?.note === 'string' && data.note ? data.note : null;
}
