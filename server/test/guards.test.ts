import { describe, expect, it } from 'vitest';
import { coreResolvers } from '../src/graphql/core-resolvers.ts';
import { unguardedRootFields } from '../src/graphql/guard.ts';

describe('authorization coverage', () => {
  it('every core Query, Mutation and Subscription field declares a permission', () => {
    const unguarded = coreResolvers.flatMap((resolvers) => unguardedRootFields(resolvers));
    expect(unguarded).toEqual([]);
  });

  it('detects an unguarded field (the check itself works)', () => {
    expect(unguardedRootFields({ Query: { leak: () => 'secret' } })).toEqual(['Query.leak']);
  });
});
