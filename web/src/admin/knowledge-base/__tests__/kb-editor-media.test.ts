import type { Editor } from '@tiptap/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot, viewer } from '../../../testing/fixtures.ts';
import { graphqlError, renderApp, settle, type Responder } from '../../../testing/render-app.ts';
import { editorContext, kbArticle, metrics } from './fixtures.ts';

const FILE_ID = 'f'.repeat(27);

/** The server's answers (kbVideoEmbed) for the addresses typed below: it alone knows the allowed sites. */
const refusal = (video: Record<string, string>, message: string) => graphqlError('BAD_USER_INPUT', `url: ${message}`, { fields: [{ field: 'url', message }], video });
const VIDEO_ANSWERS: Record<string, ReturnType<Responder>> = {
  'https://videos.example.com/watch?v=dQw4w9WgXcQ': refusal({ reason: 'host', host: 'videos.example.com' }, 'Videos from videos.example.com cannot be embedded.'),
  'https://www.youtube.com/channel/UC123': refusal({ reason: 'notVideo', provider: 'youtube' }, 'This YouTube address does not point to a video.'),
  youtube: refusal({ reason: 'notUrl' }, 'Enter the full address of the video, starting with https://.'),
  'https://www.bilibili.com/video/BV1GJ411x7h7/?spm_id_from=333': {
    data: { kbVideoEmbed: { provider: 'bilibili', embedUrl: 'https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7&autoplay=0' } },
  },
};

function responders(overrides: Record<string, Responder> = {}): Record<string, Responder> {
  return {
    KbVideoEmbed: (variables) => VIDEO_ANSWERS[String(variables.url)] ?? graphqlError('INTERNAL', 'unexpected address'),
    SessionBoot: boot(viewer('admin')),
    KbEditorContext: editorContext,
    KbArticleEditor: () => ({ data: { kbArticle: { ...kbArticle(), metrics } } }),
    UpdateKbArticle: () => ({ data: { updateKbArticle: kbArticle({ version: 4 }) } }),
    AgentSearch: () => ({
      data: {
        agents: [
          { id: 'admin-1', name: 'Ada admin', email: 'ada@example.test' },
          { id: 'agent-2', name: 'Bo Agent', email: 'bo@example.test' },
        ],
      },
    }),
    ...overrides,
  };
}

const toolbarButton = (tool: string) => document.querySelector(`[data-tool="${tool}"]`) as HTMLButtonElement;
const buttonNamed = (name: string) => [...document.querySelectorAll<HTMLButtonElement>('button')].find((button) => button.textContent?.trim() === name);
const savedBody = (calls: { variables: Record<string, unknown> }[]) =>
  (calls[0]?.variables.input as { translations: { body: { content: unknown[] } }[] }).translations[0]!.body.content;

async function openEditor(overrides: Record<string, Responder> = {}) {
  const app = await renderApp('/admin/knowledge-base/articles/a1', responders(overrides));
  await vi.waitFor(() => expect(document.querySelector('.ProseMirror')?.textContent).toContain('Open the sign-in page.'));
  return app;
}

async function typeVideoUrl(url: string): Promise<void> {
  const input = document.getElementById('kb-video-url') as HTMLInputElement;
  input.value = url;
  input.dispatchEvent(new Event('input'));
  await settle();
  (document.querySelector('[data-action="insert-video"]') as HTMLButtonElement).click();
  await settle();
}

