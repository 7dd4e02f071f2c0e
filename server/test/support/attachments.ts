import type { TestClient } from '../../src/testing/index.ts';

/** A valid 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Uploads like the SPA does: multipart field `file`, session cookie and CSRF header. */
export async function upload(client: TestClient, name: string, bytes: Buffer, options: { csrf?: string | null; type?: string } = {}) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: options.type ?? 'image/png' }), name);
  const headers: Record<string, string> = {};
  if (client.cookies.size) headers.cookie = client.cookieHeader();
  const csrf = options.csrf === undefined ? client.csrfToken : options.csrf;
  if (csrf) headers['x-kefu-csrf'] = csrf;
  const response = await fetch(`${client.baseUrl}/attachments`, { method: 'POST', headers, body: form });
  return { status: response.status, body: (await response.json()) as any };
}

/** GETs a URL with the client's cookies; returns status, headers and raw bytes. */
export async function download(client: TestClient, url: string) {
  const headers: Record<string, string> = client.cookies.size ? { cookie: client.cookieHeader() } : {};
  const response = await fetch(`${client.baseUrl}${url}`, { headers });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

