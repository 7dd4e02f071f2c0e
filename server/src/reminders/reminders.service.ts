import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { sql, sqlOne } from '../database/sql.ts';
import { badInput, notFound } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { TicketQueries } from '../tickets/ticket-queries.service.ts';

export interface ReminderRow {
  id: string;
  ticketId: string;
  userId: string;
  remindAt: Date;
  note: string | null;
  firedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
const SELECT = `r.id, r.ticket_id AS "ticketId", r.user_id AS "userId", r.remind_at AS "remindAt", r.note, r.fired_at AS "firedAt",
  r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;

const FIRE_TASK = 'reminders.fire';
const jobKey = (reminderId: string) => `reminder:${reminderId}`;
/** A reminder a little in the past (clock skew, a slow form) is accepted and fires at once. */
const PAST_TOLERANCE_MS = 60_000;
const MAX_AHEAD_MS = 5 * 365 * 24 * 3600_000;

const id = z.uuid('must be an id');
const remindAt = z
  .union([z.date(), z.iso.datetime({ offset: true })])
  .transform((value) => new Date(value))
  .refine((date) => date.getTime() > Date.now() - PAST_TOLERANCE_MS, 'must be in the future')
  .refine((date) => date.getTime() < Date.now() + MAX_AHEAD_MS, 'must be within five years');
const note = z.string().trim().max(500).nullish();
const createInput = z.object({ ticketId: id, remindAt, note });
const updateInput = z.object({ id, remindAt: remindAt.optional(), note });
const listInput = z.object({ ticketId: id.nullish(), includeFired: z.boolean().nullish() });

/**
 * "Remind me at …" on a ticket. Each pending reminder has one durable job
 * keyed `reminder:<id>`, enqueued in the same transaction as the row: moving
 * the reminder replaces the job, cancelling removes it. The job re-reads the
 * row when it runs, so a reminder fires once, at its current time, even if
 * the server restarted in between or several instances share the queue.
 */
export class RemindersService {
  readonly #jobs: JobQueue;
  readonly #orm: MikroORM;
  readonly #notifications: NotificationsService;
  readonly #tickets: TicketQueries;

  constructor(deps: { jobs: JobQueue; orm: MikroORM; notifications: NotificationsService; ticketQueries: TicketQueries }) {
    this.#jobs = deps.jobs;
    this.#orm = deps.orm;
    this.#notifications = deps.notifications;
    this.#tickets = deps.ticketQueries;
    deps.jobs.register(FIRE_TASK, (payload) => this.#fire(payload));
  }

  /** The viewer's own reminders (pending by default), soonest first. */
  async list(em: EntityManager, viewer: Viewer, rawInput: unknown): Promise<ReminderRow[]> {
    const input = parseInput(listInput, rawInput ?? {});
    return sql<ReminderRow>(
      em,
      `SELECT ${SELECT} FROM reminders r
        WHERE r.user_id = $1 AND ($2::uuid IS NULL OR r.ticket_id = $2) AND ($3 OR r.fired_at IS NULL)
        ORDER BY r.remind_at, r.id LIMIT 200`,
      [viewer.id, input.ticketId ?? null, input.includeFired ?? false],
    );
  }

  /** On a ticket the viewer may see. */
  async create(em: EntityManager, viewer: Viewer, rawInput: unknown): Promise<ReminderRow> {
    const input = parseInput(createInput, rawInput);
    await this.#tickets.require(em, viewer, input.ticketId);
    const reminderId = randomUUID();
    await sql(em, `INSERT INTO reminders (id, ticket_id, user_id, remind_at, note) VALUES ($1, $2, $3, $4, $5)`, [
      reminderId,
      input.ticketId,
      viewer.id,
      input.remindAt,
      input.note ?? null,
    ]);
    await this.#schedule(em, reminderId, input.remindAt);
    return this.#own(em, viewer, reminderId);
  }

  /** Moves (replacing its job) or re-words one of the viewer's pending reminders. */
  async update(em: EntityManager, viewer: Viewer, rawInput: unknown): Promise<ReminderRow> {
    const input = parseInput(updateInput, rawInput);
    const current = await this.#own(em, viewer, input.id, { forUpdate: true });
    if (current.firedAt) throw badInput([{ field: 'id', message: 'this reminder has already fired' }]);
    const when = input.remindAt ?? current.remindAt;
    await sql(em, `UPDATE reminders SET remind_at = $2, note = $3, updated_at = now() WHERE id = $1`, [
      current.id,
      when,
      input.note === undefined ? current.note : (input.note ?? null),
    ]);
    if (input.remindAt) await this.#schedule(em, current.id, input.remindAt);
    return this.#own(em, viewer, current.id);
  }

  async cancel(em: EntityManager, viewer: Viewer, rawId: unknown): Promise<boolean> {
    const current = await this.#own(em, viewer, parseInput(id, rawId), { forUpdate: true });
    await sql(em, `DELETE FROM reminders WHERE id = $1`, [current.id]);
    await this.#jobs.cancel(em, jobKey(current.id));
    return true;
  }

  async #schedule(em: EntityManager, reminderId: string, when: Date): Promise<void> {
    await this.#jobs.enqueue(em, FIRE_TASK, { reminderId }, { runAt: when, jobKey: jobKey(reminderId) });
  }

  async #own(em: EntityManager, viewer: Viewer, reminderId: string, options: { forUpdate?: boolean } = {}): Promise<ReminderRow> {
    const row = await sqlOne<ReminderRow>(
      em,
      `SELECT ${SELECT} FROM reminders r WHERE r.id = $1 AND r.user_id = $2 ${options.forUpdate ? 'FOR UPDATE' : ''}`,
      [reminderId, viewer.id],
    );
    // Another agent's reminder is not found rather than forbidden: reminders are private.
    if (!row) throw notFound('Reminder');
    return row;
  }

  /**
   * Runs when the job is due. The row is locked and re-checked: already
   * fired, cancelled (deleted) or moved later means there is nothing to do
   * now (a moved reminder has its own replacement job).
   */
  async #fire(payload: unknown): Promise<void> {
    const { reminderId } = z.object({ reminderId: z.uuid() }).parse(payload);
    const rows = await this.#orm.em.fork().transactional(async (em) => {
      const reminder = await sqlOne<ReminderRow>(em, `SELECT ${SELECT} FROM reminders r WHERE r.id = $1 AND r.fired_at IS NULL FOR UPDATE`, [reminderId]);
      if (!reminder || new Date(reminder.remindAt).getTime() > Date.now() + 1000) return [];
      await sql(em, `UPDATE reminders SET fired_at = now() WHERE id = $1`, [reminderId]);
      return this.#notifications.create(em, [
        {
          recipientId: reminder.userId,
          kind: 'reminder_due',
          sourceKey: `reminder:${reminder.id}`,
          ticketId: reminder.ticketId,
          data: { reminderId: reminder.id, note: reminder.note, remindAt: new Date(reminder.remindAt).toISOString() },
        },
      ]);
    });
    await this.#notifications.announce(rows);
  }
}
