import type { ResolverContext, Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyReply } from 'fastify';
import type { SessionInfo } from '../auth/session.service.ts';
import type { Services } from '../services.ts';

/** What every core resolver receives (mercurius adds `reply`, `app`, `pubsub`). */
export interface KefuContext extends ResolverContext {
  em: EntityManager;
  viewer: Viewer | null;
  session: SessionInfo | null;
  ip: string;
  userAgent: string | undefined;
  services: Services;
  reply?: FastifyReply;
  pubsub: {
    subscribe(topics: string | string[]): Promise<AsyncIterable<unknown>>;
    publish(event: { topic: string; payload: unknown }): Promise<void> | void;
  };
  /** Set on subscription contexts (one per WebSocket connection). */
  isWebSocket?: boolean;
}
