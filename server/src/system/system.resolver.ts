import { KEFU_PLUGIN_API_VERSION } from '@kefu/plugin-sdk';
import { eventTopic } from '../events/event-bus.ts';
import { guard, guardSubscription } from '../graphql/guard.ts';
import { parseInput } from '../graphql/validate.ts';
import { z } from 'zod';
import { KEFU_VERSION } from '../version.ts';

const eventTypes = z.array(z.string().regex(/^[a-z][a-zA-Z0-9-]*\.[a-zA-Z0-9.-]+$/, 'must be an event type like user.created')).min(1).max(50);

export const systemResolvers = {
  Query: {
    version: guard('public', () => ({ core: KEFU_VERSION, pluginApi: KEFU_PLUGIN_API_VERSION })),
    plugins: guard('plugins.manage', (_parent, _args, context) => context.services.plugins.statuses()),
  },
  Subscription: {
    domainEvents: guardSubscription('events.watch', {
      subscribe: (_parent, args: { types: unknown }, context) => {
        const types = parseInput(eventTypes, args.types);
        return (context as any).pubsub.subscribe(types.map(eventTopic));
      },
      resolve: (event: unknown) => event,
    }),
  },
};
