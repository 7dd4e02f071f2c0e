import type { Pinia } from 'pinia';
import type { Router } from 'vue-router';
import type { Role } from '../graphql/generated.ts';
import { homeRouteFor, useSessionStore } from './session-store.ts';

/** Whether `role` may open the route at `path` (used to validate ?redirect= targets). */
export function canOpen(router: Router, path: string, role: Role): boolean {
  const roles = router.resolve(path).meta.roles;
  return !roles || roles.includes(role);
}

/** Only same-site paths: `?redirect=https://evil.example` must not become an open redirect. */
export function safeRedirect(value: unknown): string | null {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : null;
}

/**
 * Every navigation waits for the session, then:
 * 1. a fresh instance sends everything to /setup until the first admin exists;
 * 2. routes with `meta.roles` need a signed-in user with one of those roles,
 *    otherwise /login?redirect=<where they wanted to go>.
 */
export function installAuthGuards(router: Router, pinia: Pinia): void {
  router.beforeEach(async (to) => {
    const session = useSessionStore(pinia);
    await session.ensureLoaded();
    // Unreachable server: let the app render its retry screen instead of redirecting blindly.
    if (session.bootProblem) return true;

    if (session.needsSetup) return to.name === 'setup' ? true : { name: 'setup', replace: true };
    const user = session.user;
    if (to.name === 'setup') return user ? { name: homeRouteFor(user.role) } : { name: 'login' };
    if (to.name === 'login' && user && !safeRedirect(to.query.redirect)) return { name: homeRouteFor(user.role) };
    if (to.name === 'signup' && user) return { name: homeRouteFor(user.role) };

    const roles = to.meta.roles;
    if (!roles || (user && roles.includes(user.role))) return true;
    return { name: 'login', query: { redirect: to.fullPath } };
  });
}
