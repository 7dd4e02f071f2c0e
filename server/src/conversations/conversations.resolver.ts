import type { KefuContext } from '../graphql/context.ts';
import { guard, mutation } from '../graphql/guard.ts';
import { ticketLoaders } from '../tickets/ticket.loaders.ts';
import { participant } from '../tickets/timeline.ts';
import { ticketScope } from '../tickets/visibility.ts';
import { loadUser } from '../users/user.loader.ts';
import { conversationLastMessageLoader, conversationUnreadCountLoader, messageLoader } from './conversation.loaders.ts';
import type { ConversationRow, MessageRow } from './conversation-rows.ts';
import { readerTopic, type OwnRead } from './conversation-changes.ts';
import { conversationsSubscriptions, readsTopic, typingTopic } from './conversations.subscriptions.ts';
import { parseInput } from '../graphql/validate.ts';
import { z } from 'zod';

type Args = Record<string, any>;
const viewer = (context: KefuContext) => context.viewer!;
const isCustomer = (context: KefuContext) => context.viewer?.role === 'customer';

export const conversationsResolvers = {
  Query: {
    conversations: guard('workspace.use', (_parent, args: Args, context) => context.services.conversations.list(context.em, viewer(context), args)),
    conversation: guard('authenticated', (_parent, args: Args, context) => context.services.conversations.get(context.em, viewer(context), args.id)),
  },
  Mutation: {
    startConversation: mutation('authenticated', (_parent, args: Args, context) => context.services.conversations.start(context.em, viewer(context), args.input)),
    sendMessage: mutation('authenticated', async (_parent, args: Args, context) => {
      const message = await context.services.messages.send(context.em, viewer(context), args.input);
      await context.services.attachments.attachToMessage(context.em, viewer(context), message.id, args.input?.attachmentIds);
      return message;
    }),
    transferConversation: mutation('workspace.use', (_parent, args: Args, context) =>
      context.services.conversations.transfer(context.em, viewer(context), args.input),
    ),
    closeConversation: mutation('workspace.use', (_parent, args: Args, context) =>
      context.services.conversations.setStatus(context.em, viewer(context), args.id, 'closed'),
    ),
    reopenConversation: mutation('workspace.use', (_parent, args: Args, context) =>
      context.services.conversations.setStatus(context.em, viewer(context), args.id, 'open'),
    ),
    convertConversationToTicket: mutation('workspace.use', (_parent, args: Args, context) =>
      context.services.conversations.convert(context.em, viewer(context), args.input),
    ),
    markConversationRead: mutation('authenticated', async (_parent, args: Args, context) => {
      const receipt = await context.services.messages.markRead(context.em, viewer(context), args.conversationId, args.messageId);
      // Both after the commit: the other participants' receipts, and the reader's own
      // conversation lists (other tabs too), whose unread counts read the new state.
      await context.services.events.emitIn(context.em, readsTopic(receipt.conversationId), receipt);
      if (!isCustomer(context)) {
        await context.services.events.emitIn(context.em, readerTopic(viewer(context).id), { type: 'own.read', conversationId: receipt.conversationId } satisfies OwnRead);
      }
      return receipt;
    }),
    setTyping: mutation('authenticated', async (_parent, args: Args, context) => {
      const conversation = await context.services.conversations.get(context.em, viewer(context), args.conversationId);
      const typing = parseInput(z.boolean(), args.typing);
      const kind = isCustomer(context) ? 'reply' : parseInput(z.enum(['reply', 'note']).nullish(), args.kind) ?? 'reply';
      const who = participant({
        userId: viewer(context).id,
        userName: viewer(context).name,
        userRole: viewer(context).role,
        customerId: isCustomer(context) ? conversation.customerId : null,
        customerName: null,
      });
      await context.pubsub.publish({ topic: typingTopic(conversation.id), payload: { conversationId: conversation.id, participant: who, typing, kind } });
      return true;
    }),
  },
  Subscription: conversationsSubscriptions,
  Conversation: {
    customer: (conversation: ConversationRow, _args: Args, context: KefuContext) => ticketLoaders(context).customer.load(conversation.customerId),
    ticket: (conversation: ConversationRow, _args: Args, context: KefuContext) => (conversation.ticketId ? ticketLoaders(context).ticket.load(conversation.ticketId) : null),
    assignee: (conversation: ConversationRow, _args: Args, context: KefuContext) => (isCustomer(context) ? null : loadUser(context, conversation.assigneeId)),
    team: (conversation: ConversationRow, _args: Args, context: KefuContext) =>
      isCustomer(context) || !conversation.teamId ? null : ticketLoaders(context).team.load(conversation.teamId),
    messages: async (conversation: ConversationRow, args: Args, context: KefuContext) =>
      context.services.messages.page(context.em, await ticketScope(context.em, viewer(context)), conversation.id, args),
    lastMessage: (conversation: ConversationRow, _args: Args, context: KefuContext) => conversationLastMessageLoader(context).load(conversation.id),
    readReceipts: async (conversation: ConversationRow, _args: Args, context: KefuContext) =>
      context.services.messages.receipts(context.em, await ticketScope(context.em, viewer(context)), conversation.id),
    unreadCount: (conversation: ConversationRow, _args: Args, context: KefuContext) => conversationUnreadCountLoader(context).load(conversation.id),
  },
  Message: {
    author: (message: MessageRow) =>
      message.kind === 'system'
        ? null
        : participant({ userId: message.authorUserId, userName: message.authorUserName, userRole: message.authorUserRole, customerId: message.authorCustomerId, customerName: message.authorCustomerName }),
    mentionedUserIds: (message: MessageRow, _args: Args, context: KefuContext) => (isCustomer(context) ? [] : message.mentionedUserIds),
    // A list's last message is read without them (MESSAGE_SUMMARY_SELECT): load the full row only when asked.
    body: async (message: MessageRow, _args: Args, context: KefuContext) =>
      message.summary ? ((await messageLoader(context).load(message.id))?.body ?? null) : message.body,
    html: async (message: MessageRow, _args: Args, context: KefuContext) =>
      message.summary ? ((await messageLoader(context).load(message.id))?.html ?? '') : message.html,
  },
};
