import { setSessionCookies } from '../auth/cookies.ts';
import { viewerPayload } from '../auth/viewer.ts';
import type { KefuContext } from '../graphql/context.ts';
import { guard, mutation } from '../graphql/guard.ts';
import { loadUser } from '../users/user.loader.ts';
import type { InviteRow } from './portal-accounts.service.ts';

const meta = (context: KefuContext) => ({ ip: context.ip, userAgent: context.userAgent });

/** Sets the session cookies of a freshly signed-in account and returns the Viewer. */
function signedIn(context: KefuContext, result: Awaited<ReturnType<KefuContext['services']['portalAccounts']['signUp']>>) {
  if (context.reply) setSessionCookies(context.reply, { token: result.token, ...result.session }, context.services.config.publicUrl);
  return viewerPayload(result.user, result.session);
}

export const portalAccountsResolvers = {
  Query: {
    // Public: the sign-in page offers "Create an account" only when sign-up is on.
    portalSignupEnabled: guard('public', (_parent, _args, context) => context.services.portalAccounts.signupEnabled),
    // Public: the token itself is the credential; nothing is shown without it.
    customerInvitePreview: guard('public', (_parent, args: { token: unknown }, context) =>
      context.services.portalAccounts.preview(context.em, args.token),
    ),
    customerInvites: guard('workspace.use', (_parent, args: { customerId: unknown }, context) =>
      context.services.portalAccounts.listForCustomer(context.em, args.customerId),
    ),
  },
  Mutation: {
    signUpCustomer: mutation('public', async (_parent, args: { input: unknown }, context) =>
      signedIn(context, await context.services.portalAccounts.signUp(context.em, args.input, meta(context))),
    ),
    inviteCustomer: mutation('workspace.use', (_parent, args: { input: unknown }, context) =>
      context.services.portalAccounts.invite(context.em, context.viewer!, args.input),
    ),
    revokeCustomerInvite: mutation('workspace.use', (_parent, args: { id: unknown }, context) =>
      context.services.portalAccounts.revoke(context.em, args.id),
    ),
    acceptCustomerInvite: mutation('public', async (_parent, args: { input: unknown }, context) =>
      signedIn(context, await context.services.portalAccounts.accept(context.em, args.input, meta(context))),
    ),
  },
  CustomerInvite: {
    customer: (invite: InviteRow, _args: unknown, context: KefuContext) => context.services.customers.get(context.em, invite.customerId),
    invitedBy: (invite: InviteRow, _args: unknown, context: KefuContext) => loadUser(context, invite.invitedById),
  },
};
