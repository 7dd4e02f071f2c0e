import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { VIDEO_EMBED_HOSTS } from '../knowledge-base/render/sanitize.ts';

/**
 * Helmet's security headers (CSP, HSTS, nosniff, frame and referrer
 * policies …) on every response. The middleware is built once: the fastify
 * wrapper (@fastify/helmet 13) rebuilds it — parsing the CSP directives
 * again — on every request, which cost about 2 % of the CPU of an inbox page.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: { graphiql: boolean }): void {
  const applyHeaders = helmet({
    // GraphiQL (development only) loads its bundle from a CDN.
    contentSecurityPolicy: options.graphiql
      ? false
      : {
          directives: {
            defaultSrc: ["'self'"],
            // Naive UI injects component styles at run time.
            styleSrc: ["'self'", "'unsafe-inline'"],
            imgSrc: ["'self'", 'data:', 'blob:'],
            connectSrc: ["'self'", 'ws:', 'wss:'],
            // Videos embedded in help-center articles (the sanitizer allows only these hosts).
            frameSrc: ["'self'", ...VIDEO_EMBED_HOSTS.map((host) => `https://${host}`)],
            frameAncestors: ["'none'"],
          },
        },
  });
  app.addHook('onRequest', (request, reply, done) => applyHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
}
