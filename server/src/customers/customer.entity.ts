import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * A customer profile (not a login account). Plugins may read and write it
 * through MikroORM; the core's hot paths use SQL (customers.service.ts).
 */
export const CustomerSchema = defineEntity({
  name: 'Customer',
  tableName: 'customers',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    name: p.string(),
    emails: p.array().default([]),
    phones: p.array().default([]),
    externalIds: p.json<{ source: string; value: string }[]>().default([]),
    type: p.enum(['individual', 'enterprise'] as const).default('individual'),
    tier: p.enum(['standard', 'vip'] as const).default('standard'),
    locale: p.string().nullable(),
    timeZone: p.string().nullable(),
    attributes: p.json<Record<string, unknown>>(),
    organizationId: p.uuid().nullable(),
    userId: p.uuid().nullable(),
    mergedIntoId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type Customer = InferEntity<typeof CustomerSchema>;

export const OrganizationSchema = defineEntity({
  name: 'Organization',
  tableName: 'organizations',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    name: p.string(),
    domains: p.array().default([]),
    tier: p.enum(['standard', 'vip'] as const).default('standard'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type Organization = InferEntity<typeof OrganizationSchema>;
