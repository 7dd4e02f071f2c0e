#!/usr/bin/env node
/**
 * Real-browser journeys against the real server, one file each in
 * scripts/browser/journeys/, run in file-name order on one server (the first
 * creates the admin the others use). Each journey opens its own browser
 * contexts, so several users can act at once.
 *
 *   npm run build && node scripts/browser-test.mjs [name-filter]
 *
 * Builds nothing: it serves the existing web/dist through `node server/src/main.ts`
 * (embedded PostgreSQL in a fresh temporary DATA_DIR, free ports), drives
 * Debian's /usr/bin/chromium with playwright-core, and always stops both.
 * Prints `browser: N passed, M failed` last; exits 1 on failure.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, launchBrowser, repoDir, startServer, stopServer, waitForReady, webDist } from './browser/harness.mjs';

const FAILURE_SCREENSHOT_DIR = '/tmp';
const journeysDir = join(repoDir, 'scripts/browser/journeys');
const filter = process.argv[2];

async function runJourney(file, deps) {
  const journey = await import(join(journeysDir, file));
  const problems = [];
  console.log(`\n${file}: ${journey.title}`);
  const contextsBefore = new Set(deps.browser.contexts());
  try {
    await journey.run({ ...deps, problems });
    if (problems.length > 0) throw new Error(`the page reported problems:\n  ${problems.join('\n  ')}`);
    return true;
  } catch (error) {
    console.error(`\nFAILED ${file}: ${error.message ?? error}`);
    // Screenshot every page the journey left open: with two users, both sides matter.
    const pages = deps.browser.contexts().filter((context) => !contextsBefore.has(context)).flatMap((context) => context.pages());
    for (const [index, page] of pages.entries()) {
      const path = join(FAILURE_SCREENSHOT_DIR, `kefu-browser-${file.replace(/\.mjs$/, '')}-${index}.png`);
      await page.screenshot({ path, fullPage: true }).then(() => console.error(`screenshot: ${path}`), () => {});
    }
    if (deps.server.log.length) console.error(`\nlast server output:\n${deps.server.log.slice(-40).join('\n')}`);
    return false;
  } finally {
    for (const context of deps.browser.contexts()) if (!contextsBefore.has(context)) await context.close().catch(() => {});
  }
}

async function main() {
  if (!existsSync(join(webDist, 'index.html'))) {
    throw new Error('web/dist/index.html is missing: run `npm run build` first.');
  }
  const files = readdirSync(journeysDir).filter((file) => file.endsWith('.mjs')).sort();
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-browser-'));
  const [port, pgPort] = [await freePort(), await freePort()];
  const baseUrl = `http://127.0.0.1:${port}`;
  let server;
  let browser;
  // Ctrl-C must not leave a server (and its PostgreSQL) running: stop it, then exit.
  const interrupt = async (signal) => {
    await browser?.close().catch(() => {});
    if (server) await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const results = { passed: 0, failed: 0 };
  try {
    server = startServer({ port, pgPort, dataDir });
    await waitForReady(baseUrl, server);
    console.log(`server ready at ${baseUrl}`);
    browser = await launchBrowser();
    for (const file of files) {
      // The first journey creates the admin everything else needs, so it always runs.
      if (filter && file !== files[0] && !file.includes(filter)) continue;
      const passed = await runJourney(file, { browser, baseUrl, server });
      results[passed ? 'passed' : 'failed'] += 1;
      if (!passed && file === files[0]) break;
    }
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await browser?.close().catch(() => {});
    if (server) await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}

const results = await main().catch((error) => {
  console.error(error.stack ?? error);
  return { passed: 0, failed: 1 };
});
console.log(`browser: ${results.passed} passed, ${results.failed} failed`);
process.exitCode = results.failed === 0 && results.passed > 0 ? 0 : 1;
