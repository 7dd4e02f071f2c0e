import { guard, mutation } from '../graphql/guard.ts';

export const usersResolvers = {
  Query: {
    users: guard('users.manage', (_parent, args, context) => context.services.users.list(context.em, args)),
  },
  Mutation: {
    createUser: mutation('users.manage', (_parent, args: { input: unknown }, context) =>
      context.services.users.create(context.em, context.viewer!, args.input),
    ),
    updateUser: mutation('users.manage', (_parent, args: { input: unknown }, context) =>
      context.services.users.update(context.em, context.viewer!, args.input),
    ),
    revokeUserSessions: mutation('users.manage', (_parent, args: { userId: unknown }, context) =>
      context.services.users.revokeSessions(context.em, args.userId),
    ),
  },
};
