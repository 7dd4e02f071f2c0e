// One autocannon run against an HTTP endpoint, with p50/p95/p99 computed from
// every response time (autocannon's own histogram has no p95).
import autocannon from 'autocannon';

/**
 * `scenario`: { id, label, query, api, url, method, headers, body }.
 * `settings`: { connections, duration, warmup } (seconds), optionally
 * `connectionRate`: requests per second per connection (paced clients instead
 * of back-to-back requests).
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
    ...(settings.connectionRate ? { connectionRate: settings.connectionRate } : {}),
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
  const sorted = latencies.subarray(0, count).sort();
  const at = (p) => (count ? sorted[Math.min(count - 1, Math.ceil((p / 100) * count) - 1)] : null);
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    id: scenario.id,
    label: scenario.label,
    query: scenario.query,
    api: scenario.api,
    reqPerSec: result.requests.average,
    requests: result.requests.total,
    bytesPerSec: result.throughput.average,
    latency: { mean: count ? sum / count : null, p50: at(50), p95: at(95), p99: at(99), max: count ? sorted[count - 1] : null },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
  };
}
