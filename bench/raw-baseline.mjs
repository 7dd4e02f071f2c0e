// The floor Kefu's GraphQL API is compared against: plain fastify + a pg Pool
// on the same database, doing the same work per request as Kefu does — resolve
// the session cookie with the same SQL, check it the same way, run the same
// users SQL — and answering with JSON of the same shape. No GraphQL, no ORM,
// no helmet, no logging.
//
//   DATABASE_URL=postgres://… PORT=4000 node bench/raw-baseline.mjs
//
// GET /healthz, GET /me, GET /users?limit=25 (admins only), GET /inbox?first=25
// (staff: the "all unsolved" view with requester, organization, assignee,
// team, tags, type and last message — the statements Kefu's loaders send).
import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { createHash } from 'node:crypto';
import pg from 'pg';
// The statements Kefu itself sends, so both sides send the same SQL text (the
// fixed lookups prepared once per connection, as Kefu's are).
import { SESSION_BY_TOKEN } from '../server/src/auth/session.service.ts';
import { CUSTOMERS_WITH_ORGANIZATIONS } from '../server/src/customers/customers.service.ts';
import { LAST_MESSAGES_OF_TICKETS } from '../server/src/conversations/conversation-rows.ts';
import { SETTING_BY_KEY } from '../server/src/database/settings.ts';
import { TEAMS_BY_IDS } from '../server/src/teams/teams.service.ts';
import { TICKET_TYPES_BY_IDS } from '../server/src/tickets/ticket-config.service.ts';
import { TAGS_OF_TICKETS } from '../server/src/tickets/ticket.loaders.ts';
import { TICKET_SELECT } from '../server/src/tickets/ticket-row.ts';
import { USERS_BY_IDS } from '../server/src/users/user.loader.ts';
import { PipelinedStatements } from '../server/src/database/pipelined-statements.ts';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is required');
  process.exit(78);
}
const port = Number(process.env.PORT ?? 4000);
const host = process.env.HOST ?? '127.0.0.1';
// Kefu's defaults: DATABASE_POOL_MAX=10, SESSION_IDLE_HOURS=72.
const poolMax = Number(process.env.DATABASE_POOL_MAX ?? 10);
const idleHours = Number(process.env.SESSION_IDLE_HOURS ?? 72);
const TOUCH_INTERVAL_MS = 60_000;

const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax });

// The statements MikroORM issues for UsersService.list (findAndCount), with bind parameters instead of inlined values.
const TOUCH_SQL = 'UPDATE sessions SET last_seen_at = now() WHERE id = $1';
const USERS_COUNT_SQL = `select count(*) as "count" from "users" as "u0"`;
const USERS_PAGE_SQL = `select "u0"."id", "u0"."email", "u0"."name", "u0"."role", "u0"."locale", "u0"."time_zone", "u0"."active", "u0"."password_changed_at", "u0"."created_at", "u0"."updated_at" from "users" as "u0" order by "u0"."created_at" desc, "u0"."id" asc limit $1 offset $2`;

const hashToken = (token) => createHash('sha256').update(token).digest('hex');

/** Same statement and checks as Kefu's SessionService.resolve (the liveness conditions are in its SQL). */
async function resolveSession(token) {
  if (!token || token.length > 128) return null;
  const { rows } = await pool.query({ ...SESSION_BY_TOKEN, values: [hashToken(token), idleHours] });
  const row = rows[0];
  if (!row) return null;
  if (Date.now() - row.s_last_seen_at.getTime() > TOUCH_INTERVAL_MS) await pool.query(TOUCH_SQL, [row.s_id]);
  return { csrfToken: row.s_csrf_token, user: { id: row.id, email: row.email, name: row.name, role: row.role } };
}

const app = Fastify({ logger: false });
await app.register(cookie);

app.get('/healthz', async () => ({ status: 'ok' }));

app.get('/me', async (request) => {
  const session = await resolveSession(request.cookies.kefu_session);
  return { data: { me: session ? { user: session.user, csrfToken: session.csrfToken } : null } };
});

app.get('/users', async (request, reply) => {
  const session = await resolveSession(request.cookies.kefu_session);
  if (!session || session.user.role !== 'admin') {
    reply.code(403);
    return { errors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }] };
  }
  const limit = Math.min(200, Math.max(1, Number(request.query.limit ?? 50) || 50));
  const offset = Math.max(0, Number(request.query.offset ?? 0) || 0);
  const [page, count] = await Promise.all([
    pool.query(USERS_PAGE_SQL, [limit, offset]),
    pool.query(USERS_COUNT_SQL),
  ]);
  const nodes = page.rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    createdAt: row.created_at.toISOString(),
  }));
  return { data: { users: { nodes, totalCount: Number(count.rows[0].count) } } };
});

