import type { RouteRecordRaw } from 'vue-router';
import { cannedResponseRoutes } from '../canned-responses/routes.ts';

export const agentRoutes: RouteRecordRaw[] = [
  {
    path: '/agent',
    component: () => import('./views/AgentShell.vue'),
    meta: { roles: ['admin', 'supervisor', 'agent'] },
    children: [
      { path: '', name: 'agent', redirect: { name: 'agent-inbox' } },
      { path: 'inbox', name: 'agent-inbox', component: () => import('./views/InboxView.vue') },
      { path: 'tickets/new', name: 'agent-new-ticket', component: () => import('./views/NewTicketView.vue'), meta: { navItem: 'agent-inbox' } },
      { path: 'tickets/:id', name: 'agent-ticket', component: () => import('./views/TicketView.vue'), props: true, meta: { navItem: 'agent-inbox' } },
      { path: 'conversations', name: 'agent-conversations', component: () => import('./views/ConversationsView.vue') },
      {
        path: 'conversations/:id',
        name: 'agent-conversation',
        component: () => import('./views/ConversationView.vue'),
        props: true,
        meta: { navItem: 'agent-conversations' },
      },
      { path: 'customers', name: 'agent-customers', component: () => import('./views/CustomersView.vue') },
      ...cannedResponseRoutes,
      { path: 'customers/:id', name: 'agent-customer', component: () => import('./views/CustomerView.vue'), props: true, meta: { navItem: 'agent-customers' } },
      // Agents write articles in the knowledge-base area, which is open to them (knowledge.edit).
      { path: 'knowledge-base', name: 'agent-knowledge-base', redirect: { name: 'kb-admin' } },
    ],
  },
];
