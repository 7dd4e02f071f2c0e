import type { Pinia } from 'pinia';
import { createRouter, type RouterHistory } from 'vue-router';
import { adminRoutes } from '../admin/routes.ts';
import { agentRoutes } from '../agent/routes.ts';
import { installAuthGuards } from '../auth/guards.ts';
import { authRoutes } from '../auth/routes.ts';
import { helpCenterRoutes } from '../help-center/routes.ts';
import { portalRoutes } from '../portal/routes.ts';
import { setupRoutes } from '../setup/routes.ts';
import './route-meta.ts';

/** History is a parameter so tests can use memory history. */
export function createKefuRouter(history: RouterHistory, pinia: Pinia) {
  const router = createRouter({
    history,
    // The help center owns the catch-all, so it goes last.
    routes: [...authRoutes, ...setupRoutes, ...agentRoutes, ...adminRoutes, ...portalRoutes, ...helpCenterRoutes],
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });
  installAuthGuards(router, pinia);
  return router;
}
