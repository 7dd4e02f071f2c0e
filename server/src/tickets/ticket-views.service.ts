import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { can } from '../auth/permissions.ts';
import { sql, sqlOne } from '../database/sql.ts';
import { forbidden, notFound } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import { UNSOLVED } from './status.ts';
import { DEFAULT_SORT, ticketFilterSchema, ticketSortSchema, type TicketFilter, type TicketSort } from './ticket-filter.ts';

export interface TicketViewRow {
  id: string;
  key: string | null;
  name: string;
  builtIn: boolean;
  shared: boolean;
  ownerId: string | null;
  filter: TicketFilter;
  sort: TicketSort;
}

/** Built-in views: unsolved tickets, relative to the viewer. Their id is their key. */
export const BUILT_IN_VIEWS: TicketViewRow[] = [
  { key: 'mine', name: 'My tickets', filter: { status: UNSOLVED, assignedToMe: true } },
  { key: 'unassigned', name: 'Unassigned', filter: { status: UNSOLVED, unassigned: true } },
  { key: 'my_teams', name: 'My teams', filter: { status: UNSOLVED, myTeams: true } },
  { key: 'all', name: 'All unsolved', filter: { status: UNSOLVED } },
].map((view) => ({ ...view, id: view.key, builtIn: true, shared: true, ownerId: null, sort: DEFAULT_SORT }));

const name = z.string().trim().min(1, 'is required').max(80);
const createInput = z.object({ name, filter: ticketFilterSchema, sort: ticketSortSchema.nullish(), shared: z.boolean().nullish() });
const updateInput = z.object({ id: z.uuid('must be a view id'), name: name.nullish(), filter: ticketFilterSchema.nullish(), sort: ticketSortSchema.nullish(), shared: z.boolean().nullish() });

interface StoredView {
  id: string;
  name: string;
  shared: boolean;
  ownerId: string;
  filter: unknown;
  sort: unknown;
}

const fromStored = (row: StoredView): TicketViewRow => ({
  id: row.id,
  key: null,
  name: row.name,
  builtIn: false,
  shared: row.shared,
  ownerId: row.ownerId,
  // Stored filters went through the same schema; parsing again restores dates.
  filter: ticketFilterSchema.parse(row.filter),
  sort: ticketSortSchema.safeParse(row.sort).data ?? DEFAULT_SORT,
});

const VIEW_SELECT = `id, name, shared, owner_id AS "ownerId", filter, sort`;

/** Saved ticket views: built-in ones plus personal and shared custom views. */
export class TicketViewsService {
  /** Views the viewer may use: built-ins, their own, then shared ones by others. */
  async list(em: EntityManager, viewer: Viewer): Promise<TicketViewRow[]> {
    const rows = await sql<StoredView>(
      em,
      `SELECT ${VIEW_SELECT} FROM ticket_views WHERE owner_id = $1 OR shared ORDER BY (owner_id = $1) DESC, name, id`,
      [viewer.id],
    );
    return [...BUILT_IN_VIEWS, ...rows.map(fromStored)];
  }

  async resolve(em: EntityManager, viewer: Viewer, viewId: string): Promise<TicketViewRow> {
    if (viewer.role === 'customer') throw forbidden();
    const builtIn = BUILT_IN_VIEWS.find((view) => view.id === viewId);
    if (builtIn) return builtIn;
    if (!z.uuid().safeParse(viewId).success) throw notFound('View');
    const row = await sqlOne<StoredView>(em, `SELECT ${VIEW_SELECT} FROM ticket_views WHERE id = $1`, [viewId]);
    if (!row) throw notFound('View');
    if (!row.shared && row.ownerId !== viewer.id) throw forbidden('This view is personal to another agent.');
    return fromStored(row);
  }

  async create(em: EntityManager, viewer: Viewer, rawInput: unknown): Promise<TicketViewRow> {
    const input = parseInput(createInput, rawInput);
    if (input.shared && !can(viewer, 'views.share')) throw forbidden('Only supervisors and admins share views.');
    const viewId = randomUUID();
    await sql(em, `INSERT INTO ticket_views (id, owner_id, name, shared, filter, sort) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)`, [
      viewId, viewer.id, input.name, input.shared ?? false, JSON.stringify(input.filter), JSON.stringify(input.sort ?? DEFAULT_SORT),
    ]);
    return this.resolve(em, viewer, viewId);
  }

  async update(em: EntityManager, viewer: Viewer, rawInput: unknown): Promise<TicketViewRow> {
    const input = parseInput(updateInput, rawInput);
    const current = await this.#editable(em, viewer, input.id);
    if (input.shared && !current.shared && !can(viewer, 'views.share')) throw forbidden('Only supervisors and admins share views.');
    await sql(
      em,
      `UPDATE ticket_views SET name = coalesce($2, name), shared = coalesce($3, shared), filter = coalesce($4::jsonb, filter),
              sort = coalesce($5::jsonb, sort), updated_at = now() WHERE id = $1`,
      [input.id, input.name ?? null, input.shared ?? null, input.filter ? JSON.stringify(input.filter) : null, input.sort ? JSON.stringify(input.sort) : null],
    );
    return this.resolve(em, viewer, input.id);
  }

  async delete(em: EntityManager, viewer: Viewer, rawId: unknown): Promise<boolean> {
    const viewId = parseInput(z.uuid('must be a view id'), rawId);
    await this.#editable(em, viewer, viewId);
    await sql(em, `DELETE FROM ticket_views WHERE id = $1`, [viewId]);
    return true;
  }

  /** The owner edits a personal view; a shared one also whoever may share views. */
  async #editable(em: EntityManager, viewer: Viewer, viewId: string): Promise<TicketViewRow> {
    const view = await this.resolve(em, viewer, viewId);
    if (view.builtIn) throw forbidden('Built-in views cannot be changed.');
    if (view.ownerId !== viewer.id && !(view.shared && can(viewer, 'views.share'))) throw forbidden('Only the owner can change this view.');
    return view;
  }
}
