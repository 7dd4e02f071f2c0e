/**
 * A fake graphql-ws server behind a fake WebSocket class, so whole-view tests
 * run the real urql subscription exchange and graphql-ws client. Tests see
 * which subscriptions are active (with their variables) and push events.
 */

export interface ActiveSubscription {
  id: string;
  operationName: string;
  variables: Record<string, unknown>;
}

interface SubscribePayload {
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
}

/** urql does not always send operationName over the socket; read it from the document instead. */
function operationNameOf(payload: SubscribePayload): string {
  return payload.operationName ?? /subscription\s+(\w+)/.exec(payload.query)?.[1] ?? '';
}

export function createFakeSubscriptionServer() {
  const sockets = new Set<FakeWebSocket>();
  const active = new Map<string, { socket: FakeWebSocket; subscription: ActiveSubscription }>();
  /** Every connection_init payload, to check the CSRF token sent with the handshake. */
  const connectionParams: unknown[] = [];
  let counter = 0;

  class FakeWebSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readonly url: string;
    readonly protocol = 'graphql-transport-ws';
    readonly socketId = ++counter;
    readyState = FakeWebSocket.CONNECTING;
    onopen: ((event: unknown) => void) | null = null;
    onmessage: ((event: { data: string }) => void) | null = null;
    onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
    onerror: ((event: unknown) => void) | null = null;

    constructor(url: string) {
      this.url = url;
      sockets.add(this);
      setTimeout(() => {
        this.readyState = FakeWebSocket.OPEN;
        this.onopen?.({});
      }, 0);
    }

    send(raw: string): void {
      const message = JSON.parse(raw) as { id?: string; type: string; payload?: unknown };
      if (message.type === 'connection_init') {
        connectionParams.push(message.payload);
        this.reply({ type: 'connection_ack' });
      } else if (message.type === 'ping') {
        this.reply({ type: 'pong' });
      } else if (message.type === 'subscribe' && message.id) {
        const payload = message.payload as SubscribePayload;
        active.set(`${this.socketId}:${message.id}`, {
          socket: this,
          subscription: { id: message.id, operationName: operationNameOf(payload), variables: payload.variables ?? {} },
        });
      } else if (message.type === 'complete' && message.id) {
        active.delete(`${this.socketId}:${message.id}`);
      }
    }

    close(code = 1000, reason = ''): void {
      if (this.readyState === FakeWebSocket.CLOSED) return;
      this.readyState = FakeWebSocket.CLOSED;
      sockets.delete(this);
      for (const [key, entry] of active) if (entry.socket === this) active.delete(key);
      setTimeout(() => this.onclose?.({ code, reason, wasClean: true }), 0);
    }

    reply(message: unknown): void {
      setTimeout(() => {
        if (this.readyState === FakeWebSocket.OPEN) this.onmessage?.({ data: JSON.stringify(message) });
      }, 0);
    }
  }

  return {
    WebSocket: FakeWebSocket,
    connectionParams,
    /** Subscriptions the app currently holds open, optionally of one operation. */
    active(operationName?: string): ActiveSubscription[] {
      return [...active.values()]
        .map((entry) => entry.subscription)
        .filter((subscription) => !operationName || subscription.operationName === operationName);
    },
    /**
     * Sends `data` as the next event to every open subscription of `operationName`
     * whose variables include `where` (all of them when `where` is omitted).
     * Returns how many subscriptions received it, so a test can assert delivery.
     */
    push(operationName: string, data: unknown, where: Record<string, unknown> = {}): number {
      let delivered = 0;
      for (const { socket, subscription } of active.values()) {
        if (subscription.operationName !== operationName) continue;
        if (!Object.entries(where).every(([key, value]) => subscription.variables[key] === value)) continue;
        socket.reply({ id: subscription.id, type: 'next', payload: { data } });
        delivered += 1;
      }
      return delivered;
    },
    /** Variables of every open subscription of `operationName`. */
    open(operationName: string): Array<Record<string, unknown>> {
      return [...active.values()].map((entry) => entry.subscription).filter((sub) => sub.operationName === operationName).map((sub) => sub.variables);
    },
    /**
     * Like `push`, with a predicate over the variables; throws when no open
     * subscription receives the event, so a test fails when a view stops listening.
     */
    emit(operationName: string, data: unknown, where: (variables: Record<string, unknown>) => boolean = () => true): void {
      let delivered = 0;
      for (const { socket, subscription } of active.values()) {
        if (subscription.operationName !== operationName || !where(subscription.variables)) continue;
        socket.reply({ id: subscription.id, type: 'next', payload: { data } });
        delivered += 1;
      }
      if (delivered === 0) throw new Error(`No open ${operationName} subscription to receive the event.`);
    },
  };
}

export type FakeSubscriptionServer = ReturnType<typeof createFakeSubscriptionServer>;
