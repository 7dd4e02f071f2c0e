import type { KefuContext } from '../graphql/context.ts';
import { guard, mutation } from '../graphql/guard.ts';
import { clearSessionCookies, setSessionCookies } from './cookies.ts';
import { viewerPayload } from './viewer.ts';

const meta = (context: KefuContext) => ({ ip: context.ip, userAgent: context.userAgent });

export const authResolvers = {
  Query: {
    me: guard('public', async (_parent, _args, context) => {
      if (!context.viewer || !context.session) return null;
      return viewerPayload(await context.services.sessions.sessionUser(context.em, context.session, context.viewer.id), context.session);
    }),
  },
  Mutation: {
    login: mutation('public', async (_parent, args: { input: unknown }, context) => {
      const { user, token, session } = await context.services.auth.login(context.em, args.input, meta(context));
      if (context.reply) setSessionCookies(context.reply, { token, ...session }, context.services.config.publicUrl);
      return viewerPayload(user, session);
    }),
    logout: mutation('authenticated', async (_parent, _args, context) => {
      if (context.session) await context.services.sessions.revoke(context.em, context.session.id, context.viewer!.id);
      if (context.reply) clearSessionCookies(context.reply);
      return true;
    }),
    changePassword: mutation('authenticated', async (_parent, args: { input: unknown }, context) => {
      await context.services.auth.changePassword(context.em, context.viewer!.id, context.session!.id, args.input);
      return true;
    }),
    updateProfile: mutation('authenticated', (_parent, args: { input: unknown }, context) =>
      context.services.auth.updateProfile(context.em, context.viewer!.id, args.input),
    ),
  },
};
