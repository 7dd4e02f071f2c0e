// Bulk generator of help-desk data for benchmarks: teams, agents, customers,
// organizations, tags, tickets, one conversation per ticket and N messages
// each — all inside PostgreSQL (generate_series), so a million tickets do not
// cross the wire one by one.
//
//   DATABASE_URL=postgres://… node bench/seed-tickets.mjs [tickets=1000000] [messagesPerTicket=5]
//
// The database must be migrated (start Kefu once). Existing rows are kept;
// run it on a fresh database. Indexes that only serve search are dropped
// during the load and rebuilt after (much faster than maintaining them row by
// row). Roughly 1/8 of the tickets are unsolved (new/open/pending/on hold),
// like a help desk that keeps its history.
import pg from 'pg';
import { pathToFileURL } from 'node:url';

const log = (message) => process.stderr.write(`[seed] ${message}\n`);

/** Rebuilt after the load; created by the tickets migration. */
const DEFERRED_INDEXES = {
  tickets_search_idx: 'CREATE INDEX tickets_search_idx ON tickets USING gin (search_vector)',
  messages_search_idx: 'CREATE INDEX messages_search_idx ON messages USING gin (search_vector)',
  messages_ticket_public_idx: `CREATE INDEX messages_ticket_public_idx ON messages (ticket_id, seq) WHERE kind = 'reply'`,
  ticket_events_ticket_idx: 'CREATE INDEX ticket_events_ticket_idx ON ticket_events (ticket_id, id)',
};

