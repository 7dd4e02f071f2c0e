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
 * A refused or failed upload. `status` is the HTTP status (413 too large, 415
 * type not accepted, …; 0 when no answer arrived) and `code` the error's
 * `extensions.code` (CSRF, UNAUTHENTICATED, …), so callers can explain it in
 * the reader's language; `message` is the server's own (English) reason.
 */
export class UploadFailed extends Error {
  readonly status: number;
  readonly code: string | undefined;
  constructor(status: number, message: string, code?: string) {
    super(message);
    this.name = 'UploadFailed';
    this.status = status;
    this.code = code;
  }
}

interface UploadReply {
  attachment?: UploadedAttachment;
  errors?: { message: string; extensions?: { code?: string; fields?: { field: string; message: string }[] } }[];
}

/**
 * Uploads one file to the attachment store, as a draft owned by the signed-in
 * user until a message or an article uses it. Multipart over fetch rather
 * than GraphQL: the body streams to disk on the server. Throws UploadFailed
 * with the server's explanation (too large, type not accepted, …); an aborted
 * upload rejects with the fetch's AbortError.
 */
export async function uploadAttachment(file: File, fetchImpl: typeof fetch = fetch, signal?: AbortSignal): Promise<UploadedAttachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetchImpl('/attachments', {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { [CSRF_HEADER]: csrfToken() },
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new UploadFailed(0, error instanceof Error ? error.message : String(error));
  }
  const body = (await response.json().catch(() => null)) as UploadReply | null;
  if (response.ok && body?.attachment) return body.attachment;
  // The field message ("is larger than … bytes") reads better than the prefixed one ("file: is larger …").
  const first = body?.errors?.[0];
  const reason = first?.extensions?.fields?.[0]?.message ?? first?.message ?? `Upload failed (HTTP ${response.status})`;
  throw new UploadFailed(response.status, reason, first?.extensions?.code);
}
