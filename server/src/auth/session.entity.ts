import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { UserSchema } from './user.entity.ts';

/**
 * A server-side session. The cookie carries a random token; only its SHA-256
 * is stored, so a database dump cannot be replayed as cookies.
 */
export const SessionSchema = defineEntity({
  name: 'Session',
  tableName: 'sessions',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    tokenHash: p.string().unique(),
    user: () => p.manyToOne(UserSchema).deleteRule('cascade'),
    csrfToken: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastSeenAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    ip: p.string().nullable(),
    userAgent: p.string().nullable(),
  },
});

export type Session = InferEntity<typeof SessionSchema>;
