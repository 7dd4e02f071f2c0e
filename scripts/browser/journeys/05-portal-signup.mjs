/**
 * Customer portal accounts: a visitor finds "Create an account" on the
 * sign-in page, signs up and lands in the portal; a customer the team
 * invited opens the invitation link (made by ADMIN through the API, as the
 * agent's "Invite to portal" button does), sees who invited them and for
 * which e-mail, chooses a password and lands in the portal. axe-core checks
 * both public pages.
 *
 * Self sign-up is a server setting (PORTAL_SIGNUP_ENABLED, on by default),
 * not an admin switch: the journey checks the server under test has it on.
 */
import { expectAccessible } from '../axe.mjs';
import { ADMIN, apiSession, expectHeading, expectUrl, openPage, step } from '../harness.mjs';

export const title = 'portal accounts: self sign-up and accepting an invitation, both land in the portal';

const SIGNUP = { name: 'Dai Newcomer', email: 'dai.newcomer@example.com', password: 'newcomer password 1234' };
const INVITED = { name: 'Li Invited', email: 'li.invited@example.com', password: 'invited password 1234' };

export async function run({ browser, baseUrl, problems }) {
  const admin = await apiSession(baseUrl, ADMIN.email, ADMIN.password);
  let acceptUrl;

  await step('self sign-up is on for this server (PORTAL_SIGNUP_ENABLED)', async () => {
    const { portalSignupEnabled } = await admin('{ portalSignupEnabled }');
    if (!portalSignupEnabled) throw new Error('the server under test runs with PORTAL_SIGNUP_ENABLED=false');
  });

  await step('ADMIN invites an existing customer profile (API); the link is the web app’s accept page', async () => {
    const created = await admin('mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }', {
      input: { name: INVITED.name, emails: [INVITED.email] },
    });
    const invited = await admin('mutation ($input: InviteCustomerInput!) { inviteCustomer(input: $input) { acceptUrl } }', {
      input: { customerId: created.createCustomer.id },
    });
    acceptUrl = new URL(invited.inviteCustomer.acceptUrl, baseUrl).href;
    if (new URL(acceptUrl).pathname !== '/portal/accept-invite') throw new Error(`unexpected accept URL ${acceptUrl}`);
  });

  const visitorContext = await browser.newContext({ locale: 'en-US' });
  const visitor = await openPage(visitorContext, problems, 'visitor');

  await step('a visitor finds "Create an account" on the sign-in page (accessible)', async () => {
    await visitor.goto(`${baseUrl}/login`);
    await expectHeading(visitor, 'Sign in to Kefu');
    await visitor.getByRole('link', { name: 'Create an account' }).click();
    await expectUrl(visitor, '/signup');
    await expectHeading(visitor, 'Create your account');
    await expectAccessible(visitor, 'the sign-up page');
  });

  await step('the visitor signs up and lands in the portal', async () => {
    await visitor.getByLabel(/^Name/).fill(SIGNUP.name);
    await visitor.getByLabel(/^Email/).fill(SIGNUP.email);
    await visitor.getByLabel(/^Password/).fill(SIGNUP.password);
    await visitor.getByLabel(/^Confirm password/).fill(SIGNUP.password);
    await visitor.getByRole('button', { name: 'Create account' }).click();
    await expectUrl(visitor, '/portal/tickets');
    await expectHeading(visitor, 'My tickets');
    await visitor.getByText('You have not submitted any requests yet.').waitFor();
  });

  const invitedContext = await browser.newContext({ locale: 'en-US' });
  const invited = await openPage(invitedContext, problems, 'invited');

  await step('the invited customer opens the link: who invited, for which e-mail (accessible)', async () => {
    await invited.goto(acceptUrl);
    await expectHeading(invited, 'Join the customer portal');
    await invited.getByText(`${ADMIN.name} invited you to the customer portal.`).waitFor();
    await invited.getByText(INVITED.email, { exact: true }).waitFor();
    await expectAccessible(invited, 'the invitation page');
  });

  await step('they choose a password and land in the portal, signed in', async () => {
    await invited.getByLabel(/^Password/).fill(INVITED.password);
    await invited.getByLabel(/^Confirm password/).fill(INVITED.password);
    await invited.getByRole('button', { name: 'Set password and sign in' }).click();
    await expectUrl(invited, '/portal/tickets');
    await expectHeading(invited, 'My tickets');
  });

  await step('the used link now says it cannot be used', async () => {
    const again = await openPage(await browser.newContext({ locale: 'en-US' }), problems, 'used link');
    await again.goto(acceptUrl);
    await again.getByText('This invitation cannot be used').waitFor();
  });

  await invitedContext.close();
  await visitorContext.close();
}
