import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { runSql } from '../database/raw-sql.ts';

/**
 * /healthz: the process answers (liveness; restart when it fails).
 * /readyz: it can serve traffic — the database answers — and lists plugin
 * states, so a disabled plugin is visible to whoever watches the probe.
 */
export function registerHealthRoutes(app: FastifyInstance, services: Services): void {
  // Probes hit these every few seconds: log them only when something is wrong.
  app.get('/healthz', { logLevel: 'warn' }, async () => ({ status: 'ok' }));
  app.get('/readyz', { logLevel: 'warn' }, async (request, reply) => {
    const plugins = services.plugins.statuses().map(({ id, state, error }) => ({ id, state, error }));
    try {
      await runSql(services.orm.em.fork() as never, 'SELECT 1');
    } catch (error) {
      // The reason goes to the log, not to whoever can reach the probe.
      request.log.error({ err: error }, 'readiness check: database unreachable');
      reply.code(503);
      return { status: 'unavailable', database: 'down', plugins };
    }
    return { status: 'ready', database: 'ok', plugins };
  });
}
