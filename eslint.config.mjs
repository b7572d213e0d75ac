// ESLint (flat config) with typescript-eslint, run by `npm run lint` (part of `npm test` and CI). No formatting rules.
//
// typescript-eslint parses with the TypeScript compiler's JavaScript API, which typescript 7 (the project's tsc)
// no longer has; the linter therefore loads typescript 5 (devDependency "typescript5" = npm:typescript@~5.9) for its
// own `require('typescript')`. Type checking stays with `npm run typecheck` (tsc 7).
import Module from 'node:module';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ts5 = require.resolve('typescript5');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (
    request === 'typescript' &&
    /[\\/]node_modules[\\/](@typescript-eslint|typescript-eslint|ts-api-utils)[\\/]/.test(parent?.filename ?? '')
  ) {
    return ts5;
  }
  return resolve.call(this, request, parent, ...rest);
};

const { default: js } = await import('@eslint/js');
const { default: tseslint } = await import('typescript-eslint');

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.vscode-test/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // The code loads optional/heavy modules lazily with require() (pinyin-pro, the plan index in workers).
      '@typescript-eslint/no-require-imports': 'off',
      // Unused names are tsc's job (noUnusedLocals / noUnusedParameters); `_`-prefixed parameters are allowed there.
      '@typescript-eslint/no-unused-vars': 'off',
      // Control characters in regexps are deliberate (escaping terminal output, validating input).
      'no-control-regex': 'off',
      // Comma sequences of calls ((addEdge(a), addEdge(b))) are the house style for paired updates.
      '@typescript-eslint/no-unused-expressions': 'off',
      // Expected help/usage texts contain the literal two-space indentation.
      'no-regex-spaces': 'off',
      // Chinese text: fullwidth spaces (U+3000) inside literals are data, not mistakes.
      'no-irregular-whitespace': [
        'error',
        { skipStrings: true, skipComments: true, skipRegExps: true, skipTemplates: true },
      ],
    },
  },
  {
    // Tests and benchmarks read raw JSON-RPC responses; typing each one buys nothing.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
