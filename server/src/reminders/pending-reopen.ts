import type { CoreDomainEvents } from '@kefu/plugin-sdk';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { readSetting, writeSetting } from '../database/settings.ts';
import { sqlOne } from '../database/sql.ts';
import type { EventBus } from '../events/event-bus.ts';
import { parseInput } from '../graphql/validate.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { ticketRows } from '../tickets/ticket-row.ts';
import type { TicketsService } from '../tickets/tickets.service.ts';
import { SYSTEM } from '../tickets/timeline.ts';

export const PENDING_REOPEN_DAYS_KEY = 'tickets.pendingReopenDays';
const REOPEN_TASK = 'tickets.reopenPending';
const jobKey = (ticketId: string) => `pending-reopen:${ticketId}`;
const settingInput = z.object({ pendingReopenDays: z.number().int().min(1, 'must be at least 1 day').max(365).nullish() });

/**
 * A pending ticket (waiting for the customer) reopens by itself after N days
 * (ticket setting `pendingReopenDays`; off when null). Whenever a ticket
 * enters pending, a job keyed by the ticket is enqueued in the same
 * transaction; leaving pending removes it. The job re-checks the ticket when
 * it runs and reopens it through the tickets service (audit trail, events),
 * as the system. Changing the setting applies to tickets entering pending
 * afterwards.
 */
export class PendingReopen {
  readonly #jobs: JobQueue;
  readonly #orm: MikroORM;
  readonly #tickets: TicketsService;

  constructor(deps: { events: EventBus; jobs: JobQueue; orm: MikroORM; tickets: TicketsService }) {
    this.#jobs = deps.jobs;
    this.#orm = deps.orm;
    this.#tickets = deps.tickets;
    deps.events.inTransaction('ticket.updated', (em, event) => this.#onUpdated(em, event.payload));
    deps.events.inTransaction('ticket.created', (em, event) => this.#onCreated(em, event.payload));
    deps.jobs.register(REOPEN_TASK, (payload) => this.#reopen(payload));
  }

  days(em: EntityManager): Promise<number | null> {
    return readSetting<number | null>(em, PENDING_REOPEN_DAYS_KEY, null);
  }

  /** Part of updateTicketSettings: absent leaves the setting, null turns it off. */
  async updateSetting(em: EntityManager, rawInput: unknown): Promise<void> {
    const input = parseInput(settingInput, rawInput);
    if (input.pendingReopenDays !== undefined) await writeSetting(em, PENDING_REOPEN_DAYS_KEY, input.pendingReopenDays);
  }

  async #onUpdated(em: EntityManager, payload: CoreDomainEvents['ticket.updated']): Promise<void> {
    const status = payload.changes.find((change) => change.field === 'status');
    if (!status) return;
    if (status.to === 'pending') await this.#schedule(em, payload.ticketId);
    else if (status.from === 'pending') await this.#jobs.cancel(em, jobKey(payload.ticketId));
  }

  async #onCreated(em: EntityManager, payload: CoreDomainEvents['ticket.created']): Promise<void> {
    const row = await sqlOne<{ status: string }>(em, `SELECT status FROM tickets WHERE id = $1`, [payload.ticketId]);
    if (row?.status === 'pending') await this.#schedule(em, payload.ticketId);
  }

  async #schedule(em: EntityManager, ticketId: string): Promise<void> {
    const days = await this.days(em);
    if (!days) return;
    await this.#jobs.enqueue(em, REOPEN_TASK, { ticketId }, { runAt: new Date(Date.now() + days * 86_400_000), jobKey: jobKey(ticketId) });
  }

  async #reopen(payload: unknown): Promise<void> {
    const { ticketId } = z.object({ ticketId: z.uuid() }).parse(payload);
    await this.#orm.em.fork().transactional(async (em) => {
      const locked = await sqlOne<{ status: string }>(em, `SELECT status FROM tickets WHERE id = $1 FOR UPDATE`, [ticketId]);
      // It may have been answered, solved or merged since: then there is nothing to reopen.
      if (locked?.status !== 'pending') return;
      const [current] = await ticketRows(em, [ticketId]);
      await this.#tickets.patch(em, current, { status: 'open' }, SYSTEM);
    });
  }
}
