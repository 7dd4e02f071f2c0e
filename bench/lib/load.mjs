// One autocannon run against an HTTP endpoint, with p50/p95/p99 computed from
// every response time (autocannon's own histogram has no p95).
import autocannon from 'autocannon';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * `scenario`: { id, label, query, api, url, method, headers, body }.
 * `settings`: { connections, duration, warmup } (seconds).
 * The first response is fetched once as a probe; every later response must
 * have the same body, or it counts as a mismatch.
 */
export async function load(scenario, settings) {
  const probe = await fetch(scenario.url, { method: scenario.method, headers: scenario.headers, body: scenario.body });
  const expectBody = await probe.text();
  const parsed = JSON.parse(expectBody);
  if (probe.status !== 200 || parsed.errors || !parsed.data) throw new Error(`${scenario.label}: probe answered ${probe.status} ${expectBody.slice(0, 500)}`);

  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const instance = autocannon({
    url: scenario.url,
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
    expectBody: scenario.expectSameBody === false ? undefined : expectBody,
    connections: settings.connections,
    duration: settings.duration,
    warmup: { connections: settings.connections, duration: settings.warmup },
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => {
    if (count === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[count++] = responseTime;
  });
  const result = await instance;
  return summarize(scenario, latencies.subarray(0, count), {
    reqPerSec: result.requests.average,
    requests: result.requests.total,
    bytesPerSec: result.throughput.average,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
  });
}

/**
 * `settings.connections` clients that each send one request at a time at
 * `rate` requests per second on average, with exponential (Poisson) gaps and
 * random start times — people working, not a synchronized burst every second
 * (autocannon's connectionRate fires all connections in lockstep). Latency at
 * a load the server can serve, where back-to-back runs measure throughput.
 */
export async function paced(scenario, settings, rate) {
  const latencies = [];
  let errors = 0;
  const run = async (seconds, record) => {
    const deadline = performance.now() + seconds * 1000;
    const gap = () => -Math.log(1 - Math.random()) * (1000 / rate);
    await Promise.all(
      Array.from({ length: settings.connections }, async () => {
        await sleep(Math.random() * (1000 / rate));
        while (performance.now() < deadline) {
          const started = performance.now();
          const response = await fetch(scenario.url, { method: scenario.method, headers: scenario.headers, body: scenario.body });
          const text = await response.text();
          if (response.status !== 200 || text.includes('"errors"')) errors++;
          const elapsed = performance.now() - started;
          record?.(elapsed);
          // Never past the deadline: an agent's last think time (exponential, sometimes seconds) is not part of the run.
          await sleep(Math.max(0, Math.min(gap() - elapsed, deadline - performance.now())));
        }
      }),
    );
  };
  await run(settings.warmup);
  await run(settings.duration, (ms) => latencies.push(ms));
  // The offered window: requests still in flight at the deadline finish after it and are counted in it.
  const seconds = settings.duration;
  return summarize(scenario, Float64Array.from(latencies), { reqPerSec: latencies.length / seconds, requests: latencies.length, non2xx: 0, errors, timeouts: 0, mismatches: 0 });
}

function summarize(scenario, values, totals) {
  const count = values.length;
  const sorted = values.sort();
  const at = (p) => (count ? sorted[Math.min(count - 1, Math.ceil((p / 100) * count) - 1)] : null);
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    id: scenario.id,
    label: scenario.label,
    query: scenario.query,
    api: scenario.api,
    ...totals,
    latency: { mean: count ? sum / count : null, p50: at(50), p95: at(95), p99: at(99), max: count ? sorted[count - 1] : null },
  };
}
