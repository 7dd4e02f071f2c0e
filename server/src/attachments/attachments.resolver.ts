import type { KefuContext } from '../graphql/context.ts';
import { mutation } from '../graphql/guard.ts';
import { loaderFor } from '../graphql/loaders.ts';
import type { AttachmentView } from './attachments.service.ts';

/**
 * Message.attachments goes through a per-request loader: a page of messages
 * costs one query for all their attachments. The message itself was already
 * filtered by the viewer's visibility, so its attachments are visible too.
 */
const attachmentsOf = (context: KefuContext, messageId: string) =>
  loaderFor<string, AttachmentView[]>(context, 'attachmentsByMessage', async (ids) => {
    const byMessage = await context.services.attachments.listForMessages(context.em, ids);
    return ids.map((id) => byMessage.get(id) ?? []);
  }).load(messageId);

export const attachmentsResolvers = {
  Message: {
    attachments: (message: { id: string }, _args: unknown, context: KefuContext) => attachmentsOf(context, message.id),
  },
  Mutation: {
    deleteAttachment: mutation('authenticated', (_parent, args: { id: unknown }, context) =>
      context.services.attachments.deleteDraft(context.em, context.viewer!, args.id),
    ),
  },
};
