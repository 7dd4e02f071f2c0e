import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';

/**
 * /healthz: the process answers (liveness; restart when it fails).
 * /readyz: it can serve traffic — the database answers — and lists plugin
 * states, so a disabled plugin is visible to whoever watches the probe.
 */
export function registerHealthRoutes(app: FastifyInstance, services: Services): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const plugins = services.plugins.statuses().map(({ id, state, error }) => ({ id, state, error }));
    try {
      await services.orm.em.getConnection().execute('SELECT 1');
    } catch (error) {
      reply.code(503);
      return { status: 'unavailable', database: 'down', error: (error as Error).message, plugins };
    }
    return { status: 'ready', database: 'ok', plugins };
  });
}
