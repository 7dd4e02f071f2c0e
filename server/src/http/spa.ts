import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEFAULT_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));
// Missing files under these prefixes are real 404s, not client-side routes.
const NOT_SPA = ['/graphql', '/plugins/', '/healthz', '/readyz', '/graphiql', '/assets/', '/attachments'];

/** The built SPA's index.html, or null when the web UI was not built. */
export function spaIndexFile(webDist: string | undefined): string | null {
  const file = join(resolve(webDist ?? DEFAULT_DIST), 'index.html');
  return existsSync(file) ? file : null;
}

/** Serves the built SPA with history-mode fallback; a no-op when it was not built. */
export async function registerSpa(app: FastifyInstance, webDist: string | undefined): Promise<boolean> {
  const root = resolve(webDist ?? DEFAULT_DIST);
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn({ root }, 'web UI not built (npm run build); serving the API only');
    return false;
  }
  await app.register(fastifyStatic, {
    root,
    // wildcard: files are looked up per request, so a rebuild while the server
    // runs serves the new fingerprinted assets instead of 404s.
    wildcard: true,
    index: ['index.html'],
    setHeaders(reply, path) {
      // Vite fingerprints everything under assets/, so it can be cached forever.
      reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !NOT_SPA.some((prefix) => request.url.startsWith(prefix));
    if (!wantsPage) return reply.code(404).send({ error: 'Not Found', statusCode: 404 });
    return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
  });
  return true;
}
