import type { CoreDomainEvents, CoreEventType, DomainEvent } from '@kefu/plugin-sdk';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MQEmitter } from 'mqemitter';
import type { Logger } from 'pino';

export const EVENT_TOPIC_PREFIX = 'kefu/events/';
export const eventTopic = (type: string) => `${EVENT_TOPIC_PREFIX}${type}`;

type AnyHandler = (event: DomainEvent) => void | Promise<void>;
type TransactionalHandler = (em: EntityManager, event: DomainEvent) => Promise<void>;
interface Registration {
  owner: string;
  handler: AnyHandler;
}

/**
 * Typed domain events with two audiences:
 *
 * - **Handlers** (core features, plugins) run on the instance that published
 *   the event, once. Running them on every instance would repeat side effects
 *   (e-mails, webhooks) once per instance.
 * - **Subscriptions** (GraphQL clients) get the event on every instance: it
 *   goes through the shared emitter, which is Redis when REDIS_URL is set.
 *
 * A handler that throws is logged against its owner and never reaches the
 * publisher, so a faulty plugin cannot fail a core mutation.
 */
export class EventBus {
  readonly #emitter: MQEmitter;
  readonly #logger: Logger;
  readonly #handlers = new Map<string, Registration[]>();
  readonly #transactional = new Map<string, TransactionalHandler[]>();
  readonly #pending = new Set<Promise<void>>();
  readonly failures = new Map<string, number>();
  readonly #deferred = new WeakMap<object, (() => Promise<unknown>)[]>();

  constructor(emitter: MQEmitter, logger: Logger) {
    this.#emitter = emitter;
    this.#logger = logger;
  }

  on<Type extends CoreEventType>(
    type: Type,
    handler: (event: DomainEvent<Type, CoreDomainEvents[Type]>) => void | Promise<void>,
    owner = 'core',
  ): () => void {
    const list = this.#handlers.get(type) ?? [];
    const registration = { owner, handler: handler as AnyHandler };
    list.push(registration);
    this.#handlers.set(type, list);
    return () => {
      const current = this.#handlers.get(type) ?? [];
      this.#handlers.set(type, current.filter((entry) => entry !== registration));
    };
  }

  /**
   * Runs `handler` inside the publisher's transaction, before it commits (an
   * outbox): the place to enqueue a durable job for an event, so the job
   * exists exactly when the change does — a crash right after the commit
   * cannot lose it. Core only; a throwing handler fails the publisher, so
   * keep it to a few reads and enqueueing.
   */
  inTransaction<Type extends CoreEventType>(
    type: Type,
    handler: (em: EntityManager, event: DomainEvent<Type, CoreDomainEvents[Type]>) => Promise<void>,
  ): void {
    this.#transactional.set(type, [...(this.#transactional.get(type) ?? []), handler as TransactionalHandler]);
  }

  async publish<Type extends CoreEventType>(
    type: Type,
    payload: CoreDomainEvents[Type],
    actorId: string | null = null,
  ): Promise<DomainEvent<Type, CoreDomainEvents[Type]>> {
    return this.publishAny(type, payload, actorId) as Promise<DomainEvent<Type, CoreDomainEvents[Type]>>;
  }

  /** Publishes an event outside the core map (plugin events are `<plugin>.<name>`). */
  async publishAny(type: string, payload: unknown, actorId: string | null = null): Promise<DomainEvent> {
    return this.#deliver({ id: randomUUID(), type, occurredAt: new Date().toISOString(), actorId, payload });
  }

  async #deliver(event: DomainEvent): Promise<DomainEvent> {
    const type = event.type;
    await new Promise<void>((resolve) => this.#emitter.emit({ topic: eventTopic(type), payload: event }, () => resolve()));
    for (const registration of this.#handlers.get(type) ?? []) this.#runHandler(registration, event);
    return event;
  }

  /**
   * Events describe committed facts. Inside a transaction scope (opened by
   * the `mutation()` resolver wrapper) publishing waits for the commit and is
   * dropped on rollback; outside one it happens at once.
   */
  async publishIn<Type extends CoreEventType>(
    scope: object,
    type: Type,
    payload: CoreDomainEvents[Type],
    actorId: string | null = null,
  ): Promise<void> {
    const event: DomainEvent = { id: randomUUID(), type, occurredAt: new Date().toISOString(), actorId, payload };
    for (const handler of this.#transactional.get(type) ?? []) await handler(scope as EntityManager, event);
    const deferred = this.#deferred.get(scope);
    if (deferred) deferred.push(() => this.#deliver(event));
    else await this.#deliver(event);
  }

  /**
   * Emits a payload on a raw subscription topic (read receipts, a reader's
   * own streams) — no handlers, no envelope — after the scope's commit like
   * `publishIn`, so subscribers that read the database see the change.
   */
  async emitIn(scope: object, topic: string, payload: unknown): Promise<void> {
    const emit = () => new Promise<void>((resolve) => this.#emitter.emit({ topic, payload }, () => resolve()));
    const deferred = this.#deferred.get(scope);
    if (deferred) deferred.push(emit);
    else await emit();
  }

  openScope(scope: object): void {
    this.#deferred.set(scope, []);
  }

  /** Publishes what the scope deferred (call after the commit). */
  async commitScope(scope: object): Promise<void> {
    const deferred = this.#deferred.get(scope) ?? [];
    this.#deferred.delete(scope);
    for (const publish of deferred) await publish();
  }

  discardScope(scope: object): void {
    this.#deferred.delete(scope);
  }

  /** Resolves when every handler started so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  #runHandler(registration: Registration, event: DomainEvent): void {
    const run = (async () => {
      try {
        await registration.handler(event);
      } catch (error) {
        this.failures.set(registration.owner, (this.failures.get(registration.owner) ?? 0) + 1);
        this.#logger.error({ err: error, owner: registration.owner, eventType: event.type, eventId: event.id }, 'event handler failed');
      }
    })();
    this.#pending.add(run);
    void run.finally(() => this.#pending.delete(run));
  }
}
