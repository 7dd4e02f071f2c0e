import type { TestClient, TestKefu } from '../../src/testing/index.ts';

/** A Tiptap document of one paragraph per argument. */
export const doc = (...paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

/** An internal note mentioning staff users (Tiptap mention nodes). */
export const noteMentioning = (text: string, users: { id: string; name: string }[]) => ({
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        ...users.flatMap((user) => [{ type: 'mention', attrs: { id: user.id, label: user.name } }, { type: 'text', text: ' ' }]),
        { type: 'text', text },
      ],
    },
  ],
});

/** A team with the given members, created by a fresh admin. */
export async function createTeam(kefu: TestKefu, name: string, memberIds: string[]): Promise<string> {
  const { client } = await kefu.signedIn('admin');
  const result = await client.data(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, {
    input: { name: `${name} ${Math.random().toString(36).slice(2, 8)}`, memberIds },
  });
  return result.createTeam.id;
}

export async function createTicket(client: TestClient, input: Record<string, unknown>) {
  const result = await client.data(`mutation($input: CreateTicketInput!) { createTicket(input: $input) { id number } }`, { input });
  return result.createTicket as { id: string; number: number };
}

export async function sendMessage(client: TestClient, input: Record<string, unknown>) {
  return client.gql(`mutation($input: SendMessageInput!) { sendMessage(input: $input) { id kind attachments { id filename url } } }`, { input });
}

export const rowCount = async (kefu: TestKefu, table: string, where = 'true', params: unknown[] = []) =>
  Number((await kefu.kefu.orm.em.fork().getConnection().execute(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params))[0].n);
