import type { Role } from '../graphql/generated.ts';

declare module 'vue-router' {
  interface RouteMeta {
    /** Roles allowed to open the route; absent means public. Children inherit via `to.matched`. */
    roles?: Role[];
  }
}

export {};
