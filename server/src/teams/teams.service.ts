import type { CoreDomainEvents, Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { clearTeamOfAllConversations } from '../conversations/conversation-store.ts';
import { prepared } from '../database/prepared-statements.ts';
import { sql, sqlOne } from '../database/sql.ts';
import type { EventBus } from '../events/event-bus.ts';
import { badInput, conflict, notFound } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';
import { clearTeamOfAllTickets } from '../tickets/ticket-changes.ts';
import { actorOf } from '../tickets/timeline.ts';
import { USER_SELECT, type UserRow } from '../users/user.loader.ts';

export interface TeamRow {
  id: string;
  name: string;
  description: string | null;
  createdAt: Date;
}

const TEAM_SELECT = `t.id, t.name, t.description, t.created_at AS "createdAt"`;
export const TEAMS_BY_IDS = prepared(`SELECT ${TEAM_SELECT} FROM teams t WHERE t.id = ANY($1::uuid[])`);
const id = z.uuid('must be an id');
const name = z.string().trim().min(1, 'is required').max(80);
const description = z.string().trim().max(500).nullish();
const createInput = z.object({ name, description, memberIds: z.array(id).max(500).nullish() });
const updateInput = z.object({ id, name: name.nullish(), description });
const agentsInput = z.object({
  search: z.string().trim().max(100).nullish(),
  teamId: id.nullish(),
  first: z.number().int().min(1).max(200).default(50),
});

export class TeamsService {
  readonly #events: EventBus;

  constructor(deps: { events: EventBus }) {
    this.#events = deps.events;
  }

  async list(em: EntityManager): Promise<TeamRow[]> {
    return sql<TeamRow>(em, `SELECT ${TEAM_SELECT} FROM teams t ORDER BY t.name`);
  }

  async get(em: EntityManager, rawId: unknown): Promise<TeamRow | null> {
    return (await sqlOne<TeamRow>(em, `SELECT ${TEAM_SELECT} FROM teams t WHERE t.id = $1`, [parseInput(id, rawId)])) ?? null;
  }

  async byIds(em: EntityManager, ids: readonly string[]): Promise<TeamRow[]> {
    return sql<TeamRow>(em, TEAMS_BY_IDS, [ids]);
  }

  /** Members of each team, by name (for the Team.members loader). */
  async membersOf(em: EntityManager, teamIds: readonly string[]): Promise<(UserRow & { teamId: string })[]> {
    return sql(em, `SELECT m.team_id AS "teamId", ${USER_SELECT} FROM team_members m JOIN users u ON u.id = m.user_id
                     WHERE m.team_id = ANY($1::uuid[]) ORDER BY u.name, u.id`, [teamIds]);
  }

  /** Teams of each user, by name (for the User.teams loader). */
  async teamsOf(em: EntityManager, userIds: readonly string[]): Promise<(TeamRow & { userId: string })[]> {
    return sql(em, `SELECT m.user_id AS "userId", ${TEAM_SELECT} FROM team_members m JOIN teams t ON t.id = m.team_id
                     WHERE m.user_id = ANY($1::uuid[]) ORDER BY t.name`, [userIds]);
  }

  async teamIdsOf(em: EntityManager, userId: string): Promise<string[]> {
    return (await sql<{ teamId: string }>(em, `SELECT team_id AS "teamId" FROM team_members WHERE user_id = $1`, [userId])).map((row) => row.teamId);
  }

  async agents(em: EntityManager, rawInput: unknown): Promise<UserRow[]> {
    const input = parseInput(agentsInput, rawInput ?? {});
    return sql<UserRow>(
      em,
      `SELECT ${USER_SELECT} FROM users u
        WHERE u.role IN ('agent', 'supervisor', 'admin') AND u.active
          AND ($1::text IS NULL OR u.name ILIKE '%' || $1 || '%' OR u.email::text ILIKE '%' || $1 || '%')
          AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = $2 AND m.user_id = u.id))
        ORDER BY u.name, u.id LIMIT $3`,
      [input.search?.replace(/[%_\\]/g, '\\$&') ?? null, input.teamId ?? null, input.first],
    );
  }

  async create(em: EntityManager, actor: Viewer, rawInput: unknown): Promise<TeamRow> {
    const input = parseInput(createInput, rawInput);
    const teamId = randomUUID();
    const inserted = await sql(
      em,
      `INSERT INTO teams (id, name, description) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING id`,
      [teamId, input.name, input.description ?? null],
    );
    if (!inserted.length) throw conflict('A team with this name already exists.');
    if (input.memberIds?.length) await this.#replaceMembers(em, actor, teamId, input.memberIds);
    return (await this.get(em, teamId))!;
  }

  async update(em: EntityManager, rawInput: unknown): Promise<TeamRow> {
    const input = parseInput(updateInput, rawInput);
    await this.#require(em, input.id);
    if (input.name) {
      const clash = await sqlOne(em, `SELECT 1 FROM teams WHERE name = $1 AND id <> $2`, [input.name, input.id]);
      if (clash) throw conflict('A team with this name already exists.');
    }
    await sql(
      em,
      `UPDATE teams SET name = coalesce($2, name),
              description = CASE WHEN $3::boolean THEN $4 ELSE description END, updated_at = now() WHERE id = $1`,
      [input.id, input.name ?? null, input.description !== undefined, input.description ?? null],
    );
    return (await this.get(em, input.id))!;
  }

  async delete(em: EntityManager, actor: Viewer, rawId: unknown): Promise<boolean> {
    const teamId = parseInput(id, rawId);
    // Locked first: nothing can join the team or be routed to it (both reference the row) between the reads below and the delete.
    if (!(await sqlOne(em, `SELECT 1 FROM teams WHERE id = $1 FOR UPDATE`, [teamId]))) throw notFound('Team');
    // Memberships go with the team (ON DELETE CASCADE); its members lose its tickets.
    const members = await sql<{ userId: string }>(em, `SELECT user_id AS "userId" FROM team_members WHERE team_id = $1`, [teamId]);
    // Its tickets and conversations lose their team as the admin's change, recorded on each (not silently through
    // ON DELETE SET NULL); lists and pages showing them under the team hear of it through the event
    // (`ticketsUnteamed`, `conversationsUnteamed`), not an event per ticket or conversation. Its waiting live chats
    // become unrouted (`chatsUnrouted`): every agent sees them from now on.
    const unteamed = await clearTeamOfAllTickets(em, teamId, actorOf(actor));
    const conversations = await clearTeamOfAllConversations(em, teamId, actorOf(actor));
    await sql(em, `DELETE FROM teams WHERE id = $1`, [teamId]);
    const removed = members.map((row) => row.userId);
    await this.#publish(em, actor, {
      teamId,
      added: [],
      removed,
      deleted: true,
      chatsUnrouted: conversations.unrouted > 0,
      ticketsUnteamed: unteamed > 0,
      conversationsUnteamed: conversations.unteamed > 0,
    });
    return true;
  }

  async setMembers(em: EntityManager, actor: Viewer, rawTeamId: unknown, rawUserIds: unknown): Promise<TeamRow> {
    const teamId = parseInput(id, rawTeamId);
    const userIds = parseInput(z.array(id).max(500), rawUserIds);
    await this.#require(em, teamId);
    await this.#replaceMembers(em, actor, teamId, userIds);
    return (await this.get(em, teamId))!;
  }

  async addMember(em: EntityManager, actor: Viewer, rawTeamId: unknown, rawUserId: unknown): Promise<TeamRow> {
    const teamId = parseInput(id, rawTeamId);
    const userId = parseInput(id, rawUserId);
    await this.#require(em, teamId);
    await this.#requireStaff(em, [userId]);
    const added = await sql<{ userId: string }>(
      em,
      `INSERT INTO team_members (team_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id AS "userId"`,
      [teamId, userId],
    );
    await this.#membersChanged(em, actor, teamId, added.map((row) => row.userId), []);
    return (await this.get(em, teamId))!;
  }

  async removeMember(em: EntityManager, actor: Viewer, rawTeamId: unknown, rawUserId: unknown): Promise<TeamRow> {
    const teamId = parseInput(id, rawTeamId);
    const userId = parseInput(id, rawUserId);
    await this.#require(em, teamId);
    const removed = await sql<{ userId: string }>(em, `DELETE FROM team_members WHERE team_id = $1 AND user_id = $2 RETURNING user_id AS "userId"`, [teamId, userId]);
    await this.#membersChanged(em, actor, teamId, [], removed.map((row) => row.userId));
    return (await this.get(em, teamId))!;
  }

  async #replaceMembers(em: EntityManager, actor: Viewer, teamId: string, userIds: string[]): Promise<void> {
    const unique = [...new Set(userIds)];
    await this.#requireStaff(em, unique);
    const removed = await sql<{ userId: string }>(
      em,
      `DELETE FROM team_members WHERE team_id = $1 AND NOT (user_id = ANY($2::uuid[])) RETURNING user_id AS "userId"`,
      [teamId, unique],
    );
    const added = await sql<{ userId: string }>(
      em,
      `INSERT INTO team_members (team_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING user_id AS "userId"`,
      [teamId, unique],
    );
    await this.#membersChanged(em, actor, teamId, added.map((row) => row.userId), removed.map((row) => row.userId));
  }

  async #membersChanged(em: EntityManager, actor: Viewer, teamId: string, added: string[], removed: string[]): Promise<void> {
    await this.#publish(em, actor, { teamId, added, removed, deleted: false, chatsUnrouted: false, ticketsUnteamed: false, conversationsUnteamed: false });
  }

  /**
   * Tells (after the commit) who joined or left: their open subscriptions drop
   * their cached visibility and their lists refetch. Only the users named are
   * concerned (so no ticket is read), unless conversations or tickets lost
   * their team: every staff chat list, or every staff ticket list and ticket
   * page, hears of that. The event names the admin who made the change (`actorId`).
   */
  async #publish(em: EntityManager, actor: Viewer, change: CoreDomainEvents['team.membersChanged']): Promise<void> {
    if (!change.added.length && !change.removed.length && !change.conversationsUnteamed && !change.ticketsUnteamed) return;
    await this.#events.publishIn(em, 'team.membersChanged', change, actor.id);
  }

  async #require(em: EntityManager, teamId: string): Promise<void> {
    if (!(await sqlOne(em, `SELECT 1 FROM teams WHERE id = $1`, [teamId]))) throw notFound('Team');
  }

  /** Only staff accounts (not customers) can be team members. */
  async #requireStaff(em: EntityManager, userIds: string[]): Promise<void> {
    if (!userIds.length) return;
    const rows = await sql<{ id: string }>(em, `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND role <> 'customer'`, [userIds]);
    const found = new Set(rows.map((row) => row.id));
    const problems = userIds.map((userId, index) => ({ userId, index })).filter(({ userId }) => !found.has(userId));
    if (problems.length) throw badInput(problems.map(({ index }) => ({ field: `userIds.${index}`, message: 'must be a staff user' })));
  }
}
