import { pickTranslation } from '../admin/knowledge-base/kb-text.ts';
import type { NotificationFieldsFragment } from '../graphql/generated.ts';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/**
 * One sentence per notification kind, in the viewer's language ("Bo assigned
 * #1001 Parcel lost to you."). An article is named by its title in the
 * viewer's language when it has one.
 */
export function notificationText(notification: NotificationFieldsFragment, t: Translate, locale = 'en'): string {
  if (notification.kind === 'article_stale') {
    const title = notification.article ? pickTranslation(notification.article.translations, locale)?.title : undefined;
    return title ? t('notifications.kind.article_stale', { article: title }) : t('notifications.articleStaleGone');
  }
  const ticket = notification.ticket ? `${notification.ticket.reference} ${notification.ticket.subject}` : t('notifications.goneTicket');
  const actor = notification.actor?.name ?? t('notifications.someone');
  return t(`notifications.kind.${notification.kind}`, { actor, ticket });
}

/** Where a notification leads: its article in the knowledge-base editor, or its ticket; null when that is gone. */
export function notificationLink(notification: NotificationFieldsFragment): string | null {
  if (notification.article) return `/admin/knowledge-base/articles/${notification.article.id}`;
  if (notification.ticket) return `/agent/tickets/${notification.ticket.id}`;
  return null;
}

/** A reminder's own note (`data.note`), shown under its sentence. */
export function reminderNote(notification: NotificationFieldsFragment): string | null {
  const data = notification.data as { note?: unknown } | null;
  return notification.kind === 'reminder_due' && typeof data?.note === 'string' && data.note ? data.note : null;
}
