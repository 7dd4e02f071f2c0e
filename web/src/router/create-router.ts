import type { Pinia } from 'pinia';
import { createRouter, type RouterHistory } from 'vue-router';
import { adminRoutes } from '../admin/routes.ts';
import { agentRoutes } from '../agent/routes.ts';
import { installAuthGuards } from '../auth/guards.ts';
import { authRoutes } from '../auth/routes.ts';
import { helpCenterRoutes } from '../help-center/routes.ts';
import { portalAccountRoutes } from '../portal-accounts/routes.ts';
import { portalRoutes } from '../portal/routes.ts';
import { setupRoutes } from '../setup/routes.ts';
import './route-meta.ts';

/** History is a parameter so tests can use memory history. */
export function createKefuRouter(history: RouterHistory, pinia: Pinia) {
  const router = createRouter({
    history,
    // The help center owns the catch-all, so it goes last.
    routes: [...authRoutes, ...setupRoutes, ...agentRoutes, ...adminRoutes, ...portalAccountRoutes, ...portalRoutes, ...helpCenterRoutes],
    // Back/forward restores the position; #anchors (a help article's table of contents) scroll to
    // their heading; everything else starts at the top. A fragment carrying data rather than an
    // element id (the invitation link's `#token=…`) is not an anchor.
    scrollBehavior: (to, from, saved) => {
      if (saved) return saved;
      if (to.hash && !to.hash.includes('=')) return { el: to.hash, top: 8 };
      if (to.path === from.path) return false; // only the query changed, e.g. search as you type
      return { top: 0 };
    },
  });
  installAuthGuards(router, pinia);
  return router;
}
