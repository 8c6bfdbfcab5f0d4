// Lint rules that catch real mistakes; formatting is Prettier's job (npm run lint runs both).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Globals that Node and browsers have and Apps Script does not (see docs/ARCHITECTURE.md).
const NOT_IN_APPS_SCRIPT = [
  'fetch',
  'require',
  'process',
  'Buffer',
  'setTimeout',
  'setInterval',
  'URL',
  'URLSearchParams',
  'TextEncoder',
  'TextDecoder',
  'atob',
  'btoa',
  'structuredClone',
  'window',
  'document',
].map((name) => ({ name, message: `${name} does not exist in Apps Script: use the ports in src/core/ports.ts.` }));

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', 'test-artifacts/', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      eqeqeq: ['error', 'always'],
      'no-restricted-syntax': [
        'error',
        { selector: 'ThrowStatement > Literal', message: 'Throw an error from src/core/errors.ts, never a bare value.' },
      ],
    },
  },
  {
    // Modules and functions a reader can hold in mind: a longer one says why, in a comment.
    files: ['src/**/*.ts', 'sidebar/**/*.ts'],
    ignores: ['src/core/catalog/objects.ts'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 50, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/gas/**/*.ts', 'src/shared/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...NOT_IN_APPS_SCRIPT] },
  },
);
