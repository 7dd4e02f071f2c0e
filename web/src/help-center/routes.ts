import type { RouteRecordRaw } from 'vue-router';

export const helpCenterRoutes: RouteRecordRaw[] = [
  {
    path: '/',
    component: () => import('./views/HelpCenterShell.vue'),
    children: [
      { path: '', name: 'help-center', component: () => import('./views/HelpCenterHome.vue') },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
    ],
  },
];
