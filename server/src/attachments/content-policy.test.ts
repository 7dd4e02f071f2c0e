import { describe, expect, it } from 'vitest';
import { safeFileName, servedContentType } from './content-policy.ts';

const png = { contentType: 'image/png', extension: 'png' };

describe('safeFileName', () => {
  it('drops path parts, control and reserved characters, and leading dots', () => {
    expect(safeFileName('../../etc/passwd.png', png)).toBe('passwd.png');
    expect(safeFileName('C:\\Users\\me\\a.png', png)).toBe('a.png');
    expect(safeFileName('..hidden.png', png)).toBe('hidden.png');
    expect(safeFileName('a\u0000b\r\n"<x>".png', png)).toBe('a_b____x__.png');
    expect(safeFileName('', png)).toBe('file.png');
  });

  it('makes the extension match the detected type', () => {
    expect(safeFileName('invoice.pdf', png)).toBe('invoice.pdf.png');
    expect(safeFileName('photo.JPEG', { contentType: 'image/jpeg', extension: 'jpg' })).toBe('photo.JPEG');
    expect(safeFileName('截图.PNG', png)).toBe('截图.PNG');
  });

  it('bounds the length and keeps the extension', () => {
    const name = safeFileName(`${'x'.repeat(400)}.png`, png);
    expect(name.length).toBeLessThanOrEqual(180);
    expect(name.endsWith('.png')).toBe(true);
  });
});

describe('servedContentType', () => {
  it('never serves markup as such', () => {
    expect(servedContentType('text/plain')).toBe('text/plain; charset=utf-8');
    expect(servedContentType('image/png')).toBe('image/png');
    expect(servedContentType('image/svg+xml')).toBe('application/octet-stream');
    expect(servedContentType('text/html')).toBe('application/octet-stream');
    expect(servedContentType('application/xhtml+xml')).toBe('application/octet-stream');
  });
});
