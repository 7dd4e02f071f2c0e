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

/** A signed-in customer with a portal account (self sign-up) and their profile id. */
export async function signedUpCustomer(kefu: TestKefu, name = 'Customer') {
  const client = kefu.client();
  const email = `customer-${Math.random().toString(36).slice(2, 10)}@example.test`;
  const password = 'customer-password-1';
  // Tests that sign up many customers raise PORTAL_SIGNUP_MAX_PER_IP: they all come from 127.0.0.1.
  const result = await client.gql(`mutation($input: SignUpCustomerInput!) { signUpCustomer(input: $input) { user { id } } }`, {
    input: { email, password, name },
  });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  const userId = result.data.signUpCustomer.user.id as string;
  const [row] = await kefu.kefu.orm.em.fork().getConnection().execute(`SELECT id FROM customers WHERE user_id = ?`, [userId]);
  return { client, userId, customerId: row.id as string, email, password };
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
