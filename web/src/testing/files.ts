/**
 * Files arriving the ways a browser delivers them — dropped, pasted, chosen in
 * a file input — for view tests. happy-dom has DataTransfer and ClipboardEvent
 * but no DragEvent, so drops are plain events carrying a `dataTransfer`.
 */
import type { RestReply } from './render-app.ts';

export function textFile(name: string, text = 'hello'): File {
  return new File([text], name, { type: 'text/plain' });
}

export function pngFile(name = 'screenshot.png'): File {
  return new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], name, { type: 'image/png' });
}

function transferOf(files: File[], text?: string): DataTransfer {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  if (text) transfer.setData('text/plain', text);
  return transfer;
}

/** A drop on `target` (events bubble through the composer around it, as in the browser). */
export function dropFiles(target: Element, files: File[]): Event {
  const event = new Event('drop', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: transferOf(files) });
  target.dispatchEvent(event);
  return event;
}

/** A paste into `target`, with the files and optionally text on the clipboard. */
export function pasteFiles(target: Element, files: File[], text?: string): Event {
  const event = new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: transferOf(files, text) });
  target.dispatchEvent(event);
  return event;
}

/** The user picks files in the (hidden) input the "Attach files" button opens. */
export function chooseFiles(input: HTMLInputElement, files: File[]): void {
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

let nextId = 1;

/** The server's answer to `POST /attachments` for a file it accepted. */
export function acceptedUpload(file: File, id = `att-${nextId++}`): RestReply {
  const isImage = file.type === 'image/png';
  return {
    status: 201,
    body: { attachment: { id, filename: file.name, contentType: file.type || 'text/plain', size: file.size, isImage, url: `/attachments/${id}` } },
  };
}

/** The server's answer when it refuses a file (as attachments.routes.ts sends it). */
export function refusedUpload(status: number, reason: string): RestReply {
  return {
    status,
    body: { errors: [{ message: `file: ${reason}`, extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'file', message: reason }] } }] },
  };
}
