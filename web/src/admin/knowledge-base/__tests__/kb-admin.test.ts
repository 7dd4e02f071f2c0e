import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot, viewer } from '../../../testing/fixtures.ts';
import { renderApp, settle } from '../../../testing/render-app.ts';
import { editorContext, kbArticle, metrics, tree } from './fixtures.ts';

const admin = viewer('admin');

function fill(id: string, value: string): void {
  const input = document.getElementById(id) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

const buttonNamed = (name: string) =>
  [...document.querySelectorAll<HTMLButtonElement>('button')].find((button) => button.textContent?.trim() === name || button.getAttribute('aria-label') === name);

describe('knowledge-base tree', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('reorders categories with the keyboard buttons and articles by drag and drop', async () => {
    const { wrapper, callsTo } = await renderApp('/admin/knowledge-base', {
      SessionBoot: boot(admin),
      KbTree: () => ({ data: tree() }),
      ReorderKbCategories: (variables) => ({ data: { reorderKbCategories: (variables.ids as string[]).map((id, position) => ({ id, position })) } }),
      ReorderKbArticles: (variables) => ({ data: { reorderKbArticles: (variables.ids as string[]).map((id, position) => ({ id, position })) } }),
    });
    await vi.waitFor(() => expect(wrapper.text()).toContain('Reset your password'));

    buttonNamed('Move Billing up')!.click();
    await settle();
    expect(callsTo('ReorderKbCategories').map((call) => call.variables)).toEqual([{ ids: ['c2', 'c1'] }]);
    expect(callsTo('KbTree').length).toBeGreaterThanOrEqual(2); // reloaded after saving
    const announced = [...document.querySelectorAll('[role="status"]')].map((element) => element.textContent);
    expect(announced).toContain('Billing moved to position 1 of 2.');

    // Drag "Two-step sign-in" above "Reset your password".
    const articles = () => [...document.querySelectorAll<HTMLElement>('.kb-tree__articles li')];
    const [first, second] = articles();
    second!.dispatchEvent(new Event('dragstart', { bubbles: true }));
    first!.dispatchEvent(new Event('dragover', { bubbles: true, cancelable: true }));
    first!.dispatchEvent(new Event('drop', { bubbles: true, cancelable: true }));
    await settle();
    expect(callsTo('ReorderKbArticles').map((call) => call.variables)).toEqual([{ sectionId: 's1', ids: ['a2', 'a1'] }]);
    // The first-level list did not take the nested drag for its own.
    expect(callsTo('ReorderKbCategories')).toHaveLength(1);
  });

  it('is open to agents (knowledge.edit), whose admin menu shows only the knowledge base', async () => {
    const { wrapper, router } = await renderApp('/admin/knowledge-base', { SessionBoot: boot(viewer('agent')), KbTree: () => ({ data: tree() }) });
    await vi.waitFor(() => expect(wrapper.text()).toContain('Reset your password'));
    expect(router.currentRoute.value.name).toBe('kb-admin');
    const menu = wrapper.find('nav[aria-label="Main navigation"]').text();
    expect(menu).toContain('Knowledge base');
    expect(menu).not.toContain('Users');
    // Languages are for admins only.
    expect(wrapper.find('nav[aria-label="Knowledge base pages"]').text()).not.toContain('Languages');
    await router.push('/admin/users');
    await settle();
    expect(router.currentRoute.value.name).toBe('login');
  });
});

