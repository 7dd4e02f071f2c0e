import type { PluginContext, PluginDefinition } from '@kefu/plugin-sdk';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Services } from '../services.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { guard, guardSubscription } from '../graphql/guard.ts';
import type { PluginContributions } from './plugin-loader.ts';

const EVENT_NAME = /^[a-zA-Z][a-zA-Z0-9.-]{0,80}$/;

/** Builds the context one plugin sees; every call records into its own contributions. */
export function buildPluginContext(
  definition: PluginDefinition<any>,
  settings: unknown,
  contributions: PluginContributions,
  logger: Logger,
  deps: { orm: MikroORM; events: EventBus; jobs: JobQueue; services: Services },
): PluginContext<unknown> {
  const pluginId = definition.id;
  /** Like a core mutation: one transaction, its events held until it commits and dropped if it fails. */
  const inTransaction = async <T>(work: (em: EntityManager) => Promise<T>): Promise<T> => {
    let scope: object | undefined;
    try {
      const result = await deps.orm.em.fork().transactional(async (em) => {
        scope = em;
        deps.events.openScope(em);
        return work(em as unknown as EntityManager);
      });
      if (scope) await deps.events.commitScope(scope);
      return result;
    } catch (error) {
      if (scope) deps.events.discardScope(scope);
      throw error;
    }
  };
  return {
    pluginId,
    settings: Object.freeze(settings),
    logger,
    graphql: {
      extendSchema: (sdl) => void contributions.typeDefs.push(sdl),
      addResolvers: (resolvers) => void contributions.resolvers.push(resolvers),
      guard: (permission, resolver) => guard(permission, resolver as never) as never,
      guardSubscription,
    },
    events: {
      on: (type, handler) => void contributions.handlers.push({ type, handler }),
      publish: async (name, payload, actorId = null) => {
        if (!EVENT_NAME.test(name)) throw new Error(`invalid event name "${name}"`);
        await deps.events.publishAny(`${pluginId}.${name}`, payload, actorId);
      },
    },
    http: { routes: (plugin) => void contributions.routes.push(plugin) },
    database: { fork: () => deps.orm.em.fork() },
    jobs: {
      define: (name, handler) => {
        if (!EVENT_NAME.test(name)) throw new Error(`invalid job name "${name}"`);
        contributions.jobs.push({ task: `${pluginId}.${name}`, handler });
      },
      enqueue: (em, name, payload, options) => deps.jobs.enqueue(em as never, `${pluginId}.${name}`, payload, options),
      cancel: (em, jobKey) => deps.jobs.cancel(em as never, jobKey),
    },
    tickets: {
      createFromChannel: (input) =>
        inTransaction(async (em) => {
          const ticket = await deps.services.tickets.createFromChannel(em, input);
          return { ticketId: ticket.id, number: Number(ticket.number), conversationId: await deps.services.conversationStore.conversationOfTicket(em, ticket.id) };
        }),
      addFromChannel: (input) => inTransaction((em) => deps.services.messages.addFromChannel(em, input)),
    },
  };
}
