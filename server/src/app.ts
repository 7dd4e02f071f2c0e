import cookie from '@fastify/cookie';
import type { PluginDefinition, ResolverMap } from '@kefu/plugin-sdk';
import type { MikroORM } from '@mikro-orm/postgresql';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { LiveSockets } from './auth/live-sockets.ts';
import type { KefuConfig } from './config/config.ts';
import { resolveSecret } from './config/secret.ts';
import { coreMigrations } from './database/core-migrations.ts';
import { openDatabaseUrl } from './database/open.ts';
import { createOrm, withMigrationLock } from './database/orm.ts';
import { closeEmitter, createEmitter } from './events/emitter.ts';
import { EventBus } from './events/event-bus.ts';
import { coreResolvers } from './graphql/core-resolvers.ts';
import { loadCoreTypeDefs } from './graphql/schema.ts';
import { JobQueue, migrateJobQueue } from './jobs/job-queue.ts';
import { registerAttachmentRoutes } from './attachments/attachments.routes.ts';
import { registerHealthRoutes } from './health/health.routes.ts';
import { buildSchema, registerGraphql } from './http/graphql.ts';
import { registerRequestAuth } from './http/request-auth.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { registerSpa } from './http/spa.ts';
import { registerHelpCenterRoutes } from './knowledge-base/help-center.routes.ts';
import { createLogger } from './logging/logger.ts';
import { watchScopeChanges } from './tickets/scope-changes.ts';
import { buildPluginContext } from './plugins/plugin-context.ts';
import { importPlugins, type PluginSource } from './plugins/plugin-import.ts';
import { checkPlugins, namespacedMigrations, registerPlugin, type CandidatePlugin, type PluginContributions } from './plugins/plugin-loader.ts';
import type { PluginStatus } from './plugins/plugin-status.ts';
import { createServices, type Services } from './services.ts';

/** How often open WebSockets are checked against expiry and idle timeout (revocations close them at once). */
const LIVE_SOCKET_SWEEP_MS = 30_000;

export interface KefuOptions {
  config: KefuConfig;
  logger?: Logger;
  /** Plugins to load; defaults to the KEFU_PLUGINS list. Definitions may be passed directly (tests, harness). */
  plugins?: PluginSource[];
  /** Where plugin settings (KEFU_PLUGIN_<ID>) are read from; defaults to process.env. */
  env?: Record<string, string | undefined>;
}

export interface Kefu {
  app: FastifyInstance;
  services: Services;
  orm: MikroORM;
  /** Starts listening; resolves to the base URL. */
  listen(): Promise<string>;
  /** Drains requests and sockets, then stops the database (embedded) — safe to call twice. */
  close(): Promise<void>;
}

