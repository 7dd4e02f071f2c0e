import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestKefu } from '../src/testing/index.ts';
import { rowCount } from './support/tickets.ts';

const SIGN_UP = `mutation($input: SignUpCustomerInput!) { signUpCustomer(input: $input) { user { id email role } csrfToken } }`;
const INVITE = `mutation($input: InviteCustomerInput!) { inviteCustomer(input: $input) { token acceptUrl invite { id email expiresAt customer { id } } } }`;
const ACCEPT = `mutation($input: AcceptCustomerInviteInput!) { acceptCustomerInvite(input: $input) { user { id email role name } } }`;
const PREVIEW = `query($token: String!) { customerInvitePreview(token: $token) { email customerName invitedByName } }`;
const SIGNUP_ENABLED = `{ portalSignupEnabled }`;
const ME = `{ me { user { id role } } }`;
const CREATE_CUSTOMER = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`;

let kefu: TestKefu;
beforeAll(async () => {
  kefu = await startTestKefu({ env: { PORTAL_SIGNUP_MAX_PER_IP: '1000' } });
});
afterAll(() => kefu.close());

const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 10)}@example.test`;

async function profileWithEmail(email: string, name = 'Existing Customer') {
  const { client } = await kefu.signedIn('agent');
  return (await client.data(CREATE_CUSTOMER, { input: { name, emails: [email] } })).createCustomer.id as string;
}

