import type { EntityManager } from '@mikro-orm/postgresql';
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

export async function conversationRows(em: EntityManager, ids: readonly string[]): Promise<ConversationRow[]> {
  return sql<ConversationRow>(em, `SELECT ${CONVERSATION_SELECT} FROM conversations c WHERE c.id = ANY($1::uuid[])`, [ids]);
}

export async function messageRows(em: EntityManager, ids: readonly string[]): Promise<MessageRow[]> {
  return sql<MessageRow>(em, `SELECT ${MESSAGE_SELECT} FROM messages m ${MESSAGE_JOINS} WHERE m.id = ANY($1::uuid[])`, [ids]);
}
