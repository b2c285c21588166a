// ESLint (flat config) for the project's JavaScript: `make test` runs
// `eslint .` and fails on any report. Each folder gets the globals of the
// runtime its files run in.
import js from '@eslint/js';
import globals from 'globals';

/** The mini-program platforms' globals (WeChat, Alipay, Douyin). */
const miniPrograms = {
  wx: 'readonly',
  my: 'readonly',
  tt: 'readonly',
  WXWebAssembly: 'readonly',
  MYWebAssembly: 'readonly',
  TTWebAssembly: 'readonly',
  Page: 'readonly',
  worker: 'readonly',
};

export default [
  {
    // docs/: the recipes are documentation, copied verbatim into the README
    // (a React recipe names a react-hooks rule this project does not load).
    ignores: [
      'pkg/',
      'pkg-*/',
      'target/',
      'node_modules/',
      'fuzz/target/',
      'artifacts/',
      'docs/',
      '**/*.d.ts',
      '**/*.ts',
    ],
  },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    // The package's own JavaScript runs in browsers, Node, workers and mini-programs.
    files: [
      'crates/shouhoubao-wasm/js/**/*.js',
      'crates/shouhoubao-wasm/js/**/*.cjs',
      'www/**/*.js',
      'tests/e2e/**/page.js',
    ],
    languageOptions: { globals: { ...globals.browser, ...globals.worker, ...globals.node } },
  },
  {
    files: [
      'scripts/**',
      'crates/shouhoubao-wasm/finish-pkg.mjs',
      'perf/**',
      'tests/js/**',
      'tests/oracle/**',
      'tests/e2e/**',
      'www/**/*.mjs',
      'fuzz/**/*.mjs',
      '*.js',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Tests that drive a page (Playwright's evaluate, happy-dom) and the
    // apps they build: code that runs in the page.
    files: ['tests/js/**', 'tests/e2e/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The package's JavaScript is written in one dialect, ES2020, for every
    // target (browsers, Node 20, mini-programs, workers): later syntax is a
    // parse error here. WeakRef (ES2021) is used only where it exists.
    files: ['crates/shouhoubao-wasm/js/**/*.js', 'crates/shouhoubao-wasm/js/**/*.cjs'],
    languageOptions: { ecmaVersion: 2020, globals: { WeakRef: 'readonly' } },
  },
  {
    // What runs in a mini-program: the platforms' own globals.
    files: ['crates/shouhoubao-wasm/js/miniprogram/**'],
    languageOptions: { globals: { ...globals.commonjs, ...miniPrograms } },
  },
  {
    // Scripts for the `jsc` shell: each declares the shell's globals it
    // reads (/* global print, read */); the worker script is CommonJS.
    files: ['tests/jsc/**'],
    languageOptions: { globals: {} },
  },
  {
    files: ['tests/jsc/engine-worker.js'],
    languageOptions: { globals: { ...globals.commonjs } },
  },
];
