import type { Role } from '../graphql/generated.ts';

declare module 'vue-router' {
  interface RouteMeta {
    /** Roles allowed to open the route; absent means public. Children inherit via `to.matched`. */
    roles?: Role[];
    /** The side-navigation item to highlight when the route has none of its own (a ticket → Inbox). */
    navItem?: string;
    /** The settings tab to highlight when the route has none of its own (a team → Teams). */
    settingsTab?: string;
  }
}

export {};
