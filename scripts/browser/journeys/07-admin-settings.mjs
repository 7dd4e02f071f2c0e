/**
 * An admin configures the help desk in /admin/settings: creates a team and
 * adds an agent found by searching, sets the ticket number prefix, and adds
 * a customer attribute, and moves a ticket type up. The server then holds all of it: the team's members
 * and the attribute schema read back through the API, and a ticket created
 * through the API carries the new prefix on its page. axe-core checks every
 * settings page. An agent to add is arranged through the API. The admin's
 * profile language is 简体中文 (set by the first journey), so the pages speak it.
 */
import { expectAccessible } from '../axe.mjs';
import { ADMIN, apiSession, expectHeading, expectUrl, openPage, step } from '../harness.mjs';

/* global document -- used inside page.waitForFunction(), which runs in the browser */

export const title = 'admin settings: team with a member, ticket number prefix, customer attribute, ticket type order; axe on every settings page';

const AGENT = { name: 'Tia Teammate', email: 'tia.teammate@example.com', password: 'settings journey password' };
const TEAM = '升级处理组';
const PREFIX = 'HD-';
const ATTRIBUTE = { key: 'contract_id', label: '合同编号' };

const doc = (text) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

const calm = () => !document.querySelector('.n-spin-content--spinning, [class*="-transition-enter-active"], [class*="-transition-leave-active"]');

/**
 * axe measures faded colours as too faint: let loading tables (whose content
 * fades while a query runs, and back after it with a CSS transition), toasts
 * and dialogs finish first.
 */
async function expectSettled(page, label) {
  await page.waitForFunction(calm);
  await page.waitForTimeout(400);
  await page.waitForFunction(calm);
  await expectAccessible(page, label);
}

