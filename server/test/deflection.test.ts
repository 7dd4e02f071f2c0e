import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestKefu } from '../src/testing/index.ts';
import { doc, setUpDesk, type Desk } from './support/helpdesk.ts';
import { createCategory, createSection, publishedArticle, textDoc, uniqueSlug } from './support/knowledge-base.ts';

const RECORD_OPEN = `mutation($i: RecordSuggestionOpenInput!) { recordSuggestionOpen(input: $i) }`;
const SUBMIT = `mutation($i: SubmitTicketInput!) { submitTicket(input: $i) { id } }`;
const OPENED = `query($id: ID!) { ticket(id: $id) { openedSuggestions { articleId title url query } } }`;

describe('contact-form deflection on tickets', () => {
  let t: TestKefu;
  let desk: Desk;
  let articleId: string;
  let slug: string;
  beforeAll(async () => {
    t = await startTestKefu();
    desk = await setUpDesk(t);
    const category = await createCategory(desk.admin);
    const section = await createSection(desk.admin, category.id);
    slug = uniqueSlug('refund');
    const article = await publishedArticle(desk.admin, section.id, [{ locale: 'en', title: 'Get a refund', slug, body: textDoc('Refunds take 5 days.') }]);
    articleId = article.id;
  });
  afterAll(() => t.close());

  const openSuggestion = async (client: Desk['customer']['client']) =>
    (await client.data(RECORD_OPEN, { i: { articleId, query: 'refund please', surface: 'contact_form', locale: 'en' } })).recordSuggestionOpen as string;

  it('shows agents the article the customer opened before still submitting the ticket', async () => {
    const suggestionOpenId = await openSuggestion(desk.customer.client);
    const ticketId = (await desk.customer.client.data(SUBMIT, { i: { subject: 'Refund', body: doc('Where is my refund?'), suggestionOpenId } })).submitTicket.id;

    const staffView = await desk.supervisor.client.data(OPENED, { id: ticketId });
    expect(staffView.ticket.openedSuggestions).toEqual([{ articleId, title: 'Get a refund', url: `/help/en/articles/${slug}`, query: 'refund please' }]);
    // Customers do not get the deflection record of their own ticket.
    const customerView = await desk.customer.client.data(OPENED, { id: ticketId });
    expect(customerView.ticket.openedSuggestions).toEqual([]);
  });

  it('ignores a suggestion another visitor opened, and an id that is not one', async () => {
    const foreign = await openSuggestion(desk.otherCustomer.client);
    const stolen = (await desk.customer.client.data(SUBMIT, { i: { subject: 'Refund 2', body: doc('Again'), suggestionOpenId: foreign } })).submitTicket.id;
    const bogus = (await desk.customer.client.data(SUBMIT, { i: { subject: 'Refund 3', body: doc('Again'), suggestionOpenId: 'not-an-id' } })).submitTicket.id;
    for (const id of [stolen, bogus]) {
      expect((await desk.supervisor.client.data(OPENED, { id })).ticket.openedSuggestions).toEqual([]);
    }
    // The other visitor's suggestion can still be linked to their own ticket.
    const own = (await desk.otherCustomer.client.data(SUBMIT, { i: { subject: 'Mine', body: doc('Mine'), suggestionOpenId: foreign } })).submitTicket.id;
    expect((await desk.supervisor.client.data(OPENED, { id: own })).ticket.openedSuggestions).toHaveLength(1);
  });
});
