// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

const electronBan = {
  paths: [{ name: 'electron', message: 'Only main/ may import Electron (DESIGN.md).' }],
};
const sqliteBan = {
  name: 'better-sqlite3',
  message: 'Only src/store/ (kiosk) and central/db/ (central) may import better-sqlite3.',
};

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
  // Layer rules (DESIGN.md): boundaries are lint errors, not conventions (tests/layers.test.ts).
  {
    files: ['src/**'],
    ignores: ['src/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
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
        },
      ],
    },
  },
  {
    files: ['src/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronBan.paths,
          patterns: [
            {
              group: ['**/central/**'],
              message: 'The kiosk core talks to the central over HTTP only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['central/**'],
    ignores: ['central/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
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
        },
      ],
    },
  },
  {
    files: ['central/db/**'],
    rules: {
      'no-restricted-imports': ['error', electronBan],
    },
  },
  {
    files: ['renderer/**', 'backoffice/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
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
        },
      ],
    },
  },
);
