/**
 * The customer portal, live, with two people at once:
 * ADMIN creates an agent (member of the default team) and a customer account;
 * the customer submits a request in the portal with a photo attached through
 * the file picker; the agent, signed in in a second browser context, receives
 * it over a live subscription, sees the photo on the ticket page and downloads
 * the same bytes, while another customer is refused the download; the agent
 * adds an internal note, then replies (setting "pending"); the customer's
 * page shows the reply and the new status without a reload, and the note is
 * in neither its DOM nor any HTTP or WebSocket message it received. The
 * customer answers and sees "received", then "seen" when the agent reads it.
 *
 * The agent's side uses the agent's real session in the browser (sign-in
 * through /login) and a raw graphql-ws subscription from that page, plus the
 * GraphQL API for replying (the composer has its own journey).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, apiSession, expectHeading, expectUrl, openPage, step, STEP_TIMEOUT_MS } from '../harness.mjs';

/* global document, window, location -- used inside page.evaluate(), which runs in the browser */

export const title = 'customer portal: submit with a photo only the right people can download, live agent reply, internal note never reaches the customer';

const AGENT = { name: 'Bo Agent', email: 'bo.agent@example.com', password: 'agent password 1234' };
const CUSTOMER = { name: 'Cai Customer', email: 'cai.customer@example.com', password: 'customer password 1234' };
const OTHER_CUSTOMER = { name: 'Dee Customer', email: 'dee.customer@example.com', password: 'customer password 5678' };
/** A real 1×1 PNG: the server detects the type from these bytes, and the agent page previews it. */
const PHOTO = { name: 'broken-cup.png', bytes: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64') };
const SUBJECT = 'My order 4711 arrived broken';
const DESCRIPTION = 'The box was crushed and the cup inside is in pieces.';
const NOTE = 'INTERNAL-NOTE-7f3c: customer is a known reseller, check fraud list';
const REPLY = 'Sorry about that! A replacement is on its way. Can you send a photo?';
const CUSTOMER_ANSWER = 'Sure, photo follows by e-mail.';

const doc = (text) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

async function signIn(page, baseUrl, user) {
  await page.goto(`${baseUrl}/login`);
  await expectHeading(page, 'Sign in to Kefu');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel(/^Password/).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Everything the customer's browser receives from the API: HTTP bodies and WebSocket frames. */
function recordApiTraffic(page) {
  const received = [];
  const pending = [];
  page.on('response', (response) => {
    if (!new URL(response.url()).pathname.startsWith('/graphql')) return;
    pending.push(response.text().then((text) => received.push(text), () => {}));
  });
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => received.push(String(payload)));
  });
  return async () => {
    await Promise.all(pending);
    return received.join('\n');
  };
}