describe('article editor: videos, files and owner', () => {
  let unmount: () => void = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    unmount();
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('refuses a video from another site, and one that is not a video, with a reason', async () => {
    const app = await openEditor();
    unmount = () => app.wrapper.unmount();
    toolbarButton('video').click();
    await settle();
    expect(document.getElementById('kb-video-url')).not.toBeNull();

    await typeVideoUrl('https://videos.example.com/watch?v=dQw4w9WgXcQ');
    expect(document.querySelector('[role="alert"]')?.textContent).toBe(
      'Videos from videos.example.com cannot be embedded: only YouTube, Vimeo and Bilibili are allowed.',
    );
    await typeVideoUrl('https://www.youtube.com/channel/UC123');
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('This YouTube address does not point to a video.');
    await typeVideoUrl('youtube');
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('starting with https://');
    // The server decided each time; an empty address needs no question.
    expect(app.callsTo('KbVideoEmbed').map((call) => call.variables.url)).toEqual(['https://videos.example.com/watch?v=dQw4w9WgXcQ', 'https://www.youtube.com/channel/UC123', 'youtube']);
    await typeVideoUrl('  ');
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('starting with https://');
    expect(app.callsTo('KbVideoEmbed')).toHaveLength(3);
    // Nothing was inserted; the dialog stays open for a correction.
    expect(document.querySelector('.ProseMirror [data-video-src]')).toBeNull();
    expect(document.getElementById('kb-video-url')).not.toBeNull();
  });

  it('embeds a Bilibili video as the player the help center shows, and saves it', async () => {
    const app = await openEditor();
    unmount = () => app.wrapper.unmount();
    toolbarButton('video').click();
    await settle();
    const title = document.getElementById('kb-video-title') as HTMLInputElement;
    title.value = 'Resetting a password';
    title.dispatchEvent(new Event('input'));
    await typeVideoUrl('https://www.bilibili.com/video/BV1GJ411x7h7/?spm_id_from=333');
    expect(document.querySelector('[role="alert"]')).toBeNull();
    expect(document.querySelector('.ProseMirror [data-video-src]')?.textContent).toContain('Resetting a password');

    buttonNamed('Save')!.click();
    await settle();
    expect(savedBody(app.callsTo('UpdateKbArticle'))).toContainEqual({
      type: 'video',
      attrs: { src: 'https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7&autoplay=0', title: 'Resetting a password' },
    });
  });

  it('uploads a downloadable file and inserts it as a file the server renders as a download', async () => {
    const sent: { url: string; body: FormData }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      sent.push({ url, body: init.body as FormData });
      const attachment = { id: FILE_ID, filename: 'router-manual.pdf', contentType: 'application/pdf', size: 3, isImage: false, url: `/attachments/${FILE_ID}` };
      return new Response(JSON.stringify({ attachment }), { status: 201, headers: { 'content-type': 'application/json' } });
    });
    const app = await openEditor();
    unmount = () => app.wrapper.unmount();
    const input = document.querySelector('input[data-upload="file"]') as HTMLInputElement;
    expect(input.closest('label')?.textContent).toContain('Attach a downloadable file');
    const file = new File([new Uint8Array([37, 80, 68])], 'router-manual.pdf', { type: 'application/pdf' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(document.querySelector('.ProseMirror a.kb-file')?.textContent).toBe('router-manual.pdf'));
    expect(sent.map((request) => request.url)).toEqual(['/attachments']);
    expect((sent[0]!.body.get('file') as File).name).toBe('router-manual.pdf');
    // A second file goes after a selected one, not over it.
    const editor = (document.querySelector('.ProseMirror') as HTMLElement & { editor: Editor }).editor;
    let filePos = -1;
    editor.state.doc.descendants((node, pos) => {
      if (node.type.name === 'fileAttachment') filePos = pos;
    });
    editor.commands.setNodeSelection(filePos);
    input.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(document.querySelectorAll('.ProseMirror a.kb-file')).toHaveLength(2));

    buttonNamed('Save')!.click();
    await settle();
    expect(savedBody(app.callsTo('UpdateKbArticle'))).toContainEqual({
      type: 'fileAttachment',
      attrs: { href: `/attachments/${FILE_ID}`, name: 'router-manual.pdf' },
    });
  });

  it('says why an upload was refused and inserts nothing', async () => {
    vi.stubGlobal('fetch', async () =>
      new Response(JSON.stringify({ errors: [{ message: 'file: this type of file is not accepted' }] }), { status: 415, headers: { 'content-type': 'application/json' } }),
    );
    const app = await openEditor();
    unmount = () => app.wrapper.unmount();
    const input = document.querySelector('input[data-upload="file"]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['x'], 'tool.exe')], configurable: true });
    input.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(document.body.textContent).toContain('The file was not uploaded: file: this type of file is not accepted'));
    expect(document.querySelector('.ProseMirror a.kb-file')).toBeNull();
  });

  it('hands the article to another staff member', async () => {
    const app = await openEditor();
    unmount = () => app.wrapper.unmount();
    const owner = document.getElementById('kb-owner') as HTMLInputElement;
    expect(owner.closest('.n-base-selection')?.textContent).toContain('Ada admin');
    owner.closest('.n-base-selection')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await settle();
    const option = await vi.waitFor(() => {
      const found = [...document.querySelectorAll<HTMLElement>('.n-base-select-option')].find((item) => item.textContent?.includes('Bo Agent'));
      expect(found).toBeDefined();
      return found!;
    });
    option.click();
    await settle();
    buttonNamed('Save')!.click();
    await settle();
    expect(app.callsTo('UpdateKbArticle')[0]?.variables.input).toMatchObject({ id: 'a1', ownerId: 'agent-2' });
    expect(app.callsTo('AgentSearch').length).toBeGreaterThan(0);
  });
});
