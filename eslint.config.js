import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'web/dist/', 'test-results/', 'web/src/api/openapi.d.ts'] },
  js.configs.recommended,
  // Type-aware rules: each file is checked with the types of the tsconfig that owns it.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: {
        project: ['./tsconfig.json', './web/tsconfig.json', './web/tsconfig.node.json'],
        tsconfigRootDir: import.meta.dirname,
      }, },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      // The React Compiler's rule against setState in an effect; the classic hooks rules
      // (rules-of-hooks, exhaustive-deps) and the rest of the set stay on.
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // Fastify handlers and the counter stores are async by contract even when one body has
      // nothing to await; the promise rules below catch the mistakes that matter.
      '@typescript-eslint/require-await': 'off',
      // React hooks hand out functions meant to be destructured (const { t } = useTranslation()).
      '@typescript-eslint/unbound-method': 'off',
      // It cannot tell a primitive narrowed from `unknown` (typed `{}`) from an object, and
      // no-unnecessary-type-assertion then refuses the cast that would tell it.
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read JSON bodies and use matchers such as expect.any(), which are typed `any`.
    files: ['**/*.test.ts', 'test/**/*.ts', 'web/e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The web app runs in the browser: from the server it may take the pure domain core, and only
    // types from anything else (values would drag server code, or nothing that works, into the bundle).
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The web app runs in a browser.' },
            {
              group: ['**/src/api/**', '**/src/commands/**', '**/src/db/**', '**/src/security/**', '**/src/jobs/**', '**/src/cli/**'],
              allowTypeImports: true,
              message: 'Import only types from the server; values may come from src/core.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
