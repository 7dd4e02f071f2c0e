import type { Role } from '../graphql/generated.ts';

/**
 * The server's permissions that decide whether the UI offers an action, for
 * the roles that hold them. The server (server/src/auth/permissions.ts) is the
 * source of truth and checks every call; this copy only hides buttons that
 * would be refused. Most staff actions are `workspace.use` (every staff role)
 * and need no entry.
 */
const PERMISSION_ROLES = {
  'customers.merge': ['admin', 'supervisor'],
  // Saved ticket views shared with every agent (and editing shared ones).
  'views.share': ['admin', 'supervisor'],
  'settings.manage': ['admin'],
  'teams.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type UiPermission = keyof typeof PERMISSION_ROLES;

export function roleCan(role: Role | null | undefined, permission: UiPermission): boolean {
  return !!role && (PERMISSION_ROLES[permission] as readonly Role[]).includes(role);
}
