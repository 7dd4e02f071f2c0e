import { definePlugin, type PluginDefinition } from '@kefu/plugin-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestKefu, type TestKefu } from '../src/testing/index.ts';

const healthy = definePlugin({
  id: 'healthy',
  version: '1.0.0',
  compatibility: '^0.1.0',
  register(ctx) {
    ctx.graphql.extendSchema(`extend type Query { healthyPing: String! }`);
    ctx.graphql.addResolvers({ Query: { healthyPing: ctx.graphql.guard('public', () => 'pong') } });
    ctx.events.on('user.created', () => {
      throw new Error('handler bug');
    });
  },
});

const throwsOnRegister = definePlugin({
  id: 'throws',
  version: '1.0.0',
  compatibility: '^0.1.0',
  register(ctx) {
    ctx.graphql.extendSchema(`extend type Query { throwsField: String! }`);
    throw new Error('boom while loading');
  },
});

const incompatible = definePlugin({ id: 'from-the-future', version: '3.0.0', compatibility: '^2.0.0', register() {} });

const unguarded = definePlugin({
  id: 'unguarded',
  version: '1.0.0',
  compatibility: '^0.1.0',
  register(ctx) {
    ctx.graphql.extendSchema(`extend type Query { leakUsers: String }`);
    ctx.graphql.addResolvers({ Query: { leakUsers: () => 'everything' } });
  },
});

const clashesWithCore = definePlugin({
  id: 'clash',
  version: '1.0.0',
  compatibility: '^0.1.0',
  register(ctx) {
    ctx.graphql.extendSchema(`extend type Query { me: String }`);
  },
});

const badSettings = definePlugin({
  id: 'strict-settings',
  version: '1.0.0',
  compatibility: '^0.1.0',
  settings: z.object({ apiKey: z.string().min(10) }),
  register() {},
});

const hangs = definePlugin({
  id: 'broken-route',
  version: '1.0.0',
  compatibility: '^0.1.0',
  register(ctx) {
    ctx.http.routes(async (app) => {
      app.get('/x', async () => 'x');
      app.get('/x', async () => 'duplicate route');
    });
  },
});

const plugins: (PluginDefinition<any> | string)[] = [
  healthy,
  throwsOnRegister,
  incompatible,
  unguarded,
  clashesWithCore,
  badSettings,
  hangs,
  'kefu-plugin-that-does-not-exist',
];

describe('plugin loader isolates failures', () => {
  let t: TestKefu;
  beforeAll(async () => {
    t = await startTestKefu({ plugins, env: { KEFU_PLUGIN_STRICT_SETTINGS: JSON.stringify({ apiKey: 'short' }) } });
  });
  afterAll(() => t.close());

  it('keeps serving the core and the healthy plugin', async () => {
    expect(await t.client().data(`{ healthyPing version { core } }`)).toMatchObject({ healthyPing: 'pong' });
  });

  it('reports each broken plugin with its reason on /readyz', async () => {
    const response = await fetch(`${t.url}/readyz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { plugins: { id: string; state: string; error: string | null }[] };
    const byId = Object.fromEntries(body.plugins.map((plugin) => [plugin.id, plugin]));
    expect(byId.healthy).toMatchObject({ state: 'active', error: null });
    expect(byId.throws).toMatchObject({ state: 'failed', error: 'boom while loading' });
    expect(byId['from-the-future']).toMatchObject({ state: 'incompatible' });
    expect(byId['from-the-future'].error).toMatch(/requires plugin API \^2\.0\.0/);
    expect(byId.unguarded.error).toMatch(/without a permission guard: Query\.leakUsers/);
    expect(byId.clash).toMatchObject({ state: 'failed' });
    expect(byId['strict-settings'].error).toMatch(/KEFU_PLUGIN_STRICT_SETTINGS.*apiKey/);
    expect(byId['broken-route']).toMatchObject({ state: 'failed' });
    expect(byId['kefu-plugin-that-does-not-exist'].error).toMatch(/cannot import/);
  });

  it('adds nothing from a plugin that failed (its schema is not served)', async () => {
    const result = await t.client().gql(`{ throwsField }`);
    expect(result.errors?.[0].message).toMatch(/Cannot query field "throwsField"/);
    const leak = await t.client().gql(`{ leakUsers }`);
    expect(leak.errors?.[0].message).toMatch(/Cannot query field "leakUsers"/);
  });

  it('shows plugin states to admins only', async () => {
    const { client: admin } = await t.signedIn('admin');
    const { plugins: statuses } = await admin.data(`{ plugins { id state error handlerFailures } }`);
    expect(statuses).toHaveLength(plugins.length);
    const { client: agent } = await t.signedIn('agent');
    expect((await agent.gql(`{ plugins { id } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('a throwing event handler never fails the core mutation; failures are counted', async () => {
    const { client: admin } = await t.signedIn('admin');
    const created = await admin.data(
      `mutation { createUser(input: { email: "evt@example.test", name: "E", role: agent, password: "long-enough-pass" }) { id } }`,
    );
    expect(created.createUser.id).toBeTruthy();
    await t.kefu.services.events.idle();
    const { plugins: statuses } = await admin.data(`{ plugins { id handlerFailures } }`);
    expect(statuses.find((plugin: { id: string }) => plugin.id === 'healthy').handlerFailures).toBeGreaterThanOrEqual(1);
  });
});

describe('definePlugin', () => {
  it('rejects an invalid id', () => {
    expect(() => definePlugin({ id: 'Bad Id', version: '1.0.0', compatibility: '^0.1.0', register() {} })).toThrow(/must match/);
  });
});
