import type { RouteRecordRaw } from 'vue-router';
import { noteHowThePortalWasEntered } from './composables/use-heading-focus.ts';

/**
 * The customer portal. Customers only: staff work tickets in /agent, and a
 * staff member opening a portal link is refused like anywhere else they may not
 * go (the sign-in page says who is signed in and offers another account).
 */
export const portalRoutes: RouteRecordRaw[] = [
  {
    path: '/portal',
    component: () => import('./views/PortalShell.vue'),
    meta: { roles: ['customer'] },
    beforeEnter: noteHowThePortalWasEntered,
    children: [
      { path: '', name: 'portal', redirect: { name: 'portal-tickets' } },
      { path: 'tickets', name: 'portal-tickets', component: () => import('./views/MyTicketsView.vue') },
      // Before tickets/:id, so "new" is not taken for an id.
      { path: 'tickets/new', name: 'portal-new-ticket', component: () => import('./views/NewTicketView.vue') },
      { path: 'tickets/:id', name: 'portal-ticket', component: () => import('./views/TicketView.vue'), props: true },
    ],
  },
];
