// ESLint flat config: ESLint's recommended rules and typescript-eslint's strict-type-checked and
// stylistic-type-checked presets over src/ and test/, with the pure core's import bans.
// ESLint loads its config through a default export, as vitest does: the one other place we allow it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/**', 'bench/**', 'scripts/**', 'coverage/**', '*.config.*'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.strictTypeChecked, ...tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.test.json'], tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Numbers and booleans read well in messages; objects, undefined and null do not.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `() => void call()` and `(x) => list.push(x)` callbacks are fine.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // `_name` marks a parameter an interface makes us take, or a property left out of a rest.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Off, with reasons (each is a burn-down item in docs/development.md):
      // - fastify plugins and our async interfaces are async by contract, with or without an await;
      //   no-floating-promises and no-misused-promises catch the mistakes this rule is after.
      '@typescript-eslint/require-await': 'off',
      // - dockerode's and the YAML parsers' types say "never null" for fields the Engine and users
      //   do leave out; the checks are the point. Types that tell the truth come first.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // - with noUncheckedIndexedAccess, `list[0]!` after a length check is how an index is read.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Stand-ins implement interfaces with methods that do nothing.
      '@typescript-eslint/no-empty-function': 'off',
      // vitest's asymmetric matchers (`expect.any(String)`) are typed `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
);
