import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Params, sql, sqlOne } from '../database/sql.ts';
import { decodeCursor, encodeCursor } from '../graphql/cursor.ts';
import { forbidden, notFound } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import { DEFAULT_SORT, SORT_KEYS, ticketFilterSchema, ticketFilterSql, ticketSortSchema, type TicketFilter, type TicketSort } from './ticket-filter.ts';
import { TICKET_SELECT, type TicketRow } from './ticket-row.ts';
import type { TicketViewsService } from './ticket-views.service.ts';
import { ticketScope, visibleTicketSql, type TicketScope } from './visibility.ts';

const listInput = z.object({
  filter: ticketFilterSchema.nullish(),
  viewId: z.string().max(40).nullish(),
  sort: ticketSortSchema.nullish(),
  first: z.number().int().min(1).max(100).default(25),
  after: z.string().max(500).nullish(),
});
const id = z.uuid('must be a ticket id');

/** Reads of tickets, always through the viewer's visibility (visibility.ts). */
export class TicketQueries {
  readonly #views: () => TicketViewsService;
  constructor(deps: { views: () => TicketViewsService }) {
    this.#views = deps.views;
  }

  /**
   * One page of tickets in one SQL statement: keyset pagination on the sort
   * key plus id (no OFFSET, no count), visibility and filters in the WHERE.
   */
  async list(em: EntityManager, viewer: Viewer, rawInput: unknown) {
    const input = parseInput(listInput, rawInput ?? {});
    const scope = await ticketScope(em, viewer);
    const filters: TicketFilter[] = [input.filter ?? {}];
    let sort: TicketSort = input.sort ?? DEFAULT_SORT;
    if (input.viewId) {
      const view = await this.#views().resolve(em, viewer, input.viewId);
      filters.push(view.filter);
      sort = input.sort ?? view.sort;
    }
    return this.page(em, scope, filters, sort, input.first, input.after ?? null);
  }

  async page(em: EntityManager, scope: TicketScope, filters: TicketFilter[], sort: TicketSort, first: number, after: string | null) {
    const p = new Params();
    const keys = SORT_KEYS[sort.field];
    const where = [visibleTicketSql(scope, p), ...filters.flatMap((filter) => ticketFilterSql(filter, scope, p))];
    const cursor = decodeCursor(after, keys.length);
    if (cursor) {
      const values = keys.map(([, type], index) => `${p.add(cursor[index])}::${type}`);
      where.push(`(${keys.map(([expression]) => expression).join(', ')}) ${sort.direction === 'desc' ? '<' : '>'} (${values.join(', ')})`);
    }
    const direction = sort.direction === 'desc' ? 'DESC' : 'ASC';
    const rows = await sql<TicketRow & Record<string, string>>(
      em,
      `SELECT ${TICKET_SELECT}, ${keys.map(([expression], index) => `(${expression})::text AS "_k${index}"`).join(', ')}
         FROM tickets t WHERE ${where.join(' AND ')}
        ORDER BY ${keys.map(([expression]) => `${expression} ${direction}`).join(', ')}
        LIMIT ${p.add(first + 1)}`,
      p.values,
    );
    const nodes = rows.slice(0, first);
    const last = nodes.at(-1);
    return {
      nodes,
      pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeCursor(keys.map((_key, index) => last[`_k${index}`])) : null },
    };
  }

  /**
   * How many visible tickets each filter matches, in one statement (one pass
   * over the tickets any of them can match) instead of one per filter: the
   * view counts of every connected agent are recounted after each change.
   */
  async countEach(em: EntityManager, scope: TicketScope, filters: TicketFilter[]): Promise<number[]> {
    if (!filters.length) return [];
    const p = new Params();
    const visible = visibleTicketSql(scope, p);
    const conditions = filters.map((filter) => ticketFilterSql(filter, scope, p).join(' AND ') || 'true');
    const columns = conditions.map((condition, index) => `count(*) FILTER (WHERE ${condition}) AS c${index}`);
    const row = await sqlOne<Record<string, string>>(
      em,
      `SELECT ${columns.join(', ')} FROM tickets t WHERE ${visible} AND (${conditions.map((condition) => `(${condition})`).join(' OR ')})`,
      p.values,
    );
    return conditions.map((_condition, index) => Number(row?.[`c${index}`] ?? 0));
  }

  /** A ticket by id: NOT_FOUND when missing, FORBIDDEN (no data) when the viewer may not see it. */
  async get(em: EntityManager, viewer: Viewer, rawId: unknown): Promise<TicketRow> {
    return this.require(em, viewer, parseInput(id, rawId));
  }

  async byNumber(em: EntityManager, viewer: Viewer, rawNumber: unknown): Promise<TicketRow> {
    const number = parseInput(z.number().int().min(1), rawNumber);
    const row = await sqlOne<{ id: string }>(em, `SELECT id FROM tickets WHERE number = $1`, [number]);
    if (!row) throw notFound('Ticket');
    return this.require(em, viewer, row.id);
  }

  /** Loads (optionally locks) a ticket the viewer may see. */
  async require(em: EntityManager, viewer: Viewer, ticketId: string, options: { forUpdate?: boolean } = {}): Promise<TicketRow> {
    const scope = await ticketScope(em, viewer);
    const p = new Params();
    const idParam = p.add(ticketId);
    const row = await sqlOne<TicketRow & { visible: boolean }>(
      em,
      `SELECT ${TICKET_SELECT}, ${visibleTicketSql(scope, p)} AS visible FROM tickets t WHERE t.id = ${idParam}
       ${options.forUpdate ? 'FOR UPDATE OF t' : ''}`,
      p.values,
    );
    if (!row) throw notFound('Ticket');
    if (!row.visible) throw forbidden('You cannot see this ticket.');
    const { visible: _visible, ...ticket } = row;
    return ticket;
  }

  /** For subscriptions: null when the ticket is invisible to the scope, else whether it matches the filters. */
  async matches(em: EntityManager, scope: TicketScope, ticketId: string, filters: TicketFilter[]): Promise<boolean | null> {
    const p = new Params();
    const idParam = p.add(ticketId);
    const visible = visibleTicketSql(scope, p);
    const conditions = filters.flatMap((filter) => ticketFilterSql(filter, scope, p));
    const row = await sqlOne<{ matches: boolean }>(
      em,
      `SELECT ${conditions.length ? conditions.join(' AND ') : 'true'} AS matches FROM tickets t WHERE t.id = ${idParam} AND ${visible}`,
      p.values,
    );
    return row ? row.matches : null;
  }

  /** Ids among `ids` the viewer may not see (bulk actions refuse when any). */
  async invisibleAmong(em: EntityManager, viewer: Viewer, ids: string[]): Promise<string[]> {
    const scope = await ticketScope(em, viewer);
    const p = new Params();
    const list = p.add(ids);
    const rows = await sql<{ id: string }>(em, `SELECT t.id FROM tickets t WHERE t.id = ANY(${list}::uuid[]) AND ${visibleTicketSql(scope, p)}`, p.values);
    const visible = new Set(rows.map((row) => row.id));
    return ids.filter((ticketId) => !visible.has(ticketId));
  }
}
