import type { RouteRecordRaw } from 'vue-router';

/**
 * The knowledge-base area, under /admin but open to every role with
 * knowledge.edit (admin, supervisor, agent): a child's meta.roles overrides
 * the admin area's. Publishing and locales are further limited by the server
 * (availableTransitions, knowledge.publish) and by the locales route's roles.
 */
export const knowledgeBaseRoutes: RouteRecordRaw[] = [
  {
    path: 'knowledge-base',
    meta: { roles: ['admin', 'supervisor', 'agent'] },
    children: [
      { path: '', name: 'kb-admin', component: () => import('./views/KbTreeView.vue') },
      { path: 'articles/new', name: 'kb-article-new', component: () => import('./views/KbArticleEditorView.vue') },
      { path: 'articles/:id', name: 'kb-article', component: () => import('./views/KbArticleEditorView.vue') },
      { path: 'articles/:id/history', name: 'kb-article-history', component: () => import('./views/KbHistoryView.vue') },
      { path: 'stale', name: 'kb-stale', component: () => import('./views/KbStaleView.vue') },
      { path: 'gaps', name: 'kb-gaps', component: () => import('./views/KbGapsView.vue') },
      { path: 'metrics', name: 'kb-metrics', component: () => import('./views/KbMetricsView.vue') },
      { path: 'locales', name: 'kb-locales', meta: { roles: ['admin'] }, component: () => import('./views/KbLocalesView.vue') },
    ],
  },
];
