// Plain-text table of a bench result (the same object written to results/latest.json).

const mib = (kb) => (kb == null ? '—' : (kb / 1024).toFixed(1));
const ms = (value) => (value == null ? '—' : value < 10 ? value.toFixed(2) : value.toFixed(1));
const ratio = (value) => (value == null || !Number.isFinite(value) ? '—' : `${value.toFixed(2)}×`);
const int = (value) => Math.round(value).toLocaleString('en-US');

function table(headers, rows, align) {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) =>
    cells.map((cell, i) => (align[i] === 'r' ? String(cell).padStart(widths[i]) : String(cell).padEnd(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].map((row) => `  ${row}`).join('\n');
}

export function formatReport(result) {
  const { environment: env, settings, startup, memory, scenarios, ratios } = result;
  const out = [];
  out.push(`Kefu bench — ${result.finishedAt}`);
  out.push(`  node ${env.node}, ${env.platform}, ${env.cpus} × ${env.cpuModel}, ${mib(env.totalMemKb)} MiB RAM`);
  out.push(
    `  load: ${settings.connections} connections, ${settings.duration} s per scenario after ${settings.warmup} s warm-up; ` +
      `${settings.seededUsers + 1} users in the database; client, server and PostgreSQL share this machine`,
  );
  out.push('');
  out.push('Start-up (spawn → GET /readyz 200)');
  out.push(
    table(
      ['run', 'ms'],
      [
        ['cold start: initdb + migrations', int(startup.coldStartMs)],
        ['warm start: existing DATA_DIR', int(startup.warmStartMs)],
        ['stop: SIGTERM → exit (embedded PostgreSQL stopped)', int(startup.stopMs)],
      ],
      ['l', 'r'],
    ),
  );
  out.push('');
  out.push('Memory (MiB)');
  const pg = (m) => (m ? `${mib(m.pssKb ?? m.rssKb)} (${m.processes} procs)` : '—');
  out.push(
    table(
      ['process', 'idle, cold boot', 'idle, warm boot', 'after load', 'peak RSS'],
      [
        ['Kefu server (RSS)', mib(memory.kefu.idleCold.rssKb), mib(memory.kefu.idleWarm.rssKb), mib(memory.kefu.afterLoad.rssKb), mib(memory.kefu.afterLoad.hwmKb)],
        ['embedded PostgreSQL (PSS sum)', pg(memory.postgres.idleCold), pg(memory.postgres.idleWarm), pg(memory.postgres.afterLoad), '—'],
        ['raw fastify + pg baseline (RSS)', '—', mib(memory.raw.idle.rssKb), mib(memory.raw.afterLoad.rssKb), mib(memory.raw.afterLoad.hwmKb)],
      ],
      ['l', 'r', 'r', 'r', 'r'],
    ),
  );
  out.push('');
  out.push('Throughput and latency');
  out.push(
    table(
      ['scenario', 'req/s', 'requests', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors', 'mismatches'],
      scenarios.map((s) => [
        s.label,
        int(s.reqPerSec),
        int(s.requests),
        ms(s.latency.p50),
        ms(s.latency.p95),
        ms(s.latency.p99),
        ms(s.latency.max),
        s.non2xx,
        s.errors,
        s.mismatches,
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  out.push('');
  out.push('GraphQL ÷ raw (req/s below 1× = slower than raw; latency above 1× = slower than raw)');
  out.push(
    table(
      ['query', 'req/s', 'p50', 'p95', 'p99'],
      ratios.map((r) => [r.query, ratio(r.reqPerSec), ratio(r.p50), ratio(r.p95), ratio(r.p99)]),
      ['l', 'r', 'r', 'r', 'r'],
    ),
  );
  return out.join('\n');
}
