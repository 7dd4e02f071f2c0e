/**
 * A supervisor works live chats and customer profiles in the agent workspace:
 * a customer starts a portal conversation and it appears in the open list
 * without a reload; opening it clears its unread badge in a second tab's list,
 * also without a reload; the customer's next message arrives on the open page; the
 * supervisor replies from the composer (Ctrl+Enter) and converts the chat to a
 * ticket, landing on it. Then, on the customers page, a search finds two
 * profiles of one person; the duplicate's custom attributes are edited through
 * the admin-defined schema, and it is merged into the other profile, taking
 * its ticket along. axe-core checks the conversation list and page and the profile.
 * Data is arranged through the API as the admin and the customer.
 */
import { expectAccessible } from '../axe.mjs';
import { ADMIN, apiSession, expectHeading, expectUrl, openPage, step } from '../harness.mjs';

/* global document -- used inside page.waitForFunction(), which runs in the browser */

export const title = 'agent conversations and customers: live chat, reply, convert; search, attributes, merge';

const SUPERVISOR = { name: 'Sam Supervisor', email: 'sam.supervisor@example.com', password: 'supervisor password 1234' };
const CUSTOMER = { name: 'Lin Live', email: 'lin.live@example.com', password: 'customer password 1234' };
const FIRST = 'Hello, is anyone there? My parcel is late.';
const SECOND = 'The tracking number is 77-123.';
const REPLY = 'Hi Lin, I am looking into it right now.';
const OLD_TICKET = 'Merge journey: invoice copy';

const doc = (text) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

