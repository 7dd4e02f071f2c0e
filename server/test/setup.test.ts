import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserSchema } from '../src/auth/user.entity.ts';
import { startTestKefu, type TestKefu } from '../src/testing/index.ts';

const CREATE_FIRST_ADMIN = `mutation($i: CreateFirstAdminInput!) { createFirstAdmin(input: $i) { user { email role locale } csrfToken } }`;
const admin = (email: string) => ({ i: { email, name: 'First Admin', password: 'correct-horse-battery', locale: 'zh-CN' } });

describe('first-run setup', () => {
  let t: TestKefu;
  beforeAll(async () => {
    t = await startTestKefu();
  });
  afterAll(() => t.close());

  it('creates exactly one first admin even when two requests race, and signs the winner in', async () => {
    expect((await t.client().data(`{ setupStatus { needsSetup } }`)).setupStatus.needsSetup).toBe(true);
    const [first, second] = [t.client(), t.client()];
    const results = await Promise.all([first.gql(CREATE_FIRST_ADMIN, admin('one@example.test')), second.gql(CREATE_FIRST_ADMIN, admin('two@example.test'))]);
    const winners = results.filter((result) => result.data?.createFirstAdmin);
    const losers = results.filter((result) => result.errors);
    expect(winners).toHaveLength(1);
    expect(losers[0].errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await t.kefu.orm.em.fork().count(UserSchema, { role: 'admin' })).toBe(1);
    expect(winners[0].data.createFirstAdmin.user).toMatchObject({ role: 'admin', locale: 'zh-CN' });
    const winner = results[0].data ? first : second;
    expect((await winner.data(`{ me { user { role } } }`)).me.user.role).toBe('admin');
    expect((await t.client().data(`{ setupStatus { needsSetup } }`)).setupStatus.needsSetup).toBe(false);
  });

  it('refuses setup once an admin exists', async () => {
    const result = await t.client().gql(CREATE_FIRST_ADMIN, admin('late@example.test'));
    expect(result.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await t.kefu.orm.em.fork().count(UserSchema, { email: 'late@example.test' })).toBe(0);
  });

  it('validates setup input before touching the database', async () => {
    const fresh = await startTestKefu();
    try {
      const result = await fresh.client().gql(CREATE_FIRST_ADMIN, { i: { email: 'x', name: ' ', password: '123', locale: 'fr' } });
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(await fresh.kefu.orm.em.fork().count(UserSchema, {})).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});
