#!/usr/bin/env node
// `npm test`: the whole suite — server, plugin and web tests (vitest, real
// PostgreSQL), then a production build of the SPA and the real-browser journey.
// Extra arguments go to vitest (e.g. `npm test -- server/test/auth.test.ts` skips the browser step).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const run = (command, commandArgs) => {
  console.log(`\n$ ${command} ${commandArgs.join(' ')}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run('npx', ['vitest', 'run', ...args]);
if (args.length === 0) {
  run('npm', ['run', 'build']);
  run('node', ['scripts/browser-test.mjs']);
}
