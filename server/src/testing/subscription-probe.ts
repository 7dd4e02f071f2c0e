import type { GraphQLSchema } from 'graphql';

/** How the server took a subscription operation: its listeners are on the emitter, or it refused it. */
export type SubscriptionOutcome = 'listening' | 'refused';

interface SubscribingContext {
  /** The graphql-ws operation id (mercurius puts it on each subscription's context). */
  id: string;
  pubsub: { subscribe(...args: unknown[]): Promise<unknown> };
}

/**
 * Test harness only: tells a test when the server has set up one of its
 * subscriptions, so the test acts then instead of after a fixed delay that a
 * loaded machine may not honour. An operation is known by its graphql-ws id
 * (the test client chooses it). "Listening" means the operation's
 * `pubsub.subscribe` resolved, i.e. the emitter confirmed its listeners
 * (with Redis: the SUBSCRIBE was acknowledged); an event published from then
 * on reaches it.
 */
export class SubscriptionProbe {
  readonly #outcomes = new Map<string, SubscriptionOutcome>();
  readonly #waiting = new Map<string, ((outcome: SubscriptionOutcome) => void)[]>();

  /**
   * Wraps the `subscribe` of every root Subscription field of the schema the
   * server executes (core and plugins alike); they behave as before.
   */
  watch(schema: GraphQLSchema): void {
    for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
      const subscribe = field.subscribe;
      if (!subscribe) continue;
      field.subscribe = async (parent, args, context: SubscribingContext, info) => {
        const { id, pubsub } = context;
        // The operation's own pubsub (one per operation), observed: its listeners are registered when subscribe resolves.
        context.pubsub = Object.assign(Object.create(pubsub), {
          subscribe: async (...topics: unknown[]) => {
            const stream = await pubsub.subscribe(...topics);
            this.#settle(id, 'listening');
            return stream;
          },
        });
        try {
          return await subscribe(parent, args, context, info);
        } catch (error) {
          this.#settle(id, 'refused');
          throw error;
        }
      };
    }
  }

  /** Resolves once operation `id` is listening or refused (waits as long as it takes: callers set the limit). */
  settled(id: string): Promise<SubscriptionOutcome> {
    const outcome = this.#outcomes.get(id);
    if (outcome) {
      this.#outcomes.delete(id);
      return Promise.resolve(outcome);
    }
    return new Promise((resolve) => this.#waiting.set(id, [...(this.#waiting.get(id) ?? []), resolve]));
  }

  #settle(id: string, outcome: SubscriptionOutcome): void {
    const waiting = this.#waiting.get(id);
    if (waiting) {
      this.#waiting.delete(id);
      for (const resolve of waiting) resolve(outcome);
    } else if (!this.#outcomes.has(id)) {
      this.#outcomes.set(id, outcome);
    }
  }
}
