// ESLint flat config: typescript-eslint (type-aware) for all TypeScript, React hooks rules for the renderer.
import { builtinModules } from 'node:module';

import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Node's built-in modules, bare and `node:`-prefixed: code that runs in a browser must not import them. */
const NODE_BUILTINS = builtinModules.flatMap((name) => [name, `node:${name}`]);
const NO_ELECTRON = { name: 'electron', message: 'Only electron/shell/ may import Electron.' };
const noNode = (where) =>
  NODE_BUILTINS.map((name) => ({ name, message: `${where} runs in the browser too: no Node built-ins.` }));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs', 'bin/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through the preload API.' }],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts', 'shared/**/*.ts'],
    ignores: ['electron/shell/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only electron/shell/ may import Electron: the core runs headless in plain Node.',
            },
          ],
        },
      ],
    },
  },
  // Layers (ARCHITECTURE.md, Boundaries). Later blocks replace earlier ones for the same files, so each
  // repeats the Electron ban.
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_ELECTRON, ...noNode('shared/')],
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ is the bottom layer: it imports neither electron/ nor renderer/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to main only through the preload API.' },
            ...noNode('renderer/'),
          ],
          patterns: [
            {
              group: ['**/electron/**'],
              message: 'The renderer reaches main only through the contract in shared/contract/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/bridge/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_ELECTRON, 'zod', 'react', 'better-sqlite3', 'web-tree-sitter', 'conf', 'electron-store'],
          patterns: [
            {
              group: ['@modelcontextprotocol/*'],
              message: 'The bridge starts with every MCP client launch: it relays lines and loads no SDK.',
            },
            {
              group: [
                '../history/*',
                '../policy/*',
                '../console/*',
                '../web/*',
                '../approvals/*',
                '../profiles/*',
                '../cli/*',
                '../shell/*',
                '**/renderer/**',
              ],
              message:
                'The bridge imports only its own files, the core handshake pieces and the line splitter (start-up budget).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['vitest.config.ts', 'vite.config.ts', 'eslint.config.js', 'test/support/global-setup.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
