/**
 * Accessibility check for journeys: runs axe-core (npm `axe-core`) in the page
 * and fails on violations of serious or critical impact. The source is
 * evaluated through the DevTools protocol, which the page's CSP (script-src
 * 'self') does not apply to, so the check needs no CSP exception.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/* global window, document -- used inside page.evaluate(), which runs in the browser */

/**
 * `exclude`: CSS selectors axe skips — only for a known problem that belongs to
 * another piece of work, with a comment at the call saying which.
 */
export async function expectAccessible(page, label, { exclude = [] } = {}) {
  // Judge the page at rest: a toast fading out (opacity mid-transition) is not a contrast
  // problem, but axe would measure it as one. Wait for running CSS transitions and
  // animations to end (bounded: an endless spinner must not hang the journey).
  await page
    .waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity), null, { timeout: 5_000 })
    .catch(() => {});
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (excluded) => {
    const context = excluded.length ? { include: [['html']], exclude: excluded.map((selector) => [selector]) } : document;
    const result = await window.axe.run(context, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
      }));
  }, exclude);
  if (violations.length) {
    const lines = violations.map((item) => `${item.impact} ${item.id}: ${item.help} — ${item.nodes.join(' | ')}`);
    throw new Error(`axe-core found ${violations.length} serious/critical violation(s) on ${label}:\n    ${lines.join('\n    ')}`);
  }
}