export async function seedTickets(client, { tickets = 1_000_000, messagesPerTicket = 5, agentsPerTeam = 5, teams = 5, passwordHash = null } = {}) {
  const started = performance.now();
  const step = async (label, sql, params = []) => {
    const at = performance.now();
    const result = await client.query(sql, params);
    log(`${label}: ${result.rowCount ?? ''} rows in ${((performance.now() - at) / 1000).toFixed(1)} s`);
    return result;
  };
  const customers = Math.max(10, Math.floor(tickets / 5));
  await client.query(`SET maintenance_work_mem = '256MB'`);
  await client.query('SET synchronous_commit = off');
  for (const name of Object.keys(DEFERRED_INDEXES)) await client.query(`DROP INDEX IF EXISTS ${name}`);

  await step('teams', `INSERT INTO teams (id, name) SELECT gen_random_uuid(), 'Bench team ' || i FROM generate_series(1, $1::int) i`, [teams]);
  await step(
    'agents',
    `INSERT INTO users (id, email, name, role, password_hash)
     SELECT gen_random_uuid(), 'bench-agent-' || i || '@example.com', 'Agent ' || i, 'agent', $2 FROM generate_series(1, $1::int) i`,
    [teams * agentsPerTeam, passwordHash],
  );
  await step(
    'team members',
    `INSERT INTO team_members (team_id, user_id)
     SELECT t.id, u.id FROM (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM teams WHERE name LIKE 'Bench team %') t
       JOIN (SELECT id, row_number() OVER (ORDER BY email) - 1 AS n FROM users WHERE email LIKE 'bench-agent-%') u ON u.n % $1 = t.n`,
    [teams],
  );
  await step(
    'organizations',
    `INSERT INTO organizations (id, name, domains, tier)
     SELECT gen_random_uuid(), 'Org ' || i, ARRAY['org' || i || '.example'], CASE WHEN i % 10 = 0 THEN 'vip' ELSE 'standard' END
       FROM generate_series(1, $1::int) i`,
    [Math.max(1, Math.floor(customers / 50))],
  );
  await step(
    'customers',
    `WITH orgs AS (SELECT array_agg(id ORDER BY name) AS ids FROM organizations)
     INSERT INTO customers (id, name, emails, tier, organization_id, created_at)
     SELECT gen_random_uuid(), 'Customer ' || i, ARRAY['customer' || i || '@example.com'],
            CASE WHEN i % 20 = 0 THEN 'vip' ELSE 'standard' END,
            CASE WHEN i % 3 = 0 THEN orgs.ids[1 + i % array_length(orgs.ids, 1)] END,
            now() - make_interval(mins => i)
       FROM generate_series(1, $1::int) i, orgs`,
    [customers],
  );
  await step('tags', `INSERT INTO tags (id, name) SELECT gen_random_uuid(), 'tag-' || i FROM generate_series(1, 30) i ON CONFLICT DO NOTHING`);
  await client.query(`CREATE TEMP TABLE seed_customers AS SELECT row_number() OVER () - 1 AS n, id, organization_id FROM customers`);
  await client.query(`CREATE UNIQUE INDEX ON seed_customers (n)`);
  const base = Number((await client.query(`SELECT coalesce(max(number), 0) AS n FROM tickets`)).rows[0].n);
  await step(
    'tickets',
    `WITH agents AS (SELECT array_agg(id ORDER BY email) AS ids FROM users WHERE email LIKE 'bench-agent-%'),
          team_ids AS (SELECT array_agg(id ORDER BY name) AS ids FROM teams),
          type_ids AS (SELECT array_agg(id ORDER BY position) AS ids FROM ticket_types),
          customer_count AS (SELECT count(*) AS n FROM seed_customers)
     INSERT INTO tickets (id, number, subject, status, priority, type_id, requester_id, organization_id, assignee_id, team_id,
                          due_at, channel, created_at, updated_at, solved_at, closed_at, search_vector)
     SELECT gen_random_uuid(), $2::bigint + i, s.subject,
            s.status,
            (ARRAY['low', 'normal', 'normal', 'normal', 'high', 'urgent'])[1 + i % 6],
            type_ids.ids[1 + i % array_length(type_ids.ids, 1)],
            c.id, c.organization_id,
            CASE WHEN i % 4 = 0 THEN NULL ELSE agents.ids[1 + i % array_length(agents.ids, 1)] END,
            team_ids.ids[1 + i % array_length(team_ids.ids, 1)],
            CASE WHEN i % 7 = 0 THEN now() + make_interval(hours => i % 500) END,
            (ARRAY['email', 'web', 'portal', 'agent'])[1 + i % 4],
            now() - make_interval(secs => i * 10), now() - make_interval(secs => i * 5),
            CASE WHEN s.status IN ('solved', 'closed') THEN now() - make_interval(secs => i * 5) END,
            CASE WHEN s.status = 'closed' THEN now() - make_interval(secs => i * 5) END,
            to_tsvector('simple', s.subject)
       FROM generate_series(1, $1::int) i
       CROSS JOIN agents CROSS JOIN team_ids CROSS JOIN type_ids CROSS JOIN customer_count
       JOIN seed_customers c ON c.n = i % customer_count.n
       CROSS JOIN LATERAL (SELECT
            (ARRAY['refund not received', 'order ' || i || ' delayed', 'cannot sign in', 'invoice question', 'app crashes on start',
                   '退款 没有 到账', '订单 ' || i || ' 物流 延迟', '无法 登录'])[1 + i % 8] AS subject,
            (ARRAY['new', 'open', 'pending', 'on_hold', 'solved', 'solved', 'solved', 'solved',
                   'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed',
                   'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed',
                   'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed'])[1 + (i * 7) % 32] AS status) s`,
    [tickets, base],
  );
  await client.query(`SELECT setval('ticket_number_seq', (SELECT max(number) FROM tickets))`);
  await step(
    'ticket tags',
    `WITH tag_ids AS (SELECT array_agg(id ORDER BY name) AS ids FROM tags)
     INSERT INTO ticket_tags (ticket_id, tag_id)
     SELECT t.id, tag_ids.ids[1 + (t.number % 30)::int] FROM tickets t, tag_ids WHERE t.number > $1
     UNION ALL
     SELECT t.id, tag_ids.ids[1 + ((t.number * 7 + 3) % 30)::int] FROM tickets t, tag_ids WHERE t.number > $1 AND t.number % 2 = 0 AND (t.number * 7 + 3) % 30 <> t.number % 30`,
    [base],
  );
  await step(
    'conversations',
    `INSERT INTO conversations (id, ticket_id, customer_id, channel, subject, assignee_id, team_id, created_at, updated_at)
     SELECT t.id, t.id, t.requester_id, t.channel, t.subject, t.assignee_id, t.team_id, t.created_at, t.updated_at FROM tickets t WHERE t.number > $1`,
    [base],
  );
  await step(
    'messages',
    `INSERT INTO messages (id, conversation_id, ticket_id, kind, author_user_id, author_customer_id, body, html, text, created_at, search_vector)
     SELECT gen_random_uuid(), t.id, t.id,
            CASE WHEN k = 3 THEN 'note' ELSE 'reply' END,
            CASE WHEN k % 2 = 0 THEN t.assignee_id END,
            CASE WHEN k % 2 = 1 THEN t.requester_id END,
            NULL, '<p>' || m.text || '</p>', m.text,
            t.created_at + make_interval(secs => k * (extract(epoch FROM t.updated_at - t.created_at)::int / $2)),
            to_tsvector('simple', m.text)
       FROM tickets t CROSS JOIN generate_series(1, $2::int) k
       CROSS JOIN LATERAL (SELECT CASE WHEN k % 2 = 1
            THEN (ARRAY['Hello, I still have not received my refund', '你好，我的订单 还 没有 到', 'The app crashes when I open it'])[1 + (t.number % 3)::int] || ' #' || k
            ELSE (ARRAY['Thanks, we are looking into it', '我们 正在 处理 您的 问题', 'Could you send a screenshot?'])[1 + (t.number % 3)::int] || ' #' || k END AS text) m
      WHERE t.number > $1
      ORDER BY t.number, k`,
    [base, messagesPerTicket],
  );
  for (const [name, sql] of Object.entries(DEFERRED_INDEXES)) await step(`index ${name}`, sql);
  await step('analyze', 'ANALYZE');
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error('DATABASE_URL is required');
    process.exit(78);
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await seedTickets(client, { tickets: Number(process.argv[2] ?? 1_000_000), messagesPerTicket: Number(process.argv[3] ?? 5) });
  } finally {
    await client.end();
  }
}
