import type { TestClient, TestKefu } from '../../src/testing/index.ts';

/** Tiptap documents and GraphQL helpers shared by the knowledge-base tests. */
export const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
export const heading = (text: string, level = 2) => ({ type: 'heading', attrs: { level }, content: [{ type: 'text', text }] });
export const doc = (...content: unknown[]) => ({ type: 'doc', content });
export const textDoc = (...paragraphs: string[]) => doc(...paragraphs.map(paragraph));

let counter = 0;
export const uniqueSlug = (base: string) => `${base}-${++counter}-${process.pid}`;

export const ARTICLE_FIELDS = `id status visibility version tags reviewAt stale publishAt publishedAt availableTransitions
  section { id slug } owner { id name }
  translations { locale slug title summary html plainText url toc { id text level } }`;

export async function createCategory(admin: TestClient, names: Record<string, string> = { en: 'Account', 'zh-CN': '账户' }) {
  const { createKbCategory } = await admin.data(
    `mutation($input: CreateKbCategoryInput!) { createKbCategory(input: $input) { id slug } }`,
    { input: { slug: uniqueSlug('category'), translations: Object.entries(names).map(([locale, name]) => ({ locale, name })) } },
  );
  return createKbCategory as { id: string; slug: string };
}

export async function createSection(admin: TestClient, categoryId: string, names: Record<string, string> = { en: 'Sign-in', 'zh-CN': '登录' }) {
  const { createKbSection } = await admin.data(
    `mutation($input: CreateKbSectionInput!) { createKbSection(input: $input) { id slug } }`,
    { input: { categoryId, slug: uniqueSlug('section'), translations: Object.entries(names).map(([locale, name]) => ({ locale, name })) } },
  );
  return createKbSection as { id: string; slug: string };
}

export interface ArticleTranslationSeed {
  locale: string;
  title: string;
  body: string | object;
  summary?: string;
  slug?: string;
}

export async function createArticle(
  client: TestClient,
  sectionId: string,
  translations: ArticleTranslationSeed[],
  options: { visibility?: string; tags?: string[]; reviewAt?: string } = {},
) {
  const { createKbArticle } = await client.data(`mutation($input: CreateKbArticleInput!) { createKbArticle(input: $input) { ${ARTICLE_FIELDS} } }`, {
    input: {
      sectionId,
      visibility: options.visibility ?? 'public',
      tags: options.tags,
      reviewAt: options.reviewAt,
      translations: translations.map((t) => ({
        locale: t.locale,
        slug: t.slug ?? uniqueSlug(t.locale === 'en' ? 'article' : '文章'),
        title: t.title,
        summary: t.summary,
        body: typeof t.body === 'string' ? textDoc(t.body) : t.body,
      })),
    },
  });
  return createKbArticle as any;
}

export async function transition(client: TestClient, id: string, to: string, publishAt?: string) {
  return client.gql(`mutation($input: TransitionArticleInput!) { transitionArticle(input: $input) { ${ARTICLE_FIELDS} } }`, {
    input: { id, to, publishAt },
  });
}

export async function publish(client: TestClient, id: string) {
  const result = await transition(client, id, 'published');
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.transitionArticle;
}

/** Creates and publishes; returns the article. */
export async function publishedArticle(
  admin: TestClient,
  sectionId: string,
  translations: ArticleTranslationSeed[],
  options?: { visibility?: string; tags?: string[]; reviewAt?: string },
) {
  const article = await createArticle(admin, sectionId, translations, options);
  return publish(admin, article.id);
}

/** Waits until every queued index update has been applied (the job queue may be applying some concurrently). */
export async function waitForIndex(t: TestKefu): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await t.kefu.services.search.queue.processNow();
    if ((await t.kefu.services.search.status()).pending === 0) return;
    if (Date.now() > deadline) throw new Error('index did not catch up');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
