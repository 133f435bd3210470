// ESLint, configured once (issue 12): typescript-eslint's recommended rules for TypeScript, the Svelte
// plugin's recommended rules for components, Prettier owns formatting (`npm run lint` runs both).
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
  {
    ignores: [
      'node_modules/',
      '.svelte-kit/',
      '.wrangler/',
      'build/',
      'dist/',
      'bench/results/',
      'e2e/.artifacts/',
      'static/',
      'worker-configuration.d.ts',
      'migrations/',
      'worker/lazy/*.mjs'
    ]
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } }
  },
  {
    // A CommonJS preload (NODE_OPTIONS=--require) for Node tools the e2e tests start: require() is its only way in.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    rules: {
      // Unused arguments named with a leading underscore are deliberate (interface shapes).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }
      ],
      // TypeScript checks undefined names (svelte-check); the core rule does not know ambient types.
      'no-undef': 'off',
      // The app is served at the root of each workspace host (no `paths.base`), so plain hrefs are the
      // resolved paths; wrapping each in resolve() would add noise without a behaviour change.
      'svelte/no-navigation-without-resolve': 'off',
      // zod comes from 'zod' as a namespace import: the `z` that @hono/zod-openapi exports is, in the
      // Worker build, an object with ZodType alone (vite.config.ts, zodOpenApiWithoutLocales).
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@hono/zod-openapi', importNames: ['z'], message: "Use import * as z from 'zod'." },
            {
              // The deployed Worker has no AsyncLocalStorage (wrangler.toml [alias], worker/no-async-local-storage.ts).
              name: '$app/server',
              importNames: ['getRequestEvent', 'query', 'command', 'form', 'prerender'],
              message:
                'Needs AsyncLocalStorage, which the build leaves out: pass the event or actor as an argument.'
            }
          ]
        }
      ]
    }
  },
  {
    // These ship as separate modules of the deployed Worker, compiled only when loaded: a value import
    // anywhere else would put them back into the module every isolate parses (docs/architecture.md,
    // "How the deployed Worker is assembled"). Types are fine.
    files: ['src/**/*.ts', 'src/**/*.svelte', 'worker/**/*.ts'],
    ignores: ['src/lib/server/lazy-modules/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['xml-crypto', '@xmldom/xmldom', 'xpath', '@simplewebauthn/server', 'scimmy'].map(
            (name) => ({
              name,
              allowTypeImports: true,
              message: 'Load it through src/lib/server/lazy-modules/load.ts.'
            })
          )
        }
      ]
    }
  }
);