describe('customer self sign-up', () => {
  it('creates a customer account with a new profile and signs it in', async () => {
    const client = kefu.client();
    const email = unique('self');
    const result = await client.data(SIGN_UP, { input: { email, password: 'a-long-password', name: 'Zhang Wei', locale: 'zh-CN' } });
    expect(result.signUpCustomer.user).toMatchObject({ email, role: 'customer' });
    expect((await client.data(ME)).me.user.id).toBe(result.signUpCustomer.user.id);
    const [profile] = await kefu.kefu.orm.em.fork().getConnection().execute(`SELECT name, emails FROM customers WHERE user_id = ?`, [result.signUpCustomer.user.id]);
    expect(profile).toEqual({ name: 'Zhang Wei', emails: [] });
  });

  it('never takes over an existing profile with the same e-mail (nobody proved they own it)', async () => {
    const email = unique('victim');
    const existing = await profileWithEmail(email, 'Real Owner');
    const attacker = kefu.client();
    const result = await attacker.data(SIGN_UP, { input: { email, password: 'a-long-password', name: 'Impostor' } });
    const [linked] = await kefu.kefu.orm.em.fork().getConnection().execute(`SELECT id FROM customers WHERE user_id = ?`, [result.signUpCustomer.user.id]);
    expect(linked.id).not.toBe(existing);
    expect(await rowCount(kefu, 'customers', 'id = ? AND user_id IS NULL', [existing])).toBe(1);
  });

  it('refuses bad input, a taken e-mail and staff e-mails, changing nothing', async () => {
    const client = kefu.client();
    const usersBefore = await rowCount(kefu, 'users');
    const customersBefore = await rowCount(kefu, 'customers');
    const weak = await client.gql(SIGN_UP, { input: { email: unique('weak'), password: 'short', name: 'X' } });
    expect(weak.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'password' }] });
    const badEmail = await client.gql(SIGN_UP, { input: { email: 'not-an-email', password: 'a-long-password', name: 'X' } });
    expect(badEmail.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const agent = await kefu.createUser('agent');
    const taken = await client.gql(SIGN_UP, { input: { email: agent.email, password: 'a-long-password', name: 'X' } });
    expect(taken.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await rowCount(kefu, 'users')).toBe(usersBefore + 1);
    expect(await rowCount(kefu, 'customers')).toBe(customersBefore);
    expect(client.cookies.has('kefu_session')).toBe(false);
  });

  it('is rate-limited per IP, counting refused attempts too', async () => {
    const limited = await startTestKefu({ env: { PORTAL_SIGNUP_MAX_PER_IP: '2' } });
    try {
      const client = limited.client();
      expect((await client.gql(SIGN_UP, { input: { email: unique('a'), password: 'a-long-password', name: 'A' } })).errors).toBeUndefined();
      expect((await client.gql(SIGN_UP, { input: { email: 'bad', password: 'x', name: '' } })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const third = await limited.client().gql(SIGN_UP, { input: { email: unique('c'), password: 'a-long-password', name: 'C' } });
      expect(third.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
      expect(await rowCount(limited, 'users', `role = 'customer'`)).toBe(1);
    } finally {
      await limited.close();
    }
  });

  it('tells anyone, signed in or not, whether it is open', async () => {
    expect((await kefu.client().data(SIGNUP_ENABLED)).portalSignupEnabled).toBe(true);
    const { client: customer } = await kefu.signedIn('customer');
    expect((await customer.data(SIGNUP_ENABLED)).portalSignupEnabled).toBe(true);
  });

  it('can be turned off', async () => {
    const closed = await startTestKefu({ env: { PORTAL_SIGNUP_ENABLED: 'false' } });
    try {
      expect((await closed.client().data(SIGNUP_ENABLED)).portalSignupEnabled).toBe(false);
      const result = await closed.client().gql(SIGN_UP, { input: { email: unique('off'), password: 'a-long-password', name: 'A' } });
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(await rowCount(closed, 'users')).toBe(0);
    } finally {
      await closed.close();
    }
  });
});

describe('customer invitations', () => {
  it('an agent invites an existing profile; accepting sets the password, links the profile and signs in', async () => {
    const email = unique('invited');
    const customerId = await profileWithEmail(email, 'Li Na');
    const { client: agent, user: inviter } = await kefu.signedIn('agent');
    const { inviteCustomer } = await agent.data(INVITE, { input: { customerId } });
    expect(inviteCustomer.invite).toMatchObject({ email, customer: { id: customerId } });
    expect(inviteCustomer.acceptUrl).toBe(`/portal/accept-invite#token=${inviteCustomer.token}`);
    const [stored] = await kefu.kefu.orm.em.fork().getConnection().execute(`SELECT token_hash FROM customer_invites WHERE id = ?`, [inviteCustomer.invite.id]);
    expect(stored.token_hash).not.toContain(inviteCustomer.token);

    const customer = kefu.client();
    expect((await customer.data(PREVIEW, { token: inviteCustomer.token })).customerInvitePreview).toEqual({ email, customerName: 'Li Na', invitedByName: inviter.name });
    const accepted = await customer.data(ACCEPT, { input: { token: inviteCustomer.token, password: 'my-new-password' } });
    expect(accepted.acceptCustomerInvite.user).toMatchObject({ email, role: 'customer', name: 'Li Na' });
    expect((await customer.data(ME)).me.user.id).toBe(accepted.acceptCustomerInvite.user.id);
    expect(await rowCount(kefu, 'customers', 'id = ? AND user_id = ?', [customerId, accepted.acceptCustomerInvite.user.id])).toBe(1);

    const again = kefu.client();
    await again.signIn(email, 'my-new-password');
    expect((await again.data(ME)).me.user.role).toBe('customer');
  });

  it('a token works once; a used, revoked, expired or unknown token is refused and changes nothing', async () => {
    const { client: agent } = await kefu.signedIn('agent');
    const invite = async () => (await agent.data(INVITE, { input: { customerId: await profileWithEmail(unique('once')) } })).inviteCustomer;

    const [used, revoked, expired] = [await invite(), await invite(), await invite()];
    await kefu.client().data(ACCEPT, { input: { token: used.token, password: 'my-new-password' } });
    const usersBefore = await rowCount(kefu, 'users');
    const reuse = await kefu.client().gql(ACCEPT, { input: { token: used.token, password: 'another-password' } });
    expect(reuse.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'token' }] });

    expect((await agent.data(`mutation($id: ID!) { revokeCustomerInvite(id: $id) }`, { id: revoked.invite.id })).revokeCustomerInvite).toBe(true);
    expect((await kefu.client().gql(ACCEPT, { input: { token: revoked.token, password: 'my-new-password' } })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    await kefu.kefu.orm.em.fork().getConnection().execute(`UPDATE customer_invites SET expires_at = now() - interval '1 minute' WHERE id = ?`, [expired.invite.id]);
    expect((await kefu.client().gql(ACCEPT, { input: { token: expired.token, password: 'my-new-password' } })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await kefu.client().data(PREVIEW, { token: expired.token })).customerInvitePreview).toBeNull();

    const unknown = await kefu.client().gql(ACCEPT, { input: { token: 'x'.repeat(43), password: 'my-new-password' } });
    expect(unknown.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await rowCount(kefu, 'users')).toBe(usersBefore);
  });

  it('a weak password refuses the acceptance without using up the invitation', async () => {
    const { client: agent } = await kefu.signedIn('agent');
    const { inviteCustomer } = await agent.data(INVITE, { input: { customerId: await profileWithEmail(unique('weak')) } });
    const weak = await kefu.client().gql(ACCEPT, { input: { token: inviteCustomer.token, password: 'short' } });
    expect(weak.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await rowCount(kefu, 'customer_invites', 'id = ? AND accepted_at IS NULL', [inviteCustomer.invite.id])).toBe(1);
    expect((await kefu.client().gql(ACCEPT, { input: { token: inviteCustomer.token, password: 'my-new-password' } })).errors).toBeUndefined();
  });

  it('a new invitation replaces the pending one', async () => {
    const { client: agent } = await kefu.signedIn('agent');
    const customerId = await profileWithEmail(unique('twice'));
    const first = (await agent.data(INVITE, { input: { customerId } })).inviteCustomer;
    await agent.data(INVITE, { input: { customerId } });
    expect((await kefu.client().gql(ACCEPT, { input: { token: first.token, password: 'my-new-password' } })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses profiles that already have an account or no e-mail, and non-staff inviters', async () => {
    const { client: agent } = await kefu.signedIn('agent');
    const withAccount = await profileWithEmail(unique('has'));
    const { inviteCustomer } = await agent.data(INVITE, { input: { customerId: withAccount } });
    await kefu.client().data(ACCEPT, { input: { token: inviteCustomer.token, password: 'my-new-password' } });
    expect((await agent.gql(INVITE, { input: { customerId: withAccount } })).errors?.[0].extensions?.code).toBe('CONFLICT');

    const noEmail = (await agent.data(CREATE_CUSTOMER, { input: { name: 'Phone only', phones: ['+86 10 1234 5678'] } })).createCustomer.id;
    expect((await agent.gql(INVITE, { input: { customerId: noEmail } })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'email' }] });

    const { client: customer } = await kefu.signedIn('customer');
    expect((await customer.gql(INVITE, { input: { customerId: noEmail, email: unique('x') } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await kefu.client().gql(INVITE, { input: { customerId: noEmail, email: unique('x') } })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await rowCount(kefu, 'customer_invites', 'customer_id = ?', [noEmail])).toBe(0);
  });
});
