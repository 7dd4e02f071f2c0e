import { useClientHandle } from '@urql/vue';
import { computed, inject, onScopeDispose, ref } from 'vue';
import { DeleteAttachmentDocument } from '../../graphql/generated.ts';
import { transportKey } from '../../graphql/transport.ts';
import { uploadAttachment, UploadFailed, type UploadedAttachment } from '../upload-attachment.ts';

/** The server refuses more per message (attachments.service MAX_ATTACHMENTS_PER_MESSAGE). */
export const MAX_ATTACHMENTS = 20;

/** Why a file could not be attached, in terms the chips translate. */
export type DraftFailure = 'tooLarge' | 'typeRefused' | 'empty' | 'tooMany' | 'signedOut' | 'sessionCheck' | 'failed';

export interface AttachmentDraft {
  /** Local key for the list (the attachment id exists only once the upload is done). */
  key: number;
  name: string;
  size: number;
  state: 'uploading' | 'uploaded' | 'failed';
  attachment: UploadedAttachment | null;
  failure: DraftFailure | null;
  /** The server's own words, shown when the failure has no translation of its own. */
  detail: string;
}

function failureOf(error: unknown): { failure: DraftFailure; detail: string } {
  const detail = error instanceof Error ? error.message : String(error);
  if (!(error instanceof UploadFailed)) return { failure: 'failed', detail };
  const byStatus: Record<number, DraftFailure> = { 413: 'tooLarge', 415: 'typeRefused', 401: 'signedOut' };
  if (byStatus[error.status]) return { failure: byStatus[error.status]!, detail };
  if (error.code === 'CSRF') return { failure: 'sessionCheck', detail };
  return { failure: error.status === 400 && /empty/.test(detail) ? 'empty' : 'failed', detail };
}

/**
 * The files a composer is about to send. Each file is uploaded as soon as it
 * is added (a draft only its uploader can see); the message then names the
 * drafts by id. A refused file stays in the list with its reason until it is
 * removed, and holds nothing else up. Removing an uploaded file deletes the
 * draft on the server; drafts never sent are also purged by the server
 * after a while, so a closed tab leaves nothing behind for long.
 */
export function useAttachmentDrafts() {
  const transport = inject(transportKey);
  if (!transport) throw new Error('useAttachmentDrafts needs a KefuTransport provided on the app.');
  const { client } = useClientHandle();
  const items = ref<AttachmentDraft[]>([]);
  const inFlight = new Map<number, AbortController>();
  let nextKey = 1;

  const find = (key: number) => items.value.find((item) => item.key === key);

  async function upload(key: number, file: File): Promise<void> {
    const controller = new AbortController();
    inFlight.set(key, controller);
    try {
      const attachment = await uploadAttachment(file, transport!.fetch, controller.signal);
      const item = find(key);
      if (item) Object.assign(item, { state: 'uploaded', attachment, name: attachment.filename, size: attachment.size });
    } catch (error) {
      if (controller.signal.aborted) return;
      const item = find(key);
      if (item) Object.assign(item, { state: 'failed', ...failureOf(error) });
    } finally {
      inFlight.delete(key);
    }
  }

  function add(files: Iterable<File>): void {
    for (const file of files) {
      const key = nextKey++;
      const room = items.value.filter((item) => item.state !== 'failed').length < MAX_ATTACHMENTS;
      items.value.push({
        key,
        name: file.name || 'file',
        size: file.size,
        state: room ? 'uploading' : 'failed',
        attachment: null,
        failure: room ? null : 'tooMany',
        detail: '',
      });
      if (room) void upload(key, file);
    }
  }

  function remove(key: number): void {
    const item = find(key);
    if (!item) return;
    items.value = items.value.filter((other) => other.key !== key);
    inFlight.get(key)?.abort();
    // Best effort: a draft that survives a failed delete is never sent and is purged by the server.
    if (item.attachment) void client.mutation(DeleteAttachmentDocument, { id: item.attachment.id }).toPromise();
  }

  /** After sending: the drafts now belong to the message, so they are forgotten, not deleted. */
  function clear(): void {
    items.value = [];
  }

  onScopeDispose(() => {
    for (const controller of inFlight.values()) controller.abort();
  });

  return {
    items,
    /** Ids of the uploaded files, for `attachmentIds`. */
    ids: computed(() => items.value.flatMap((item) => (item.attachment ? [item.attachment.id] : []))),
    /** True while any upload is still running (sending waits for it). */
    uploading: computed(() => items.value.some((item) => item.state === 'uploading')),
    add,
    remove,
    clear,
  };
}

export type AttachmentDrafts = ReturnType<typeof useAttachmentDrafts>;