export async function run({ browser, baseUrl, problems }) {
  const admin = await apiSession(baseUrl, ADMIN.email, ADMIN.password);

  await step('arrange an agent to add to the new team (API)', async () => {
    await admin('mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }', { input: { ...AGENT, role: 'agent', locale: 'en' } });
  });

  const context = await browser.newContext({ locale: 'en-US' });
  const page = await openPage(context, problems, 'admin');
  const settingsTab = (name) => page.getByRole('navigation', { name: '设置页面' }).getByRole('link', { name, exact: true });

  await step('the admin signs in and opens Settings from the admin menu', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel(/^Password/).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectUrl(page, '/admin/users');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置' }).click();
    await expectUrl(page, '/admin/settings');
    await expectHeading(page, '设置');
    await expectSettled(page, 'the settings index');
  });

  let teamPath;
  await step('creates a team and lands on its page', async () => {
    await page.locator('.settings-index').getByRole('link', { name: '团队' }).click();
    await expectUrl(page, '/admin/settings/teams');
    await expectHeading(page, '团队');
    await expectSettled(page, 'the teams page');
    await page.getByRole('button', { name: '新建团队' }).click();
    const dialog = page.getByRole('dialog', { name: '创建团队' });
    await dialog.getByLabel('名称').fill(TEAM);
    await dialog.getByLabel('描述').fill('二线支持：疑难问题和投诉。');
    await dialog.getByRole('button', { name: '新建团队' }).click();
    await page.waitForURL((url) => /^\/admin\/settings\/teams\/[0-9a-f-]{36}$/.test(url.pathname));
    teamPath = new URL(page.url()).pathname;
    await expectHeading(page, TEAM);
    await page.getByText('还没有成员。').waitFor();
  });

  await step('adds the agent, found by typing part of the name, from the keyboard', async () => {
    await page.getByLabel('添加成员').focus();
    await page.keyboard.type('Tia');
    // The server's search answers once typing pauses; until then every staff member is offered.
    await page.waitForFunction(() => {
      const options = [...document.querySelectorAll('.n-base-select-option')];
      return options.length === 1 && options[0].textContent.includes('Tia');
    });
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await page.locator('.team-members__item', { hasText: AGENT.name }).waitFor();
    await page.getByRole('heading', { name: '成员 (1)' }).waitFor();
    await expectSettled(page, 'the team page');
    const teamId = teamPath.split('/').pop();
    const { team } = await admin('query ($id: ID!) { team(id: $id) { name members { email } } }', { id: teamId });
    if (team.name !== TEAM || team.members.map((member) => member.email).join() !== AGENT.email) {
      throw new Error(`the server holds ${JSON.stringify(team)}`);
    }
  });

  await step('sets the ticket number prefix', async () => {
    await settingsTab('工单').click();
    await expectUrl(page, '/admin/settings/tickets');
    const prefix = page.getByLabel('工单编号前缀');
    await prefix.fill(PREFIX);
    await page.getByText(`1042 号工单将显示为 ${PREFIX}1042。`).waitFor();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('工单设置已保存。').waitFor();
    await expectSettled(page, 'the ticket settings page');
  });

  await step('adds a customer attribute and saves the schema', async () => {
    await settingsTab('客户属性').click();
    await expectUrl(page, '/admin/settings/customer-attributes');
    await page.getByRole('button', { name: '添加属性' }).click();
    // The new row's key field takes the focus.
    await page.keyboard.type(ATTRIBUTE.key);
    const row = page.locator('fieldset.attribute').last();
    await row.getByLabel('显示名称').fill(ATTRIBUTE.label);
    await page.getByText('有未保存的修改。').waitFor();
    await page.getByRole('button', { name: '保存属性' }).click();
    await page.getByText('客户属性已保存。').waitFor();
    await expectSettled(page, 'the customer attributes page');
    const { customerAttributeDefinitions } = await admin('{ customerAttributeDefinitions { key label type } }');
    const saved = customerAttributeDefinitions.find((definition) => definition.key === ATTRIBUTE.key);
    if (saved?.label !== ATTRIBUTE.label || saved.type !== 'string') throw new Error(`the server holds ${JSON.stringify(customerAttributeDefinitions)}`);
  });

  await step('the ticket types and organizations pages pass axe-core', async () => {
    await settingsTab('工单类型').click();
    await expectUrl(page, '/admin/settings/ticket-types');
    await page.locator('.ticket-type[data-type-key="technical"]').waitFor();
    await expectSettled(page, 'the ticket types page');
    // ↑ on "technical" saves the whole order in one reorderTicketTypes; the server holds it.
    const idsInPage = () => page.locator('.sortable__item').evaluateAll((items) => items.map((item) => item.getAttribute('data-id')));
    const before = await idsInPage();
    const row = page.locator('.sortable__item', { has: page.locator('.ticket-type[data-type-key="technical"]') });
    await row.getByRole('button', { name: /上移/ }).click();
    await page.getByText('顺序已保存。').waitFor();
    const { ticketTypes } = await admin('{ ticketTypes(includeInactive: true) { id } }');
    const at = before.indexOf(await row.getAttribute('data-id'));
    const expected = [...before.slice(0, at - 1), before[at], before[at - 1], ...before.slice(at + 1)];
    if (JSON.stringify(ticketTypes.map((type) => type.id)) !== JSON.stringify(expected)) throw new Error(`the server holds ${JSON.stringify(ticketTypes)}`);
    if (JSON.stringify(await idsInPage()) !== JSON.stringify(expected)) throw new Error('the page does not show the saved order');
    await settingsTab('组织').click();
    await expectUrl(page, '/admin/settings/organizations');
    await expectHeading(page, '组织');
    await expectSettled(page, 'the organizations page');
  });

  await step('a ticket created through the API shows the new prefix on its page', async () => {
    const { createTicket } = await admin('mutation ($input: CreateTicketInput!) { createTicket(input: $input) { id number reference } }', {
      input: { subject: 'Settings journey: prefixed ticket', requester: { name: 'Pia Prefix', email: 'pia.prefix@example.com' }, body: doc('Hello!') },
    });
    if (createTicket.reference !== `${PREFIX}${createTicket.number}`) throw new Error(`reference is ${createTicket.reference}`);
    await page.goto(`${baseUrl}/agent/tickets/${createTicket.id}`);
    await page.locator('.ticket-header__reference', { hasText: `${PREFIX}${createTicket.number}` }).waitFor();
  });
}
