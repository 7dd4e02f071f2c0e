import urql from '@urql/vue';
import { createPinia } from 'pinia';
import { createApp, type App as VueApp } from 'vue';
import type { RouterHistory } from 'vue-router';
import { transportKey, type KefuTransport } from '../graphql/transport.ts';
import { createKefuI18n, kefuI18nKey } from '../i18n/create-i18n.ts';
import { detectLocale } from '../i18n/locales.ts';
import { createKefuRouter } from '../router/create-router.ts';
import App from './App.vue';

export interface KefuAppOptions {
  transport: KefuTransport;
  history: RouterHistory;
}

/**
 * Everything the SPA installs on its Vue app, as one plugin. main.ts passes
 * the real transport and browser history; tests pass a transport whose fetch
 * is faked and memory history, so they run exactly this wiring.
 */
export function createKefuPlugin({ transport, history }: KefuAppOptions) {
  const locale = detectLocale(globalThis.localStorage, globalThis.navigator?.language);
  document.documentElement.lang = locale;
  const pinia = createPinia();
  const i18n = createKefuI18n(locale);
  const router = createKefuRouter(history, pinia);

  return {
    router,
    pinia,
    i18n,
    install(app: VueApp): void {
      // Stores inject i18n and the transport, so those go in before the router,
      // whose first guard creates the session store.
      app.use(pinia);
      app.use(i18n);
      app.provide(kefuI18nKey, i18n);
      app.use(urql, transport.client);
      app.provide(transportKey, transport);
      app.use(router);
    },
  };
}

export function createKefuApp(options: KefuAppOptions) {
  const kefu = createKefuPlugin(options);
  const app = createApp(App).use(kefu);
  return { app, router: kefu.router };
}
