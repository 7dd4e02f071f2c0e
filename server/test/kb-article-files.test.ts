import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestClient, type TestKefu } from '../src/testing/index.ts';
import { download, PNG, upload } from './support/attachments.ts';
import { createArticle, createCategory, createSection, doc, paragraph, publish, uniqueSlug } from './support/knowledge-base.ts';

const image = (id: string) => ({ type: 'image', attrs: { src: `/attachments/${id}`, alt: 'Screenshot' } });
const ARTICLE_COUNT = `query { kbArticles { totalCount } }`;

describe('files shown in knowledge-base articles', () => {
  let t: TestKefu;
  let admin: TestClient;
  let sectionId: string;
  beforeAll(async () => {
    t = await startTestKefu();
    admin = (await t.signedIn('admin')).client;
    const category = await createCategory(admin);
    sectionId = (await createSection(admin, category.id)).id;
  });
  afterAll(() => t.close());

  async function articleWithImage(visibility: string) {
    const uploaded = await upload(admin, 'screen.png', PNG);
    expect(uploaded.status).toBe(201);
    const fileId = uploaded.body.attachment.id as string;
    const article = await createArticle(
      admin,
      sectionId,
      [{ locale: 'en', title: `Screens ${visibility}`, slug: uniqueSlug('screens'), body: doc(paragraph('Look:'), image(fileId)) }],
      { visibility },
    );
    return { fileId, articleId: article.id as string, url: `/attachments/${fileId}` };
  }

  it('serves a public article image to anonymous visitors only once the article is published', async () => {
    const { articleId, url } = await articleWithImage('public');
    const visitor = t.client();
    expect((await download(visitor, url)).status).toBe(401);
    // Staff (here another agent) read drafts' files: they review them.
    const { client: agent } = await t.signedIn('agent');
    expect((await download(agent, url)).status).toBe(200);

    await publish(admin, articleId);
    const served = await download(visitor, url);
    expect(served.status).toBe(200);
    expect(served.bytes.equals(PNG)).toBe(true);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('never serves an internal article’s image to customers or visitors', async () => {
    const { articleId, url } = await articleWithImage('internal');
    await publish(admin, articleId);
    const { client: customer } = await t.signedIn('customer');
    const refused = await download(customer, url);
    expect(refused.status).toBe(403);
    expect(refused.bytes.includes(PNG)).toBe(false);
    expect((await download(t.client(), url)).status).toBe(401);
  });

  it('refuses an article that shows a customer’s upload, and saves nothing', async () => {
    const { client: customer } = await t.signedIn('customer');
    const theirs = await upload(customer, 'private.png', PNG);
    expect(theirs.status).toBe(201);
    const before = (await admin.data(ARTICLE_COUNT)).kbArticles.totalCount;
    const response = await admin.gql(`mutation($input: CreateKbArticleInput!) { createKbArticle(input: $input) { id } }`, {
      input: {
        sectionId,
        visibility: 'public',
        translations: [{ locale: 'en', slug: uniqueSlug('leak'), title: 'Leak', body: doc(image(theirs.body.attachment.id)) }],
      },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await admin.data(ARTICLE_COUNT)).kbArticles.totalCount).toBe(before);
    expect((await download(t.client(), `/attachments/${theirs.body.attachment.id}`)).status).toBe(401);
  });
});
