import { randomBytes } from 'node:crypto';
import { createHash } from 'node:crypto';
import type { KefuContext } from '../graphql/context.ts';

export const VISITOR_COOKIE = 'kefu_visitor';
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export interface Visitor {
  /** `u:<user id>` when signed in, else `v:<id from the signed visitor cookie>`. */
  key: string;
  /** Keyed hash of the client IP (the raw IP is never stored). */
  ipHash: string;
  anonymous: boolean;
}

/**
 * Who is voting or viewing, for de-duplication. Signed-in users are their
 * user id. Anonymous visitors get a random id in a cookie signed with the
 * server secret (a forged or altered cookie is ignored and replaced), so
 * replaying a request with the cookie cannot count twice; replaying without
 * it is bounded by per-IP caps in the metrics service.
 */
export function visitorOf(context: Pick<KefuContext, 'viewer' | 'ip' | 'reply'>): Visitor {
  const reply = context.reply;
  const sign = (value: string) => (reply ? reply.server.signCookie(value) : value);
  const ipHash = createHash('sha256').update(sign(`ip:${context.ip}`)).digest('base64url').slice(0, 22);
  if (context.viewer) return { key: `u:${context.viewer.id}`, ipHash, anonymous: false };
  const raw = reply?.request.cookies[VISITOR_COOKIE];
  const unsigned = raw ? reply!.request.unsignCookie(raw) : null;
  if (unsigned?.valid && unsigned.value && /^[A-Za-z0-9_-]{16,64}$/.test(unsigned.value)) {
    return { key: `v:${unsigned.value}`, ipHash, anonymous: true };
  }
  const id = randomBytes(16).toString('base64url');
  reply?.setCookie(VISITOR_COOKIE, id, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    signed: true,
    maxAge: ONE_YEAR_SECONDS,
    secure: reply.request.protocol === 'https',
  });
  return { key: `v:${id}`, ipHash, anonymous: true };
}

/** The visitor key of a request that already carries one (reads never issue a cookie). */
export function existingVisitorKey(context: Pick<KefuContext, 'viewer' | 'reply'>): string | null {
  if (context.viewer) return `u:${context.viewer.id}`;
  const raw = context.reply?.request.cookies[VISITOR_COOKIE];
  const unsigned = raw ? context.reply!.request.unsignCookie(raw) : null;
  return unsigned?.valid && unsigned.value ? `v:${unsigned.value}` : null;
}
