import type { DomainEvent } from '@kefu/plugin-sdk';
import { can } from '../auth/permissions.ts';
import { Params, sql } from '../database/sql.ts';
import { eventTopic } from '../events/event-bus.ts';
import type { KefuContext } from '../graphql/context.ts';
import { guard, guardSubscription, mutation } from '../graphql/guard.ts';
import { byKeys, loaderFor } from '../graphql/loaders.ts';
import { selectEach } from '../graphql/subscription-stream.ts';
import { loadArticles, type ArticleDto } from '../knowledge-base/kb-read.ts';
import { TICKET_SELECT, type TicketRow } from '../tickets/ticket-row.ts';
import { ticketScope, visibleTicketSql } from '../tickets/visibility.ts';
import type { NotificationRow } from './notifications.service.ts';

/** Tickets of a page of notifications in one query, through the viewer's ticket visibility. */
const visibleTicket = (context: KefuContext, ticketId: string) =>
  loaderFor<string, TicketRow | null>(context, 'notifications.visibleTicket', async (ids) => {
    const p = new Params();
    const scope = await ticketScope(context.em, context.viewer!);
    const rows = await sql<TicketRow>(
      context.em,
      `SELECT ${TICKET_SELECT} FROM tickets t WHERE t.id = ANY(${p.add(ids)}::uuid[]) AND ${visibleTicketSql(scope, p)}`,
      p.values,
    );
    return byKeys(ids, rows, (row) => row.id, null);
  }).load(ticketId);

/** Articles of a page of notifications in one query; staff without knowledge.edit see none. */
const article = (context: KefuContext, articleId: string) =>
  loaderFor<string, ArticleDto | null>(context, 'notifications.article', async (ids) =>
    byKeys(ids, await loadArticles(context.em, { ids }), (row) => row.id, null),
  ).load(articleId);

type NotificationEvent = DomainEvent<'notification.created', { notificationId: string; recipientId: string }>;

export const notificationsResolvers = {
  Query: {
    notifications: guard('workspace.use', (_parent, args, context) => context.services.notifications.list(context.em, context.viewer!, args)),
    unreadNotificationCount: guard('workspace.use', (_parent, _args, context) => context.services.notifications.unreadCount(context.em, context.viewer!)),
  },
  Mutation: {
    markNotificationRead: mutation('workspace.use', (_parent, args: { id: unknown; read?: boolean | null }, context) =>
      context.services.notifications.markRead(context.em, context.viewer!, args.id, args.read !== false),
    ),
    markAllNotificationsRead: mutation('workspace.use', (_parent, _args, context) =>
      context.services.notifications.markAllRead(context.em, context.viewer!),
    ),
  },
  Subscription: {
    notificationAdded: guardSubscription('workspace.use', {
      // Every instance receives every notification event; each socket lets through its own user's only.
      subscribe: async (_parent: unknown, _args: unknown, context: KefuContext) =>
        selectEach(await context.pubsub.subscribe(eventTopic('notification.created')), (event) =>
          (event as NotificationEvent).payload.recipientId === context.viewer?.id ? event : undefined,
        ),
      resolve: (event: NotificationEvent, _args: unknown, context: KefuContext) =>
        context.services.notifications.get(context.em, context.viewer!, event.payload.notificationId),
    }),
  },
  Notification: {
    ticket: (row: NotificationRow, _args: unknown, context: KefuContext) => (row.ticketId ? visibleTicket(context, row.ticketId) : null),
    article: (row: NotificationRow, _args: unknown, context: KefuContext) =>
      row.articleId && can(context.viewer, 'knowledge.edit') ? article(context, row.articleId) : null,
    read: (row: NotificationRow) => row.readAt !== null,
    actor: (row: NotificationRow) => {
      if (row.actorUserId) {
        const kind = row.actorUserRole === 'customer' ? 'customer' : 'agent';
        return { kind, userId: row.actorUserId, customerId: row.actorCustomerId, name: row.actorUserName ?? '' };
      }
      if (row.actorCustomerId) return { kind: 'customer', userId: null, customerId: row.actorCustomerId, name: row.actorCustomerName ?? '' };
      return null;
    },
  },
};
