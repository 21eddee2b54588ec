// Lint, plus the layer rules of ARCHITECTURE.md: each folder may import only the layers it lists.
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'worker_threads', 'stream', 'events'];

function restrict(patterns, message) {
  return { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] };
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'src/node/cli/faultline.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict(
      [...NODE_BUILTINS, 'electron', 'react', 'react-dom', 'lowdb', '**/core/**', '**/node/**', '**/renderer/**', '**/electron/**'],
      'src/shared is the contract: it may import zod only (ARCHITECTURE.md, Layers).',
    ),
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict(
      [...NODE_BUILTINS, 'electron', 'react', 'react-dom', 'lowdb', 'lowdb/*', '**/node/**', '**/renderer/**', '**/electron/**'],
      'src/core runs anywhere: it may import src/shared only (ARCHITECTURE.md, Layers).',
    ),
  },
  {
    // The core typecheck knows no Node or DOM types (tsconfig.core.json); lint names the globals too, with the reason.
    files: ['src/shared/**/*.ts', 'src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate', 'window', 'document', 'localStorage', 'navigator'].map(
          (name) => ({ name, message: 'src/core and src/shared run anywhere: no Node or DOM globals (ARCHITECTURE.md, Layers).' }),
        ),
      ],
    },
  },
  {
    files: ['src/node/**/*.ts'],
    rules: restrict(['electron', 'react', 'react-dom', '**/renderer/**', '**/electron/**'], 'src/node may import shared, core, node:* and lowdb only.'),
  },
  {
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.tsx'],
    rules: restrict(
      [...NODE_BUILTINS, 'electron', 'lowdb', 'lowdb/*', '**/core/**', '**/node/**', '**/electron/**'],
      'src/renderer may import src/shared only (types and schemas); it reaches the core through the API.',
    ),
  },
  {
    files: ['electron/**/*.ts'],
    rules: restrict(['react', 'react-dom', '**/renderer/**'], 'electron/ may import shared, core and node, never the renderer.'),
  },
);
