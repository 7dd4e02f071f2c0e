import type { RouteRecordRaw } from 'vue-router';
import { useLocaleStore } from '../i18n/locale-store.ts';

/**
 * The public help center. Paths follow the server's public URL scheme
 * (docs/api.md): every `url` field the server returns is one of these, and the
 * server renders the same article paths for crawlers before the SPA takes over.
 */
function toLocaleHome() {
  return { name: 'help-home', params: { locale: useLocaleStore().locale }, replace: true };
}

export const helpCenterRoutes: RouteRecordRaw[] = [
  // `/` and `/help` go to /help/<the reader's language>. A guard rather than `redirect`, because
  // redirects resolve before the session guard has applied the profile's language.
  { path: '/', name: 'help-center', beforeEnter: toLocaleHome, component: () => import('./views/HelpCenterEntry.vue') },
  { path: '/help', name: 'help-entry', beforeEnter: toLocaleHome, component: () => import('./views/HelpCenterEntry.vue') },
  {
    path: '/help/:locale',
    component: () => import('./views/HelpCenterShell.vue'),
    children: [
      { path: '', name: 'help-home', component: () => import('./views/HelpCenterHome.vue') },
      { path: 'categories/:slug', name: 'help-category', component: () => import('./views/HelpCategoryView.vue') },
      { path: 'sections/:slug', name: 'help-section', component: () => import('./views/HelpSectionView.vue') },
      { path: 'articles/:slug', name: 'help-article', component: () => import('./views/HelpArticleView.vue') },
      { path: 'search', name: 'help-search', component: () => import('./views/HelpSearchView.vue') },
      { path: ':pathMatch(.*)*', name: 'help-not-found', component: () => import('./views/NotFoundView.vue') },
    ],
  },
  {
    path: '/:pathMatch(.*)*',
    component: () => import('./views/HelpCenterShell.vue'),
    children: [{ path: '', name: 'not-found', component: () => import('./views/NotFoundView.vue') }],
  },
];