export async function run({ browser, baseUrl, problems }) {
  const admin = await apiSession(baseUrl, ADMIN.email, ADMIN.password);
  let customerApi;
  let keepId;

  await step('arrange a supervisor, a customer account, two profiles of one person and an attribute schema (API)', async () => {
    const createUser = 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }';
    await admin(createUser, { input: { ...SUPERVISOR, role: 'supervisor', locale: 'en' } });
    await admin(createUser, { input: { ...CUSTOMER, role: 'customer', locale: 'en' } });
    customerApi = await apiSession(baseUrl, CUSTOMER.email, CUSTOMER.password);
    await admin('mutation ($definitions: [CustomerAttributeDefinitionInput!]!) { setCustomerAttributeDefinitions(definitions: $definitions) { key } }', {
      definitions: [
        { key: 'plan', label: 'Plan', type: 'select', options: ['Gold', 'Silver'] },
        { key: 'orders', label: 'Orders', type: 'number' },
      ],
    });
    const createCustomer = 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }';
    keepId = (await admin(createCustomer, { input: { name: 'Dana Doe', emails: ['dana@example.com'] } })).createCustomer.id;
    const duplicate = (await admin(createCustomer, { input: { name: 'Dana Duplicate', emails: ['dana.old@example.com'] } })).createCustomer.id;
    await admin('mutation ($input: CreateTicketInput!) { createTicket(input: $input) { id } }', {
      input: { subject: OLD_TICKET, requesterId: duplicate, body: doc('Please send the invoice again.') },
    });
  });

  const context = await browser.newContext({ locale: 'en-US' });
  const page = await openPage(context, problems, 'supervisor');

  await step('the supervisor signs in and opens the open conversations', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email').fill(SUPERVISOR.email);
    await page.getByLabel(/^Password/).fill(SUPERVISOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectUrl(page, '/agent/inbox');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Conversations' }).click();
    await expectUrl(page, '/agent/conversations');
    await expectHeading(page, 'Conversations');
  });

  let conversationId;
  await step('a customer starts a chat and it appears in the list without a reload', async () => {
    // Give the page's conversationChanged subscription a moment to be registered on the server.
    await page.waitForTimeout(500);
    const started = await customerApi('mutation ($input: StartConversationInput!) { startConversation(input: $input) { id } }', { input: { body: doc(FIRST) } });
    conversationId = started.startConversation.id;
    await page.locator(`[data-conversation-id="${conversationId}"]`, { hasText: 'Lin Live' }).waitFor();
    await expectAccessible(page, 'the conversation list');
  });

  // A second tab of the same supervisor keeps the list open while the first one reads the chat.
  const otherTab = await openPage(context, problems, 'supervisor, second tab');
  const otherTabBadge = () => otherTab.locator(`[data-conversation-id="${conversationId}"] .conversation-row__unread`);
  await step('a second tab shows the chat with one unread message', async () => {
    await otherTab.goto(`${baseUrl}/agent/conversations`);
    await otherTab.locator(`[data-conversation-id="${conversationId}"] a`, { hasText: 'one unread message' }).waitFor();
    if ((await otherTabBadge().textContent())?.trim() !== '1') throw new Error('the second tab does not show one unread message');
  });

  await step('the conversation page shows the chat, and the next message arrives live', async () => {
    await page.locator(`[data-conversation-id="${conversationId}"] a`).click();
    await expectUrl(page, `/agent/conversations/${conversationId}`);
    await expectHeading(page, 'Conversation with Lin Live');
    await page.locator('.timeline__list', { hasText: FIRST }).waitFor();
    // Opening it marked it read: the other tab's badge goes without a reload.
    await otherTabBadge().waitFor({ state: 'detached' });
    await page.waitForTimeout(500);
    await customerApi('mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }', { input: { conversationId, body: doc(SECOND) } });
    await page.locator('.timeline__list', { hasText: SECOND }).waitFor();
    await expectAccessible(page, 'the conversation page');
  });

  await step('the supervisor replies with Ctrl+Enter and the customer receives it', async () => {
    await page.keyboard.press('r');
    // Tiptap focuses on the next frame; keys typed before that would go elsewhere.
    await page.waitForFunction(() => document.activeElement?.classList.contains('ProseMirror'));
    await page.keyboard.type(REPLY);
    await page.keyboard.press('Control+Enter');
    await page.locator('.timeline__list', { hasText: REPLY }).waitFor();
    const seen = await customerApi('query ($id: ID!) { conversation(id: $id) { messages { nodes { text } } } }', { id: conversationId });
    if (!seen.conversation.messages.nodes.some((message) => message.text === REPLY)) throw new Error('the customer did not get the reply');
  });

  await step('"Convert to ticket" creates a ticket and opens it', async () => {
    await page.getByRole('button', { name: 'Convert to ticket…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Convert to a ticket' });
    await dialog.getByLabel('Subject').fill('Late parcel 77-123');
    await dialog.getByRole('button', { name: 'Create ticket' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/agent/tickets/'));
    await page.getByRole('heading', { name: /Late parcel 77-123/ }).waitFor();
  });

  await step('the customers page finds both profiles of Dana', async () => {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Customers' }).click();
    await expectUrl(page, '/agent/customers');
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('dana');
    // The unfiltered list (everyone) is replaced by the search result once typing pauses.
    await page.waitForFunction(() => [...document.querySelectorAll('.customer-row__name')].map((cell) => cell.textContent.trim()).sort().join() === 'Dana Doe,Dana Duplicate');
    await page.getByRole('link', { name: 'Dana Duplicate' }).click();
    await expectHeading(page, 'Dana Duplicate');
    await page.locator('[data-kind="ticket"]', { hasText: OLD_TICKET }).waitFor();
  });

  await step('custom attributes are edited through the schema; a wrong number is explained', async () => {
    await page.getByRole('button', { name: 'Edit attributes' }).click();
    await page.getByLabel('Plan').selectOption('Gold');
    await page.getByLabel('Orders').fill('three');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Enter a number.').waitFor();
    await page.getByLabel('Orders').fill('3');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('[data-attribute="orders"]', { hasText: '3' }).waitFor();
    await page.locator('[data-attribute="plan"]', { hasText: 'Gold' }).waitFor();
    // axe measures colours mid-animation as too faint: let the "saved" toast finish appearing.
    await page.waitForFunction(() => !document.querySelector('[class*="-transition-enter-active"]'));
    await expectAccessible(page, 'the customer profile');
  });

  await step('the duplicate is merged into Dana Doe after a confirmation, and her profile opens with the ticket', async () => {
    await page.getByRole('button', { name: 'Merge into another customer…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge Dana Duplicate into another customer' });
    await dialog.getByRole('searchbox').fill('dana@example.com');
    await dialog.getByRole('radio', { name: /Dana Doe/ }).check();
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByText('All tickets and conversations of Dana Duplicate move to Dana Doe.').waitFor();
    await dialog.getByRole('button', { name: 'Merge into Dana Doe' }).click();
    await expectUrl(page, `/agent/customers/${keepId}`);
    await expectHeading(page, 'Dana Doe');
    await page.locator('[data-kind="ticket"]', { hasText: OLD_TICKET }).waitFor();
    await page.getByText('dana.old@example.com').waitFor();
  });
}
