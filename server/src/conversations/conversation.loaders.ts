import { sql } from '../database/sql.ts';
import type { KefuContext } from '../graphql/context.ts';
import { byKeys, loaderFor } from '../graphql/loaders.ts';
import { ticketScope } from '../tickets/visibility.ts';
import { conversationRows, LAST_MESSAGES_OF_CONVERSATIONS, messageRows, type ConversationRow, type MessageRow } from './conversation-rows.ts';

/** A message by id; null for kinds the viewer may not read (customers: anything but public replies). */
export const messageLoader = (context: KefuContext) =>
  loaderFor<string, MessageRow | null>(context, 'messageById', async (ids) => {
    const rows = await messageRows(context.em, ids);
    const readable = context.viewer?.role === 'customer' ? rows.filter((row) => row.kind === 'reply') : rows;
    return byKeys(ids, readable, (row) => row.id, null);
  });

export const conversationLoader = (context: KefuContext) =>
  loaderFor<string, ConversationRow | null>(context, 'conversationById', async (ids) => byKeys(ids, await conversationRows(context.em, ids), (row) => row.id, null));

export const conversationLastMessageLoader = (context: KefuContext) =>
  loaderFor<string, MessageRow | null>(context, 'conversationLastMessage', async (ids) =>
    byKeys(
      ids,
      await sql<MessageRow>(context.em, LAST_MESSAGES_OF_CONVERSATIONS, [ids, context.viewer?.role === 'customer' ? ['reply'] : ['reply', 'note']]),
      (row) => row.conversationId,
      null,
    ),
  );

/** Unread messages of the viewer per conversation: one query for a whole page. */
export const conversationUnreadCountLoader = (context: KefuContext) =>
  loaderFor<string, number>(context, 'conversationUnreadCount', async (ids) => {
    const counts = await context.services.messages.unreadCounts(context.em, await ticketScope(context.em, context.viewer!), ids);
    return ids.map((id) => counts.get(id) ?? 0);
  });
