/**
 * Help center and knowledge base (issue 4): an admin writes an article in
 * zh-CN in the editor, with an image and a downloadable file (a video from a
 * host that is not allowed is refused), and publishes it; a visitor in another
 * browser context finds an English article with a misspelled query and the
 * Chinese one with a Chinese phrase, opens it and votes it helpful; the admin
 * sees the view and the vote in the article's metrics. axe-core checks the
 * public home, search results and article pages.
 */
import { expectAccessible } from '../axe.mjs';
import { ADMIN, STEP_TIMEOUT_MS, apiSession, expectHeading, expectUrl, openPage, step } from '../harness.mjs';

export const title = 'help center: write and publish in zh-CN, search (typo, Chinese), read, vote, metrics';

/** A real 2×2 PNG, uploaded through the editor's upload button into the attachment store. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFElEQVR4nGP4z8DAAMIM/////w8AH+4F+7C4l8kAAAAASUVORK5CYII=',
  'base64',
);
/** A minimal PDF, attached as a downloadable file. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
/** Set when the admin uploads the image: /attachments/<random id>. */
let imagePath;
/** Set when the admin attaches the PDF. */
let filePath;

/** Search results arrive once the index job has run: retype until the expected hit shows. */
async function searchUntil(page, inputSelector, query, hitText) {
  const deadline = Date.now() + STEP_TIMEOUT_MS * 2;
  while (Date.now() < deadline) {
    await page.locator(inputSelector).fill('');
    await page.locator(inputSelector).fill(query);
    try {
      await page.locator('.hits a', { hasText: hitText }).first().waitFor({ timeout: 3000 });
      return;
    } catch {
      // not indexed yet
    }
  }
  throw new Error(`no search hit "${hitText}" for "${query}"`);
}

