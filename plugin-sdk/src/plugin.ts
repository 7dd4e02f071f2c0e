import type { EntityManager, EntitySchema, MigrationObject } from '@mikro-orm/core';
import type { FastifyPluginAsync } from 'fastify';
import type { GraphQLResolveInfo } from 'graphql';
import type { z } from 'zod';
import type { CoreEventType, EventHandler } from './events.ts';

/**
 * Version of the plugin API this SDK describes. A plugin states the range it
 * works with in `compatibility` (e.g. `^0.1.0`); the loader refuses a plugin
 * whose range does not include the running core's version.
 */
export const KEFU_PLUGIN_API_VERSION = '0.1.0';

/** Who is making a request, as seen by resolvers and route handlers. */
export interface Viewer {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'supervisor' | 'agent' | 'customer';
}

/**
 * Named permissions. `public` needs nothing, `authenticated` any signed-in
 * user; the others map to roles in the core's single permission table.
 */
export type Permission =
  | 'public'
  | 'authenticated'
  | 'workspace.use'
  | 'events.watch'
  | 'users.manage'
  | 'plugins.manage'
  | 'settings.manage'
  | 'teams.manage'
  | 'customers.merge'
  | 'views.share'
  | 'knowledge.edit'
  | 'knowledge.publish'
  | 'portal.use';

/** What a plugin resolver receives as its third argument. */
export interface ResolverContext {
  viewer: Viewer | null;
  /** An entity manager forked for this request (or this subscription). */
  em: EntityManager;
  /** Client IP as seen through the configured proxies. */
  ip: string;
}

export type Resolver<Args = any, Result = unknown, Parent = any> = (
  parent: Parent,
  args: Args,
  context: ResolverContext,
  info: GraphQLResolveInfo,
) => Result | Promise<Result>;

export interface SubscriptionResolver {
  subscribe: Resolver<any, AsyncIterable<unknown> | Promise<AsyncIterable<unknown>>>;
  resolve?: Resolver;
}

/** Resolver map keyed by GraphQL type, then field. */
export type ResolverMap = Record<string, Record<string, Resolver | SubscriptionResolver>>;

/** A migration contributed by a plugin; its stored name is `<plugin id>/<name>`. */
export type PluginMigration = MigrationObject;

export interface PluginLogger {
  debug(object: object | string, message?: string): void;
  info(object: object | string, message?: string): void;
  warn(object: object | string, message?: string): void;
  error(object: object | string, message?: string): void;
}

/**
 * Everything a plugin may use, scoped to that plugin. Nothing is reached
 * through globals or module augmentation, so two plugins cannot collide on
 * types or on names.
 */
export interface PluginContext<Settings> {
  readonly pluginId: string;
  /** Settings validated against the plugin's `settings` schema (defaults applied). */
  readonly settings: Readonly<Settings>;
  readonly logger: PluginLogger;
  readonly graphql: {
    /** Adds SDL; use `extend type Query { … }` to add fields to core types. */
    extendSchema(sdl: string): void;
    /**
     * Adds resolvers. Every Query, Mutation and Subscription field must be
     * wrapped with {@link PluginContext.graphql.guard}; unguarded ones are
     * refused at load time.
     */
    addResolvers(resolvers: ResolverMap): void;
    /** Wraps a resolver with a permission check (the core's one helper). */
    guard<Args, Result>(permission: Permission, resolver: Resolver<Args, Result>): Resolver<Args, Result>;
    /** Wraps a subscription with a permission check made when it starts. */
    guardSubscription(permission: Permission, subscription: SubscriptionResolver): SubscriptionResolver;
  };
  readonly events: {
    /**
     * Subscribes to a core domain event on this instance. A handler that
     * throws is logged against the plugin; it never reaches the publisher.
     */
    on<Type extends CoreEventType>(type: Type, handler: EventHandler<Type>): void;
    /** Publishes a plugin event named `<plugin id>.<name>` (delivered to subscriptions). */
    publish(name: string, payload: Record<string, unknown>, actorId?: string | null): Promise<void>;
  };
  readonly http: {
    /** Registers fastify routes; they are mounted under `/plugins/<plugin id>/`. */
    routes(plugin: FastifyPluginAsync): void;
  };
  readonly database: {
    /** A fresh entity manager for work outside a request (event handlers, jobs). */
    fork(): EntityManager;
  };
  /**
   * Durable background jobs on the core's PostgreSQL queue: they survive
   * restarts, run on exactly one instance, and are retried with back-off when
   * the handler throws.
   */
  readonly jobs: {
    /** Declares the handler of task `<plugin id>.<name>`; call it during `register()`. */
    define(name: string, handler: JobHandler): void;
    /**
     * Enqueues a job inside `em`'s transaction, so it exists only if the
     * caller's changes commit. Payloads are JSON.
     */
    enqueue(em: EntityManager, name: string, payload: Record<string, unknown>, options?: JobOptions): Promise<void>;
    /** Removes a pending job by its `jobKey`. */
    cancel(em: EntityManager, jobKey: string): Promise<void>;
  };
  readonly tickets: {
    /**
     * Opens a ticket from a channel message (e-mail, chat widget, API): finds
     * or creates the customer by external id, e-mail or phone, and posts the
     * message as the customer's public reply. Runs in its own transaction;
     * `ticket.created`, `conversation.created` and `message.created` are
     * published when it commits.
     */
    createFromChannel(input: ChannelTicketInput): Promise<{ ticketId: string; number: number; conversationId: string | null }>;
    /**
     * Adds a customer's follow-up from a channel (an e-mail reply, a chat
     * message) to an existing ticket, as a public reply in the ticket's
     * conversation on that channel (created when missing). Like a portal
     * reply it reopens a pending or solved ticket. A merged ticket forwards
     * to the ticket it was merged into; a closed ticket gets a new follow-up
     * ticket, linked to it (`followUp: true`). Own transaction; events on commit.
     */
    addFromChannel(input: ChannelMessageInput): Promise<{ ticketId: string; conversationId: string; messageId: string; followUp: boolean }>;
  };
}

