import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestClient, type TestKefu } from '../src/testing/index.ts';
import { download, PNG, upload } from './support/attachments.ts';
import { createTeam, doc, rowCount, sendMessage } from './support/tickets.ts';

let kefu: TestKefu;
beforeAll(async () => {
  kefu = await startTestKefu();
});
afterAll(() => kefu.close());

const uploadId = async (client: TestClient, name = 'shot.png') => {
  const result = await upload(client, name, PNG);
  expect(result.status).toBe(201);
  return result.body.attachment.id as string;
};

const MESSAGES = `query($id: ID!) { ticket(id: $id) { conversations { messages { nodes { kind attachments { id url } } } } } }`;

/** A support team, an agent in it, an agent outside it, and a customer with a submitted ticket. */
async function scenario() {
  const inside = await kefu.signedIn('agent');
  const outside = await kefu.signedIn('agent');
  const teamId = await createTeam(kefu, 'Support', [inside.user.id]);
  const customer = await kefu.signedIn('customer');
  const fileId = await uploadId(customer.client, 'receipt.png');
  const submitted = await customer.client.data(`mutation($input: SubmitTicketInput!) { submitTicket(input: $input) { id } }`, {
    input: { subject: 'Broken order', body: doc('See the receipt'), attachmentIds: [fileId] },
  });
  const ticketId = submitted.submitTicket.id as string;
  const admin = await kefu.signedIn('admin');
  await admin.client.data(`mutation($input: UpdateTicketInput!) { updateTicket(input: $input) { id } }`, { input: { id: ticketId, teamId } });
  return { inside, outside, customer, ticketId, fileId, admin };
}

describe('attachments on messages', () => {
  it('the customer\'s file reaches the ticket; agents of the ticket\'s team may download it, others may not', async () => {
    const { inside, outside, customer, ticketId, fileId } = await scenario();
    const url = `/attachments/${fileId}`;
    expect((await download(customer.client, url)).status).toBe(200);
    const ok = await download(inside.client, url);
    expect(ok.status).toBe(200);
    expect(ok.bytes.equals(PNG)).toBe(true);

    const refused = await download(outside.client, url);
    expect(refused.status).toBe(403);
    expect(refused.bytes.includes(PNG.subarray(0, 8))).toBe(false);
    const stranger = await kefu.signedIn('customer');
    const refusedCustomer = await download(stranger.client, url);
    expect(refusedCustomer.status).toBe(403);
    expect(refusedCustomer.bytes.includes(PNG.subarray(0, 8))).toBe(false);

    const seen = await inside.client.data(MESSAGES, { id: ticketId });
    expect(seen.ticket.conversations[0].messages.nodes[0].attachments).toEqual([{ id: fileId, url }]);
  });

  it('a file on an internal note is never served to the customer, nor listed', async () => {
    const { inside, customer, ticketId } = await scenario();
    const noteFile = await uploadId(inside.client, 'internal.png');
    const sent = await sendMessage(inside.client, { ticketId, kind: 'note', body: doc('internal'), attachmentIds: [noteFile] });
    expect(sent.errors).toBeUndefined();
    expect(sent.data.sendMessage.attachments).toEqual([{ id: noteFile, filename: 'internal.png', url: `/attachments/${noteFile}` }]);

    const refused = await download(customer.client, `/attachments/${noteFile}`);
    expect(refused.status).toBe(403);
    expect(refused.bytes.includes(PNG.subarray(0, 8))).toBe(false);
    const listed = await customer.client.data(MESSAGES, { id: ticketId });
    const ids = listed.ticket.conversations.flatMap((c: any) => c.messages.nodes.flatMap((m: any) => m.attachments.map((a: any) => a.id)));
    expect(ids).not.toContain(noteFile);

    const replyFile = await uploadId(inside.client, 'public.png');
    await sendMessage(inside.client, { ticketId, kind: 'reply', body: doc('here you go'), attachmentIds: [replyFile] });
    expect((await download(customer.client, `/attachments/${replyFile}`)).status).toBe(200);
  });

  it('refuses ids that are not the sender\'s own drafts, and then sends nothing', async () => {
    const { inside, outside, customer, ticketId, fileId } = await scenario();
    const othersDraft = await uploadId(outside.client);
    const before = await rowCount(kefu, 'messages', 'ticket_id = ?', [ticketId]);
    for (const attachmentIds of [[othersDraft], [fileId], ['AAAAAAAAAAAAAAAAAAAAAAAAAAA']]) {
      const result = await sendMessage(inside.client, { ticketId, body: doc('with a file'), attachmentIds });
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const customerTry = await sendMessage(customer.client, { ticketId, body: doc('mine?'), attachmentIds: [othersDraft] });
    expect(customerTry.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await rowCount(kefu, 'messages', 'ticket_id = ?', [ticketId])).toBe(before);
    expect(await rowCount(kefu, 'attachments', 'id = ? AND message_id IS NULL', [othersDraft])).toBe(1);
  });

  it('createTicket attaches files to the first message', async () => {
    const agent = await kefu.signedIn('supervisor');
    const fileId = await uploadId(agent.client);
    const created = await agent.client.data(`mutation($input: CreateTicketInput!) { createTicket(input: $input) { id } }`, {
      input: { subject: 'Phone call', requester: { name: 'Bob', email: `bob-${Date.now()}@example.test` }, body: doc('Called in'), attachmentIds: [fileId] },
    });
    const seen = await agent.client.data(MESSAGES, { id: created.createTicket.id });
    expect(seen.ticket.conversations[0].messages.nodes[0].attachments).toEqual([{ id: fileId, url: `/attachments/${fileId}` }]);
    const withoutBody = await agent.client.gql(`mutation($input: CreateTicketInput!) { createTicket(input: $input) { id } }`, {
      input: { subject: 'No body', requester: { name: 'Bob' }, attachmentIds: [await uploadId(agent.client)] },
    });
    expect(withoutBody.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
