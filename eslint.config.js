// ESLint flat config: ESLint's recommended rules and typescript-eslint's strict-type-checked and
// stylistic-type-checked presets over src/ and test/, with the pure core's import bans.
// ESLint loads its config through a default export, as vitest does: the one other place we allow it.
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The pure core's folders and what they may not use: one list, also read by test/architecture/pure-core.test.ts.
const pureCore = JSON.parse(readFileSync(new URL('./scripts/pure-core.json', import.meta.url), 'utf8'));
const forbiddenModules = pureCore.forbiddenImports.flatMap((name) => [name, `node:${name}`]);

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
      // Prettier wraps code at 140; strings, templates and comments it leaves alone stay under 160.
      'max-len': ['error', { code: 160, ignoreUrls: true }],
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
  {
    files: pureCore.core.map((folder) => `${folder}/**/*.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...forbiddenModules.map((name) => ({ name, message: 'the pure core does no I/O: pass the facts in from the shell' })),
            ...Object.entries(pureCore.forbiddenImportNames).flatMap(([name, importNames]) =>
              [name, `node:${name}`].map((module) => ({
                name: module,
                importNames,
                message: 'the pure core has no randomness: take values as arguments',
              })),
            ),
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'the pure core reads no environment: take it as an argument' },
        { object: 'process', property: 'cwd', message: 'the pure core reads no working directory: take it as an argument' },
        { object: 'process', property: 'argv', message: 'the pure core reads no arguments: take them as an argument' },
        { object: 'Date', property: 'now', message: 'the pure core reads no clock: take the time as an argument' },
        { object: 'Math', property: 'random', message: 'the pure core has no randomness: take values as arguments' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'the pure core reads no clock: take the time as an argument',
        },
      ],
    },
  },
);
