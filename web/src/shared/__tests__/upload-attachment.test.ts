import { afterEach, describe, expect, it } from 'vitest';
import { uploadAttachment, UploadFailed } from '../upload-attachment.ts';

describe('uploadAttachment', () => {
  afterEach(() => {
    document.cookie = 'kefu_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  });

  it('posts the file as multipart with the session’s CSRF token and returns the stored attachment', async () => {
    document.cookie = 'kefu_csrf=token-123';
    const sent: { url: string; init: RequestInit }[] = [];
    const attachment = { id: 'a'.repeat(27), filename: 'shot.png', contentType: 'image/png', size: 3, isImage: true, url: `/attachments/${'a'.repeat(27)}` };
    const fetchImpl = (async (url: string, init: RequestInit) => {
      sent.push({ url, init });
      return new Response(JSON.stringify({ attachment }), { status: 201, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;

    const result = await uploadAttachment(new File([new Uint8Array([1, 2, 3])], 'shot.png', { type: 'image/png' }), fetchImpl);
    expect(result).toEqual(attachment);
    expect(sent[0]!.url).toBe('/attachments');
    expect(sent[0]!.init.method).toBe('POST');
    expect((sent[0]!.init.headers as Record<string, string>)['x-kefu-csrf']).toBe('token-123');
    expect((sent[0]!.init.body as FormData).get('file')).toBeInstanceOf(File);
  });

  it('throws the server’s explanation when the upload is refused', async () => {
    const fetchImpl = (async () =>
      new Response(JSON.stringify({ errors: [{ message: 'file: this type of file is not accepted' }] }), { status: 415 })) as unknown as typeof fetch;
    await expect(uploadAttachment(new File(['<html>'], 'x.png'), fetchImpl)).rejects.toThrow('this type of file is not accepted');
  });

  it('reports the HTTP status and the field’s own reason, or status 0 when the server never answered', async () => {
    const refused = (async () =>
      new Response(
        JSON.stringify({ errors: [{ message: 'file: is larger than 1024 bytes', extensions: { fields: [{ field: 'file', message: 'is larger than 1024 bytes' }] } }] }),
        { status: 413 },
      )) as unknown as typeof fetch;
    const error = await uploadAttachment(new File(['x'], 'big.zip'), refused).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UploadFailed);
    expect(error).toMatchObject({ status: 413, message: 'is larger than 1024 bytes' });

    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(uploadAttachment(new File(['x'], 'a.txt'), offline)).rejects.toMatchObject({ status: 0, message: 'Failed to fetch' });
  });
});
