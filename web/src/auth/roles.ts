import type { Role } from '../graphql/generated.ts';

/** Most to least privileged; the order of role pickers. */
export const ROLES: readonly Role[] = ['admin', 'supervisor', 'agent', 'customer'];
