import type { Viewer } from '@kefu/plugin-sdk';
import type { SessionInfo } from './session.service.ts';
import type { User } from './user.entity.ts';

export const toViewer = (user: Pick<User, 'id' | 'email' | 'name' | 'role'>): Viewer => ({ id: user.id, email: user.email, name: user.name, role: user.role });

/** The GraphQL `Viewer` object: the user plus what the client needs for its session. */
export const viewerPayload = (user: User, session: SessionInfo) => ({
  user,
  csrfToken: session.csrfToken,
  sessionExpiresAt: session.expiresAt,
});
