import type { Permission, ResolverMap, SubscriptionResolver } from '@kefu/plugin-sdk';
import { assertCan } from '../auth/permissions.ts';
import { safeEqual } from '../auth/tokens.ts';
import type { KefuContext } from './context.ts';

const GUARDED = Symbol('kefu.guarded');
type Marked = { [GUARDED]?: Permission };

type CoreResolver<Args, Result> = (parent: any, args: Args, context: KefuContext, info: any) => Result | Promise<Result>;

/** Declares the permission a query field needs, then runs the resolver. */
export function guard<Args, Result>(permission: Permission, resolver: CoreResolver<Args, Result>): CoreResolver<Args, Result> {
  const wrapped: CoreResolver<Args, Result> & Marked = (parent, args, context, info) => {
    assertCan(context.viewer, permission);
    return resolver(parent, args, context, info);
  };
  wrapped[GUARDED] = permission;
  return wrapped;
}

/**
 * Declares permission and a transaction: the resolver gets an entity manager
 * bound to a transaction that commits when it returns and rolls back when it
 * throws, so a failed mutation changes nothing.
 */
export function mutation<Args, Result>(permission: Permission, resolver: CoreResolver<Args, Result>): CoreResolver<Args, Result> {
  return guard(permission, async (parent, args, context, info) => {
    const events = context.services.events;
    let scope: object | undefined;
    try {
      const result = await context.em.transactional((em) => {
        scope = em;
        events.openScope(em);
        return resolver(parent, args, { ...context, em: em as KefuContext['em'] }, info);
      });
      if (scope) await events.commitScope(scope);
      return result;
    } catch (error) {
      if (scope) events.discardScope(scope);
      throw error;
    }
  });
}

/** A core subscription: its resolvers get the full KefuContext. */
export interface CoreSubscription {
  subscribe: CoreResolver<any, AsyncIterable<unknown> | Promise<AsyncIterable<unknown>>>;
  resolve?: CoreResolver<any, unknown>;
}

/** Checks permission when the subscription starts (each connection's viewer). */
export function guardSubscription(permission: Permission, subscription: SubscriptionResolver): SubscriptionResolver;
export function guardSubscription(permission: Permission, subscription: CoreSubscription): SubscriptionResolver;
export function guardSubscription(permission: Permission, subscription: SubscriptionResolver | CoreSubscription): SubscriptionResolver {
  const subscribe: SubscriptionResolver['subscribe'] & Marked = (parent, args, context, info) => {
    assertCan(subscriptionViewer(context as KefuContext), permission);
    return subscription.subscribe(parent, args, context as KefuContext, info);
  };
  subscribe[GUARDED] = permission;
  return { ...(subscription as SubscriptionResolver), subscribe };
}

const ROOT_TYPES = ['Query', 'Mutation', 'Subscription'];

/** Names of root fields whose resolver does not go through guard(); the app refuses to start with any. */
export function unguardedRootFields(resolvers: ResolverMap): string[] {
  const unguarded: string[] = [];
  for (const type of ROOT_TYPES) {
    for (const [field, resolver] of Object.entries(resolvers[type] ?? {})) {
      const fn = typeof resolver === 'function' ? resolver : resolver.subscribe;
      if (!(fn as Marked)[GUARDED]) unguarded.push(`${type}.${field}`);
    }
  }
  return unguarded;
}

/**
 * Over WebSocket the session cookie alone is not enough: the client must also
 * present its session's CSRF token in connection_init, which a cross-site page
 * cannot read.
 */
function subscriptionViewer(context: KefuContext & { _connectionInit?: { csrfToken?: unknown } }) {
  if (!context.session || !context.viewer) return null;
  const provided = context._connectionInit?.csrfToken;
  return typeof provided === 'string' && safeEqual(provided, context.session.csrfToken) ? context.viewer : null;
}
