import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** Conversations for plugins that prefer MikroORM; write messages through ConversationStore/MessagesService. */
export const ConversationSchema = defineEntity({
  name: 'Conversation',
  tableName: 'conversations',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    ticketId: p.uuid().nullable(),
    customerId: p.uuid(),
    channel: p.string(),
    status: p.enum(['open', 'closed'] as const).default('open'),
    subject: p.string().nullable(),
    assigneeId: p.uuid().nullable(),
    teamId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    closedAt: p.datetime().nullable(),
  },
});
export type Conversation = InferEntity<typeof ConversationSchema>;

export const MessageSchema = defineEntity({
  name: 'Message',
  tableName: 'messages',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    conversationId: p.uuid(),
    ticketId: p.uuid().nullable(),
    kind: p.enum(['reply', 'note', 'system'] as const),
    authorUserId: p.uuid().nullable(),
    authorCustomerId: p.uuid().nullable(),
    body: p.json().nullable(),
    html: p.text(),
    text: p.text(),
    event: p.string().nullable(),
    data: p.json().nullable(),
    mentionedUserIds: p.array().default([]),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Message = InferEntity<typeof MessageSchema>;
