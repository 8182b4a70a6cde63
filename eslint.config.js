// ESLint for the whole tree (server, web, tests): typescript-eslint and eslint-plugin-svelte's
// recommended rules, Prettier for the layout, and the house rules a linter can see (docs/conventions.md).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './web/svelte.config.js';

export default ts.config(
  { ignores: ['**/node_modules/', '**/dist/', 'web/build/', 'web/.svelte-kit/', 'web/src/graphql-env.d.ts', '.data/', 'migrations/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Unused arguments named `_…` are kept on purpose (signatures a caller expects).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // The web app is served at the root (no `paths.base`): `resolve()` around every link would add nothing.
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
  {
    // Tests read GraphQL answers whose shape the assertion itself checks.
    files: ['tests/**/*.ts', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
  {
    // Raw SQL runs only through the gateway (server/src/db/sql.ts), on the current transaction's connection.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/db/sql.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression > MemberExpression.callee[property.name=/^(getConnection|getKnex)$/]',
          message: 'Raw SQL runs only through server/src/db/sql.ts (query / queryOne / execute with sql`…`).',
        },
        {
          selector: "CallExpression > MemberExpression.callee[property.name='execute'][object.name=/^(em|tem|tx|orm|fork|entityManager)$/]",
          message: 'Raw SQL runs only through server/src/db/sql.ts (query / queryOne / execute with sql`…`).',
        },
      ],
    },
  },
);
