import type { ExecutionResult, SubscriptionForwarder } from '@urql/vue';

interface ActiveSubscription {
  operationName: string;
  variables: Record<string, unknown>;
  next(result: ExecutionResult): void;
}

/**
 * Stands in for the websocket in view tests: records which subscriptions the
 * app holds open (with their variables) and lets a test push server events
 * into them. Pushing to a subscription nobody holds throws, so a test fails
 * when a view stops listening.
 */
export class FakeSubscriptions {
  private readonly active = new Set<ActiveSubscription>();

  readonly forward: SubscriptionForwarder = (request) => ({
    subscribe: (sink) => {
      const entry: ActiveSubscription = {
        operationName: request.operationName ?? '',
        variables: (request.variables ?? {}) as Record<string, unknown>,
        next: (result) => sink.next(result),
      };
      this.active.add(entry);
      return { unsubscribe: () => void this.active.delete(entry) };
    },
  });

  /** Variables of every open subscription with this operation name. */
  open(operationName: string): Array<Record<string, unknown>> {
    return [...this.active].filter((entry) => entry.operationName === operationName).map((entry) => entry.variables);
  }

  /** Delivers `data` to every open `operationName` subscription whose variables pass `where`. */
  emit(operationName: string, data: unknown, where: (variables: Record<string, unknown>) => boolean = () => true): void {
    const targets = [...this.active].filter((entry) => entry.operationName === operationName && where(entry.variables));
    if (targets.length === 0) throw new Error(`No open ${operationName} subscription to receive the event.`);
    for (const target of targets) target.next({ data } as ExecutionResult);
  }
}
