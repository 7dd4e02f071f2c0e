import { CSRF_HEADER, csrfToken } from '../graphql/csrf.ts';

/** What the server answers for an upload (`POST /attachments`). */
export interface UploadedAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  isImage: boolean;
  /** Where the file is downloaded from (access is checked on every download). */
  url: string;
}

/**
 * Uploads one file to the attachment store, as a draft owned by the signed-in
 * user until a message or an article uses it. Multipart over fetch rather
 * than GraphQL: the body streams to disk on the server. Throws an Error with
 * the server's explanation (too large, type not accepted, …).
 */
export async function uploadAttachment(file: File, fetchImpl: typeof fetch = fetch): Promise<UploadedAttachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  const response = await fetchImpl('/attachments', {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { [CSRF_HEADER]: csrfToken() },
  });
  const body = (await response.json().catch(() => null)) as { attachment?: UploadedAttachment; errors?: { message: string }[] } | null;
  if (!response.ok || !body?.attachment) throw new Error(body?.errors?.[0]?.message ?? `Upload failed (HTTP ${response.status})`);
  return body.attachment;
}