/** A customer's follow-up arriving on a channel for a ticket the channel already knows (e.g. by its reference in a subject). */
export interface ChannelMessageInput {
  channel: string;
  ticketId: string;
  customer: ChannelTicketInput['customer'];
  body?: unknown;
  text?: string;
  html?: string;
}

/** A message arriving on a channel that should become a ticket. */
export interface ChannelTicketInput {
  /** Channel name: lower-case letters, digits, `-`/`_` (e.g. `email`, `telegram`). */
  channel: string;
  subject: string;
  customer: { name?: string | null; email?: string | null; phone?: string | null; externalId?: { source: string; value: string } | null };
  /** The message as a Tiptap JSON document, or `text` (plain), or `html` (sanitized by the core). */
  body?: unknown;
  text?: string;
  html?: string;
  priority?: 'low' | 'normal' | 'high' | 'urgent';
  tags?: string[];
}

export interface JobOptions {
  /** When to run; default now. */
  runAt?: Date;
  /** Enqueueing again with the same key replaces the pending job instead of adding one. */
  jobKey?: string;
  /** Attempts before giving up (default 10, exponential back-off). */
  maxAttempts?: number;
  /** Jobs sharing a queue name run one at a time, in order. */
  queue?: string;
}

/** A background job handler; throwing schedules a retry. */
export type JobHandler = (payload: unknown, job: { id: string; attempts: number; maxAttempts: number }) => Promise<void>;

export interface PluginDefinition<SettingsSchema extends z.ZodType = z.ZodType> {
  /** Lower-case id: letters, digits and dashes, starting with a letter. */
  id: string;
  /** The plugin's own semver version. */
  version: string;
  /** Semver range of {@link KEFU_PLUGIN_API_VERSION} this plugin supports. */
  compatibility: string;
  description?: string;
  /** zod schema of the plugin's settings; its output type types `ctx.settings`. */
  settings?: SettingsSchema;
  /** Entities (MikroORM `defineEntity`) the plugin owns. */
  entities?: EntitySchema<any, any, any>[];
  /** Migrations creating the plugin's tables; run at boot after the core's. */
  migrations?: PluginMigration[];
  /** Called once at boot. Throwing here disables the plugin; the core keeps running. */
  register(ctx: PluginContext<z.output<SettingsSchema>>): void | Promise<void>;
}

const PLUGIN_ID = /^[a-z][a-z0-9-]{1,48}$/;

/**
 * Declares a plugin. Returns the definition unchanged, typed so that
 * `ctx.settings` follows the settings schema.
 *
 * @example
 * export default definePlugin({
 *   id: 'hello', version: '1.0.0', compatibility: '^0.1.0',
 *   settings: z.object({ greeting: z.string().default('hi') }),
 *   register(ctx) { ctx.logger.info(ctx.settings.greeting) },
 * })
 */
export function definePlugin<SettingsSchema extends z.ZodType = z.ZodType>(
  definition: PluginDefinition<SettingsSchema>,
): PluginDefinition<SettingsSchema> {
  if (!PLUGIN_ID.test(definition.id)) {
    throw new TypeError(`Plugin id "${definition.id}" must match ${PLUGIN_ID}`);
  }
  if (typeof definition.register !== 'function') {
    throw new TypeError(`Plugin "${definition.id}" has no register(ctx) function`);
  }
  return definition;
}
