import type { CoreDomainEvents, DomainEvent } from '@kefu/plugin-sdk';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { sql, sqlOne } from '../database/sql.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { NewNotification, NotificationKind, NotificationsService } from './notifications.service.ts';

const FAN_OUT_TASK = 'notifications.fanOut';
const SOURCE_EVENTS = ['message.created', 'ticket.created', 'ticket.assigned', 'ticket.updated'] as const;
type SourceEvent = DomainEvent<(typeof SOURCE_EVENTS)[number], CoreDomainEvents[(typeof SOURCE_EVENTS)[number]]>;

/** When one event concerns a person in several ways, they get the most specific notification only. */
const PRIORITY: NotificationKind[] = ['mentioned', 'customer_replied', 'assigned', 'ticket_updated'];

/**
 * Who hears about what:
 * - assigned: the assignee of a new ticket or the new assignee of a ticket
 *   (unless they assigned themselves);
 * - mentioned: staff @mentioned in an internal note;
 * - customer_replied: the assignee and followers of a ticket (or the
 *   assignee of a ticketless conversation) when the customer writes;
 * - ticket_updated: followers, when someone else changes fields or writes;
 * - article_stale: the owner of a published knowledge-base article whose
 *   review date has passed, once per review date. An article without an
 *   owner (their account was deleted) notifies nobody — it still shows in
 *   the knowledge base's "needs review" list; the last editor is not made
 *   responsible for content they may only have touched up.
 * Nobody is notified of their own action, and only active staff are
 * notified at all (NotificationsService.create filters recipients).
 *
 * Recipients are decided inside the transaction that published the event
 * (EventBus.inTransaction), from the state that change committed — someone
 * who starts following a ticket afterwards is not told about it — and the
 * insert is a job enqueued in that same transaction, keyed by the event id.
 * A crash right after the commit leaves the job to run on the next instance
 * up; a retried job cannot notify twice (unique recipient + source).
 */
export function registerNotificationRules(deps: { events: EventBus; jobs: JobQueue; orm: MikroORM; notifications: NotificationsService }): void {
  for (const type of SOURCE_EVENTS) {
    deps.events.inTransaction(type, async (em, event) => {
      const notifications = await notificationsFor(em, event as SourceEvent);
      if (notifications.length) await deps.jobs.enqueue(em, FAN_OUT_TASK, { notifications }, { jobKey: `${FAN_OUT_TASK}:${event.id}` });
    });
  }
  deps.events.inTransaction('knowledge.articleStale', async (em, event) => {
    const notifications = articleStaleNotifications(event.payload);
    if (notifications.length) await deps.jobs.enqueue(em, FAN_OUT_TASK, { notifications }, { jobKey: `${FAN_OUT_TASK}:${event.id}` });
  });
  deps.jobs.register(FAN_OUT_TASK, async (payload) => {
    const { notifications } = payload as { notifications: NewNotification[] };
    const rows = await deps.orm.em.fork().transactional((em) => deps.notifications.create(em, notifications));
    await deps.notifications.announce(rows);
  });
}

async function notificationsFor(em: EntityManager, event: SourceEvent): Promise<NewNotification[]> {
  const wanted = new Map<string, NotificationKind>();
  const want = (userIds: (string | null | undefined)[], kind: NotificationKind) => {
    for (const userId of userIds) {
      if (!userId) continue;
      const current = wanted.get(userId);
      if (!current || PRIORITY.indexOf(kind) < PRIORITY.indexOf(current)) wanted.set(userId, kind);
    }
  };
  let base: Omit<NewNotification, 'recipientId' | 'kind' | 'sourceKey'> = { actorUserId: event.actorId };
  let exclude: (string | null)[] = [event.actorId];

  if (event.type === 'ticket.assigned' || event.type === 'ticket.created') {
    // A ticket created with an assignee announces it in ticket.created only.
    const payload = event.payload as CoreDomainEvents['ticket.assigned' | 'ticket.created'];
    want([payload.assigneeId], 'assigned');
    base = { ...base, ticketId: payload.ticketId };
  } else if (event.type === 'ticket.updated') {
    const payload = event.payload as CoreDomainEvents['ticket.updated'];
    // A customer's reply that reopens a ticket already notifies as customer_replied.
    if (await isCustomerUser(em, event.actorId)) return [];
    want(await followersOf(em, payload.ticketId), 'ticket_updated');
    base = { ...base, ticketId: payload.ticketId, data: { fields: payload.changes.map((change) => change.field) } };
  } else {
    const message = event.payload as CoreDomainEvents['message.created'];
    if (message.kind === 'system') return [];
    const authorIsCustomer = Boolean(message.authorCustomerId) || (await isCustomerUser(em, message.authorId));
    const followers = message.ticketId ? await followersOf(em, message.ticketId) : [];
    const assignee = await assigneeOf(em, message.ticketId, message.conversationId);
    if (authorIsCustomer) {
      want([assignee, ...followers], 'customer_replied');
    } else {
      want(followers, 'ticket_updated');
      if (message.kind === 'note') want(message.mentionedUserIds, 'mentioned');
    }
    exclude = [...exclude, message.authorId];
    base = {
      ticketId: message.ticketId,
      conversationId: message.conversationId,
      messageId: message.messageId,
      actorUserId: message.authorId,
      actorCustomerId: message.authorCustomerId,
      data: { messageKind: message.kind },
    };
  }
  for (const userId of exclude) if (userId) wanted.delete(userId);
  return [...wanted].map(([recipientId, kind]) => ({ ...base, recipientId, kind, sourceKey: `event:${event.id}` }));
}

/** Keyed by article and review date: flagging the same stale article again cannot notify twice. */
function articleStaleNotifications(payload: CoreDomainEvents['knowledge.articleStale']): NewNotification[] {
  if (!payload.ownerId) return [];
  return [
    {
      recipientId: payload.ownerId,
      kind: 'article_stale',
      sourceKey: `article-stale:${payload.articleId}:${payload.reviewAt}`,
      articleId: payload.articleId,
      data: { reviewAt: payload.reviewAt },
    },
  ];
}

async function followersOf(em: EntityManager, ticketId: string): Promise<string[]> {
  const rows = await sql<{ userId: string }>(em, `SELECT user_id AS "userId" FROM ticket_followers WHERE ticket_id = $1`, [ticketId]);
  return rows.map((row) => row.userId);
}

async function assigneeOf(em: EntityManager, ticketId: string | null, conversationId: string): Promise<string | null> {
  const row = ticketId
    ? await sqlOne<{ assigneeId: string | null }>(em, `SELECT assignee_id AS "assigneeId" FROM tickets WHERE id = $1`, [ticketId])
    : await sqlOne<{ assigneeId: string | null }>(em, `SELECT assignee_id AS "assigneeId" FROM conversations WHERE id = $1`, [conversationId]);
  return row?.assigneeId ?? null;
}

async function isCustomerUser(em: EntityManager, userId: string | null): Promise<boolean> {
  if (!userId) return false;
  return Boolean(await sqlOne(em, `SELECT 1 FROM users WHERE id = $1 AND role = 'customer'`, [userId]));
}
