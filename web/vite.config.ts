import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// Everything the SPA talks to lives on the Kefu server; in dev we proxy it so
// cookies stay same-origin exactly as in production (the server serves web/dist).
const serverUrl = process.env.KEFU_SERVER_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [vue()],
  define: {
    // vue-i18n feature flags: composition API only, no legacy API or devtools in production bundles.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    proxy: {
      '/graphql': { target: serverUrl, ws: true, changeOrigin: false },
      '/healthz': serverUrl,
      '/readyz': serverUrl,
      '/plugins': serverUrl,
      // Uploads and downloads (access is checked by the server's session cookie, so same-origin matters).
      '/attachments': serverUrl,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
