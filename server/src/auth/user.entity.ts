import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

export const ROLES = ['admin', 'supervisor', 'agent', 'customer'] as const;
export type Role = (typeof ROLES)[number];

export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    email: p.string().unique(),
    name: p.string(),
    role: p.enum(ROLES),
    /** argon2id PHC string; null for accounts that have not set a password yet. */
    passwordHash: p.string().nullable().hidden().lazy(),
    locale: p.string().default('en'),
    timeZone: p.string().default('UTC'),
    active: p.boolean().default(true),
    passwordChangedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type User = InferEntity<typeof UserSchema>;
