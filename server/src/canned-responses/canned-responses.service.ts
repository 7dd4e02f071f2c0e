import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { JSONContent } from '@tiptap/core';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { renderBody, textToDoc } from '../conversations/rich-text.ts';
import { Params, sql, sqlOne } from '../database/sql.ts';
import { badInput, conflict, forbidden, notFound } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import type { Services } from '../services.ts';
import { applyCannedActions, cannedActionsSchema, validateActionTargets, type CannedActions } from './canned-actions.ts';
import { sampleTemplateData, templateData } from './template-data.ts';
import { renderTemplate, validateTemplate } from './template.ts';
import { stateOn } from '../graphql/request-state.ts';

export const SCOPES = ['personal', 'team', 'global'] as const;
export type CannedScope = (typeof SCOPES)[number];

export interface CannedResponseRow {
  id: string;
  title: string;
  shortcut: string | null;
  body: JSONContent;
  text: string;
  scope: CannedScope;
  ownerId: string | null;
  teamId: string | null;
  actions: CannedActions;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
}
const SELECT = `r.id, r.title, r.shortcut, r.body, r.text, r.scope, r.owner_id AS "ownerId", r.team_id AS "teamId", r.actions,
  r.created_by_id AS "createdById", r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;

const id = z.uuid('must be an id');
/** Typed after `::` or `/` in the composer: letters, digits, dashes and underscores. */
const shortcut = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}_-]{1,40}$/u, 'must be 1–40 letters, digits, dashes or underscores')
  .transform((value) => value.toLowerCase());
const bodyFields = { body: z.unknown().optional(), bodyText: z.string().max(20_000).nullish() };
const createInput = z
  .object({
    title: z.string().trim().min(1, 'is required').max(120),
    shortcut: shortcut.nullish(),
    ...bodyFields,
    scope: z.enum(SCOPES),
    teamId: id.nullish(),
    actions: cannedActionsSchema.nullish(),
  })
  .refine((input) => input.scope !== 'team' || input.teamId, { message: 'is required for a team response', path: ['teamId'] });
const updateInput = z.object({
  id,
  title: z.string().trim().min(1, 'is required').max(120).optional(),
  shortcut: shortcut.nullish(),
  ...bodyFields,
  scope: z.enum(SCOPES).optional(),
  teamId: id.nullish(),
  actions: cannedActionsSchema.nullish(),
});
const listInput = z.object({
  search: z.string().trim().max(100).nullish(),
  scope: z.enum(SCOPES).nullish(),
  first: z.number().int().min(1).max(200).nullish(),
});
const renderInput = z.object({ id, ticketId: id.nullish(), conversationId: id.nullish() });
const previewInput = z.object({ ...bodyFields, ticketId: id.nullish() });

const TEAM_IDS = Symbol('kefu.cannedTeamIds');
const isLead = (viewer: Viewer) => viewer.role === 'admin' || viewer.role === 'supervisor';

/**
 * Canned responses (macros). Who may see and manage them:
 * - personal: their owner only;
 * - team: members of the team use and manage them; supervisors and admins too;
 * - global: every agent uses them; supervisors and admins manage them.
 */
export class CannedResponsesService {
  readonly #services: () => Services;
  constructor(deps: { services: () => Services }) {
    this.#services = deps.services;
  }

  async list(em: EntityManager, viewer: Viewer, rawInput: unknown): Promise<CannedResponseRow[]> {
    const input = parseInput(listInput, rawInput ?? {});
    const p = new Params();
    const where = [usableSql(viewer, await this.#teamIds(em, viewer), p)];
    if (input.scope) where.push(`r.scope = ${p.add(input.scope)}`);
    if (input.search) {
      const like = p.add(`%${input.search.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`);
      const prefix = p.add(`${input.search.toLowerCase().replace(/^[:/]+/, '').replace(/[%_\\]/g, '\\$&')}%`);
      where.push(`(r.shortcut LIKE ${prefix} OR lower(r.title) LIKE ${like} OR lower(r.text) LIKE ${like})`);
    }
    // Personal first, then the team's, then global: the closer a response is to the agent, the likelier it fits.
    return sql<CannedResponseRow>(
      em,
      `SELECT ${SELECT} FROM canned_responses r WHERE ${where.join(' AND ')}
        ORDER BY CASE r.scope WHEN 'personal' THEN 0 WHEN 'team' THEN 1 ELSE 2 END, lower(r.title), r.id
        LIMIT ${p.add(input.first ?? 50)}`,
      p.values,
    );
  }

  /** A response the viewer may use; FORBIDDEN when it exists but is not theirs to use. */
  async get(em: EntityManager, viewer: Viewer, rawId: unknown): Promise<CannedResponseRow> {
    const row = await this.#row(em, parseInput(id, rawId));
    if (!canUse(viewer, await this.#teamIds(em, viewer), row)) throw forbidden();
    return row;
  }

  async canManage(em: EntityManager, viewer: Viewer, row: CannedResponseRow): Promise<boolean> {
    return canManage(viewer, await this.#teamIds(em, viewer), row);
  }

  async create(em: EntityManager, viewer: Viewer, rawInput: unknown): Promise<CannedResponseRow> {
    const input = parseInput(createInput, rawInput);
    const target = { scope: input.scope, ownerId: input.scope === 'personal' ? viewer.id : null, teamId: input.scope === 'team' ? input.teamId! : null };
    await this.#assertMayManage(em, viewer, target, 'scope');
    const body = bodyOf(input.body, input.bodyText, true)!;
    const actions = input.actions ?? {};
    await validateActionTargets(em, actions);
    const newId = randomUUID();
    await this.#write(em, () =>
      sql(
        em,
        `INSERT INTO canned_responses (id, title, shortcut, body, text, scope, owner_id, team_id, actions, created_by_id)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9::jsonb, $10)`,
        [newId, input.title, input.shortcut ?? null, JSON.stringify(body.body), body.text, target.scope, target.ownerId, target.teamId, JSON.stringify(actions), viewer.id],
      ),
    );
    return this.#row(em, newId);
  }

  async update(em: EntityManager, viewer: Viewer, rawInput: unknown): Promise<CannedResponseRow> {
    const input = parseInput(updateInput, rawInput);
    const current = await this.#row(em, input.id);
    await this.#assertMayManage(em, viewer, current, 'id');
    const scope = input.scope ?? current.scope;
    const target = {
      scope,
      ownerId: scope === 'personal' ? (current.scope === 'personal' ? current.ownerId : viewer.id) : null,
      teamId: scope === 'team' ? (input.teamId ?? current.teamId) : null,
    };
    if (scope === 'team' && !target.teamId) throw badInput([{ field: 'teamId', message: 'is required for a team response' }]);
    if (scope !== current.scope || target.teamId !== current.teamId) await this.#assertMayManage(em, viewer, target, 'scope');
    const body = bodyOf(input.body, input.bodyText, false);
    if (input.actions) await validateActionTargets(em, input.actions);
    await this.#write(em, () =>
      sql(
        em,
        `UPDATE canned_responses SET title = $2, shortcut = $3, body = $4::jsonb, text = $5, scope = $6, owner_id = $7, team_id = $8,
                actions = $9::jsonb, updated_at = now()
          WHERE id = $1`,
        [
          current.id,
          input.title ?? current.title,
          input.shortcut === undefined ? current.shortcut : input.shortcut,
          JSON.stringify(body?.body ?? current.body),
          body?.text ?? current.text,
          target.scope,
          target.ownerId,
          target.teamId,
          JSON.stringify(input.actions === undefined ? current.actions : (input.actions ?? {})),
        ],
      ),
    );
    return this.#row(em, current.id);
  }

  async delete(em: EntityManager, viewer: Viewer, rawId: unknown): Promise<boolean> {
    const current = await this.#row(em, parseInput(id, rawId));
    await this.#assertMayManage(em, viewer, current, 'id');
    await sql(em, `DELETE FROM canned_responses WHERE id = $1`, [current.id]);
    return true;
  }

  /** The response with its placeholders filled in for a ticket or conversation the viewer may see. */
  async render(em: EntityManager, viewer: Viewer, rawInput: unknown) {
    const input = parseInput(renderInput, rawInput);
    const response = await this.get(em, viewer, input.id);
    return this.#render(em, viewer, response, { ticketId: input.ticketId ?? null, conversationId: input.conversationId ?? null });
  }

  /**
   * An unsaved body rendered as `render` would render it once saved, for a
   * ticket the viewer may see or, without one, for sample values. Refuses
   * what saving would refuse, with the same field names, so an editor can
   * show the problem while the body is being written.
   */
  async preview(em: EntityManager, viewer: Viewer, rawInput: unknown) {
    const input = parseInput(previewInput, rawInput);
    const { body } = bodyOf(input.body, input.bodyText, true)!;
    const data = input.ticketId
      ? await templateData(this.#services(), em, viewer, { ticketId: input.ticketId, conversationId: null })
      : await sampleTemplateData(this.#services(), em, viewer);
    return renderBody(await renderTemplate(body, data));
  }

  /**
   * Renders the response for a ticket and applies its field changes through
   * the tickets service, in the caller's transaction: if any change is
   * refused (a transition not allowed from the ticket's status, a deleted
   * team), nothing is applied.
   */
  async apply(em: EntityManager, viewer: Viewer, rawTicketId: unknown, rawId: unknown) {
    const ticketId = parseInput(id, rawTicketId);
    const response = await this.get(em, viewer, rawId);
    const rendered = await this.#render(em, viewer, response, { ticketId, conversationId: null });
    const ticket = await applyCannedActions(this.#services(), em, viewer, ticketId, response.actions);
    return { ...rendered, ticket };
  }

  async #render(em: EntityManager, viewer: Viewer, response: CannedResponseRow, target: { ticketId: string | null; conversationId: string | null }) {
    const data = await templateData(this.#services(), em, viewer, target);
    return renderBody(await renderTemplate(response.body, data));
  }

  /** Once per entity manager (request): a list asks for `viewerCanManage` on every row. */
  #teamIds(em: EntityManager, viewer: Viewer): Promise<string[]> {
    const byViewer = stateOn(em, TEAM_IDS, () => new Map<string, Promise<string[]>>());
    let teamIds = byViewer.get(viewer.id);
    if (!teamIds) byViewer.set(viewer.id, (teamIds = this.#services().teams.teamIdsOf(em, viewer.id)));
    return teamIds;
  }

  async #row(em: EntityManager, responseId: string): Promise<CannedResponseRow> {
    const row = await sqlOne<CannedResponseRow>(em, `SELECT ${SELECT} FROM canned_responses r WHERE r.id = $1`, [responseId]);
    if (!row) throw notFound('Canned response');
    return row;
  }

  async #assertMayManage(em: EntityManager, viewer: Viewer, target: Pick<CannedResponseRow, 'scope' | 'ownerId' | 'teamId'>, field: string) {
    if (canManage(viewer, await this.#teamIds(em, viewer), target)) return;
    if (field === 'id') throw forbidden();
    const message =
      target.scope === 'global' ? 'only supervisors and admins manage global responses' : 'only members of the team, supervisors and admins manage its responses';
    throw forbidden(message);
  }

  async #write(em: EntityManager, write: () => Promise<unknown>) {
    try {
      await write();
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw conflict('Another response in this scope already uses that shortcut.');
      if ((error as { code?: string }).code === '23503') throw badInput([{ field: 'teamId', message: 'no such team' }]);
      throw error;
    }
  }
}

function bodyOf(body: unknown, bodyText: string | null | undefined, required: boolean) {
  if (body == null && bodyText == null) {
    if (required) throw badInput([{ field: 'body', message: 'give body (a Tiptap document) or bodyText' }]);
    return null;
  }
  const field = body != null ? 'body' : 'bodyText';
  const rendered = renderBody(body ?? textToDoc(bodyText!), field);
  validateTemplate(rendered.body, field);
  return rendered;
}

function canUse(viewer: Viewer, teamIds: string[], row: Pick<CannedResponseRow, 'scope' | 'ownerId' | 'teamId'>): boolean {
  if (row.scope === 'personal') return row.ownerId === viewer.id;
  if (row.scope === 'team') return isLead(viewer) || teamIds.includes(row.teamId!);
  return true;
}

function canManage(viewer: Viewer, teamIds: string[], row: Pick<CannedResponseRow, 'scope' | 'ownerId' | 'teamId'>): boolean {
  if (row.scope === 'global') return isLead(viewer);
  return canUse(viewer, teamIds, row);
}

function usableSql(viewer: Viewer, teamIds: string[], p: Params): string {
  const personal = `(r.scope = 'personal' AND r.owner_id = ${p.add(viewer.id)})`;
  const team = isLead(viewer) ? `r.scope = 'team'` : `(r.scope = 'team' AND r.team_id = ANY(${p.add(teamIds)}::uuid[]))`;
  return `(${personal} OR ${team} OR r.scope = 'global')`;
}
