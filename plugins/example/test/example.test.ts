import { startPluginTestServer } from '@kefu/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import examplePlugin from '../src/index.ts';

describe('example plugin through the SDK test harness', () => {
  let kefu: Awaited<ReturnType<typeof startPluginTestServer>>;
  beforeAll(async () => {
    kefu = await startPluginTestServer(examplePlugin, { settings: { greeting: '你好', maxNoteLength: 20 } });
  });
  afterAll(() => kefu.close());

  it('loads as active', () => {
    expect(kefu.pluginStatus).toMatchObject({ id: 'example', state: 'active', error: null });
  });

  it('extends the schema, reading typed settings', async () => {
    const { client } = await kefu.signedIn('customer');
    expect(await client.data(`{ exampleGreeting }`)).toEqual({ exampleGreeting: '你好' });
  });

  it('guards its resolvers with core permissions', async () => {
    const { client } = await kefu.signedIn('customer');
    const result = await client.gql(`mutation { addExampleNote(body: "hi") { id } }`);
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await kefu.client().gql(`{ exampleGreeting }`);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('stores notes in its own table (entity + migration) and validates with its settings', async () => {
    const { client, user } = await kefu.signedIn('agent');
    const { addExampleNote } = await client.data(`mutation { addExampleNote(body: " first note ") { body authorId } }`);
    expect(addExampleNote).toEqual({ body: 'first note', authorId: user.id });
    const tooLong = await client.gql(`mutation { addExampleNote(body: "${'x'.repeat(21)}") { id } }`);
    expect(tooLong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('handles core events: a new user gets a welcome note', async () => {
    const { client: admin } = await kefu.signedIn('admin');
    const { createUser } = await admin.data(
      `mutation { createUser(input: { email: "welcome@example.test", name: "W", role: agent, password: "long-enough-pass" }) { id } }`,
    );
    await kefu.eventsSettled();
    const { exampleNotes } = await admin.data(`{ exampleNotes(limit: 50) { body } }`);
    expect(exampleNotes.map((note: { body: string }) => note.body)).toContain(`Welcome, user ${createUser.id}`);
  });

  it('serves HTTP routes under /plugins/example/', async () => {
    const count = await fetch(`${kefu.url}/plugins/example/notes/count`).then((response) => response.json());
    expect(count).toEqual({ count: expect.any(Number) });
    const echo = await fetch(`${kefu.url}/plugins/example/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'ping' }),
    });
    expect(await echo.json()).toEqual({ echoed: 'ping' });
  });
});
