export const CSRF_COOKIE = 'kefu_csrf';
export const CSRF_HEADER = 'x-kefu-csrf';

export function readCookie(name: string, cookies: string = document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() === name) return decodeURIComponent(part.slice(separator + 1).trim());
  }
  return undefined;
}

/**
 * The value for the `x-kefu-csrf` header. The server hands signed-in browsers
 * a readable `kefu_csrf` cookie and checks the header against the session.
 * Signed-out requests still send the header (`1`): a custom header cannot be
 * set by a cross-site form post, so its mere presence blocks login CSRF.
 */
export function csrfToken(cookies?: string): string {
  return readCookie(CSRF_COOKIE, cookies) || '1';
}
