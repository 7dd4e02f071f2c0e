#!/usr/bin/env node
/**
 * Real-browser journey against the real server: first-run setup, language
 * switch that survives a reload, sign out, sign in again, sign out.
 *
 *   npm run build && node scripts/browser-test.mjs
 *
 * Builds nothing: it serves the existing web/dist through `node server/src/main.ts`
 * (embedded PostgreSQL in a fresh temporary DATA_DIR, free ports), drives
 * Debian's /usr/bin/chromium with playwright-core, and always stops both.
 * Prints `browser: N passed, M failed` last; exits 1 on failure.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/* global document -- used inside page.evaluate(), which runs in the browser */

const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const webDist = join(repoDir, 'web/dist');
const FAILURE_SCREENSHOT = '/tmp/kefu-browser-failure.png';
const READY_TIMEOUT_MS = 60_000;
const STEP_TIMEOUT_MS = 15_000;

const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery staple' };

/** A port the OS just handed out; closed again so the server can take it. */
function freePort() {
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

function startServer({ port, pgPort, dataDir }) {
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

async function waitForReady(baseUrl, server) {
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

async function stopServer(server) {
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

/** Each step is named so a failure says where the journey broke. */
async function step(name, action) {
  const started = Date.now();
  try {
    await action();
  } catch (error) {
    throw new Error(`step "${name}": ${error.message}`, { cause: error });
  }
  console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
}

async function expectUrl(page, pathname) {
  await page.waitForURL((url) => url.pathname === pathname, { timeout: STEP_TIMEOUT_MS });
}

async function expectHeading(page, name) {
  await page.getByRole('heading', { name, exact: true }).waitFor({ timeout: STEP_TIMEOUT_MS });
}

async function journey(page, baseUrl) {
  await step('a fresh instance sends / to /setup', async () => {
    await page.goto(`${baseUrl}/`);
    await expectUrl(page, '/setup');
    await expectHeading(page, 'Welcome to Kefu');
  });

  await step('create the first admin and land signed in in the admin area', async () => {
    // Labels are real <label for> elements: find inputs by their accessible names.
    await page.getByLabel('Name').fill(ADMIN.name);
    await page.getByLabel('Email').fill(ADMIN.email);
    // Naive UI appends " *" to required fields' labels, hence the patterns.
    await page.getByLabel(/^Password/).fill(ADMIN.password);
    await page.getByLabel('Confirm password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await expectUrl(page, '/admin/users');
    await expectHeading(page, 'Users');
    await page.getByRole('cell', { name: ADMIN.email }).waitFor({ timeout: STEP_TIMEOUT_MS });
  });

  await step('switch to 简体中文; it survives a reload', async () => {
    await page.getByLabel('Language').selectOption({ label: '简体中文' });
    await expectHeading(page, '用户');
    // Wait for the profile update before reloading, or the reload could race it.
    await page.waitForFunction(() => localStorage.getItem('kefu.locale') === 'zh-CN');
    await page.waitForLoadState('networkidle');
    await page.reload();
    await expectHeading(page, '用户');
    const lang = await page.evaluate(() => document.documentElement.lang);
    if (lang !== 'zh-CN') throw new Error(`<html lang> is "${lang}", expected "zh-CN"`);
  });

  await step('sign out', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await expectUrl(page, '/login');
    await expectHeading(page, '登录 Kefu 客服');
  });

  await step('sign in again; the language saved in the profile wins', async () => {
    // Pretend this browser prefers English: the profile (saved by the switch above) must win.
    await page.evaluate(() => localStorage.setItem('kefu.locale', 'en'));
    await page.reload();
    await expectHeading(page, 'Sign in to Kefu');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel(/^Password/).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectUrl(page, '/admin/users');
    await expectHeading(page, '用户');
  });

  await step('sign out again', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await expectUrl(page, '/login');
    // Signed out for real: the admin area asks to sign in again.
    await page.goto(`${baseUrl}/admin/users`);
    await expectUrl(page, '/login');
  });
}

async function main() {
  if (!existsSync(join(webDist, 'index.html'))) {
    throw new Error('web/dist/index.html is missing: run `npm run build` first.');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-browser-'));
  const [port, pgPort] = [await freePort(), await freePort()];
  const baseUrl = `http://127.0.0.1:${port}`;
  let server;
  let browser;
  let page;
  const pageProblems = [];
  // Ctrl-C must not leave a server (and its PostgreSQL) running: stop it, then exit.
  const interrupt = async (signal) => {
    await browser?.close().catch(() => {});
    if (server) await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    server = startServer({ port, pgPort, dataDir });
    await waitForReady(baseUrl, server);
    console.log(`server ready at ${baseUrl}`);

    browser = await chromium.launch({
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
    const context = await browser.newContext({ locale: 'en-US' });
    page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    // Script errors and console errors (CSP violations, failed requests) fail the journey.
    page.on('pageerror', (error) => pageProblems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageProblems.push(`console error: ${message.text()}`);
    });

    await journey(page, baseUrl);
    if (pageProblems.length > 0) throw new Error(`the page reported problems:\n  ${pageProblems.join('\n  ')}`);
    return true;
  } catch (error) {
    console.error(`\nFAILED: ${error.message ?? error}`);
    if (pageProblems.length > 0) console.error(`\npage problems:\n  ${pageProblems.join('\n  ')}`);
    if (page) {
      await page.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).then(
        () => console.error(`screenshot: ${FAILURE_SCREENSHOT}`),
        () => {},
      );
    }
    if (server?.log.length) console.error(`\nlast server output:\n${server.log.slice(-40).join('\n')}`);
    return false;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await browser?.close().catch(() => {});
    if (server) await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const passed = await main().catch((error) => {
  console.error(error.stack ?? error);
  return false;
});
console.log(`browser: ${passed ? 1 : 0} passed, ${passed ? 0 : 1} failed`);
process.exitCode = passed ? 0 : 1;
