import type { RouteRecordRaw } from 'vue-router';

/** The management page, inside the agent workspace (a child of `/agent`: it inherits its roles). */
export const cannedResponseRoutes: RouteRecordRaw[] = [
  {
    path: 'canned-responses',
    meta: { navItem: 'agent-canned-responses' },
    children: [
      { path: '', name: 'agent-canned-responses', component: () => import('./views/CannedResponsesView.vue') },
      { path: 'new', name: 'agent-canned-response-new', component: () => import('./views/CannedResponseEditView.vue') },
      { path: ':id', name: 'agent-canned-response', component: () => import('./views/CannedResponseEditView.vue'), props: true },
    ],
  },
];