export async function run({ browser, baseUrl, problems }) {
  const api = await apiSession(baseUrl, ADMIN.email, ADMIN.password);
  let sectionId;

  await step('arrange a category, a section and a published English article (API)', async () => {
    const names = (en, zh) => [
      { locale: 'en', name: en },
      { locale: 'zh-CN', name: zh },
    ];
    const category = await api('mutation ($input: CreateKbCategoryInput!) { createKbCategory(input: $input) { id } }', {
      input: { slug: 'account', translations: names('Account', '账户') },
    });
    const section = await api('mutation ($input: CreateKbSectionInput!) { createKbSection(input: $input) { id } }', {
      input: { categoryId: category.createKbCategory.id, slug: 'passwords', translations: names('Passwords', '密码') },
    });
    sectionId = section.createKbSection.id;
    const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Open the sign-in page and choose “Forgot password”.' }] }] };
    const article = await api('mutation ($input: CreateKbArticleInput!) { createKbArticle(input: $input) { id } }', {
      input: {
        sectionId,
        visibility: 'public',
        translations: [{ locale: 'en', slug: 'reset-your-password', title: 'Reset your password', summary: 'Get back into your account.', body }],
      },
    });
    await api('mutation ($input: TransitionArticleInput!) { transitionArticle(input: $input) { status } }', {
      input: { id: article.createKbArticle.id, to: 'published' },
    });
  });

  const adminContext = await browser.newContext({ locale: 'en-US' });
  const admin = await openPage(adminContext, problems, 'admin');
  let articlePath;

  await step('admin signs in (the profile language, 简体中文, wins)', async () => {
    await admin.goto(`${baseUrl}/login`);
    await admin.getByLabel('Email').fill(ADMIN.email);
    await admin.getByLabel(/^Password/).fill(ADMIN.password);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await expectUrl(admin, '/admin/users');
  });

  await step('admin writes an article in zh-CN with an image and a downloadable file, and saves it', async () => {
    await admin.goto(`${baseUrl}/admin/knowledge-base/articles/new?sectionId=${sectionId}`);
    await expectHeading(admin, '新建文章');
    await admin.locator('.n-tabs-tab[data-name="zh-CN"]').click();
    await admin.locator('#kb-title-zh-CN').fill('重置密码的方法');
    const body = admin.locator('.ProseMirror[lang="zh-CN"]');
    await body.click();
    await admin.keyboard.type('打开登录页面，点击“忘记密码”，然后按照邮件中的链接设置新密码。');
    await admin.keyboard.press('Enter');
    // The upload button, then the prompt for the image's alternative text.
    admin.once('dialog', (dialog) => dialog.accept('登录页面截图'));
    await admin
      .locator('.kb-editor__translation[lang="zh-CN"] input[data-upload="image"]')
      .setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: PNG });
    const uploaded = body.locator('img[src^="/attachments/"]');
    await uploaded.waitFor({ state: 'attached' });
    imagePath = await uploaded.getAttribute('src');
    await admin
      .locator('.kb-editor__translation[lang="zh-CN"] input[data-upload="file"]')
      .setInputFiles({ name: 'reset-guide.pdf', mimeType: 'application/pdf', buffer: PDF });
    const attached = body.locator('a.kb-file', { hasText: 'reset-guide.pdf' });
    await attached.waitFor({ state: 'attached' });
    filePath = await attached.getAttribute('href');
    await admin.locator('[data-action="save"]').click();
    await admin.waitForURL((url) => /^\/admin\/knowledge-base\/articles\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/new'));
    await expectHeading(admin, '重置密码的方法');
    await admin.locator('[data-metric="views"]', { hasText: '0' }).waitFor();
  });

  await step('a video from a host that is not allowed is refused, with the reason', async () => {
    await admin.locator('.kb-editor__translation[lang="zh-CN"] [data-tool="video"]').click();
    await admin.locator('#kb-video-url').fill('https://videos.example.com/watch?v=abc123');
    await admin.locator('[data-action="insert-video"]').click();
    await admin.getByRole('alert').filter({ hasText: '无法嵌入来自 videos.example.com 的视频' }).waitFor();
    await admin.getByRole('button', { name: '取消' }).click();
    if (await admin.locator('.ProseMirror [data-video-src]').count()) throw new Error('a refused video was inserted');
  });

  await step('admin publishes it; the server-rendered preview keeps the image', async () => {
    await admin.locator('[data-transition="published"]').click();
    await admin.getByText('已发布', { exact: true }).first().waitFor();
    const link = admin.locator('a.kb-card__link', { hasText: 'zh-CN' });
    articlePath = decodeURIComponent(new URL(await link.getAttribute('href'), baseUrl).pathname);
    if (!articlePath.startsWith('/help/zh-CN/articles/')) throw new Error(`unexpected public path ${articlePath}`);
    await admin.getByRole('button', { name: '预览' }).first().click();
    await admin.locator(`.kb-editor__preview img[src="${imagePath}"]`).first().waitFor({ state: 'attached' });
  });

  const visitorContext = await browser.newContext({ locale: 'en-US' });
  const visitor = await openPage(visitorContext, problems, 'visitor');

  await step('visitor opens the help center home (accessible)', async () => {
    await visitor.goto(`${baseUrl}/`);
    await expectUrl(visitor, '/help/en');
    await expectHeading(visitor, 'How can we help?');
    await visitor.getByRole('link', { name: 'Account' }).waitFor();
    await expectAccessible(visitor, 'the help-center home');
  });

  await step('a misspelled query finds the English article as you type, with highlights', async () => {
    await searchUntil(visitor, '#help-center-search', 'pasword reset', 'Reset your password');
    await visitor.locator('.hits mark').first().waitFor();
    await visitor.locator('#help-center-search').press('Enter');
    await visitor.waitForURL((url) => url.pathname === '/help/en/search' && url.searchParams.get('q') === 'pasword reset');
    await visitor.locator('.hits a', { hasText: 'Reset your password' }).waitFor();
    await expectAccessible(visitor, 'the search results page');
  });

  await step('a Chinese phrase finds the zh-CN article; the visitor opens it (accessible)', async () => {
    await visitor.goto(`${baseUrl}/help/zh-CN`);
    await expectHeading(visitor, '有什么可以帮您？');
    await searchUntil(visitor, '#help-center-search', '如何重置密码', '重置密码的方法');
    await visitor.locator('.hits a', { hasText: '重置密码的方法' }).first().click();
    await visitor.waitForURL((url) => decodeURIComponent(url.pathname) === articlePath);
    await expectHeading(visitor, '重置密码的方法');
    // The visitor (signed out) really gets the image: the published article's files are public.
    const shown = visitor.locator(`.article__body img[src="${imagePath}"]`);
    await shown.waitFor({ state: 'attached' });
    await visitor.waitForFunction((img) => img.complete && img.naturalWidth === 2, await shown.elementHandle());
    // And the downloadable file, as a download link that serves the PDF.
    const download = visitor.locator(`.article__body a.kb-file[download][href="${filePath}"]`, { hasText: 'reset-guide.pdf' });
    await download.waitFor();
    const served = await visitorContext.request.get(`${baseUrl}${filePath}`);
    if (served.status() !== 200 || (await served.body()).toString() !== PDF.toString()) throw new Error(`GET ${filePath} did not serve the file`);
    await expectAccessible(visitor, 'the article page');
  });

  await step('the article page is pre-rendered for crawlers', async () => {
    const response = await fetch(`${baseUrl}${encodeURI(articlePath)}`);
    const html = await response.text();
    if (response.status !== 200 || !html.includes('<title>重置密码的方法</title>') || !html.includes('rel="canonical"')) {
      throw new Error(`GET ${articlePath} did not carry the article (status ${response.status})`);
    }
  });

  await step('visitor votes helpful, once', async () => {
    await visitor.getByRole('button', { name: '有帮助' }).click();
    await visitor.getByText('谢谢！很高兴能帮到您。').waitFor();
    if (await visitor.getByRole('button', { name: '有帮助' }).count()) throw new Error('the vote buttons are still offered');
  });

  await step('admin sees the view and the helpful vote in the article’s metrics', async () => {
    await admin.reload();
    await expectHeading(admin, '重置密码的方法');
    await admin.locator('[data-metric="views"]', { hasText: /^1$/ }).waitFor();
    await admin.locator('[data-metric="helpfulYes"]', { hasText: /^1$/ }).waitFor();
  });

  await visitorContext.close();
  await adminContext.close();
}
