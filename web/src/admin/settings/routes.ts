import type { RouteRecordRaw } from 'vue-router';

/**
 * Help-desk configuration under /admin/settings. Children of /admin, so they
 * inherit its `roles: [admin]`; every page's writes are checked again by the
 * server (settings.manage, teams.manage).
 */
export const settingsRoutes: RouteRecordRaw[] = [
  {
    path: 'settings',
    component: () => import('./views/SettingsLayout.vue'),
    meta: { navItem: 'admin-settings' },
    children: [
      { path: '', name: 'admin-settings', component: () => import('./views/SettingsIndexView.vue') },
      { path: 'teams', name: 'admin-settings-teams', component: () => import('./views/TeamsView.vue') },
      {
        path: 'teams/:id',
        name: 'admin-settings-team',
        component: () => import('./views/TeamView.vue'),
        props: true,
        meta: { settingsTab: 'admin-settings-teams' },
      },
      { path: 'tickets', name: 'admin-settings-tickets', component: () => import('./views/TicketSettingsView.vue') },
      { path: 'ticket-types', name: 'admin-settings-ticket-types', component: () => import('./views/TicketTypesView.vue') },
      { path: 'customer-attributes', name: 'admin-settings-customer-attributes', component: () => import('./views/CustomerAttributesView.vue') },
      { path: 'organizations', name: 'admin-settings-organizations', component: () => import('./views/OrganizationsView.vue') },
    ],
  },
];
