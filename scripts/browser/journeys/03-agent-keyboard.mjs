/**
 * An agent writes a canned response on the management page (a placeholder
 * inserted by click, previewed by the server), then works the inbox from the
 * keyboard: j/k through the list, Enter opens a ticket, n starts an internal
 * note, Ctrl+Enter sends it, r and `::` insert the canned response with the
 * customer's real name, Escape leaves the editor and e solves the ticket —
 * and the page shows the result without a reload. Finally `c` opens the
 * new-ticket page: a phone call becomes a ticket for a customer found by
 * search, with an internal note, which is then merged into that customer's
 * earlier ticket. Data is arranged through the API as the admin.
 */
import { expectAccessible } from '../axe.mjs';
import { ADMIN, apiSession, expectHeading, expectUrl, openPage, step } from '../harness.mjs';

/* global document -- used inside page.evaluate() and page.waitForFunction(), which run in the browser */

export const title = 'agent keyboard: canned response page, inbox j/k, open, internal note, ::canned reply, solve, c → new ticket, merge';

const AGENT = { name: 'Kai Keyboard', email: 'kai@example.com', password: 'keyboard journey password' };
const SUBJECTS = ['Keyboard journey: parcel late', 'Keyboard journey: wrong size', 'Keyboard journey: refund'];
const CUSTOMERS = ['Wang Fang', 'Mei Lin', 'Chen Jie'];
const CANNED = { title: 'Greeting', shortcut: 'greet-kb', before: 'Hello ', after: ', thanks for waiting.' };
const NOTE = 'Checked with the warehouse, shipping today.';
const LIVE_SUBJECT = 'Keyboard journey: arrived while watching';
const PHONE = { subject: 'Keyboard journey: phone call', note: 'Called about the late parcel again.' };

const doc = (text) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

async function arrange(baseUrl) {
  const admin = await apiSession(baseUrl, ADMIN.email, ADMIN.password);
  const { createUser } = await admin(
    'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }',
    { input: { name: AGENT.name, email: AGENT.email, password: AGENT.password, role: 'agent', locale: 'en' } },
  );
  const { createTeam } = await admin('mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id } }', {
    input: { name: 'Keyboard support', memberIds: [createUser.id] },
  });
  // Oldest first, so the newest (last created) is on top of "My tickets".
  for (const [index, subject] of SUBJECTS.entries()) {
    await admin('mutation ($input: CreateTicketInput!) { createTicket(input: $input) { id } }', {
      input: {
        subject,
        requester: { name: CUSTOMERS[index], email: `customer${index + 1}@example.com` },
        body: doc(`Hello, this is about: ${subject}`),
        assigneeId: createUser.id,
        teamId: createTeam.id,
        status: 'open',
      },
    });
  }
}

const activeSubject = (page) => page.locator('.ticket-row[aria-current="true"] .ticket-row__subject').textContent();

