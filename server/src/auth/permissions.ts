import type { Permission, Viewer } from '@kefu/plugin-sdk';
import { forbidden, unauthenticated } from '../graphql/errors.ts';
import type { Role } from './user.entity.ts';

/** The one table that says which role may do what. */
export const PERMISSION_ROLES: Record<Exclude<Permission, 'public' | 'authenticated'>, readonly Role[]> = {
  'workspace.use': ['admin', 'supervisor', 'agent'],
  'events.watch': ['admin', 'supervisor'],
  'users.manage': ['admin'],
  'plugins.manage': ['admin'],
  'settings.manage': ['admin'],
  'teams.manage': ['admin'],
  'customers.merge': ['admin', 'supervisor'],
  // Saved ticket views shared with every agent.
  'views.share': ['admin', 'supervisor'],
  // Any agent may draft help-center articles; publishing is reviewed by a supervisor or admin.
  'knowledge.edit': ['admin', 'supervisor', 'agent'],
  'knowledge.publish': ['admin', 'supervisor'],
  // The customer portal: a signed-in customer's own tickets.
  'portal.use': ['customer'],
};

export function can(viewer: Viewer | null, permission: Permission): boolean {
  if (permission === 'public') return true;
  if (!viewer) return false;
  if (permission === 'authenticated') return true;
  return PERMISSION_ROLES[permission].includes(viewer.role);
}

/** Throws UNAUTHENTICATED (no viewer) or FORBIDDEN (wrong role). */
export function assertCan(viewer: Viewer | null, permission: Permission): asserts viewer is Viewer {
  if (can(viewer, permission)) return;
  throw viewer ? forbidden() : unauthenticated();
}