const UNSOLVED = ['new', 'open', 'pending', 'on_hold'];
const INBOX_PAGE_SQL = `SELECT ${TICKET_SELECT}, (t.updated_at)::text AS "_k0", (t.id)::text AS "_k1"
         FROM tickets t WHERE true AND t.status = ANY($1::text[])
        ORDER BY t.updated_at DESC, t.id DESC
        LIMIT $2`;
const distinct = (values) => [...new Set(values.filter(Boolean))];
const byId = (rows) => new Map(rows.map((row) => [row.id, row]));
const iso = (value) => (value == null ? null : new Date(value).toISOString());

app.get('/inbox', async (request, reply) => {
  const session = await resolveSession(request.cookies.kefu_session);
  if (!session || session.user.role === 'customer') {
    reply.code(403);
    return { errors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }] };
  }
  const first = Math.min(100, Math.max(1, Number(request.query.first ?? 25) || 25));
  const page = (await pool.query(INBOX_PAGE_SQL, [UNSOLVED, first + 1])).rows;
  const tickets = page.slice(0, first);
  const ids = tickets.map((ticket) => ticket.id);
  // The page's statements leave together on one connection, as Kefu's do (database/pipelined-statements.ts),
  // so the comparison measures the GraphQL stack, not a difference in transport.
  const db = new PipelinedStatements(pool);
  const [prefix, customers, users, teams, tags, types, lastMessages] = await Promise.all([
    db.query(SETTING_BY_KEY, ['tickets.numberPrefix']),
    db.query(CUSTOMERS_WITH_ORGANIZATIONS, [distinct(tickets.map((t) => t.requesterId))]),
    db.query(USERS_BY_IDS, [distinct(tickets.map((t) => t.assigneeId))]),
    db.query(TEAMS_BY_IDS, [distinct(tickets.map((t) => t.teamId))]),
    db.query(TAGS_OF_TICKETS, [ids]),
    db.query(TICKET_TYPES_BY_IDS, [distinct(tickets.map((t) => t.typeId))]),
    db.query(LAST_MESSAGES_OF_TICKETS, [ids, ['reply', 'note']]),
  ]);
  const customerById = byId(customers.rows);
  const organizations = new Map(customers.rows.filter((c) => c.org_id).map((c) => [c.org_id, { id: c.org_id, name: c.org_name }]));
  const userById = byId(users.rows);
  const teamById = byId(teams.rows);
  const typeById = byId(types.rows);
  const lastByTicket = new Map(lastMessages.rows.map((row) => [row.ticketId, row]));
  const tagsByTicket = new Map();
  for (const row of tags.rows) tagsByTicket.set(row.ticketId, [...(tagsByTicket.get(row.ticketId) ?? []), { name: row.name }]);
  const numberPrefix = prefix.rows[0]?.value ?? '#';
  const nodes = tickets.map((t) => {
    const requester = customerById.get(t.requesterId);
    const message = lastByTicket.get(t.id);
    const assignee = t.assigneeId ? userById.get(t.assigneeId) : null;
    const team = t.teamId ? teamById.get(t.teamId) : null;
    const type = t.typeId ? typeById.get(t.typeId) : null;
    const organization = requester.organizationId ? organizations.get(requester.organizationId) : null;
    return {
      id: t.id,
      reference: `${numberPrefix}${t.number}`,
      subject: t.subject,
      status: t.status,
      priority: t.priority,
      dueAt: iso(t.dueAt),
      updatedAt: iso(t.updatedAt),
      requester: { id: requester.id, name: requester.name, tier: requester.tier, organization: organization ? { name: organization.name } : null },
      assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
      team: team ? { id: team.id, name: team.name } : null,
      tags: tagsByTicket.get(t.id) ?? [],
      type: type ? { name: type.name } : null,
      lastMessage: message
        ? {
            kind: message.kind,
            text: message.text,
            createdAt: iso(message.createdAt),
            author: message.authorUserId && message.authorUserRole !== 'customer'
              ? { kind: 'agent', name: message.authorUserName }
              : { kind: 'customer', name: message.authorCustomerName ?? message.authorUserName },
          }
        : null,
    };
  });
  const last = tickets.at(-1);
  const endCursor = last ? Buffer.from(JSON.stringify([last._k0, last._k1])).toString('base64url') : null;
  return { data: { tickets: { nodes, pageInfo: { hasNextPage: page.length > first, endCursor } } } };
});

const shutdown = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

await app.listen({ host, port });
