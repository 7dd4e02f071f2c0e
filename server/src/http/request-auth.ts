import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE } from '../auth/cookies.ts';
import type { SessionInfo } from '../auth/session.service.ts';
import { safeEqual } from '../auth/tokens.ts';
import { toViewer } from '../auth/viewer.ts';
import { pipelineStatements } from '../database/sql.ts';
import type { Services } from '../services.ts';

export interface RequestAuth {
  em: EntityManager;
  viewer: Viewer | null;
  session: SessionInfo | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for API routes (/graphql, /plugins/*): the request's entity manager and viewer. */
    kefu: RequestAuth | null;
  }
}

const API_PREFIXES = ['/graphql', '/plugins/', '/attachments'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const isApi = (url: string) => API_PREFIXES.some((prefix) => url.startsWith(prefix));

/**
 * Resolves the session cookie into a viewer (one indexed query) and enforces
 * CSRF on every state-changing request:
 * - with a session, the x-kefu-csrf header must equal the session's token
 *   (synchronizer token, stored server-side);
 * - without one, POSTs to /graphql must still carry the header, which a
 *   cross-site form cannot add without a CORS preflight we never grant.
 * Plugin webhooks without a session pass: they authenticate themselves.
 */
export function registerRequestAuth(app: FastifyInstance, services: Services): void {
  app.decorateRequest('kefu', null);

  app.addHook('onRequest', async (request) => {
    if (!isApi(request.url)) return;
    const em = pipelineStatements(services.orm.em.fork() as unknown as EntityManager);
    const token = request.cookies[SESSION_COOKIE];
    const active = token ? await services.sessions.resolve(em, token) : null;
    request.kefu = { em, viewer: active ? toViewer(active.user) : null, session: active?.session ?? null };
  });

  app.addHook('preHandler', async (request, reply) => {
    if (SAFE_METHODS.has(request.method) || !request.kefu) return;
    const header = request.headers[CSRF_HEADER];
    const provided = typeof header === 'string' ? header : '';
    const session = request.kefu.session;
    const ok = session ? safeEqual(provided, session.csrfToken) : !request.url.startsWith('/graphql') || provided !== '';
    if (!ok) return rejectCsrf(request, reply);
  });
}

function rejectCsrf(request: FastifyRequest, reply: FastifyReply) {
  request.log.warn({ url: request.url }, 'request refused: missing or wrong CSRF token');
  return reply.code(403).send({
    errors: [{ message: 'Missing or invalid CSRF token (x-kefu-csrf header).', extensions: { code: 'CSRF' } }],
  });
}
