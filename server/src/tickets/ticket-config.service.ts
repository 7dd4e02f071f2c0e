import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { readSetting, writeSetting } from '../database/settings.ts';
import { prepared } from '../database/prepared-statements.ts';
import { sql, sqlOne } from '../database/sql.ts';
import { badInput, conflict, notFound } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';

export interface TicketTypeRow {
  id: string;
  key: string;
  name: string;
  active: boolean;
  position: number;
}

const TYPE_SELECT = `id, key, name, active, position`;
export const TICKET_TYPES_BY_IDS = prepared(`SELECT ${TYPE_SELECT} FROM ticket_types WHERE id = ANY($1::uuid[])`);
const id = z.uuid('must be an id');
const typeName = z.string().trim().min(1, 'is required').max(80);
const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lower-case letters, digits, underscores');
const createTypeInput = z.object({ name: typeName, key: key.nullish() });
const updateTypeInput = z.object({ id, name: typeName.nullish(), active: z.boolean().nullish(), position: z.number().int().min(0).max(10_000).nullish() });
const reorderTypesInput = z.array(id).max(1000, 'at most 1000 types');
const settingsInput = z.object({ numberPrefix: z.string().max(10, 'at most 10 characters').regex(/^[^\s]*$/, 'no spaces').nullish(), defaultTeamId: id.nullish() });

export const NUMBER_PREFIX_KEY = 'tickets.numberPrefix';
export const DEFAULT_TEAM_KEY = 'tickets.defaultTeamId';

/** Admin-editable ticket types, the tag vocabulary and ticket settings. */
export class TicketConfigService {
  async types(em: EntityManager, includeInactive: boolean): Promise<TicketTypeRow[]> {
    return sql<TicketTypeRow>(em, `SELECT ${TYPE_SELECT} FROM ticket_types WHERE active OR $1 ORDER BY position, name`, [includeInactive]);
  }

  async typesByIds(em: EntityManager, ids: readonly string[]): Promise<TicketTypeRow[]> {
    return sql<TicketTypeRow>(em, TICKET_TYPES_BY_IDS, [ids]);
  }

  async createType(em: EntityManager, rawInput: unknown): Promise<TicketTypeRow> {
    const input = parseInput(createTypeInput, rawInput);
    const slug = input.key ?? (input.name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || `type_${Date.now().toString(36)}`);
    const row = await sqlOne<TicketTypeRow>(
      em,
      `INSERT INTO ticket_types (id, key, name, position) VALUES ($1, $2, $3, (SELECT coalesce(max(position), 0) + 1 FROM ticket_types))
       ON CONFLICT (key) DO NOTHING RETURNING ${TYPE_SELECT}`,
      [randomUUID(), /^[a-z]/.test(slug) ? slug : `t_${slug}`, input.name],
    );
    if (!row) throw conflict('A ticket type with this key already exists.');
    return row;
  }

  async updateType(em: EntityManager, rawInput: unknown): Promise<TicketTypeRow> {
    const input = parseInput(updateTypeInput, rawInput);
    const row = await sqlOne<TicketTypeRow>(
      em,
      `UPDATE ticket_types SET name = coalesce($2, name), active = coalesce($3, active), position = coalesce($4, position)
        WHERE id = $1 RETURNING ${TYPE_SELECT}`,
      [input.id, input.name ?? null, input.active ?? null, input.position ?? null],
    );
    if (!row) throw notFound('Ticket type');
    return row;
  }

  /**
   * Puts every type, inactive ones too, in the given order (positions 1…n) in
   * one statement. The list must be exactly the current set of types: a
   * partial or stale list (a type added or seen twice meanwhile) is refused
   * rather than guessed at. The rows are locked first, so two reorders run
   * one after the other.
   */
  async reorderTypes(em: EntityManager, rawIds: unknown): Promise<TicketTypeRow[]> {
    const ids = parseInput(z.object({ ids: reorderTypesInput }), { ids: rawIds }).ids;
    const current = new Set((await sql<{ id: string }>(em, `SELECT id FROM ticket_types ORDER BY id FOR UPDATE`)).map((row) => row.id));
    const problem =
      new Set(ids).size !== ids.length
        ? 'must name each ticket type once (an id is repeated)'
        : ids.some((typeId) => !current.has(typeId))
          ? 'must name existing ticket types only (an id is unknown)'
          : ids.length !== current.size
            ? `must name every ticket type (${current.size - ids.length} missing)`
            : null;
    if (problem) throw badInput([{ field: 'ids', message: problem }]);
    await sql(em, `UPDATE ticket_types t SET position = o.position FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, position) WHERE t.id = o.id`, [ids]);
    return this.types(em, true);
  }

  async tags(em: EntityManager, args: { search?: unknown; first?: unknown }) {
    const input = parseInput(z.object({ search: z.string().trim().max(50).nullish(), first: z.number().int().min(1).max(100).default(20) }), args);
    return sql<{ id: string; name: string }>(
      em,
      `SELECT id, name::text FROM tags WHERE $1::text IS NULL OR name ILIKE $1 || '%' ORDER BY name LIMIT $2`,
      [input.search?.replace(/[%_\\]/g, '\\$&') || null, input.first],
    );
  }

  async numberPrefix(em: EntityManager): Promise<string> {
    return readSetting(em, NUMBER_PREFIX_KEY, '#');
  }

  async settings(em: EntityManager) {
    return { numberPrefix: await this.numberPrefix(em), defaultTeamId: await readSetting<string | null>(em, DEFAULT_TEAM_KEY, null) };
  }

  async updateSettings(em: EntityManager, rawInput: unknown) {
    const input = parseInput(settingsInput, rawInput);
    if (input.numberPrefix != null) await writeSetting(em, NUMBER_PREFIX_KEY, input.numberPrefix);
    if (input.defaultTeamId !== undefined) {
      if (input.defaultTeamId && !(await sqlOne(em, `SELECT 1 FROM teams WHERE id = $1`, [input.defaultTeamId]))) {
        throw badInput([{ field: 'defaultTeamId', message: 'no such team' }]);
      }
      await writeSetting(em, DEFAULT_TEAM_KEY, input.defaultTeamId);
    }
    return this.settings(em);
  }
}
