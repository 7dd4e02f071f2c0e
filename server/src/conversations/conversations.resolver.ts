import { guard, guardSubscription, mutation } from '../graphql/guard.ts';

const notYet = (field: string) => () => {
  throw new Error(`${field} is not implemented yet`);
};

export const conversationsResolvers = {
  Query: {
    conversations: guard('workspace.use', notYet('conversations')),
    conversation: guard('authenticated', notYet('conversation')),
  },
  Mutation: {
    startConversation: mutation('authenticated', notYet('startConversation')),
    sendMessage: mutation('authenticated', notYet('sendMessage')),
    transferConversation: mutation('workspace.use', notYet('transferConversation')),
    closeConversation: mutation('workspace.use', notYet('closeConversation')),
    reopenConversation: mutation('workspace.use', notYet('reopenConversation')),
    convertConversationToTicket: mutation('workspace.use', notYet('convertConversationToTicket')),
    markConversationRead: mutation('authenticated', notYet('markConversationRead')),
    setTyping: mutation('authenticated', notYet('setTyping')),
  },
  Subscription: {
    messageAdded: guardSubscription('authenticated', { subscribe: notYet('messageAdded') }),
    conversationChanged: guardSubscription('workspace.use', { subscribe: notYet('conversationChanged') }),
    typing: guardSubscription('authenticated', { subscribe: notYet('typing') }),
    readReceipts: guardSubscription('authenticated', { subscribe: notYet('readReceipts') }),
  },
};
