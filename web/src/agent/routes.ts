import type { RouteRecordRaw } from 'vue-router';

export const agentRoutes: RouteRecordRaw[] = [
  {
    path: '/agent',
    component: () => import('./views/AgentShell.vue'),
    meta: { roles: ['admin', 'supervisor', 'agent'] },
    children: [
      { path: '', name: 'agent', redirect: { name: 'agent-inbox' } },
      { path: 'inbox', name: 'agent-inbox', component: () => import('./views/InboxView.vue') },
      { path: 'tickets/:id', name: 'agent-ticket', component: () => import('./views/TicketView.vue'), props: true, meta: { navItem: 'agent-inbox' } },
      { path: 'conversations', name: 'agent-conversations', component: () => import('./views/ConversationsView.vue') },
      { path: 'customers', name: 'agent-customers', component: () => import('./views/CustomersView.vue') },
      { path: 'knowledge-base', name: 'agent-knowledge-base', component: () => import('./views/KnowledgeBaseView.vue') },
    ],
  },
];
