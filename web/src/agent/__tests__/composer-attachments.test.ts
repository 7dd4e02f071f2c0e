import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { acceptedUpload, chooseFiles, dropFiles, pasteFiles, pngFile, refusedUpload, textFile } from '../../testing/files.ts';
import { settle, type RestReply } from '../../testing/render-app.ts';
import { agentTicket, message, messageEntry } from './agent-fixtures.ts';
import { composerEditor, openTicket } from './ticket-helpers.ts';

const button = (text: string) => [...document.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === text) as HTMLButtonElement;
const chips = () => [...document.querySelectorAll('.composer .attachment-chip')];
const editorElement = () => document.querySelector('.composer .ProseMirror')!;

describe('agent composer: attachments', () => {
  let unmount: () => void = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    unmount();
    document.body.innerHTML = '';
  });

  it('uploads a dropped file, shows it as a chip and sends its id with the reply', async () => {
    const upload = vi.fn((fields: Record<string, unknown>) => acceptedUpload(fields.file as File, 'att-drop'));
    const app = await openTicket({}, { rest: { 'POST /attachments': upload } });
    unmount = () => app.wrapper.unmount();

    const drop = dropFiles(editorElement(), [textFile('order-42.txt', 'order 42 invoice')]);
    // Taken by the composer, so the browser does not open the file and the editor does not insert it.
    expect(drop.defaultPrevented).toBe(true);
    await settle();

    expect(upload).toHaveBeenCalledTimes(1);
    expect((upload.mock.calls[0]![0].file as File).name).toBe('order-42.txt');
    expect(app.callsTo('POST /attachments')[0]?.headers['x-kefu-csrf']).toBeDefined();
    expect(chips()).toHaveLength(1);
    expect(chips()[0]!.textContent).toContain('order-42.txt');
    expect(chips()[0]!.textContent).toContain('16 bytes');
    expect(chips()[0]!.getAttribute('data-state')).toBe('uploaded');
    expect(composerEditor().getText()).toBe('');

    composerEditor().commands.insertContent('Invoice attached.');
    await settle();
    button('Send reply').click();
    await settle();
    expect(app.callsTo('SendMessage')[0]?.variables.input).toMatchObject({ kind: 'reply', attachmentIds: ['att-drop'] });
    expect(chips()).toEqual([]);
  });

  it('attaches files chosen with the Attach button and images pasted from the clipboard, and sends both with a note', async () => {
    const app = await openTicket({}, { rest: { 'POST /attachments': (fields) => acceptedUpload(fields.file as File) } });
    unmount = () => app.wrapper.unmount();
    const attach = button('Attach files');
    expect(attach.closest('[role="toolbar"]')).not.toBeNull();
    const input = document.querySelector<HTMLInputElement>('.composer input[type="file"]')!;
    expect(input.getAttribute('aria-label')).toBe('Choose files to attach');
    const opened = vi.spyOn(input, 'click').mockImplementation(() => {});
    attach.click();
    expect(opened).toHaveBeenCalled();
    chooseFiles(input, [textFile('log.txt')]);
    // A pasted screenshot is a file with no text next to it; pasted text stays text.
    expect(pasteFiles(editorElement(), [pngFile('screenshot.png')]).defaultPrevented).toBe(true);
    pasteFiles(editorElement(), [pngFile('word-picture.png')], 'Logs for the courier.');
    await settle();
    expect(chips().map((chip) => chip.querySelector('.attachment-chip__name')?.textContent)).toEqual(['log.txt', 'screenshot.png']);
    expect(composerEditor().getText()).toBe('Logs for the courier.');

    (document.querySelector('input[name="composer-mode"][value="note"]') as HTMLInputElement).click();
    await settle();
    button('Add internal note').click();
    await settle();
    const ids = (app.callsTo('SendMessage')[0]?.variables.input as { attachmentIds: string[] }).attachmentIds;
    expect(ids).toHaveLength(2);
    expect(app.callsTo('SendMessage')[0]?.variables.input).toMatchObject({ kind: 'note' });
  });

  it('shows why the server refused a file, and still sends the others', async () => {
    const app = await openTicket({}, {
      rest: {
        'POST /attachments': (fields) => {
          const file = fields.file as File;
          if (file.name === 'setup.exe') return refusedUpload(415, 'this type of file is not accepted');
          if (file.name === 'huge.zip') return refusedUpload(413, 'is larger than 26214400 bytes');
          if (file.name === 'odd.txt') return refusedUpload(400, 'storage is read-only');
          if (file.name === 'stale.txt') return { status: 403, body: { errors: [{ message: 'Missing or invalid CSRF token.', extensions: { code: 'CSRF' } }] } };
          return acceptedUpload(file, 'att-good');
        },
      },
    });
    unmount = () => app.wrapper.unmount();
    dropFiles(editorElement(), [textFile('setup.exe'), textFile('huge.zip'), textFile('odd.txt'), textFile('stale.txt'), textFile('notes.txt')]);
    await settle();

    const [refused, tooLarge, odd, stale, good] = chips();
    expect(refused!.getAttribute('data-state')).toBe('failed');
    expect(refused!.querySelector('[role="alert"]')?.textContent).toBe('This type of file is not accepted.');
    expect(tooLarge!.querySelector('[role="alert"]')?.textContent).toBe('Too large to upload.');
    // No translation of its own: the server's words.
    expect(odd!.querySelector('[role="alert"]')?.textContent).toBe('Upload failed: storage is read-only');
    expect(stale!.querySelector('[role="alert"]')?.textContent).toContain('Reload the page');
    expect(good!.getAttribute('data-state')).toBe('uploaded');

    composerEditor().commands.insertContent('See attached.');
    await settle();
    expect(button('Send reply').disabled).toBe(false);
    button('Send reply').click();
    await settle();
    expect(app.callsTo('SendMessage')[0]?.variables.input).toMatchObject({ attachmentIds: ['att-good'] });
  });

  it('removes a file: an uploaded draft is deleted on the server and not sent; focus stays in the list', async () => {
    const app = await openTicket(
      { DeleteAttachment: () => ({ data: { deleteAttachment: true } }) },
      { rest: { 'POST /attachments': (fields) => acceptedUpload(fields.file as File, (fields.file as File).name === 'a.txt' ? 'att-a' : 'att-b') } },
    );
    unmount = () => app.wrapper.unmount();
    dropFiles(editorElement(), [textFile('a.txt'), textFile('b.txt')]);
    await settle();

    const remove = document.querySelector<HTMLButtonElement>('[aria-label="Remove a.txt"]')!;
    remove.focus();
    remove.click();
    await settle();
    expect(app.callsTo('DeleteAttachment').map((call) => call.variables)).toEqual([{ id: 'att-a' }]);
    expect(chips().map((chip) => chip.querySelector('.attachment-chip__name')?.textContent)).toEqual(['b.txt']);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Remove b.txt');

    document.querySelector<HTMLButtonElement>('[aria-label="Remove b.txt"]')!.click();
    await settle();
    // The list is empty: focus goes back to the button that adds files.
    expect(document.activeElement?.textContent?.trim()).toBe('Attach files');

    composerEditor().commands.insertContent('Never mind.');
    await settle();
    button('Send reply').click();
    await settle();
    expect(app.callsTo('SendMessage')[0]?.variables.input).not.toHaveProperty('attachmentIds');
  });

  it('waits for uploads before sending', async () => {
    let finish: (reply: RestReply) => void = () => {};
    const app = await openTicket({}, { rest: { 'POST /attachments': () => new Promise<RestReply>((resolve) => (finish = resolve)) } });
    unmount = () => app.wrapper.unmount();
    composerEditor().commands.insertContent('Photo attached.');
    dropFiles(editorElement(), [pngFile('photo.png')]);
    await settle();
    expect(chips()[0]!.getAttribute('data-state')).toBe('uploading');
    expect(chips()[0]!.textContent).toContain('Uploading…');
    expect(button('Send reply').disabled).toBe(true);
    expect(document.querySelector('.composer [role="status"]')?.textContent).toBe('Uploading one file…');

    finish(acceptedUpload(pngFile('photo.png'), 'att-photo'));
    await settle();
    expect(button('Send reply').disabled).toBe(false);
    expect(document.querySelector('.composer [role="status"]')?.textContent).toBe('One file attached.');
  });
});

