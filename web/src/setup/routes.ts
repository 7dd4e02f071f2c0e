import type { RouteRecordRaw } from 'vue-router';

export const setupRoutes: RouteRecordRaw[] = [
  { path: '/setup', name: 'setup', component: () => import('./views/SetupView.vue') },
];
