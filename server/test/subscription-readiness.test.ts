import { definePlugin } from '@kefu/plugin-sdk';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventTopic } from '../src/events/event-bus.ts';
import { startTestKefu, type TestKefu } from '../src/testing/index.ts';
import { collect } from './support/subscriptions.ts';

/** A subscription that takes a second to start listening, and a way to publish to it. */
let publish: (n: number) => Promise<void>;
const slow = definePlugin({
  id: 'slow-subscription',
  version: '1.0.0',
  compatibility: '^0.1.0',
  register(ctx) {
    publish = (n) => ctx.events.publish('ping', { n });
    ctx.graphql.extendSchema(`extend type Subscription { slowPing: Int }`);
    ctx.graphql.addResolvers({
      Subscription: {
        slowPing: ctx.graphql.guardSubscription('workspace.use', {
          subscribe: async (_parent, _args, context) => {
            await sleep(1000);
            return (context as unknown as { pubsub: { subscribe(topic: string): Promise<AsyncIterable<unknown>> } }).pubsub.subscribe(eventTopic('slow-subscription.ping'));
          },
          resolve: (event: { payload: { n: number } }) => event.payload.n,
        }),
      },
    });
  },
});

describe('TestSocket.ready() (test harness)', () => {
  let t: TestKefu;
  beforeAll(async () => {
    t = await startTestKefu({ plugins: [slow] });
  });
  afterAll(() => t.close());

  it('waits until the server listens, however long its resolver takes: the next event arrives', async () => {
    const { client } = await t.signedIn('agent');
    const sub = collect(client, `subscription { slowPing }`);
    try {
      await sub.ready();
      await publish(1);
      expect(await sub.until(1)).toEqual([{ slowPing: 1 }]);
    } finally {
      await sub.dispose();
    }
  });

  it('resolves for a refused subscription once its error has arrived, whether a resolver or validation refused it', async () => {
    const { client } = await t.signedIn('customer');
    const forbidden = collect(client, `subscription { slowPing }`);
    const invalid = collect(client, `subscription { noSuchField }`);
    try {
      await Promise.all([forbidden.ready(), invalid.ready()]);
      expect(JSON.stringify(forbidden.errors)).toContain('FORBIDDEN');
      expect(JSON.stringify(invalid.errors)).toContain('noSuchField');
    } finally {
      await Promise.all([forbidden.dispose(), invalid.dispose()]);
    }
  });
});
