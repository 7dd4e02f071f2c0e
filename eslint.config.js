// Lint for the whole repository: typescript-eslint's recommended rules for
// TS, eslint-plugin-vue's for the SPA. Type-aware rules are left to `tsc`.
import js from '@eslint/js';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.tools/**', 'data/**', 'web/src/graphql/generated.ts', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2024, sourceType: 'module' },
    rules: {
      // Resolver and plugin signatures are any-typed at the GraphQL boundary.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    files: ['web/src/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The SPA talks to the server through GraphQL only; server rules (allow-lists…) stay on the server.
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/src/**', '@kefu/server', '@kefu/server/**'], message: 'The web app must not import server code: ask the server through GraphQL.' }] }],
    },
  },
);
