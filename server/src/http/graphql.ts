import type { ResolverMap } from '@kefu/plugin-sdk';
import { mergeResolvers } from '@graphql-tools/merge';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import mercurius from 'mercurius';
import type { MQEmitter } from 'mqemitter';
import type { LiveSockets } from '../auth/live-sockets.ts';
import type { KefuContext } from '../graphql/context.ts';
import { scalarResolvers } from '../graphql/core-resolvers.ts';
import type { Services } from '../services.ts';
import { maskUnexpectedErrors } from './errors.ts';

export function buildSchema(typeDefs: string[], resolvers: ResolverMap[]): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs,
    resolvers: mergeResolvers([scalarResolvers as never, ...(resolvers as never[])]),
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
}

export async function registerGraphql(
  app: FastifyInstance,
  deps: { schema: GraphQLSchema; services: Services; emitter: MQEmitter; liveSockets: LiveSockets },
): Promise<void> {
  const { services } = deps;
  const allowedOrigin = services.config.publicUrl ? new URL(services.config.publicUrl).origin : undefined;
  await app.register(mercurius, {
    schema: deps.schema,
    graphiql: services.config.graphiql,
    jit: 1,
    queryDepth: 12,
    context: (request): Omit<KefuContext, 'pubsub'> => ({
      em: request.kefu!.em,
      viewer: request.kefu!.viewer,
      session: request.kefu!.session,
      ip: request.ip,
      userAgent: request.headers['user-agent'],
      services,
    }),
    // mercurius registers @fastify/websocket itself; registering it earlier
    // would silently drop verifyClient below.
    subscription: {
      emitter: deps.emitter,
      // Browsers always send Origin; refusing foreign ones stops cross-site
      // WebSocket hijacking with the victim's cookie.
      verifyClient: (info, next) => {
        if (!info.origin) return next(true);
        const host = info.req.headers.host;
        const sameHost = (() => {
          try {
            return new URL(info.origin).host === host;
          } catch {
            return false;
          }
        })();
        next(sameHost || info.origin === allowedOrigin, 403, 'Origin not allowed');
      },
      context: (socket, request) => {
        if (request.kefu?.session) deps.liveSockets.track(request.kefu.session.id, socket);
        return {
          em: services.orm.em.fork(),
          viewer: request.kefu?.viewer ?? null,
          session: request.kefu?.session ?? null,
          ip: request.ip,
          userAgent: request.headers['user-agent'],
          services,
          isWebSocket: true,
        };
      },
    },
    errorFormatter: (execution, context) => {
      const errors = maskUnexpectedErrors(execution.errors, services.logger);
      return mercurius.defaultErrorFormatter({ ...execution, errors }, context);
    },
  });
}
