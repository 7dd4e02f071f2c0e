import { sqlOne } from '../database/sql.ts';
import type { ConversationsService } from '../conversations/conversations.service.ts';
import { ticketScope, visibleMessageKinds } from '../tickets/visibility.ts';
import type { MessageAccess } from './attachments.service.ts';

/**
 * An attachment is readable by whoever may read its message: the message
 * kind must be one the viewer may see (customers: public replies only) and
 * its conversation visible to them (the tickets feature's rule: customers
 * their own, agents their teams', assigned or followed, leads all).
 */
export function messageAccess(conversations: ConversationsService): MessageAccess {
  return async (em, viewer, messageId) => {
    const message = await sqlOne<{ kind: string; conversationId: string }>(
      em,
      `SELECT kind, conversation_id AS "conversationId" FROM messages WHERE id = $1`,
      [messageId],
    );
    if (!message) return false;
    const scope = await ticketScope(em, viewer);
    return visibleMessageKinds(scope).includes(message.kind) && conversations.isVisible(em, scope, message.conversationId);
  };
}