describe('article editor', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('saves a new version with the loaded version as expectedVersion, then moves it through the workflow', async () => {
    const { wrapper, callsTo } = await renderApp('/admin/knowledge-base/articles/a1', {
      SessionBoot: boot(admin),
      KbEditorContext: editorContext,
      KbArticleEditor: () => ({ data: { kbArticle: { ...kbArticle(), metrics } } }),
      UpdateKbArticle: (variables) => {
        const input = variables.input as { translations: Array<{ title: string }> };
        const saved = kbArticle({ version: 4 });
        saved.translations[0]!.title = input.translations[0]!.title;
        return { data: { updateKbArticle: saved } };
      },
      TransitionArticle: (variables) => ({
        data: { transitionArticle: kbArticle({ version: 5, status: (variables.input as { to: 'in_review' }).to, availableTransitions: ['draft', 'published'] }) },
      }),
    });
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('Reset your password'));
    // Metrics of the article.
    expect(wrapper.find('[data-metric="views"]').text()).toBe('42');
    expect(wrapper.find('[data-metric="helpfulYes"]').text()).toBe('7');
    expect(wrapper.text()).toContain('Missing the SMS step');
    // The Tiptap editor shows the saved body.
    expect(wrapper.find('.ProseMirror').text()).toContain('Open the sign-in page.');

    const submitForReview = () => wrapper.find('[data-transition="in_review"]');
    expect(submitForReview().attributes('disabled')).toBeUndefined();
    fill('kb-title-en', 'Reset a forgotten password');
    await settle();
    // Unsaved changes: transitions would act on the saved version, so they wait.
    expect(submitForReview().attributes('disabled')).toBeDefined();

    await wrapper.find('[data-action="save"]').trigger('click');
    await settle();
    expect(callsTo('UpdateKbArticle')[0]?.variables).toEqual({
      input: {
        id: 'a1',
        expectedVersion: 3,
        visibility: 'public',
        tags: ['password'],
        clearReviewAt: true,
        translations: [
          { locale: 'en', title: 'Reset a forgotten password', slug: 'reset-password', summary: null, body: kbArticle().translations[0]!.body },
        ],
        removeLocales: [],
      },
    });
    expect(wrapper.text()).toContain('Version 4');

    await submitForReview().trigger('click');
    await settle();
    expect(callsTo('TransitionArticle').map((call) => call.variables)).toEqual([{ input: { id: 'a1', to: 'in_review' } }]);
    expect(wrapper.text()).toContain('In review');
    expect(wrapper.find('[data-transition="draft"]').text()).toBe('Back to draft');
    expect(wrapper.find('[data-transition="in_review"]').exists()).toBe(false);
  });

  it('creates an article in zh-CN with a slug from its title and opens it', async () => {
    const { router, callsTo } = await renderApp('/admin/knowledge-base/articles/new?sectionId=s1', {
      SessionBoot: boot(admin),
      KbEditorContext: editorContext,
      CreateKbArticle: () => ({ data: { createKbArticle: { id: 'a9' } } }),
      KbArticleEditor: () => ({ data: { kbArticle: { ...kbArticle({ id: 'a9' }), metrics } } }),
    });
    await vi.waitFor(() => expect(document.getElementById('kb-title-zh-CN')).not.toBeNull());
    fill('kb-title-zh-CN', '重置密码的方法');
    await settle();
    buttonNamed('Save')!.click();
    await settle();
    expect(callsTo('CreateKbArticle')[0]?.variables).toEqual({
      input: {
        sectionId: 's1',
        visibility: 'public',
        tags: [],
        reviewAt: null,
        translations: [{ locale: 'zh-CN', title: '重置密码的方法', slug: '重置密码的方法', summary: null, body: { type: 'doc', content: [{ type: 'paragraph' }] } }],
      },
    });
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/admin/knowledge-base/articles/a9'));
  });

  it('explains a concurrent edit (CONFLICT) instead of overwriting it', async () => {
    const { wrapper } = await renderApp('/admin/knowledge-base/articles/a1', {
      SessionBoot: boot(admin),
      KbEditorContext: editorContext,
      KbArticleEditor: () => ({ data: { kbArticle: { ...kbArticle(), metrics } } }),
      UpdateKbArticle: () => ({ data: null, errors: [{ message: 'Version 3 is not current.', extensions: { code: 'CONFLICT' } }] }),
    });
    await vi.waitFor(() => expect(document.getElementById('kb-title-en')).not.toBeNull());
    fill('kb-title-en', 'Changed');
    await settle();
    await wrapper.find('[data-action="save"]').trigger('click');
    await settle();
    expect(wrapper.find('[role="alert"]').text()).toContain('Someone else saved this article meanwhile.');
  });
});

describe('version history', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.body.innerHTML = '';
  });

  const versions = () => ({
    data: {
      kbArticle: {
        id: 'a1',
        version: 3,
        translations: [{ locale: 'en', title: 'Reset your password' }],
        versions: {
          totalCount: 3,
          nodes: [3, 2, 1].map((number) => ({
            id: `v${number}`,
            number,
            reason: number === 1 ? 'created' : 'edited',
            status: 'draft',
            createdAt: '2026-11-20T10:00:00.000Z',
            author: { id: 'admin-1', name: 'Ada admin' },
          })),
        },
      },
    },
  });

  it('shows the diff of the two latest versions, compares others on request, and restores one', async () => {
    const { wrapper, callsTo } = await renderApp('/admin/knowledge-base/articles/a1/history', {
      SessionBoot: boot(admin),
      KbArticleVersions: versions,
      KbVersionDiff: (variables) => ({
        data: {
          kbArticleVersionDiff: {
            from: variables.from,
            to: variables.to,
            changes: [
              {
                field: 'title',
                locale: 'en',
                parts: [
                  { value: 'Reset ', added: false, removed: false },
                  { value: 'your', added: false, removed: true },
                  { value: 'a forgotten', added: true, removed: false },
                  { value: ' password <b>', added: false, removed: false },
                ],
              },
            ],
          },
        },
      }),
      RestoreKbArticleVersion: () => ({ data: { restoreKbArticleVersion: { id: 'a1', version: 4 } } }),
    });
    await vi.waitFor(() => expect(wrapper.find('ins').exists()).toBe(true));
    expect(callsTo('KbVersionDiff')[0]?.variables).toEqual({ articleId: 'a1', from: 2, to: 3 });
    const change = wrapper.find('.kb-diff__change');
    expect(change.find('h3').text()).toBe('Title (en)');
    expect(change.find('del').text()).toBe('your');
    expect(change.find('ins').text()).toBe('a forgotten');
    expect(change.find('pre').text()).toBe('Reset youra forgotten password <b>');
    expect(change.find('b').exists()).toBe(false);

    const fromVersion1 = wrapper.find('input[aria-label="Compare from version 1"]');
    await fromVersion1.setValue(true);
    await fromVersion1.trigger('change');
    await settle();
    expect(callsTo('KbVersionDiff').at(-1)?.variables).toEqual({ articleId: 'a1', from: 1, to: 3 });

    buttonNamed('Restore #1')!.click();
    await settle();
    buttonNamed('Restore')!.click();
    await settle();
    expect(callsTo('RestoreKbArticleVersion').map((call) => call.variables)).toEqual([{ articleId: 'a1', number: 1 }]);
    expect(document.body.textContent).toContain('Version 1 restored as version 4.');
  });
});
