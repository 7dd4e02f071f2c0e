/**
 * Shared pieces of the real-browser journeys: the Kefu server under test
 * (embedded PostgreSQL in a temporary DATA_DIR, free ports), Chromium from
 * Debian through playwright-core, and small step/expectation helpers.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const webDist = join(repoDir, 'web/dist');
export const STEP_TIMEOUT_MS = 15_000;
const READY_TIMEOUT_MS = 60_000;

/** The first administrator, created through the setup screen by the first journey. */
export const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery staple' };

/** A port the OS just handed out; closed again so the server can take it. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

export function startServer({ port, pgPort, dataDir }) {
  const child = spawn(process.execPath, ['server/src/main.ts'], {
    cwd: repoDir,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      WEB_DIST: webDist,
    },
    // Own process group, so a SIGKILL fallback also reaches embedded PostgreSQL.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = [];
  const keep = (chunk) => {
    log.push(...chunk.toString().split('\n').filter(Boolean));
    log.splice(0, Math.max(0, log.length - 200));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolveExit) => child.on('exit', (code, signal) => resolveExit({ code, signal })));
  return { child, log, exited };
}

export async function waitForReady(baseUrl, server) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exit = null;
  void server.exited.then((value) => (exit = value));
  while (Date.now() < deadline) {
    if (exit) throw new Error(`server exited before it was ready (code ${exit.code}, signal ${exit.signal})`);
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
  throw new Error(`GET /readyz did not return 200 within ${READY_TIMEOUT_MS / 1000} s`);
}

export async function stopServer(server) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const timeout = new Promise((resolveTimeout) => setTimeout(() => resolveTimeout('timeout'), 10_000));
  if ((await Promise.race([server.exited, timeout])) === 'timeout') {
    try {
      process.kill(-server.child.pid, 'SIGKILL');
    } catch {
      server.child.kill('SIGKILL');
    }
    await server.exited;
  }
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A page whose script errors and console errors (CSP violations, failed
 * requests) are collected; the runner fails the journey when any remain.
 */
export async function openPage(context, problems, label = 'page') {
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (error) => problems.push(`${label}: page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${label}: console error: ${message.text()}`);
  });
  return page;
}

/** Each step is named so a failure says where the journey broke. */
export async function step(name, action) {
  const started = Date.now();
  try {
    await action();
  } catch (error) {
    throw new Error(`step "${name}": ${error.message}`, { cause: error });
  }
  console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
}

export async function expectUrl(page, pathname) {
  await page.waitForURL((url) => url.pathname === pathname, { timeout: STEP_TIMEOUT_MS });
}

export async function expectHeading(page, name) {
  await page.getByRole('heading', { name, exact: true }).waitFor({ timeout: STEP_TIMEOUT_MS });
}

/**
 * A GraphQL client for arranging data through the real API (signed in with
 * cookies and the CSRF header like the SPA), so journeys spend browser time
 * only on what they test.
 */
export async function apiSession(baseUrl, email, password) {
  let cookies = '';
  let csrf = '';
  const call = async (query, variables = {}) => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kefu-csrf': csrf || 'signed-out', cookie: cookies },
      body: JSON.stringify({ query, variables }),
    });
    const setCookies = response.headers.getSetCookie();
    if (setCookies.length) {
      const jar = new Map(cookies.split('; ').filter(Boolean).map((pair) => pair.split(/=(.*)/s).slice(0, 2)));
      for (const line of setCookies) {
        const [pair] = line.split(';');
        const [key, value] = pair.split(/=(.*)/s);
        jar.set(key, value);
      }
      cookies = [...jar].map(([key, value]) => `${key}=${value}`).join('; ');
    }
    const body = await response.json();
    if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((error) => error.message).join('; ')}`);
    return body.data;
  };
  const login = await call('mutation ($input: LoginInput!) { login(input: $input) { csrfToken } }', { input: { email, password } });
  csrf = login.login.csrfToken;
  return call;
}
