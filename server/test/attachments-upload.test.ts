import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKefu, type TestKefu } from '../src/testing/index.ts';
import { download, PNG, upload } from './support/attachments.ts';

const MAX_BYTES = 4096;

let kefu: TestKefu;
let dataDir: string;
beforeAll(async () => {
  kefu = await startTestKefu({ env: { ATTACHMENT_MAX_BYTES: String(MAX_BYTES) } });
  dataDir = kefu.kefu.services.config.dataDir;
});
afterAll(() => kefu.close());

const attachmentCount = async () =>
  Number((await kefu.kefu.orm.em.fork().getConnection().execute(`SELECT count(*) AS n FROM attachments`))[0].n);
const filesUnder = async (dir: string) => (await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])).filter((entry) => entry.isFile());

describe('attachment upload', () => {
  it('stores an image as a draft its uploader can download, with safe headers', async () => {
    const { client, user } = await kefu.signedIn('agent');
    const uploaded = await upload(client, '../../etc/Screen shot.PNG', PNG, { type: 'text/html' });
    expect(uploaded.status).toBe(201);
    const attachment = uploaded.body.attachment;
    expect(attachment).toMatchObject({ filename: 'Screen shot.PNG', contentType: 'image/png', size: PNG.length, isImage: true });
    expect(attachment.id).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(attachment.url).toBe(`/attachments/${attachment.id}`);

    const fetched = await download(client, attachment.url);
    expect(fetched.status).toBe(200);
    expect(fetched.bytes.equals(PNG)).toBe(true);
    expect(fetched.headers.get('content-type')).toBe('image/png');
    expect(fetched.headers.get('content-disposition')).toBe('attachment; filename="Screen shot.PNG"');
    expect(fetched.headers.get('x-content-type-options')).toBe('nosniff');
    expect(fetched.headers.get('content-security-policy')).toContain('sandbox');
    expect(fetched.headers.get('cache-control')).toBe('private, no-cache');

    const [row] = await kefu.kefu.orm.em.fork().getConnection().execute(`SELECT uploaded_by_id, message_id FROM attachments WHERE id = ?`, [attachment.id]);
    expect(row).toEqual({ uploaded_by_id: user.id, message_id: null });
  });

  it('serves plain text as text/plain with a charset, and encodes non-ASCII file names', async () => {
    const { client } = await kefu.signedIn('customer');
    const uploaded = await upload(client, '日志.txt', Buffer.from('hello 你好\n'), { type: 'text/html' });
    expect(uploaded.status).toBe(201);
    const fetched = await download(client, uploaded.body.attachment.url);
    expect(fetched.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(fetched.headers.get('content-disposition')).toBe(`attachment; filename="??.txt"; filename*=UTF-8''%E6%97%A5%E5%BF%97.txt`);
  });

  it('refuses a file over the size limit and keeps nothing', async () => {
    const { client } = await kefu.signedIn('agent');
    const before = await attachmentCount();
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_BYTES, 7)]);
    const result = await upload(client, 'big.png', big);
    expect(result.status).toBe(413);
    expect(result.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'file' }] });
    expect(await attachmentCount()).toBe(before);
    expect(await filesUnder(join(dataDir, 'tmp', 'uploads'))).toEqual([]);
  });

  it('refuses a body whose declared length is over the limit before reading it', async () => {
    const { client } = await kefu.signedIn('agent');
    const result = await upload(client, 'huge.png', Buffer.concat([PNG, Buffer.alloc(200 * 1024, 1)]));
    expect(result.status).toBe(413);
  });

  it('refuses an HTML file disguised as a PNG (type sniffed from the bytes)', async () => {
    const { client } = await kefu.signedIn('agent');
    const before = await attachmentCount();
    const html = Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>');
    for (const [name, type] of [['cute-cat.png', 'image/png'], ['notes.txt', 'text/plain'], ['page.html', 'text/html']]) {
      const result = await upload(client, name, html, { type });
      expect(result.status, name).toBe(415);
      expect(result.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
    expect(await attachmentCount()).toBe(before);
  });

  it('refuses SVG (scriptable image) and executables even under an image name', async () => {
    const { client } = await kefu.signedIn('agent');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>');
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
    expect((await upload(client, 'logo.svg', svg, { type: 'image/svg+xml' })).status).toBe(415);
    expect((await upload(client, 'photo.jpg', elf, { type: 'image/jpeg' })).status).toBe(415);
  });

  it('gives a misnamed file the extension of its real type', async () => {
    const { client } = await kefu.signedIn('agent');
    const uploaded = await upload(client, 'invoice.pdf', PNG, { type: 'application/pdf' });
    expect(uploaded.body.attachment).toMatchObject({ filename: 'invoice.pdf.png', contentType: 'image/png' });
  });

  it('requires the CSRF token of the session, and a session', async () => {
    const { client } = await kefu.signedIn('agent');
    const before = await attachmentCount();
    const missing = await upload(client, 'a.png', PNG, { csrf: null });
    expect(missing.status).toBe(403);
    expect(missing.body.errors[0].extensions.code).toBe('CSRF');
    expect((await upload(client, 'a.png', PNG, { csrf: 'forged' })).status).toBe(403);
    const anonymous = await upload(kefu.client(), 'a.png', PNG, { csrf: 'anything' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await attachmentCount()).toBe(before);
  });

  it("a draft is readable by its uploader only; others get FORBIDDEN and no bytes", async () => {
    const owner = await kefu.signedIn('customer');
    const { attachment } = (await upload(owner.client, 'mine.png', PNG)).body;
    for (const role of ['customer', 'agent', 'admin'] as const) {
      const other = await kefu.signedIn(role);
      const result = await download(other.client, attachment.url);
      expect(result.status, role).toBe(403);
      expect(result.bytes.includes(PNG.subarray(0, 8)), role).toBe(false);
      expect(JSON.parse(result.bytes.toString()).errors[0].extensions.code).toBe('FORBIDDEN');
    }
    const anonymous = await download(kefu.client(), attachment.url);
    expect(anonymous.status).toBe(401);
    expect((await download(owner.client, '/attachments/AAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await download(owner.client, '/attachments/..%2F..%2Fsecret')).status).toBe(404);
  });

  it('deleteAttachment removes the uploader\'s draft (row and file); others are refused', async () => {
    const owner = await kefu.signedIn('agent');
    const { attachment } = (await upload(owner.client, 'gone.png', PNG)).body;
    const stranger = await kefu.signedIn('agent');
    const refused = await stranger.client.gql(`mutation($id: ID!) { deleteAttachment(id: $id) }`, { id: attachment.id });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await download(owner.client, attachment.url)).status).toBe(200);

    expect(await owner.client.data(`mutation($id: ID!) { deleteAttachment(id: $id) }`, { id: attachment.id })).toEqual({ deleteAttachment: true });
    expect((await download(owner.client, attachment.url)).status).toBe(404);
    const stored = async () => (await filesUnder(join(dataDir, 'attachments'))).filter((entry) => entry.name === attachment.id);
    const deadline = Date.now() + 10_000;
    while ((await stored()).length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await stored()).toEqual([]);
  });
});
