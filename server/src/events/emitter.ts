import mqemitter, { type MQEmitter } from 'mqemitter';
import mqemitterRedis from 'mqemitter-redis';

/**
 * In-process emitter for a single instance; Redis pub/sub when REDIS_URL is
 * set, so subscriptions on one instance see events published on another.
 */
export function createEmitter(redisUrl: string | undefined): MQEmitter {
  if (!redisUrl) return mqemitter();
  return mqemitterRedis({ connectionString: redisUrl }) as unknown as MQEmitter;
}

export function closeEmitter(emitter: MQEmitter): Promise<void> {
  return new Promise((resolve) => emitter.close(() => resolve()));
}