export async function run({ browser, baseUrl, problems }) {
  const admin = await apiSession(baseUrl, ADMIN.email, ADMIN.password);
  let ticketId;
  let agentApi;

  await step('ADMIN creates an agent in the default team and two customer accounts', async () => {
    const createUser = 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }';
    const agent = await admin(createUser, { input: { ...AGENT, role: 'agent', locale: 'en' } });
    await admin(createUser, { input: { ...CUSTOMER, role: 'customer', locale: 'en' } });
    await admin(createUser, { input: { ...OTHER_CUSTOMER, role: 'customer', locale: 'en' } });
    const team = await admin('mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id } }', {
      input: { name: 'Support', memberIds: [agent.createUser.id] },
    });
    // New portal tickets name no team; the default team is what lets the agent see them.
    await admin('mutation ($input: UpdateTicketSettingsInput!) { updateTicketSettings(input: $input) { numberPrefix } }', {
      input: { defaultTeamId: team.createTeam.id },
    });
    agentApi = await apiSession(baseUrl, AGENT.email, AGENT.password);
  });

  const agentContext = await browser.newContext({ locale: 'en-US' });
  const agentPage = await openPage(agentContext, problems, 'agent');
  const customerContext = await browser.newContext({ locale: 'en-US' });
  const customerPage = await openPage(customerContext, problems, 'customer');
  const customerTraffic = recordApiTraffic(customerPage);

  await step('the agent signs in and listens for ticket changes', async () => {
    await signIn(agentPage, baseUrl, AGENT);
    await expectUrl(agentPage, '/agent/inbox');
    await agentPage.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const csrf = decodeURIComponent(/(?:^|; )kefu_csrf=([^;]*)/.exec(document.cookie)?.[1] ?? '');
          const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`, 'graphql-transport-ws');
          window.kefuTicketChanges = [];
          socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init', payload: { csrfToken: csrf } }));
          socket.onmessage = (event) => {
            const message = JSON.parse(event.data);
            if (message.type === 'connection_ack') {
              const query = 'subscription { ticketChanged { kind ticket { id subject } } }';
              socket.send(JSON.stringify({ id: 'changes', type: 'subscribe', payload: { query } }));
              resolve();
            } else if (message.type === 'next') {
              window.kefuTicketChanges.push(message.payload.data?.ticketChanged);
            } else if (message.type === 'error') {
              reject(new Error(JSON.stringify(message.payload)));
            }
          };
          socket.onerror = () => reject(new Error('websocket error'));
        }),
    );
  });

  await step('the customer signs in and lands in the portal', async () => {
    await signIn(customerPage, baseUrl, CUSTOMER);
    await expectUrl(customerPage, '/portal/tickets');
    await expectHeading(customerPage, 'My tickets');
    await customerPage.getByText('You have not submitted any requests yet.').waitFor();
  });

  await step('the customer submits a request with a rich-text description and a photo', async () => {
    await customerPage.getByRole('link', { name: 'Submit a request' }).first().click();
    await expectUrl(customerPage, '/portal/tickets/new');
    await expectHeading(customerPage, 'Submit a request');
    await customerPage.getByLabel(/^Subject/).fill(SUBJECT);
    // The server seeds ticket types, so the picker is there (translated seeded names).
    await customerPage.getByLabel('Type of request').selectOption({ label: 'After-sales service' });
    const description = customerPage.getByRole('textbox', { name: /^Description/ });
    await description.click();
    await customerPage.getByRole('button', { name: 'Bold' }).click();
    await description.pressSequentially('Broken on arrival. ');
    await customerPage.getByRole('button', { name: 'Bold' }).click();
    await description.pressSequentially(DESCRIPTION);
    const [chooser] = await Promise.all([
      customerPage.waitForEvent('filechooser'),
      customerPage.getByRole('button', { name: 'Attach files' }).click(),
    ]);
    // A real file on disk, picked the way a person picks it.
    const photoDir = mkdtempSync(join(tmpdir(), 'kefu-journey-'));
    try {
      writeFileSync(join(photoDir, PHOTO.name), PHOTO.bytes);
      await chooser.setFiles(join(photoDir, PHOTO.name));
    } finally {
      rmSync(photoDir, { recursive: true, force: true });
    }
    await customerPage.locator('.attachment-chip[data-state="uploaded"]', { hasText: PHOTO.name }).waitFor();
    await customerPage.getByRole('button', { name: 'Submit request' }).click();
    await customerPage.waitForURL((url) => /^\/portal\/tickets\/(?!new$)[^/]+$/.test(url.pathname), { timeout: STEP_TIMEOUT_MS });
    ticketId = new URL(customerPage.url()).pathname.split('/').pop();
    await expectHeading(customerPage, SUBJECT);
    await customerPage.locator('.ticket__meta').getByText('After-sales service').waitFor();
    await customerPage.locator('li.message strong', { hasText: 'Broken on arrival.' }).waitFor();
    await customerPage.getByText(DESCRIPTION).waitFor();
    await customerPage.getByRole('link', { name: `Download ${PHOTO.name} (70 bytes)` }).waitFor();
  });

  await step('the agent receives the new ticket live', async () => {
    await agentPage.waitForFunction(
      (id) => window.kefuTicketChanges.some((change) => change?.ticket.id === id),
      ticketId,
      { timeout: STEP_TIMEOUT_MS },
    );
    const { ticket } = await agentApi('query ($id: ID!) { ticket(id: $id) { subject } }', { id: ticketId });
    if (ticket?.subject !== SUBJECT) throw new Error(`the agent cannot read the ticket: ${JSON.stringify(ticket)}`);
  });

  let photoUrl;
  await step('the agent sees the photo on the ticket page and downloads the same bytes', async () => {
    await agentPage.goto(`${baseUrl}/agent/tickets/${ticketId}`);
    const link = agentPage.getByRole('link', { name: `Download ${PHOTO.name} (70 bytes)` });
    await link.waitFor();
    photoUrl = await link.getAttribute('href');
    // The preview is the file itself, shown inline.
    await agentPage.waitForFunction(() => document.querySelector('.attachment-link__thumb')?.naturalWidth === 1);
    const download = await agentPage.evaluate(async (href) => {
      const response = await fetch(href);
      return { status: response.status, bytes: [...new Uint8Array(await response.arrayBuffer())] };
    }, photoUrl);
    if (download.status !== 200) throw new Error(`the agent's download answered ${download.status}`);
    if (!Buffer.from(download.bytes).equals(PHOTO.bytes)) throw new Error('the downloaded bytes differ from the uploaded file');
  });

  await step('another customer cannot download the photo', async () => {
    const otherContext = await browser.newContext();
    try {
      const login = await otherContext.request.post(`${baseUrl}/graphql`, {
        headers: { 'x-kefu-csrf': '1' },
        data: { query: 'mutation ($input: LoginInput!) { login(input: $input) { csrfToken } }', variables: { input: { email: OTHER_CUSTOMER.email, password: OTHER_CUSTOMER.password } } },
      });
      if (!(await login.json()).data?.login) throw new Error('the other customer could not sign in');
      const response = await otherContext.request.get(`${baseUrl}${photoUrl}`);
      if (![403, 404].includes(response.status())) throw new Error(`another customer's download answered ${response.status()}`);
      if ((await response.body()).includes(PHOTO.bytes)) throw new Error('another customer received the file');
    } finally {
      await otherContext.close();
    }
  });

  let conversationId;
  await step('the agent adds an internal note, then replies and sets the ticket pending', async () => {
    const send = 'mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id conversationId } }';
    // The note goes first: if it leaked, it would reach the customer before the reply does.
    await agentApi(send, { input: { ticketId, kind: 'note', body: doc(NOTE) } });
    const reply = await agentApi(send, { input: { ticketId, kind: 'reply', body: doc(REPLY), ticketStatus: 'pending' } });
    conversationId = reply.sendMessage.conversationId;
  });

  await step('the customer sees the reply and the new status without reloading', async () => {
    await customerPage.getByText(REPLY).waitFor();
    await customerPage.locator('.ticket__meta').getByText('Awaiting your reply').waitFor();
    await customerPage.getByText('Status changed: Awaiting your reply').waitFor({ state: 'attached' });
  });

  await step('the internal note is in neither the page nor anything the customer received', async () => {
    const html = await customerPage.content();
    if (html.includes(NOTE)) throw new Error('the internal note is in the customer page DOM');
    const traffic = await customerTraffic();
    if (!traffic.includes(REPLY)) throw new Error('the recorder missed the reply, so it proves nothing');
    if (traffic.includes(NOTE)) throw new Error('the internal note reached the customer browser over the network');
  });

  await step('the customer answers; "received", then "seen" once the agent reads it', async () => {
    const reply = customerPage.getByRole('textbox', { name: 'Your reply' });
    await reply.click();
    await reply.pressSequentially(CUSTOMER_ANSWER);
    await customerPage.getByRole('button', { name: 'Send reply' }).click();
    await customerPage.getByRole('status').filter({ hasText: 'Your message was received.' }).waitFor();
    await customerPage.getByTestId('delivery-state').filter({ hasText: 'Received' }).waitFor();

    const { ticket } = await agentApi(
      'query ($id: ID!) { ticket(id: $id) { status timeline { nodes { message { id text kind } } } } }',
      { id: ticketId },
    );
    const answer = ticket.timeline.nodes.map((entry) => entry.message).find((message) => message?.text.includes(CUSTOMER_ANSWER));
    if (!answer) throw new Error('the agent does not see the customer answer');
    // A customer's reply reopens a pending ticket.
    await customerPage.locator('.ticket__meta').getByText('Open', { exact: true }).waitFor();
    await agentApi('mutation ($c: ID!, $m: ID!) { markConversationRead(conversationId: $c, messageId: $m) { readAt } }', {
      c: conversationId,
      m: answer.id,
    });
    await customerPage.getByTestId('delivery-state').filter({ hasText: 'Seen by our team' }).waitFor();
  });

  await step('after a reload the conversation is the same, still without the note', async () => {
    await customerPage.reload();
    await expectHeading(customerPage, SUBJECT);
    await customerPage.getByText(CUSTOMER_ANSWER).waitFor();
    await customerPage.getByText(REPLY).waitFor();
    if ((await customerPage.content()).includes(NOTE)) throw new Error('the internal note appeared after a reload');
    if ((await customerTraffic()).includes(NOTE)) throw new Error('the internal note reached the customer after a reload');
    await customerPage.getByRole('link', { name: 'My tickets' }).first().click();
    await expectHeading(customerPage, 'My tickets');
    await customerPage.getByRole('link', { name: SUBJECT }).waitFor();
  });

  await customerContext.close();
  await agentContext.close();
}
