// The floor Kefu's GraphQL API is compared against: plain fastify + a pg Pool
// on the same database, doing the same work per request as Kefu does — resolve
// the session cookie with the same SQL, check it the same way, run the same
// users SQL — and answering with JSON of the same shape. No GraphQL, no ORM,
// no helmet, no logging.
//
//   DATABASE_URL=postgres://… PORT=4000 node bench/raw-baseline.mjs
//
// GET /healthz, GET /me, GET /users?limit=25 (admins only).
import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { createHash } from 'node:crypto';
import pg from 'pg';

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

const shutdown = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

await app.listen({ host, port });
