import type { MikroORM } from '@mikro-orm/postgresql';
import type { MQEmitter } from 'mqemitter';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { eventTopic } from '../events/event-bus.ts';
import type { SessionService } from './session.service.ts';

/** Close code sent when the session behind a WebSocket has ended; the client must sign in again. */
export const SESSION_ENDED_CLOSE_CODE = 4401;

/**
 * A WebSocket authenticates once, at the handshake. Without this registry it
 * would keep streaming ticket data after its session was revoked. Each
 * instance tracks its own sockets by session and closes those whose session
 * is no longer live: at once when any instance publishes `session.revoked`
 * (through the shared emitter), and on a periodic sweep that also catches
 * expiry and idle timeout. One SQL query per sweep, whatever the number of
 * sockets.
 */
export class LiveSockets {
  readonly #bySession = new Map<string, Set<WebSocket>>();
  readonly #sessions: SessionService;
  readonly #orm: MikroORM;
  readonly #logger: Logger;
  #timer: NodeJS.Timeout | undefined;
  #sweeping: Promise<void> | undefined;

  constructor(deps: { sessions: SessionService; orm: MikroORM; logger: Logger }) {
    this.#sessions = deps.sessions;
    this.#orm = deps.orm;
    this.#logger = deps.logger;
  }

  track(sessionId: string, socket: WebSocket): void {
    let sockets = this.#bySession.get(sessionId);
    if (!sockets) this.#bySession.set(sessionId, (sockets = new Set()));
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0 && this.#bySession.get(sessionId) === sockets) this.#bySession.delete(sessionId);
    });
  }

  /** Starts the periodic sweep and listens for revocations published by any instance. */
  start(emitter: MQEmitter, intervalMs: number): void {
    emitter.on(eventTopic('session.revoked'), (_message, done) => {
      void this.sweep();
      done();
    });
    this.#timer = setInterval(() => void this.sweep(), intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** Closes every socket whose session ended. Concurrent calls share one run. */
  sweep(): Promise<void> {
    this.#sweeping ??= this.#sweepOnce().finally(() => (this.#sweeping = undefined));
    return this.#sweeping;
  }

  async #sweepOnce(): Promise<void> {
    const sessionIds = [...this.#bySession.keys()];
    if (sessionIds.length === 0) return;
    try {
      const live = await this.#sessions.liveSessionIds(this.#orm.em.fork(), sessionIds);
      for (const sessionId of sessionIds) {
        if (live.has(sessionId)) continue;
        for (const socket of this.#bySession.get(sessionId) ?? []) socket.close(SESSION_ENDED_CLOSE_CODE, 'Session ended');
        this.#bySession.delete(sessionId);
      }
    } catch (error) {
      this.#logger.warn({ err: error }, 'WebSocket session sweep failed; will retry');
    }
  }
}
