import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { TICKET_PRIORITIES, TICKET_STATUSES } from './status.ts';

/**
 * Tickets for plugins that prefer MikroORM. Write through TicketsService
 * (numbers, timeline, events, search index); the number is assigned by the
 * database sequence.
 */
export const TicketSchema = defineEntity({
  name: 'Ticket',
  tableName: 'tickets',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    number: p.bigint('number').persist(false),
    subject: p.string(),
    status: p.enum(TICKET_STATUSES),
    priority: p.enum(TICKET_PRIORITIES),
    typeId: p.uuid().nullable(),
    requesterId: p.uuid(),
    organizationId: p.uuid().nullable(),
    assigneeId: p.uuid().nullable(),
    teamId: p.uuid().nullable(),
    dueAt: p.datetime().nullable(),
    channel: p.string(),
    mergedIntoId: p.uuid().nullable(),
    createdById: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    solvedAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
  },
});
export type Ticket = InferEntity<typeof TicketSchema>;

export const TicketTypeSchema = defineEntity({
  name: 'TicketType',
  tableName: 'ticket_types',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    key: p.string().unique(),
    name: p.string(),
    active: p.boolean().default(true),
    position: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export const TagSchema = defineEntity({
  name: 'Tag',
  tableName: 'tags',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    name: p.string().unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

/** One audited timeline entry (read-only for plugins). */
export const TicketEventSchema = defineEntity({
  name: 'TicketEvent',
  tableName: 'ticket_events',
  properties: {
    id: p.bigint().primary().persist(false),
    ticketId: p.uuid(),
    kind: p.string(),
    actorUserId: p.uuid().nullable(),
    actorCustomerId: p.uuid().nullable(),
    field: p.string().nullable(),
    fromValue: p.json().nullable(),
    toValue: p.json().nullable(),
    messageId: p.uuid().nullable(),
    data: p.json().nullable(),
    public: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
