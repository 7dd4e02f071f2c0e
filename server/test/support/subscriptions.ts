import type { Client } from 'graphql-ws';
import type { TestClient } from '../../src/testing/index.ts';

/** Time for a subscription to register on the server, or for events that should not arrive. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/** Collects what a subscription delivers; `errors` holds a refusal. */
export function collect(client: TestClient, query: string, variables: Record<string, unknown> = {}) {
  const ws: Client = client.subscriptions();
  const received: any[] = [];
  const errors: any[] = [];
  const waiters: (() => void)[] = [];
  ws.subscribe(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        else received.push(value.data);
        waiters.splice(0).forEach((wake) => wake());
      },
      error: (error) => {
        errors.push(error);
        waiters.splice(0).forEach((wake) => wake());
      },
      complete: () => {},
    },
  );
  return {
    received,
    errors,
    /** Resolves once `count` payloads arrived (or rejects after 5 s). */
    async until(count: number) {
      const deadline = Date.now() + 5000;
      while (received.length < count && errors.length === 0) {
        if (Date.now() > deadline) throw new Error(`timed out with ${received.length}/${count}: ${JSON.stringify(received)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return received;
    },
    dispose: () => ws.dispose(),
  };
}
