// One ESLint configuration for the whole workspace. Each package's `pnpm run lint` runs ESLint
// in its own folder, which finds this file; `npm run lint` at the root runs them all.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import jsxA11y from 'eslint-plugin-jsx-a11y-x';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * One `no-restricted-imports` block per folder. A later block replaces the rule for the files it
 * names, so each folder's block also carries the patterns of the folders it lies in.
 */
const webArrows = (rules) =>
  rules.map(({ files, ignores }) => {
    const folder = files[0].replace(/\*\*$/, '');
    const patterns = rules.filter((rule) => folder.startsWith(rule.files[0].replace(/\*\*$/, ''))).map(({ regex, message }) => ({ regex, message }));
    return { files, ...(ignores ? { ignores } : {}), rules: { 'no-restricted-imports': ['error', { patterns }] } };
  });

export default defineConfig(
  globalIgnores([
    // Build output, scratch builds and releases (all git-ignored).
    '**/dist/',
    '**/build/',
    '**/.astro/',
    '**/.strapi/',
    '**/.tmp/',
    '**/.cache/',
    '**/coverage/',
    '.toolchain/',
    'apps/web/releases/',
    '**/.test-builds/',
    // Generated code: rewritten by `generate`, never edited.
    'packages/types/src/generated/',
    'apps/cms/types/generated/',
  ]),

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        // Each file is checked with the types of the tsconfig.json that includes it.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // An empty string is "not filled in" here (an optional CMS field, an unset variable), so
      // `||` on strings is the intended fallback; on booleans `||` is plain logic.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true, boolean: true } }],
      // `() => {}` is how this code says "ignore" (a `.catch`, a silent logger, a test double).
      '@typescript-eslint/no-empty-function': ['error', { allow: ['arrowFunctions'] }],
      // Async functions without await implement promise-returning interfaces (Apollo plugin hooks,
      // where a throw must become a rejection; test doubles); unhandled promises are what matter,
      // and no-floating-promises and no-misused-promises catch those.
      '@typescript-eslint/require-await': 'off',
      // A leading underscore marks a deliberately unused name (a required parameter, a key left out).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // node:test's describe/it return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] }] },
      ],
    },
  },

  // Where no tsconfig.json owns a file the way ESLint needs, a tsconfig names the program instead:
  // the CMS's tsconfig.json is Strapi's server build, which leaves the tests out; and the site's
  // .astro components need the types that `astro check` adds and TypeScript alone lacks
  // (apps/web/eslint-astro.d.ts), and astro-eslint-parser has no project service.
  {
    files: ['apps/cms/src/**/*.test.ts', 'apps/cms/test/**/*.ts', 'apps/cms/vitest.config.mts', 'apps/cms/scripts/*.ts'],
    languageOptions: { parserOptions: { projectService: false, project: 'apps/cms/tsconfig.test.json' } },
  },
  astro.configs.recommended,
  {
    files: ['apps/web/**/*.ts', 'apps/web/**/*.astro'],
    languageOptions: { parserOptions: { projectService: false, project: 'apps/web/tsconfig.eslint.json' } },
  },
  {
    files: ['**/*.astro'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.astro'] } },
  },
  // The site's templates get the accessibility rules too, in eslint-plugin-astro's version of them
  // (its last block names no files: here it is kept to .astro files).
  astro.configs['jsx-a11y-recommended'].map((config) => ({ ...config, files: config.files ?? ['**/*.astro'] })),

  // The CMS admin's React components: accessibility of the JSX and the rules of hooks. (Not the
  // React Compiler's rules of react-hooks' `recommended`: the admin is not built with the compiler.)
  {
    files: ['apps/cms/src/admin/**/*.tsx'],
    extends: [jsxA11y.configs.recommended],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
    languageOptions: { globals: globals.browser },
  },

  // The CMS is CommonJS and Node runs its scripts as they are: require() is how they load modules.
  {
    files: ['apps/cms/scripts/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // Plain JavaScript (scripts, tool configs) is in no tsconfig, so it has no type information.
  // The site's rooms and their one-way arrows (apps/web/README.md, "Structure"): the site server
  // (server/) and the site's code (src/) meet only in apps/web/renderer-contract/; inside the
  // server, publishing knows nothing of serving or feedback, and feedback nothing of publishing.
  ...webArrows([
    {
      files: ['apps/web/src/**'],
      regex: '^\\.{1,2}/(\\.\\./)*server/',
      message: "The site's code imports nothing of the server: what they share is in apps/web/renderer-contract/.",
    },
    {
      files: ['apps/web/server/**'],
      regex: '^\\.{1,2}/(\\.\\./)*src/',
      message: "The server imports nothing of the site's code: what they share is in apps/web/renderer-contract/.",
    },
    {
      files: ['apps/web/renderer-contract/**'],
      regex: '^\\.',
      message: 'The renderer contract imports nothing of either side (only @malardalsradet/site-contract).',
    },
    {
      files: ['apps/web/server/publishing/**'],
      regex: '^\\.\\./(serving|feedback|frontDoor)/',
      message: 'Publishing knows nothing of serving, feedback or the front door: they call it, not the other way round.',
    },
    {
      files: ['apps/web/server/frontDoor/**'],
      regex: '^\\.\\./feedback/',
      message: 'The front door names keys and purges; it needs nothing of feedback.',
    },
    {
      files: ['apps/web/server/feedback/**'],
      regex: '^\\.\\./publishing/',
      message: 'Feedback needs nothing of publishing.',
    },
    {
      files: ['apps/web/server/serving/**'],
      regex: '^\\.\\./feedback/',
      message: 'Serving takes the feedback form through its FeedbackTaker interface; main.ts wires the two.',
    },
  ]),
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
