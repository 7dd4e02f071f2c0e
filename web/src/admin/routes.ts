import type { RouteRecordRaw } from 'vue-router';
import { knowledgeBaseRoutes } from './knowledge-base/routes.ts';
import { settingsRoutes } from './settings/routes.ts';

export const adminRoutes: RouteRecordRaw[] = [
  {
    path: '/admin',
    component: () => import('./views/AdminShell.vue'),
    meta: { roles: ['admin'] },
    children: [
      { path: '', name: 'admin', redirect: { name: 'admin-users' } },
      { path: 'users', name: 'admin-users', component: () => import('./views/UsersView.vue') },
      { path: 'plugins', name: 'admin-plugins', component: () => import('./views/PluginsView.vue') },
      ...settingsRoutes,
      ...knowledgeBaseRoutes,
    ],
  },
];
