import type { TestClient } from '../../src/testing/index.ts';

/**
 * Time for events that should NOT arrive to have arrived, before asserting
 * that they did not. (To wait until a subscription is set up, use `ready()`.)
 */
export const quiet = () => new Promise((resolve) => setTimeout(resolve, 300));

/** Resolves once the server listens for all these subscriptions (or refused them). */
export const ready = (...subscriptions: { ready(): Promise<void> }[]) => Promise.all(subscriptions.map((subscription) => subscription.ready()));

/** Collects what a subscription delivers; `errors` holds a refusal. */
export function collect(client: TestClient, query: string, variables: Record<string, unknown> = {}) {
  const ws = client.subscriptions();
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
    /** Resolves once the server listens for this subscription, or refused it (then `errors` holds why). */
    ready: () => ws.ready(),
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
