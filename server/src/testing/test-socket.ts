import type { Client, FormattedExecutionResult, Sink, SubscribePayload } from 'graphql-ws';
import type { SubscriptionProbe } from './subscription-probe.ts';

/** A graphql-ws client whose subscriptions a test can wait for. */
export interface TestSocket extends Client {
  /**
   * Resolves once the server listens for every operation subscribed on this
   * socket so far — an event published from then on reaches them — or has
   * refused it (its sink got the error). Rejects after `timeoutMs`.
   */
  ready(timeoutMs?: number): Promise<void>;
}

/**
 * Adds `ready()` to a graphql-ws client. `lastId` returns the id of the
 * operation just subscribed (the client's `generateID` records it), which is
 * how the server-side probe knows the operation.
 */
export function withReadiness(client: Client, lastId: () => string, probe: SubscriptionProbe | undefined): TestSocket {
  const subscribe = client.subscribe;
  const operations: Promise<void>[] = [];
  return Object.assign(client, {
    subscribe<Data, Extensions>(payload: SubscribePayload, sink: Sink<FormattedExecutionResult<Data, Extensions>>) {
      let refused!: () => void;
      const error = new Promise<void>((resolve) => (refused = resolve));
      const unsubscribe = subscribe<Data, Extensions>(payload, {
        next: (value) => sink.next(value),
        error: (reason) => {
          refused();
          sink.error(reason);
        },
        complete: () => sink.complete(),
      });
      // A refusal that never reached a resolver (e.g. a validation error) only shows as the sink's error.
      if (probe) operations.push(Promise.race([probe.settled(lastId()).then((outcome) => (outcome === 'refused' ? error : undefined)), error]));
      return unsubscribe;
    },
    async ready(timeoutMs = 5000): Promise<void> {
      if (!probe) throw new Error('ready() needs a TestClient from startTestKefu (t.client(), t.signedIn())');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`the server was not listening for the subscription(s) after ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([Promise.all(operations), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  });
}
