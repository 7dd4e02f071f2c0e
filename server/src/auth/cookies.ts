import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'kefu_session';
/** Readable by the SPA's JavaScript, which echoes it in the x-kefu-csrf header. */
export const CSRF_COOKIE = 'kefu_csrf';
export const CSRF_HEADER = 'x-kefu-csrf';

function isSecure(request: FastifyRequest, publicUrl: string | undefined): boolean {
  return request.protocol === 'https' || Boolean(publicUrl?.startsWith('https:'));
}

export function setSessionCookies(
  reply: FastifyReply,
  session: { token: string; csrfToken: string; expiresAt: Date },
  publicUrl: string | undefined,
): void {
  const secure = isSecure(reply.request, publicUrl);
  const common = { path: '/', sameSite: 'lax' as const, secure, expires: session.expiresAt };
  reply.setCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
