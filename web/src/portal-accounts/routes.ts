import type { RouteRecordRaw } from 'vue-router';

/**
 * How customers get a portal account: self sign-up (when the server allows
 * it) and the staff invitation link. Both are public pages; the invitation's
 * path is the one the server puts into `acceptUrl`
 * (`/portal/accept-invite#token=…`), outside the customers-only /portal tree.
 */
export const portalAccountRoutes: RouteRecordRaw[] = [
  { path: '/signup', name: 'signup', component: () => import('./views/SignUpView.vue') },
  { path: '/portal/accept-invite', name: 'accept-invite', component: () => import('./views/AcceptInviteView.vue') },
];
