import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Params, sql, sqlOne } from '../database/sql.ts';
import type { EventBus } from '../events/event-bus.ts';
import { decodeCursor, toDate, toPage } from '../graphql/cursor.ts';
import { notFound } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';

export const NOTIFICATION_KINDS = ['assigned', 'mentioned', 'customer_replied', 'ticket_updated', 'reminder_due', 'article_stale'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationRow {
  id: string;
  recipientId: string;
  kind: NotificationKind;
  ticketId: string | null;
  conversationId: string | null;
  messageId: string | null;
  articleId: string | null;
  actorUserId: string | null;
  actorUserName: string | null;
  actorUserRole: string | null;
  actorCustomerId: string | null;
  actorCustomerName: string | null;
  data: Record<string, unknown>;
  readAt: Date | null;
  createdAt: Date;
}
const SELECT = `n.id, n.recipient_id AS "recipientId", n.kind, n.ticket_id AS "ticketId", n.conversation_id AS "conversationId",
  n.message_id AS "messageId", n.article_id AS "articleId", n.actor_user_id AS "actorUserId", au.name AS "actorUserName", au.role AS "actorUserRole",
  n.actor_customer_id AS "actorCustomerId", ac.name AS "actorCustomerName", n.data, n.read_at AS "readAt", n.created_at AS "createdAt"`;
const FROM = `notifications n LEFT JOIN users au ON au.id = n.actor_user_id LEFT JOIN customers ac ON ac.id = n.actor_customer_id`;

export interface NewNotification {
  recipientId: string;
  kind: NotificationKind;
  /** What caused it (an event id, a reminder occurrence): one notification per recipient and source. */
  sourceKey: string;
  ticketId?: string | null;
  conversationId?: string | null;
  messageId?: string | null;
  /** A knowledge-base article (article_stale). */
  articleId?: string | null;
  actorUserId?: string | null;
  actorCustomerId?: string | null;
  data?: Record<string, unknown>;
}

const listInput = z.object({
  first: z.number().int().min(1).max(100).nullish(),
  after: z.string().max(200).nullish(),
  unreadOnly: z.boolean().nullish(),
});
const id = z.uuid('must be an id');

/**
 * The notification center of staff users: rows per recipient, read/unread,
 * pushed live through the `notification.created` domain event (which goes
 * through the shared emitter, so a subscriber on any instance gets it).
 * Who is notified of what is decided in notification-rules.ts.
 */
export class NotificationsService {
  readonly #events: EventBus;
  constructor(deps: { events: EventBus }) {
    this.#events = deps.events;
  }

  /**
   * Stores notifications, skipping recipients that are not active staff (a
   * customer account never receives one) and repeats of the same source.
   * Call `announce` with the result once the transaction has committed.
   */
  async create(em: EntityManager, notifications: NewNotification[]): Promise<NotificationRow[]> {
    if (!notifications.length) return [];
    const inserted = await sql<{ id: string }>(
      em,
      `INSERT INTO notifications (id, recipient_id, kind, source_key, ticket_id, conversation_id, message_id, article_id, actor_user_id,
              actor_customer_id, data)
       SELECT gen_random_uuid(), n.recipient_id, n.kind, n.source_key, n.ticket_id, n.conversation_id, n.message_id, n.article_id,
              n.actor_user_id, n.actor_customer_id, n.data
         FROM jsonb_to_recordset($1::jsonb) AS n(recipient_id uuid, kind text, source_key text, ticket_id uuid, conversation_id uuid,
              message_id uuid, article_id uuid, actor_user_id uuid, actor_customer_id uuid, data jsonb)
         JOIN users u ON u.id = n.recipient_id AND u.active AND u.role <> 'customer'
        -- An article deleted before the fan-out ran needs no notification (nor a failing job).
        WHERE n.article_id IS NULL OR EXISTS (SELECT 1 FROM kb_articles a WHERE a.id = n.article_id)
       ON CONFLICT (recipient_id, source_key) DO NOTHING
       RETURNING id`,
      [
        JSON.stringify(
          notifications.map((notification) => ({
            recipient_id: notification.recipientId,
            kind: notification.kind,
            source_key: notification.sourceKey,
            ticket_id: notification.ticketId ?? null,
            conversation_id: notification.conversationId ?? null,
            message_id: notification.messageId ?? null,
            article_id: notification.articleId ?? null,
            actor_user_id: notification.actorUserId ?? null,
            actor_customer_id: notification.actorCustomerId ?? null,
            data: notification.data ?? {},
          })),
        ),
      ],
    );
    if (!inserted.length) return [];
    return sql<NotificationRow>(em, `SELECT ${SELECT} FROM ${FROM} WHERE n.id = ANY($1::uuid[]) ORDER BY n.created_at, n.id`, [inserted.map((row) => row.id)]);
  }

  /** Pushes committed notifications to their recipients' subscriptions (any instance). */
  async announce(rows: NotificationRow[]): Promise<void> {
    for (const row of rows) {
      await this.#events.publish('notification.created', { notificationId: row.id, recipientId: row.recipientId, kind: row.kind, ticketId: row.ticketId }, row.actorUserId);
    }
  }

  /** The viewer's notifications, newest first, keyset-paginated. */
  async list(em: EntityManager, viewer: Viewer, rawInput: unknown) {
    const input = parseInput(listInput, rawInput ?? {});
    const first = input.first ?? 20;
    const p = new Params();
    const where = [`n.recipient_id = ${p.add(viewer.id)}`];
    if (input.unreadOnly) where.push('n.read_at IS NULL');
    const cursor = decodeCursor(input.after, 2);
    if (cursor) where.push(`(n.created_at, n.id) < (${p.add(cursor[0])}::timestamptz, ${p.add(cursor[1])}::uuid)`);
    const rows = await sql<NotificationRow>(
      em,
      `SELECT ${SELECT} FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY n.created_at DESC, n.id DESC LIMIT ${p.add(first + 1)}`,
      p.values,
    );
    return toPage(rows, first, (row) => [toDate(row.createdAt), row.id]);
  }

  async unreadCount(em: EntityManager, viewer: Viewer): Promise<number> {
    const row = await sqlOne<{ count: number }>(em, `SELECT count(*)::int AS count FROM notifications WHERE recipient_id = $1 AND read_at IS NULL`, [viewer.id]);
    return row?.count ?? 0;
  }

  /** One of the viewer's notifications; another user's is NOT_FOUND (ids are not a way to probe). */
  async get(em: EntityManager, viewer: Viewer, rawId: unknown): Promise<NotificationRow> {
    const row = await sqlOne<NotificationRow>(em, `SELECT ${SELECT} FROM ${FROM} WHERE n.id = $1 AND n.recipient_id = $2`, [
      parseInput(id, rawId),
      viewer.id,
    ]);
    if (!row) throw notFound('Notification');
    return row;
  }

  async markRead(em: EntityManager, viewer: Viewer, rawId: unknown, read = true): Promise<NotificationRow> {
    const notification = await this.get(em, viewer, rawId);
    await sql(em, `UPDATE notifications SET read_at = ${read ? 'coalesce(read_at, now())' : 'NULL'} WHERE id = $1`, [notification.id]);
    return this.get(em, viewer, notification.id);
  }

  /** Marks every unread notification of the viewer read; returns how many changed. */
  async markAllRead(em: EntityManager, viewer: Viewer): Promise<number> {
    const rows = await sql(em, `UPDATE notifications SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL RETURNING id`, [viewer.id]);
    return rows.length;
  }
}
