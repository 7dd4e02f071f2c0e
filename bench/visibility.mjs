// How the ticket visibility rule's SQL scales with who is looking. For each
// viewer it times the inbox page statement ("All unsolved", 25 by last
// update) and the view-count statement (every built-in view in one), as
// TicketQueries builds them, against a seeded database:
//   - an admin, who sees everything: the baseline in the same run;
//   - an agent of one team (in bench:inbox's data, 200,000 tickets);
//   - an agent in no team, who sees what is assigned to them;
//   - an agent who sees nothing (no team, nothing assigned or followed) —
//     where a condition the planner cannot serve from an index reads every
//     ticket to return none.
//
//   DATABASE_URL=postgres://… node bench/visibility.mjs
//
// The database is one bench:inbox seeded (BENCH_DATA_DIR keeps it; start its
// PostgreSQL, or point at a server holding the same data). Nothing is written.
// BENCH_RUNS (default 30) timed runs of each statement per viewer, after 3
// unmeasured; prints p50 / p95 / max in ms.
import pino from 'pino';
import { createOrm } from '../server/src/database/orm.ts';
import { sql } from '../server/src/database/sql.ts';
import { TicketQueries } from '../server/src/tickets/ticket-queries.service.ts';
import { BUILT_IN_VIEWS } from '../server/src/tickets/ticket-views.service.ts';
import { computeScope } from '../server/src/tickets/visibility.ts';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is required (a database seeded by bench:inbox)');
  process.exit(78);
}
const runs = Number(process.env.BENCH_RUNS ?? 30);
const orm = await createOrm({ url: databaseUrl, poolMax: 2, logger: pino({ level: 'silent' }) });
try {
  const em = orm.em.fork();
  const one = async (text) => (await sql(em, text))[0];
  const tickets = (await one('SELECT count(*)::int AS n FROM tickets')).n;
  const admin = await one(`SELECT id FROM users WHERE role = 'admin' LIMIT 1`);
  const member = await one(`SELECT m.user_id AS id FROM team_members m JOIN users u ON u.id = m.user_id WHERE u.role = 'agent' LIMIT 1`);
  const assignee = await one(`SELECT t.assignee_id AS id FROM tickets t JOIN users u ON u.id = t.assignee_id
                               WHERE u.role = 'agent' AND NOT EXISTS (SELECT 1 FROM team_members m WHERE m.user_id = u.id) LIMIT 1`);
  const viewers = [
    { label: 'admin (sees all)', viewer: admin && { id: admin.id, role: 'admin' } },
    { label: 'agent of one team', viewer: member && { id: member.id, role: 'agent' } },
    // bench:inbox's agents are all in teams: one of them without their teams, seeing what is assigned to them.
    { label: 'agent, assigned only', viewer: (assignee ?? member) && { id: (assignee ?? member).id, role: 'agent' }, noTeams: true },
    { label: 'agent who sees nothing', viewer: { id: '00000000-0000-4000-8000-000000000000', role: 'agent' } },
  ].filter((entry) => entry.viewer);

  const queries = new TicketQueries({ views: () => null });
  const allUnsolved = BUILT_IN_VIEWS.find((view) => view.id === 'all');
  const time = async (work) => {
    for (let i = 0; i < 3; i++) await work();
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await work();
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    const at = (p) => samples[Math.min(samples.length - 1, Math.ceil((p / 100) * samples.length) - 1)];
    return `${at(50).toFixed(2).padStart(8)} ${at(95).toFixed(2).padStart(8)} ${samples.at(-1).toFixed(2).padStart(8)}`;
  };

  console.log(`ticket visibility by viewer — ${new Date().toISOString()}`);
  console.log(`  ${tickets.toLocaleString('en')} tickets; ${runs} runs each; ms p50 / p95 / max; node ${process.version}\n`);
  console.log(`  viewer                       inbox page (25)              view counts (${BUILT_IN_VIEWS.length} views)`);
  for (const { label, viewer, noTeams } of viewers) {
    const computed = await computeScope(em, viewer);
    const scope = noTeams ? { ...computed, teamIds: [] } : computed;
    const page = await time(() => queries.page(em, scope, [allUnsolved.filter], allUnsolved.sort, 25, null));
    const counts = await time(() => queries.countEach(em, scope, BUILT_IN_VIEWS.map((view) => view.filter)));
    console.log(`  ${label.padEnd(26)} ${page}   ${counts}`);
  }
} finally {
  await orm.close();
}