describe('agent timeline: attachments', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('lists a message’s files as download links, with a preview for images only', async () => {
    const withFiles = message('m1', {
      attachments: [
        { id: 'att-1', filename: 'receipt.pdf', contentType: 'application/pdf', size: 48_213, isImage: false, url: '/attachments/att-1' },
        { id: 'att-2', filename: 'box.jpg', contentType: 'image/jpeg', size: 1_250_000, isImage: true, url: '/attachments/att-2' },
      ],
    });
    const app = await openTicket({ AgentTicket: () => ({ data: { ticket: agentTicket({}, [messageEntry(withFiles)]) } }) });
    const list = document.querySelector('.timeline__list [aria-label="Attachments"]')!;
    const links = [...list.querySelectorAll('a')];
    expect(links.map((link) => [link.getAttribute('href'), link.getAttribute('aria-label')])).toEqual([
      ['/attachments/att-1', 'Download receipt.pdf (48.2 kB)'],
      ['/attachments/att-2', 'Download box.jpg (1.3 MB)'],
    ]);
    expect(links[0]!.querySelector('img')).toBeNull();
    expect(links[0]!.textContent).toContain('PDF');
    expect(links[1]!.querySelector('img')?.getAttribute('src')).toBe('/attachments/att-2');
    expect(links[1]!.querySelector('img')?.getAttribute('alt')).toBe('');
    app.wrapper.unmount();
  });
});
