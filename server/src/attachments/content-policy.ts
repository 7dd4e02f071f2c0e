import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileTypeFromFile } from 'file-type';

/**
 * What may be uploaded, decided from the file's bytes (magic numbers via
 * `file-type`), never from the client's Content-Type header or file name.
 * Formats a browser would execute or render as a document (HTML, SVG, XML,
 * JavaScript) are not on the list: they have no magic bytes to vouch for them
 * and are the usual vehicle for stored XSS through "images".
 */
export const DEFAULT_ALLOWED_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/heic',
  'image/avif',
  'application/pdf',
  'application/zip',
  'application/gzip',
  'application/x-7z-compressed',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/msword',
  'application/vnd.ms-excel',
  'application/x-cfb',
  'audio/mpeg',
  'audio/mp4',
  'audio/ogg',
  'audio/wav',
  'video/mp4',
  'video/quicktime',
  'video/webm',
  'text/plain',
] as const;

/**
 * Plain text has no magic bytes. It is accepted only under a text file name
 * and when the bytes are UTF-8 without NULs and do not open like markup, and
 * it is always served as text/plain.
 */
const TEXT_EXTENSIONS = new Set(['.txt', '.log', '.csv', '.md', '.json']);
const MARKUP_START = /^\s*(<!doctype|<html|<head|<body|<script|<svg|<\?xml|<iframe|<object)/i;
const TEXT_PROBE_BYTES = 64 * 1024;

/** Types a browser may display inline without running anything (used for <img> previews). */
const INLINE_SAFE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);

export interface SniffedType {
  contentType: string;
  /** Extension matching the bytes (without a dot), used to repair a misleading file name. */
  extension: string;
}

/** Returns the detected type when it is allowed, or null (unknown, disallowed, or disguised). */
export async function sniffAllowedType(path: string, declaredName: string, allowed: ReadonlySet<string>): Promise<SniffedType | null> {
  const detected = await fileTypeFromFile(path);
  if (detected) return allowed.has(detected.mime) ? { contentType: detected.mime, extension: detected.ext } : null;
  if (!allowed.has('text/plain') || !TEXT_EXTENSIONS.has(extname(declaredName).toLowerCase())) return null;
  return (await looksLikePlainText(path)) ? { contentType: 'text/plain', extension: extname(declaredName).slice(1).toLowerCase() } : null;
}

async function looksLikePlainText(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(TEXT_PROBE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, TEXT_PROBE_BYTES, 0);
    const probe = buffer.subarray(0, bytesRead);
    if (probe.includes(0)) return false;
    // A multi-byte character cut at the probe's end is not an error.
    const text = new TextDecoder('utf-8', { fatal: false }).decode(probe);
    const invalid = (text.slice(0, -4).match(/\uFFFD/g) ?? []).length;
    return invalid === 0 && !MARKUP_START.test(text);
  } finally {
    await handle.close();
  }
}

/** The Content-Type a download is served with: text gets an explicit charset; nothing is ever served as HTML. */
export function servedContentType(contentType: string): string {
  if (contentType === 'text/plain') return 'text/plain; charset=utf-8';
  if (/^(image|audio|video)\/[a-z0-9.+-]+$/.test(contentType) || /^application\/[a-z0-9.+-]+$/.test(contentType)) {
    return contentType.includes('svg') || contentType.includes('xml') ? 'application/octet-stream' : contentType;
  }
  return 'application/octet-stream';
}

export const isInlineImage = (contentType: string) => INLINE_SAFE.has(contentType);

const MAX_NAME_LENGTH = 180;

/**
 * A file name safe to store and to echo in Content-Disposition: no path
 * parts, no control or reserved characters, bounded length, and an extension
 * that matches the detected type (so "invoice.pdf.exe"-style tricks and an
 * HTML file named .png cannot mislead the person who downloads it).
 */
export function safeFileName(declaredName: string, sniffed: SniffedType): string {
  const base = declaredName.split(/[\\/]/).pop() ?? '';
  let name = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  if (!name) name = 'file';
  const extension = extname(name).slice(1).toLowerCase();
  const matches = extension === sniffed.extension || (sniffed.extension === 'jpg' && extension === 'jpeg');
  if (!matches) name = `${name}.${sniffed.extension}`;
  if (name.length > MAX_NAME_LENGTH) name = `${name.slice(0, MAX_NAME_LENGTH - sniffed.extension.length - 1)}.${sniffed.extension}`;
  return name;
}