export async function createKefu(options: KefuOptions): Promise<Kefu> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const secret = await resolveSecret(config);
  const cleanups: (() => Promise<unknown>)[] = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error) => logger.error({ err: error }, 'shutdown step failed'));
  };

  try {
    const databaseUrl = await openDatabaseUrl(config, logger, cleanups);
    const imported = await importPlugins(options.plugins ?? config.plugins);
    const { candidates, rejected } = checkPlugins(imported);
    const statuses: PluginStatus[] = [...rejected, ...candidates.map((candidate) => candidate.status)];

    const orm = await createOrm({
      url: databaseUrl,
      poolMax: config.database.poolMax,
      logger,
      extraEntities: candidates.flatMap((candidate) => candidate.definition.entities ?? []),
      extraMigrations: candidates.flatMap((candidate) => namespacedMigrations(candidate.definition)),
    });
    cleanups.push(() => orm.close());
    await runMigrations(orm, candidates, logger);

    const emitter = createEmitter(config.redisUrl);
    cleanups.push(() => closeEmitter(emitter));
    const events = new EventBus(emitter, logger);
    cleanups.push(() => events.idle());
    const jobs = new JobQueue({ databaseUrl, logger, concurrency: config.jobs.concurrency });
    const services = createServices({ config, logger, orm, events, jobs, pluginStatuses: () => statuses });

    const typeDefs = await loadCoreTypeDefs();
    const resolvers: ResolverMap[] = [...coreResolvers];
    const accepted = await registerPlugins(candidates, { typeDefs, resolvers, orm, events, jobs, services, logger, env: options.env ?? process.env });

    const app = Fastify({
      loggerInstance: logger as FastifyBaseLogger,
      // fastify accepts a hop count at run time; its types omit it.
      trustProxy: config.trustProxy as boolean | string,
      bodyLimit: 1024 * 1024,
      forceCloseConnections: 'idle',
    });
    cleanups.push(() => app.close());
    await app.register(cookie, { secret });
    registerSecurityHeaders(app, { graphiql: config.graphiql });
    registerRequestAuth(app, services);
    registerHealthRoutes(app, services);
    await registerAttachmentRoutes(app, services);
    const liveSockets = new LiveSockets({ sessions: services.sessions, orm, logger });
    liveSockets.start(emitter, LIVE_SOCKET_SWEEP_MS);
    cleanups.push(async () => liveSockets.stop());
    const stopWatchingScopes = watchScopeChanges(emitter);
    cleanups.push(async () => stopWatchingScopes());
    await registerGraphql(app, { schema: buildSchema(typeDefs, resolvers), services, emitter, liveSockets });
    for (const { definition, contributions } of accepted) {
      await app.register(async (scope) => {
        for (const routes of contributions.routes) await scope.register(routes);
      }, { prefix: `/plugins/${definition.id}` });
    }
    registerHelpCenterRoutes(app, services);
    await registerSpa(app, config.webDist);
    await app.ready();
    if (config.jobs.enabled) {
      await jobs.start();
      cleanups.push(() => jobs.stop());
      await services.knowledgeBase.freshness.schedule();
      await services.knowledgeBase.orphanedFiles.schedule();
    }
    cleanups.push(() => services.search.log.flush());
    for (const { definition } of accepted) await events.publish('plugin.loaded', { pluginId: definition.id, version: definition.version });

    return {
      app,
      services,
      orm,
      listen: () => app.listen({ host: config.host, port: config.port }),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** Core migrations must succeed; each plugin's run separately, and a failure disables only that plugin. */
async function runMigrations(orm: MikroORM, candidates: CandidatePlugin[], logger: Logger): Promise<void> {
  await withMigrationLock(orm, () => runMigrationsLocked(orm, candidates, logger));
}

async function runMigrationsLocked(orm: MikroORM, candidates: CandidatePlugin[], logger: Logger): Promise<void> {
  const applied = await orm.migrator.up({ migrations: coreMigrations.map((migration) => migration.name) });
  if (applied.length) logger.info({ migrations: applied.map((migration) => migration.name) }, 'core migrations applied');
  await migrateJobQueue(orm.config.get('clientUrl')!, logger);
  for (const candidate of candidates) {
    const names = namespacedMigrations(candidate.definition).map((migration) => migration.name);
    if (!names.length) continue;
    try {
      await orm.migrator.up({ migrations: names });
    } catch (error) {
      candidate.status.state = 'failed';
      candidate.status.error = `migration failed: ${(error as Error).message}`;
      logger.error({ err: error, plugin: candidate.definition.id }, 'plugin migration failed; plugin disabled');
    }
  }
}

interface AcceptedPlugin {
  definition: PluginDefinition<any>;
  contributions: PluginContributions;
}

/** Registers each candidate in turn; accepted contributions extend `typeDefs`/`resolvers` in place. */
async function registerPlugins(
  candidates: CandidatePlugin[],
  deps: {
    typeDefs: string[];
    resolvers: ResolverMap[];
    orm: MikroORM;
    events: EventBus;
    jobs: JobQueue;
    services: Services;
    logger: Logger;
    env: Record<string, string | undefined>;
  },
): Promise<AcceptedPlugin[]> {
  const accepted: AcceptedPlugin[] = [];
  for (const candidate of candidates) {
    if (candidate.status.state !== 'active') continue;
    const contributions = await registerPlugin(candidate, {
      logger: deps.logger,
      env: deps.env,
      buildContext: (definition, settings, target, logger) =>
        buildPluginContext(definition, settings, target, logger, { orm: deps.orm, events: deps.events, jobs: deps.jobs, services: deps.services }),
      checkSchema: (typeDefs, resolvers) => void buildSchema([...deps.typeDefs, ...typeDefs], [...deps.resolvers, ...resolvers]),
    });
    if (!contributions) continue;
    deps.typeDefs.push(...contributions.typeDefs);
    deps.resolvers.push(...contributions.resolvers);
    for (const { type, handler } of contributions.handlers) deps.events.on(type as never, handler as never, candidate.definition.id);
    for (const { task, handler } of contributions.jobs) deps.jobs.register(task, handler);
    accepted.push({ definition: candidate.definition, contributions });
  }
  return accepted;
}
