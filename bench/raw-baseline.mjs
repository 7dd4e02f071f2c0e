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
// The column lists Kefu itself selects, so both sides send the same SQL text.
import { CUSTOMERS_WITH_ORGANIZATIONS_SQL } from '../server/src/customers/customers.service.ts';
import { MESSAGE_JOINS, MESSAGE_SUMMARY_SELECT } from '../server/src/conversations/conversation-rows.ts';
import { TICKET_SELECT } from '../server/src/tickets/ticket-row.ts';
import { USER_SELECT } from '../server/src/users/user.loader.ts';
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

// The statements MikroORM issues for SessionService.resolve (populate: ['user'])
// and UsersService.list (findAndCount), with bind parameters instead of inlined values.
const SESSION_SQL = `select "s0".*, "u1"."id" as "u1__id", "u1"."email" as "u1__email", "u1"."name" as "u1__name", "u1"."role" as "u1__role", "u1"."locale" as "u1__locale", "u1"."time_zone" as "u1__time_zone", "u1"."active" as "u1__active", "u1"."password_changed_at" as "u1__password_changed_at", "u1"."created_at" as "u1__created_at", "u1"."updated_at" as "u1__updated_at" from "sessions" as "s0" inner join "users" as "u1" on "s0"."user_id" = "u1"."id" where "s0"."token_hash" = $1 limit 1`;
const TOUCH_SQL = `update "sessions" set "last_seen_at" = $1 where "id" = $2`;
const USERS_COUNT_SQL = `select count(*) as "count" from "users" as "u0"`;
const USERS_PAGE_SQL = `select "u0"."id", "u0"."email", "u0"."name", "u0"."role", "u0"."locale", "u0"."time_zone", "u0"."active", "u0"."password_changed_at", "u0"."created_at", "u0"."updated_at" from "users" as "u0" order by "u0"."created_at" desc, "u0"."id" asc limit $1 offset $2`;

const hashToken = (token) => createHash('sha256').update(token).digest('hex');

/** Same checks as Kefu's SessionService.resolve. */
async function resolveSession(token) {
  if (!token || token.length > 128) return null;
  const { rows } = await pool.query(SESSION_SQL, [hashToken(token)]);
  const row = rows[0];
  if (!row || row.revoked_at) return null;
  const now = Date.now();
  const lastSeen = row.last_seen_at.getTime();
  if (row.expires_at.getTime() <= now || lastSeen + idleHours * 3_600_000 <= now) return null;
  if (!row.u1__active) return null;
  if (now - lastSeen > TOUCH_INTERVAL_MS) await pool.query(TOUCH_SQL, [new Date(now), row.id]);
  return {
    csrfToken: row.csrf_token,
    user: { id: row.u1__id, email: row.u1__email, name: row.u1__name, role: row.u1__role },
  };
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
    db.query('SELECT value FROM settings WHERE key = $1', ['tickets.numberPrefix']),
    db.query(CUSTOMERS_WITH_ORGANIZATIONS_SQL, [distinct(tickets.map((t) => t.requesterId))]),
    db.query(`SELECT ${USER_SELECT} FROM users u WHERE u.id = ANY($1::uuid[])`, [distinct(tickets.map((t) => t.assigneeId))]),
    db.query(`SELECT t.id, t.name, t.description, t.created_at AS "createdAt" FROM teams t WHERE t.id = ANY($1::uuid[])`, [distinct(tickets.map((t) => t.teamId))]),
    db.query(
      `SELECT tt.ticket_id AS "ticketId", g.id, g.name::text FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id
        WHERE tt.ticket_id = ANY($1::uuid[]) ORDER BY g.name`,
      [ids],
    ),
    db.query(`SELECT id, key, name, active, position FROM ticket_types WHERE id = ANY($1::uuid[])`, [distinct(tickets.map((t) => t.typeId))]),
    db.query(
      `SELECT DISTINCT ON (m.ticket_id) ${MESSAGE_SUMMARY_SELECT} FROM messages m ${MESSAGE_JOINS}
        WHERE m.ticket_id = ANY($1::uuid[]) AND m.kind = ANY($2::text[]) ORDER BY m.ticket_id, m.seq DESC`,
      [ids, ['reply', 'note']],
    ),
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
