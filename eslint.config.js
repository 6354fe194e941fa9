// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

const electronBan = {
  paths: [{ name: 'electron', message: 'Only main/ may import Electron (docs/architecture.md).' }],
};
const sqliteBan = {
  name: 'better-sqlite3',
  message: 'Only src/store/ (kiosk) and central/db/ (central) may import better-sqlite3.',
};

/** Test code: the only code that may import test tooling, helpers and doubles. */
const testFiles = ['**/*.test.ts', '**/testing/**', '**/test-*.ts'];
const testHelperBan = {
  paths: ['vitest', 'fast-check', 'playwright-core', 'smtp-server', 'mailparser'].map((name) => ({
    name,
    message: 'Production code does not import test tooling.',
  })),
  patterns: [
    {
      group: [
        '**/tests/**',
        '**/testing/**',
        '**/doubles/**',
        '**/test-*',
        '**/*.test',
        '**/*.test.*',
      ],
      message: 'Production code does not import test helpers or test doubles.',
    },
  ],
};

/**
 * One layer's import rules: on its production files with the ban on test helpers, and on its
 * test files without it (ESLint keeps only the last setting of a rule, so each gets its own).
 */
function layer(files, ignores, restriction) {
  const rule = (withTestBan) => [
    'error',
    {
      paths: [...(restriction.paths ?? []), ...(withTestBan ? testHelperBan.paths : [])],
      patterns: [...(restriction.patterns ?? []), ...(withTestBan ? testHelperBan.patterns : [])],
    },
  ];
  return [
    {
      files,
      ignores: [...ignores, ...testFiles],
      rules: { 'no-restricted-imports': rule(true) },
    },
    {
      files: files.flatMap((file) => testFiles.map((test) => [file, test])),
      ignores,
      rules: { 'no-restricted-imports': rule(false) },
    },
  ];
}

export default tseslint.config(
  {
    ignores: ['node_modules', 'dist', 'out', '.vite', 'data', 'coverage'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, svelteConfig },
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  // Layer rules (docs/architecture.md): boundaries are lint errors, not conventions (tests/layers.test.ts).
  ...layer(['src/**'], ['src/store/**'], {
    paths: [...electronBan.paths, sqliteBan],
    patterns: [
      {
        group: ['**/main/**', '**/renderer/**'],
        message: 'src/ does not reach into main/ or renderer/.',
      },
      {
        group: ['**/central/**'],
        message: 'The kiosk core talks to the central over HTTP only.',
      },
    ],
  }),
  ...layer(['src/store/**'], [], {
    paths: electronBan.paths,
    patterns: [
      {
        group: ['**/central/**'],
        message: 'The kiosk core talks to the central over HTTP only.',
      },
    ],
  }),
  ...layer(['central/**'], ['central/db/**'], {
    paths: [
      ...electronBan.paths,
      sqliteBan,
      { name: 'pg', message: 'Only central/db/ talks to the database driver.' },
    ],
    patterns: [
      {
        group: ['**/main/**', '**/renderer/**'],
        message: 'central/ does not reach into main/ or renderer/.',
      },
    ],
  }),
  ...layer(['central/db/**'], [], electronBan),
  ...layer(['renderer/**', 'backoffice/**'], [], {
    paths: [...electronBan.paths, sqliteBan],
    patterns: [
      {
        regex: '^(\\.\\./)+(src/(?!contract|domain)|main|central)',
        message:
          'The renderer and the back office import only src/contract and src/domain (the renderer talks to window.kiosk, the back office to the staff API).',
      },
      {
        group: ['node:*'],
        message: 'The renderer runs in a sandboxed page: no Node modules.',
      },
    ],
  }),
  ...layer(['main/**', 'scripts/**'], [], {}),
);
