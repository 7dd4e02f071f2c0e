import type { EntityManager } from '@mikro-orm/postgresql';
import { prepared } from '../database/prepared-statements.ts';
import { sql } from '../database/sql.ts';
import type { MessageKind } from './conversation-store.ts';

export interface ConversationRow {
  id: string;
  ticketId: string | null;
  customerId: string;
  channel: string;
  status: 'open' | 'closed';
  subject: string | null;
  assigneeId: string | null;
  teamId: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

export const CONVERSATION_SELECT = `c.id, c.ticket_id AS "ticketId", c.customer_id AS "customerId", c.channel, c.status, c.subject,
  c.assignee_id AS "assigneeId", c.team_id AS "teamId", c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.closed_at AS "closedAt"`;

export interface MessageRow {
  id: string;
  seq: string;
  conversationId: string;
  ticketId: string | null;
  kind: MessageKind;
  body: unknown;
  html: string;
  text: string;
  event: string | null;
  data: unknown;
  mentionedUserIds: string[];
  createdAt: Date;
  authorUserId: string | null;
  authorUserName: string | null;
  authorUserRole: string | null;
  authorCustomerId: string | null;
  authorCustomerName: string | null;
  /** Read with MESSAGE_SUMMARY_SELECT: `body` and `html` are not loaded (Message.body/html fetch them when asked). */
  summary?: boolean;
}

/** Message columns with the author's name (alias m; joins users au and customers ac). */
export const MESSAGE_SELECT = `m.id, m.seq::text AS seq, m.conversation_id AS "conversationId", m.ticket_id AS "ticketId", m.kind, m.body,
  m.html, m.text, m.event, m.data, m.mentioned_user_ids AS "mentionedUserIds", m.created_at AS "createdAt",
  m.author_user_id AS "authorUserId", au.name AS "authorUserName", au.role AS "authorUserRole",
  m.author_customer_id AS "authorCustomerId", ac.name AS "authorCustomerName"`;
/**
 * MESSAGE_SELECT without the stored document and rendered HTML, for lists
 * (a ticket's or conversation's last message): an e-mail's HTML can weigh
 * tens of kilobytes, and a list shows the text. Rows say `summary`.
 */
export const MESSAGE_SUMMARY_SELECT = `m.id, m.seq::text AS seq, m.conversation_id AS "conversationId", m.ticket_id AS "ticketId", m.kind,
  NULL::jsonb AS body, NULL::text AS html, m.text, m.event, m.data, m.mentioned_user_ids AS "mentionedUserIds", m.created_at AS "createdAt",
  m.author_user_id AS "authorUserId", au.name AS "authorUserName", au.role AS "authorUserRole",
  m.author_customer_id AS "authorCustomerId", ac.name AS "authorCustomerName", true AS summary`;
export const MESSAGE_JOINS = `LEFT JOIN users au ON au.id = m.author_user_id LEFT JOIN customers ac ON ac.id = m.author_customer_id`;
/** The message columns MESSAGE_SUMMARY_SELECT reads from `m`. */
const MESSAGE_SUMMARY_COLUMNS = `m.id, m.seq, m.conversation_id, m.ticket_id, m.kind, m.text, m.event, m.data, m.mentioned_user_ids, m.created_at,
  m.author_user_id, m.author_customer_id`;

/**
 * The last message, of the kinds in $2, of each ticket or conversation in $1
 * (a list page's "last message" column). Each is picked first and only then
 * joined to its author: joining the authors of every message before picking
 * cost a third more on the 1M-ticket inbox.
 */
const lastMessagesOf = (owner: 'ticket_id' | 'conversation_id') =>
  prepared(`SELECT ${MESSAGE_SUMMARY_SELECT}
  FROM (SELECT DISTINCT ON (m.${owner}) ${MESSAGE_SUMMARY_COLUMNS} FROM messages m
         WHERE m.${owner} = ANY($1::uuid[]) AND m.kind = ANY($2::text[]) ORDER BY m.${owner}, m.seq DESC) m ${MESSAGE_JOINS}`);
export const LAST_MESSAGES_OF_TICKETS = lastMessagesOf('ticket_id');
export const LAST_MESSAGES_OF_CONVERSATIONS = lastMessagesOf('conversation_id');

const CONVERSATIONS_BY_IDS = prepared(`SELECT ${CONVERSATION_SELECT} FROM conversations c WHERE c.id = ANY($1::uuid[])`);
const MESSAGES_BY_IDS = prepared(`SELECT ${MESSAGE_SELECT} FROM messages m ${MESSAGE_JOINS} WHERE m.id = ANY($1::uuid[])`);

export async function conversationRows(em: EntityManager, ids: readonly string[]): Promise<ConversationRow[]> {
  return sql<ConversationRow>(em, CONVERSATIONS_BY_IDS, [ids]);
}

export async function messageRows(em: EntityManager, ids: readonly string[]): Promise<MessageRow[]> {
  return sql<MessageRow>(em, MESSAGES_BY_IDS, [ids]);
}