export async function run({ browser, baseUrl, problems }) {
  await step('arrange an agent in a team with three assigned tickets (API)', () => arrange(baseUrl));

  const context = await browser.newContext({ locale: 'en-US' });
  const page = await openPage(context, problems, 'agent');

  await step('the agent signs in and lands on the inbox with counts', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email').fill(AGENT.email);
    await page.getByLabel(/^Password/).fill(AGENT.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectUrl(page, '/agent/inbox');
    await expectHeading(page, 'My tickets');
    await page.locator('[data-view-id][aria-current="page"]', { hasText: '3' }).waitFor();
    await page.locator('.ticket-row').nth(2).waitFor();
  });

  await step('the agent writes a team canned response on its page; the server previews the placeholder', async () => {
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Canned responses' }).click();
    await expectHeading(page, 'Canned responses');
    await page.getByRole('link', { name: 'New canned response' }).click();
    await expectUrl(page, '/agent/canned-responses/new');
    await page.getByLabel('Title').fill(CANNED.title);
    await page.getByLabel('Shortcut').fill(CANNED.shortcut);
    await page.locator('label.n-radio', { hasText: 'My team' }).click();
    await page.getByRole('combobox', { name: 'Team' }).and(page.locator('#canned-team')).waitFor();
    await page.getByRole('textbox', { name: /^Reply/ }).click();
    await page.keyboard.type(CANNED.before);
    await page.getByRole('button', { name: 'Insert placeholder: Customer’s name' }).click();
    // The click gives the editor its focus (and cursor) back, on the next frame (Tiptap's focus):
    // a key typed before that went to the button (CI once lost the comma of CANNED.after).
    await page.waitForFunction(() => document.activeElement?.classList.contains('ProseMirror'));
    await page.keyboard.type(CANNED.after);
    await page.getByTestId('canned-preview').getByText(`Hello Alex Chen${CANNED.after}`).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await expectUrl(page, '/agent/canned-responses');
    const row = page.locator('.canned-row', { hasText: CANNED.title });
    await row.getByText(`::${CANNED.shortcut}`).waitFor();
    await row.getByText('Team: Keyboard support').waitFor();
    await nav.getByRole('link', { name: 'Inbox' }).click();
    await expectUrl(page, '/agent/inbox');
    await page.locator('.ticket-row').nth(2).waitFor();
  });

  let opened = '';
  await step('j and k move the selection through the list', async () => {
    await page.keyboard.press('j');
    const first = await activeSubject(page);
    await page.keyboard.press('j');
    const second = await activeSubject(page);
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    opened = await activeSubject(page);
    if (first === second || opened !== second) throw new Error(`unexpected selection: ${first} → ${second} → ${opened}`);
    // Focus follows the selection (screen readers announce it).
    const focused = await page.evaluate(() => document.activeElement?.closest('.ticket-row')?.getAttribute('aria-current'));
    if (focused !== 'true') throw new Error('focus did not follow the active row');
  });

  await step('? lists the shortcuts', async () => {
    await page.keyboard.press('Shift+?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.getByText('Next ticket').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  await step('Enter opens the selected ticket', async () => {
    // Focus is on the row's link; Enter follows it.
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/agent\/tickets\//);
    await page.getByRole('heading', { level: 1, name: new RegExp(opened) }).waitFor();
    await page.locator('.timeline__list').getByText(`Hello, this is about: ${opened}`).waitFor();
  });

  await step('n starts an internal note, Ctrl+Enter sends it', async () => {
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('n');
    await page.getByRole('radio', { name: 'Internal note' }).isChecked().then((checked) => {
      if (!checked) throw new Error('the composer is not in internal-note mode');
    });
    await page.getByText('Customers will not see it.').waitFor();
    const editor = page.getByRole('textbox', { name: 'Internal note, not visible to customers' });
    await page.waitForFunction(() => document.activeElement?.classList.contains('ProseMirror'));
    await page.keyboard.type(NOTE);
    await page.keyboard.press('Control+Enter');
    const note = page.locator('.timeline__list article.message--note', { hasText: NOTE });
    await note.waitFor();
    await note.getByText('Internal note').waitFor();
    if ((await editor.textContent())?.includes(NOTE)) throw new Error('the editor was not cleared after sending');
  });

  await step('r opens a reply; :: and part of the shortcut offer the canned response; Enter inserts it with the customer\'s name', async () => {
    const customer = CUSTOMERS[SUBJECTS.indexOf(opened)];
    const expected = `${CANNED.before}${customer}${CANNED.after}`;
    await page.keyboard.press('Escape');
    await page.keyboard.press('r');
    if (!(await page.getByRole('radio', { name: 'Public reply' }).isChecked())) throw new Error('the composer is not in reply mode');
    await page.waitForFunction(() => document.activeElement?.classList.contains('ProseMirror'));
    await page.keyboard.type(`::${CANNED.shortcut.slice(0, 4)}`);
    const option = page.locator('#canned-list [role="option"]', { hasText: CANNED.title });
    await option.waitFor();
    // The highlighted option is announced on the editor.
    await page.waitForFunction((id) => document.activeElement?.getAttribute('aria-activedescendant') === id, await option.getAttribute('id'));
    await page.keyboard.press('Enter');
    const editor = page.locator('.composer .ProseMirror');
    await page.waitForFunction((text) => document.querySelector('.composer .ProseMirror')?.textContent === text, expected);
    if ((await editor.textContent())?.includes('::')) throw new Error('the typed shortcut was left in the editor');
    await page.keyboard.press('Control+Enter');
    const reply = page.locator('.timeline__list article:not(.message--note)', { hasText: expected });
    await reply.waitFor();
  });

  await step('Escape leaves the editor; e solves the ticket and the status changes live', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('e');
    await page.locator('[data-testid="ticket-status"]', { hasText: 'Solved' }).waitFor();
    await page.getByLabel('Status', { exact: true }).and(page.locator('#prop-status')).waitFor();
    const selected = await page.locator('#prop-status').inputValue();
    if (selected !== 'solved') throw new Error(`status select shows ${selected}`);
    await page.locator('.timeline__list').getByText(/changed Status from Open to Solved/).waitFor();
  });

  await step('back in the inbox (kept alive) the solved ticket has left "My tickets" and the count follows', async () => {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Inbox' }).click();
    await expectUrl(page, '/agent/inbox');
    await page.locator('[data-view-id][aria-current="page"]', { hasText: '2' }).waitFor();
    await page.waitForFunction((subject) => {
      const subjects = [...document.querySelectorAll('.ticket-row__subject')].map((node) => node.textContent);
      return subjects.length === 2 && !subjects.includes(subject);
    }, opened);
  });

  await step('a ticket assigned by someone else appears live, with the count', async () => {
    const admin = await apiSession(baseUrl, ADMIN.email, ADMIN.password);
    const { agents } = await admin('query ($search: String) { agents(search: $search) { id } }', { search: AGENT.name });
    await admin('mutation ($input: CreateTicketInput!) { createTicket(input: $input) { id } }', {
      input: { subject: LIVE_SUBJECT, requester: { name: 'Live Customer', email: 'live@example.com' }, body: doc('Arrived live'), assigneeId: agents[0].id },
    });
    await page.locator('.ticket-row__subject', { hasText: LIVE_SUBJECT }).waitFor();
    await page.locator('[data-view-id][aria-current="page"]', { hasText: '3' }).waitFor();
  });

  await step('c opens the new-ticket page; a phone call becomes a ticket for a customer found by search, with an internal note', async () => {
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('c');
    await expectUrl(page, '/agent/tickets/new');
    await expectHeading(page, 'New ticket');
    await page.waitForFunction(() => document.activeElement?.id === 'requester-search');
    await page.keyboard.type(CUSTOMERS[0]);
    await page.getByRole('radio', { name: new RegExp(CUSTOMERS[0]) }).check();
    await page.locator('#new-ticket-subject').fill(PHONE.subject);
    await page.getByRole('radio', { name: 'Internal note' }).check();
    await page.getByRole('textbox', { name: 'First message' }).click();
    await page.keyboard.type(PHONE.note);
    // The shared RichTextEditor's toolbar shows "1." for "Numbered list" (axe: label-content-name-mismatch);
    // it belongs to the editor refactoring under way, so this page's own markup is checked without it.
    await expectAccessible(page, 'the new-ticket page');
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await page.waitForURL(/\/agent\/tickets\/(?!new)/);
    await page.getByRole('heading', { level: 1, name: new RegExp(PHONE.subject) }).waitFor();
    await page.locator('.timeline__list article.message--note', { hasText: PHONE.note }).waitFor();
  });

  await step('the new ticket is merged into the customer\'s earlier one, which then lists it', async () => {
    const source = new URL(page.url()).pathname;
    await page.getByRole('button', { name: 'Merge into another ticket…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Merge .* into another ticket$/ });
    await dialog.getByRole('radio', { name: new RegExp(SUBJECTS[0]) }).check();
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByText(/is closed and points to/).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'merge-ticket-confirm');
    await dialog.getByRole('button', { name: /^Merge into / }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(SUBJECTS[0]) }).waitFor();
    const merged = page.getByTestId('merged-tickets').getByRole('link', { name: new RegExp(PHONE.subject) });
    await merged.waitFor();
    if ((await merged.getAttribute('href')) !== source) throw new Error('the merged ticket does not link to the source');
    // The timeline's merge line names the source, as a link.
    const line = page.locator('.timeline__list li[data-kind="merged"]', { hasText: 'into this ticket' });
    if ((await line.getByRole('link', { name: new RegExp(PHONE.subject) }).getAttribute('href')) !== source) throw new Error('the merge line does not link to the source');
    // The source now says where it went, in the banner and in its timeline.
    await merged.click();
    await page.locator('.ticket-page__merged', { hasText: 'Merged into' }).getByRole('link', { name: new RegExp(SUBJECTS[0]) }).waitFor();
    await page.locator('.timeline__list li[data-kind="merged"]', { hasText: 'merged this ticket into' }).getByRole('link', { name: new RegExp(SUBJECTS[0]) }).waitFor();
    await expectAccessible(page, 'a merged ticket');
  });

  await context.close();
}
