import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../database/sql.ts';
import type { Params } from '../database/sql.ts';

/**
 * Which tickets a viewer may see — the one rule, applied by every query,
 * nested field and subscription:
 * - supervisors and admins: all tickets;
 * - agents: tickets of their teams, plus tickets assigned to or followed by them;
 * - customers: tickets whose requester is their own profile (or one merged into it).
 */
export interface TicketScope {
  viewer: Viewer;
  all: boolean;
  customer: boolean;
  teamIds: string[];
  customerIds: string[];
}

const scopes = new WeakMap<object, Map<string, Promise<TicketScope>>>();

/** The viewer's scope, computed once per entity manager (i.e. per request or transaction). */
export function ticketScope(em: EntityManager, viewer: Viewer): Promise<TicketScope> {
  let byViewer = scopes.get(em);
  if (!byViewer) {
    byViewer = new Map();
    scopes.set(em, byViewer);
  }
  let scope = byViewer.get(viewer.id);
  if (!scope) {
    scope = computeScope(em, viewer);
    byViewer.set(viewer.id, scope);
  }
  return scope;
}

/** Uncached (subscriptions: team membership may change while a socket is open). */
export async function computeScope(em: EntityManager, viewer: Viewer): Promise<TicketScope> {
  const base = { viewer, teamIds: [] as string[], customerIds: [] as string[] };
  if (viewer.role === 'admin' || viewer.role === 'supervisor') return { ...base, all: true, customer: false };
  if (viewer.role === 'customer') {
    const rows = await sql<{ id: string }>(em, `SELECT coalesce(merged_into_id, id) AS id FROM customers WHERE user_id = $1`, [viewer.id]);
    return { ...base, all: false, customer: true, customerIds: [...new Set(rows.map((row) => row.id))] };
  }
  const rows = await sql<{ id: string }>(em, `SELECT team_id AS id FROM team_members WHERE user_id = $1`, [viewer.id]);
  return { ...base, all: false, customer: false, teamIds: rows.map((row) => row.id) };
}

/** SQL condition (on alias `t`) true for tickets the scope may see. */
export function visibleTicketSql(scope: TicketScope, p: Params, alias = 't'): string {
  if (scope.all) return 'true';
  if (scope.customer) return `${alias}.requester_id = ANY(${p.add(scope.customerIds)}::uuid[])`;
  const me = p.add(scope.viewer.id);
  return `(${alias}.team_id = ANY(${p.add(scope.teamIds)}::uuid[]) OR ${alias}.assignee_id = ${me}
           OR EXISTS (SELECT 1 FROM ticket_followers vf WHERE vf.ticket_id = ${alias}.id AND vf.user_id = ${me}))`;
}

/** Message kinds the scope may read: customers only public replies. */
export const visibleMessageKinds = (scope: TicketScope): string[] => (scope.customer ? ['reply'] : ['reply', 'note', 'system']);
