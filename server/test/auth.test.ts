import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionSchema } from '../src/auth/session.entity.ts';
import { UserSchema } from '../src/auth/user.entity.ts';
import { startTestKefu, type TestKefu } from '../src/testing/index.ts';

const ME = `{ me { user { id email role } csrfToken } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id email role } }`;
const newUser = (email: string) => ({ input: { email, name: 'New Agent', role: 'agent', password: 'a-long-password-1' } });

describe('authentication and sessions', () => {
  let t: TestKefu;
  beforeAll(async () => {
    t = await startTestKefu({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '8' } });
  });
  afterAll(() => t.close());

  const userCount = (email: string) => t.kefu.orm.em.fork().count(UserSchema, { email });

  it('signs in with the right password and answers me', async () => {
    const user = await t.createUser('agent');
    const client = t.client();
    await client.signIn(user.email, user.password);
    const { me } = await client.data(ME);
    expect(me.user).toMatchObject({ email: user.email, role: 'agent' });
    expect(me.csrfToken).toBe(client.csrfToken);
  });

  it('refuses a wrong password without setting a session cookie', async () => {
    const user = await t.createUser('agent');
    const client = t.client();
    const result = await client.gql(`mutation { login(input: { email: "${user.email}", password: "wrong-password" }) { csrfToken } }`);
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(client.cookies.has('kefu_session')).toBe(false);
    expect((await client.data(ME)).me).toBeNull();
  });

  it('throttles an account after repeated failures, even for the right password', async () => {
    const user = await t.createUser('agent');
    const client = t.client();
    const attempt = (password: string) =>
      client.gql(`mutation($i: LoginInput!) { login(input: $i) { csrfToken } }`, { i: { email: user.email, password } });
    for (let i = 0; i < 3; i++) expect((await attempt('nope-nope-nope')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const locked = await attempt(user.password);
    expect(locked.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(locked.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(client.cookies.has('kefu_session')).toBe(false);
  });

  it('throttles a client IP that tries many accounts', async () => {
    const ipLimited = await startTestKefu({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '100', LOGIN_MAX_FAILURES_PER_IP: '4' } });
    try {
      const victim = await ipLimited.createUser('agent');
      const client = ipLimited.client();
      for (let i = 0; i < 4; i++) {
        await client.gql(`mutation { login(input: { email: "nobody${i}@example.test", password: "guess-guess" }) { csrfToken } }`);
      }
      const result = await client.gql(`mutation($i: LoginInput!) { login(input: $i) { csrfToken } }`, {
        i: { email: victim.email, password: victim.password },
      });
      expect(result.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    } finally {
      await ipLimited.close();
    }
  });

  it('ends the session on logout: the old cookie no longer works', async () => {
    const { client } = await t.signedIn('agent');
    const stolenCookies = new Map(client.cookies);
    expect(await client.data(`mutation { logout }`)).toEqual({ logout: true });
    const replay = t.client();
    for (const [name, value] of stolenCookies) replay.cookies.set(name, value);
    expect((await replay.data(ME)).me).toBeNull();
  });

  it('treats an expired session as signed out', async () => {
    const { client, user } = await t.signedIn('agent');
    await t.kefu.orm.em.fork().nativeUpdate(SessionSchema, { user: user.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await client.data(ME)).me).toBeNull();
  });

  it('treats an idle session as signed out', async () => {
    const { client, user } = await t.signedIn('agent');
    await t.kefu.orm.em.fork().nativeUpdate(SessionSchema, { user: user.id }, { lastSeenAt: new Date(Date.now() - 4 * 86_400_000) });
    expect((await client.data(ME)).me).toBeNull();
  });

  it('changing the password signs out other sessions but keeps this one', async () => {
    const user = await t.createUser('agent');
    const laptop = t.client();
    const phone = t.client();
    await laptop.signIn(user.email, user.password);
    await phone.signIn(user.email, user.password);
    const wrong = await laptop.gql(`mutation { changePassword(input: { currentPassword: "not-it-at-all", newPassword: "brand-new-password" }) }`);
    expect(wrong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    await laptop.data(`mutation($i: ChangePasswordInput!) { changePassword(input: $i) }`, {
      i: { currentPassword: user.password, newPassword: 'brand-new-password' },
    });
    expect((await laptop.data(ME)).me.user.email).toBe(user.email);
    expect((await phone.data(ME)).me).toBeNull();
    const again = t.client();
    await again.signIn(user.email, 'brand-new-password');
    expect((await again.data(ME)).me).not.toBeNull();
  });

  it('refuses an admin mutation from an agent and changes nothing', async () => {
    const { client } = await t.signedIn('agent');
    const result = await client.gql(CREATE_USER, newUser('by-agent@example.test'));
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(result.data?.createUser ?? null).toBeNull();
    expect(await userCount('by-agent@example.test')).toBe(0);
  });

  it('refuses admin queries when signed out', async () => {
    const result = await t.client().gql(`{ users { totalCount } }`);
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets an admin create a user, with validation errors naming the field', async () => {
    const { client } = await t.signedIn('admin');
    const bad = await client.gql(CREATE_USER, { input: { email: 'not-an-email', name: '', role: 'agent', password: 'short' } });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (bad.errors?.[0].extensions?.fields as { field: string }[]).map((problem) => problem.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'name', 'password']));
    const created = await client.data(CREATE_USER, newUser('Created@Example.test'));
    expect(created.createUser).toMatchObject({ email: 'created@example.test', role: 'agent' });
    const duplicate = await client.gql(CREATE_USER, newUser('created@example.test'));
    expect(duplicate.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('ends all sessions of a user whose role changes', async () => {
    const { client: admin } = await t.signedIn('admin');
    const { client: agent, user } = await t.signedIn('agent');
    await admin.data(`mutation($i: UpdateUserInput!) { updateUser(input: $i) { role } }`, { i: { id: user.id, role: 'customer' } });
    expect((await agent.data(ME)).me).toBeNull();
  });

  it('does not let a deactivated user sign in', async () => {
    const user = await t.createUser('agent', { active: false });
    const result = await t.client().gql(`mutation($i: LoginInput!) { login(input: $i) { csrfToken } }`, {
      i: { email: user.email, password: user.password },
    });
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('CSRF protection', () => {
  let t: TestKefu;
  beforeAll(async () => {
    t = await startTestKefu();
  });
  afterAll(() => t.close());

  it('refuses a signed-in mutation with a wrong token and changes nothing', async () => {
    const { client } = await t.signedIn('admin');
    const result = await client.gql(CREATE_USER, newUser('csrf-wrong@example.test'), { csrf: 'forged-token' });
    expect(result.status).toBe(403);
    expect(result.errors?.[0].extensions?.code).toBe('CSRF');
    expect(await t.kefu.orm.em.fork().count(UserSchema, { email: 'csrf-wrong@example.test' })).toBe(0);
  });

  it('refuses a signed-in mutation without the header', async () => {
    const { client } = await t.signedIn('admin');
    const result = await client.gql(CREATE_USER, newUser('csrf-missing@example.test'), { csrf: null });
    expect(result.status).toBe(403);
    expect(await t.kefu.orm.em.fork().count(UserSchema, { email: 'csrf-missing@example.test' })).toBe(0);
  });

  it('refuses a cross-site login (no header) — login CSRF', async () => {
    const user = await t.createUser('agent');
    const client = t.client();
    const result = await client.gql(`mutation($i: LoginInput!) { login(input: $i) { csrfToken } }`, { i: { email: user.email, password: user.password } }, { csrf: null });
    expect(result.status).toBe(403);
    expect(client.cookies.has('kefu_session')).toBe(false);
  });

  it('refuses mutations over GET', async () => {
    const { client } = await t.signedIn('admin');
    const query = encodeURIComponent(`mutation { logout }`);
    const response = await fetch(`${t.url}/graphql?query=${query}`, { headers: { cookie: client.cookieHeader() } });
    const body = (await response.json()) as { errors?: { message: string }[] };
    expect(body.errors?.[0].message).toMatch(/GET/);
    expect((await client.data(ME)).me).not.toBeNull();
  });

  it('sets the session cookie HttpOnly and SameSite', async () => {
    const user = await t.createUser('agent');
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kefu-csrf': '1' },
      body: JSON.stringify({ query: `mutation($i: LoginInput!) { login(input: $i) { csrfToken } }`, variables: { i: { email: user.email, password: user.password } } }),
    });
    const session = response.headers.getSetCookie().find((line) => line.startsWith('kefu_session='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
  });
});
