import { Redis } from 'ioredis';
import mqemitter, { type MQEmitter } from 'mqemitter';
import mqemitterRedis from 'mqemitter-redis';

/**
 * In-process emitter for a single instance; Redis pub/sub when REDIS_URL is
 * set, so subscriptions on one instance see events published on another.
 */
export function createEmitter(redisUrl: string | undefined): MQEmitter {
  if (!redisUrl) return mqemitter();
  return mqemitterRedis({
    // The ready check sends INFO, which Redis refuses on a connection that a
    // SUBSCRIBE queued at boot has already put into subscriber mode.
    subConn: new Redis(redisUrl, { enableReadyCheck: false }),
    pubConn: new Redis(redisUrl),
  } as never) as unknown as MQEmitter;
}

export function closeEmitter(emitter: MQEmitter): Promise<void> {
  return new Promise((resolve) => emitter.close(() => resolve()));
}
