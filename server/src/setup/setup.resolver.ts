import { setSessionCookies } from '../auth/cookies.ts';
import { viewerPayload } from '../auth/viewer.ts';
import { guard, mutation } from '../graphql/guard.ts';

export const setupResolvers = {
  Query: {
    setupStatus: guard('public', async (_parent, _args, context) => ({
      needsSetup: await context.services.setup.needsSetup(context.em),
    })),
  },
  Mutation: {
    // Public by design: it only works while no admin exists (checked under a lock).
    createFirstAdmin: mutation('public', async (_parent, args: { input: unknown }, context) => {
      const { user, token, session } = await context.services.setup.createFirstAdmin(context.em, args.input, {
        ip: context.ip,
        userAgent: context.userAgent,
      });
      if (context.reply) setSessionCookies(context.reply, { token, ...session }, context.services.config.publicUrl);
      return viewerPayload(user, session);
    }),
  },
};
