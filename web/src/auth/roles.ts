import type { Role } from '../graphql/generated.ts';

/** Most to least privileged; the order of role pickers. */
export const ROLES: readonly Role[] = ['admin', 'supervisor', 'agent', 'customer'];

/** Roles with the server's `workspace.use` permission (server/src/auth/permissions.ts): the staff. */
export const STAFF_ROLES: readonly Role[] = ['admin', 'supervisor', 'agent'];
