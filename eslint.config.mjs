// ESLint (flat config) with typescript-eslint. Besides the recommended rules, one house rule
// with teeth: the SDK runs in Workers, Deno, browsers and Next.js, so nothing in src/ may import
// a Node built-in or read a Node global, except the modules that are Node-only by design.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The Node-only modules of src/ (the emulator's node:http server, CLI and entry): one list, in
// scripts/node-only.mjs, which tsconfig, jsr.json and rollup follow too.
import { NODE_ONLY } from './scripts/node-only.mjs';

export { NODE_ONLY };

const NODE_BUILTINS = [
  'assert',
  'async_hooks',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'querystring',
  'readline',
  'stream',
  'string_decoder',
  'timers',
  'tls',
  'tty',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

const noNodeInSrc = {
  'no-restricted-imports': [
    'error',
    {
      paths: NODE_BUILTINS.map((name) => ({
        name,
        message:
          'src/ runs outside Node (Workers, Deno, browsers): use a Web API, or move this into a Node-only module (see NODE_ONLY in scripts/node-only.mjs).',
      })),
      patterns: [
        {
          regex: '^node:',
          message:
            'src/ runs outside Node (Workers, Deno, browsers): use a Web API, or move this into a Node-only module (see NODE_ONLY in scripts/node-only.mjs).',
        },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    ...['Buffer', 'process', 'require', 'module', 'exports', '__dirname', '__filename', 'global', 'setImmediate'].map((name) => ({
      name,
      message: `${name} is a Node global and src/ runs outside Node: use a Web API (Uint8Array, TextEncoder, globalThis, import.meta), or move this into a Node-only module.`,
    })),
  ],
};

export default tseslint.config(
  { ignores: ['dist/', '.tmp/', 'coverage/', 'node_modules/', 'docs/api/', '**/.next/', 'playground/next/next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_`-prefixed names are deliberately unused (placeholders in signatures and destructuring).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // `try { … } catch {}` is how the code says "a failure here means: not this kind of input".
      'no-empty': ['error', { allowEmptyCatch: true }],
      // `interface X extends Y {}` names a type (or merges members into a class) on purpose.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  // The namespace registry merges an interface into PlugipayClient to declare the properties its
  // static block defines (one getter per namespace on the prototype).
  { files: ['src/resources/registry.ts'], rules: { '@typescript-eslint/no-unsafe-declaration-merging': 'off' } },
  // The emulator reports a bad seed as a plain message for the test author, not a chain.
  { files: ['src/testing/**'], rules: { 'preserve-caught-error': 'off' } },
  // The SDK: Web-standard globals only, and no Node built-ins outside the Node-only modules.
  {
    files: ['src/**/*.ts'],
    ignores: NODE_ONLY,
    languageOptions: { globals: { ...globals.es2022, ...globals.browser, ...globals.serviceworker } },
    rules: noNodeInSrc,
  },
  { files: NODE_ONLY, languageOptions: { globals: { ...globals.node } } },
  // Tests, scripts, benchmarks and runners run in Node (and some in Deno, workerd or a page).
  {
    files: ['test/**', 'scripts/**', 'bench/**', 'playground/**', '*.config.*', '*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.worker, Deno: 'readonly', EdgeRuntime: 'readonly' } },
  },
  // Tests poke at shapes on purpose (hostile responses, partial objects) and reset state freely.
  {
    files: ['test/**'],
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      'no-useless-assignment': 'off',
      '@typescript-eslint/no-this-alias': 'off',
      // Hostile-input tests build sparse arrays and rethrow plain errors on purpose.
      'no-sparse-arrays': 'off',
      'preserve-caught-error': 'off',
      // Callbacks in tests keep the parameters of the signature they stand in for.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { args: 'none', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
);
