/**
 * First run: setup creates the admin; a language switch survives a reload and
 * is saved to the profile; sign out; sign in again (the saved language wins).
 * Leaves ADMIN existing for the journeys after it.
 */
import { ADMIN, expectHeading, expectUrl, openPage, step } from '../harness.mjs';

/* global document -- used inside page.evaluate(), which runs in the browser */

export const title = 'setup, language, sign in and out';

export async function run({ browser, baseUrl, problems }) {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await openPage(context, problems);

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
    await page.getByRole('cell', { name: ADMIN.email }).waitFor();
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

  // The admin's saved language is zh-CN; later journeys expect English.
  await page.evaluate(() => localStorage.clear());
  await context.close();
}
