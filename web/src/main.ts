import { createWebHistory } from 'vue-router';
import { createKefuApp } from './app/create-kefu-app.ts';
import { createKefuTransport } from './graphql/transport.ts';
import './app/base.css';

const { app, router } = createKefuApp({ transport: createKefuTransport(), history: createWebHistory() });
// Mount after the first guard (which loads the session) so the first paint is the right page.
void router.isReady().then(() => app.mount('#app'));
