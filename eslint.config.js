// Lint rules for the whole workspace. The import boundary is the one rule that carries architecture:
// packages/core holds the domain and must not reach storage, connectors or the server.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '**/.vite/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['packages/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@rostra/store',
                '@rostra/store/*',
                '@rostra/connectors',
                '@rostra/connectors/*',
                '@rostra/server',
                '@rostra/server/*',
              ],
              message: 'core is the domain: it must not depend on adapters.',
            },
            {
              group: ['**/store/**', '**/connectors/**', '**/apps/**'],
              message: 'core is the domain: it must not depend on adapters.',
            },
            {
              group: [
                'node:*',
                'fs',
                'net',
                'http',
                'https',
                'child_process',
                'pg',
                'better-sqlite3',
                'kysely',
                'ioredis',
                'bullmq',
              ],
              message: 'core does no I/O: put this in an adapter.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bench/**/*.ts', '**/*.test.ts', '**/test/**/*.ts', '**/e2e/**/*.ts', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
