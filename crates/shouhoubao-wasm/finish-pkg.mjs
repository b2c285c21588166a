#!/usr/bin/env node
// Finishes the npm package that `wasm-pack build --target web` left in pkg/:
//
//   a) rewrites pkg/package.json fit to publish (exports map, files, types…)
//      and adds the policy snapshot's JSON Schema (docs/policy.schema.json);
//   b) adds shouhoubao/worker for the web: js/worker.js (the entry) and
//      js/worker-core.js (the transport-agnostic part) with their types;
//   c) builds pkg/miniprogram/, a CommonJS build for WeChat, Alipay and
//      Douyin mini-programs (no fetch, no WebAssembly.Module, no
//      TextEncoder/Decoder: WXWebAssembly.instantiate takes a path inside the
//      code package): the glue, js/boundary.js and js/worker-core.js turned
//      into CommonJS, the files of js/miniprogram/ (the loader, the worker
//      entry, their types, a UTF-8 codec) copied, and the .wasm beside them,
//      plain and brotli-compressed (shouhoubao_bg.wasm.br, quality 11);
//   d) prints the raw and gzip -9 sizes of the wasm and the JS.
//
// Run by scripts/build-pkg.sh after wasm-pack (`node crates/shouhoubao-wasm/finish-pkg.mjs
// [PKG_DIR]`, default pkg/). Node built-ins only. Any
// surprise in what wasm-pack generated is an error (exit status 1): better a
// failed build than a package that breaks in a mini-program.

import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';

/** This crate (crates/shouhoubao-wasm/): the package's hand-written JS is in its js/. */
const crate = dirname(fileURLToPath(import.meta.url));
/** The repository: pkg/, docs/, the licences, node_modules/. */
const root = join(crate, '..', '..');
// The package directory: pkg/, or the one given (tests run the script on copies).
const pkg = resolve(process.argv[2] ?? join(root, 'pkg'));
const mini = join(pkg, 'miniprogram');

const NAME = 'shouhoubao';
/** The crate wasm-pack builds the module from (this one), which names the package it generates. */
const CRATE = 'shouhoubao-wasm';
/** The mini-program build's own files (js/miniprogram/): the loader, its types, the UTF-8 codec. */
const MINI_SOURCES = join(crate, 'js', 'miniprogram');
const GLUE = `${NAME}.js`;
const WASM = `${NAME}_bg.wasm`;
const DTS = `${NAME}.d.ts`;
const WASM_DTS = `${NAME}_bg.wasm.d.ts`;
/** The brotli-compressed .wasm of the mini-program build (WXWebAssembly, MYWebAssembly, TTWebAssembly take it). */
const WASM_BR = `${WASM}.br`;
/** shouhoubao/worker: its web entry and the part shared with the mini-program build (js/). */
const WORKER = 'worker.js';
const WORKER_CORE = 'worker-core.js';
const WORKER_DTS = 'worker.d.ts';
const WORKER_CORE_DTS = 'worker-core.d.ts';
const JS_SOURCES = join(crate, 'js');
/** The policy snapshot's JSON Schema, generated from the Rust input types. */
const SCHEMA = 'policy.schema.json';
/** Where WeChat's "构建 npm" puts the package (the `miniprogram` folder's content). */
const DEFAULT_WASM_PATH = `/miniprogram_npm/${NAME}/${WASM}`;
/** The package's ES entry and the hand-written modules it brings (js/). */
const ENTRY = 'index.js';
const ENTRY_DTS = 'index.d.ts';
const ENTRY_MODULES = ['engine.js', 'countdown.js'];
/** The licence texts ("MIT OR Apache-2.0"), shipped with the package. */
const LICENSES = ['LICENSE-MIT', 'LICENSE-APACHE'];
/** The public Engine's declarations (the generated class, augmented). */
const ENGINE_DTS = 'engine.d.ts';
/** shouhoubao/node: ES module, CommonJS and their types (js/node/). */
const NODE_ENTRY = ['node.js', 'node.cjs', 'node.d.ts', 'node.d.cts'];
/** The countdown kit's declarations, generated from its JSDoc. */
const COUNTDOWN_DTS = 'countdown.d.ts';
/** The API the glue must export (contract §7), beside init and initSync. */
const API = ['Engine', 'evaluate', 'defaultPolicy', 'version'];

class ShapeError extends Error {}

function fail(message) {
  throw new ShapeError(
    `finish-pkg: ${message}\n` +
      'The wasm-bindgen glue no longer has the shape crates/shouhoubao-wasm/finish-pkg.mjs expects; ' +
      'update the transform rather than shipping a broken mini-program build.',
  );
}

function read(file) {
  const path = join(pkg, file);
  if (!existsSync(path)) fail(`${path} is missing: run wasm-pack first (scripts/build-pkg.sh)`);
  return readFileSync(path, 'utf8');
}

// ---------------------------------------------------------------------------
// a) package.json
// ---------------------------------------------------------------------------

function writePackageJson() {
  const generated = JSON.parse(read('package.json'));
  // wasm-pack names the package after the crate it built; npm knows it as the
  // engine (and a package already finished has that name).
  if (generated.name !== CRATE && generated.name !== NAME) {
    fail(`pkg/package.json is named ${JSON.stringify(generated.name)}, not ${CRATE}`);
  }
  if (typeof generated.version !== 'string' || !/^\d+\.\d+\.\d+/.test(generated.version)) {
    fail(`pkg/package.json has no usable version (${JSON.stringify(generated.version)})`);
  }
  const manifest = {
    name: NAME,
    version: generated.version,
    description: "售后保 after-sales eligibility engine: how long each order's after-sales door stays open, and why.",
    license: 'MIT OR Apache-2.0',
    repository: generated.repository ?? { type: 'git', url: 'https://github.com/shouhoubao/shouhoubao' },
    keywords: ['taobao', 'after-sales', 'wasm', 'eligibility', 'warranty', 'webassembly', 'miniprogram'],
    type: 'module',
    files: [
      ...LICENSES,
      ENTRY,
      ENTRY_DTS,
      ...ENTRY_MODULES,
      ENGINE_DTS,
      COUNTDOWN_DTS,
      ...NODE_ENTRY,
      GLUE,
      DTS,
      WASM,
      WASM_DTS,
      WORKER,
      WORKER_DTS,
      WORKER_CORE,
      WORKER_CORE_DTS,
      SCHEMA,
      'snippets/',
      'miniprogram/',
    ],
    main: ENTRY,
    module: ENTRY,
    types: ENTRY_DTS,
    // The oldest Node the package is tested on (make test: Node's entry, ESM and CommonJS).
    engines: { node: '>=20' },
    // index.js and node.js extend the generated Engine once, on import.
    sideEffects: ['./index.js', './node.js', './node.cjs', './miniprogram/index.js'],
    exports: {
      // In Node (import and require), the entry that loads its own .wasm.
      '.': {
        node: {
          import: { types: './node.d.ts', default: './node.js' },
          require: { types: './node.d.cts', default: './node.cjs' },
        },
        types: `./${ENTRY_DTS}`,
        import: `./${ENTRY}`,
        default: `./${ENTRY}`,
      },
      './node': {
        import: { types: './node.d.ts', default: './node.js' },
        require: { types: './node.d.cts', default: './node.cjs' },
      },
      './miniprogram': {
        types: './miniprogram/index.d.ts',
        require: './miniprogram/index.js',
        default: './miniprogram/index.js',
      },
      // import: the web build (init() in a module worker); require: the
      // CommonJS mini-program build (load()), each with its own types.
      './worker': {
        import: { types: `./${WORKER_DTS}`, default: `./${WORKER}` },
        require: { types: `./miniprogram/${WORKER_DTS}`, default: `./miniprogram/${WORKER}` },
        default: { types: `./${WORKER_DTS}`, default: `./${WORKER}` },
      },
      './miniprogram/worker': {
        types: `./miniprogram/${WORKER_DTS}`,
        require: `./miniprogram/${WORKER}`,
        default: `./miniprogram/${WORKER}`,
      },
      [`./${WASM}`]: `./${WASM}`,
      [`./${SCHEMA}`]: `./${SCHEMA}`,
      './package.json': './package.json',
    },
    // WeChat's 构建 npm copies this folder to miniprogram_npm/shouhoubao/.
    miniprogram: 'miniprogram',
  };
  writeFileSync(join(pkg, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  // `cargo test` (crates/shouhoubao-cli/tests/cli.rs) keeps docs/ equal to `shouhoubao policy --schema`.
  const schema = join(root, 'docs', SCHEMA);
  if (!existsSync(schema)) fail(`${schema} is missing`);
  copyFileSync(schema, join(pkg, SCHEMA));
  return manifest;
}

/**
 * The ES entry (js/index.js: the glue's API with the public Engine) and the
 * modules it imports, with the boundary import pointed at the glue's own
 * snippet (the same module instance the glue uses); its declarations
 * (js/index.d.ts); and the glue's declarations without the module's
 * internals (InitOutput: `init()` resolves to nothing a caller needs).
 */
function writeEntry() {
  const glue = read(GLUE);
  const entry = readFileSync(join(JS_SOURCES, ENTRY), 'utf8');
  const pointed = replaceExactly(
    entry,
    /'\.\/BOUNDARY_SNIPPET'/,
    `'./${snippetPath(glue)}'`,
    1,
    'the boundary import of js/index.js',
  );
  writeFileSync(join(pkg, ENTRY), pointed);
  for (const file of ENTRY_MODULES) copyFileSync(join(JS_SOURCES, file), join(pkg, file));
  copyFileSync(join(JS_SOURCES, ENTRY_DTS), join(pkg, ENTRY_DTS));
  copyFileSync(join(JS_SOURCES, ENGINE_DTS), join(pkg, ENGINE_DTS));
  writeCountdownDeclarations();
  for (const file of NODE_ENTRY) copyFileSync(join(JS_SOURCES, 'node', file), join(pkg, file));
  for (const file of LICENSES) copyFileSync(join(root, file), join(pkg, file));
  // The package's own README, for front-end and mini-program engineers (wasm-pack copied the repository's).
  copyFileSync(join(JS_SOURCES, 'README.md'), join(pkg, 'README.md'));
  writeFileSync(join(pkg, DTS), readonlyInputs(withoutInitOutput(read(DTS))));
}

/**
 * countdown.d.ts, from js/countdown.js's JSDoc (tsc, the repository's dev
 * dependency): the countdown kit's types are declared once, in the module.
 */
function writeCountdownDeclarations() {
  const work = mkdtempSync(join(tmpdir(), 'shouhoubao-dts-'));
  try {
    writeFileSync(
      join(work, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          declaration: true,
          allowJs: true,
          emitDeclarationOnly: true,
          strict: true,
          target: 'ES2020',
          module: 'ES2020',
          types: [],
          lib: ['ES2020', 'DOM'],
          outDir: work,
        },
        files: [join(JS_SOURCES, 'countdown.js')],
      }),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    if (!existsSync(tsc)) fail(`${tsc} is missing: run npm ci (scripts/ensure-tools.sh)`);
    execFileSync(process.execPath, [tsc, '-p', join(work, 'tsconfig.json')], { stdio: 'inherit' });
    copyFileSync(join(work, COUNTDOWN_DTS), join(pkg, COUNTDOWN_DTS));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The input types, which the engine never writes to: readonly all the way down. */
const INPUT_INTERFACES = ['EngineOptions', 'PolicySnapshot', 'CategorySettings', 'ThreeGuarantees', 'Order'];

/**
 * The glue's declarations with every property of the input types readonly
 * (idempotent: a finished package's are left as they are),
 * their lists `readonly T[]` and their maps `Readonly<Record<…>>`, so that
 * a caller's `as const` order or frozen store state type-checks.
 */
function readonlyInputs(dts) {
  let out = dts;
  for (const name of INPUT_INTERFACES) {
    out = replaceExactly(
      out,
      new RegExp(`^export interface ${name} \\{\\n[\\s\\S]*?^\\}$`, 'm'),
      (block) =>
        block
          .replace(/^( {4})(?!readonly )([A-Za-z_$][\w$]*\??: )/gm, '$1readonly $2')
          .replace(/(?<!readonly )\b([A-Za-z_$][\w$]*)\[\]/g, 'readonly $1[]')
          .replace(/(?<!Readonly<)\bRecord<([^>]*)>/g, 'Readonly<Record<$1>>'),
      1,
      `the interface ${name}`,
    );
  }
  out = replaceExactly(
    out,
    /^export type MerchantPromise = .*$/m,
    (line) => line.replace(/([{;] )(?!readonly )([A-Za-z_$][\w$]*\??: )/g, '$1readonly $2'),
    1,
    'the type MerchantPromise',
  );
  return out;
}

/** The glue's declarations with `InitOutput` (the module's exports) left out of the public types. */
function withoutInitOutput(dts) {
  // Run again on a finished package (tests do): nothing left to do.
  if (!/InitOutput/.test(dts)) return dts;
  let out = replaceExactly(
    dts,
    /^export interface InitOutput \{\n(?: {4}readonly [^\n]*\n)*\}\n\n?/m,
    '',
    1,
    'the InitOutput interface',
  );
  out = out
    .replaceAll('@returns {InitOutput}', '@returns {void}')
    .replaceAll('@returns {Promise<InitOutput>}', '@returns {Promise<void>}');
  out = replaceExactly(out, /\): InitOutput;/, '): void;', 1, "initSync's InitOutput");
  out = replaceExactly(out, /\): Promise<InitOutput>;/, '): Promise<void>;', 1, "init's Promise<InitOutput>");
  if (/InitOutput/.test(out)) fail('InitOutput is still named in shouhoubao.d.ts');
  return out;
}

// ---------------------------------------------------------------------------
// c) the mini-program build
// ---------------------------------------------------------------------------

/** Replaces `pattern` in `text`, insisting on exactly `count` matches. */
function replaceExactly(text, pattern, replacement, count, what) {
  const flags = pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g';
  const global = new RegExp(pattern.source, flags);
  const found = text.match(global)?.length ?? 0;
  if (found !== count) fail(`expected ${count} × ${what}, found ${found}`);
  return text.replace(global, replacement);
}

/** The glue's imports of the boundary snippet (js/boundary.js): its path in pkg/. */
function snippetPath(glue) {
  const paths = new Set([...glue.matchAll(/from ['"]\.\/(snippets\/[^'"]+\/js\/boundary\.js)['"]/g)].map((m) => m[1]));
  if (paths.size !== 1) fail(`expected the glue to import one boundary snippet, found ${paths.size}`);
  return [...paths][0];
}

/**
 * One of the package's hand-written ES modules (js/boundary.js, worker-core.js,
 * engine.js, countdown.js) as CommonJS: `export function` and `export const`
 * declarations, and `import { … } from './sibling.js'`, are all they may
 * hold of modules; anything else is an error.
 */
function moduleToCommonJs(text, source) {
  const exported = [];
  let out = text.replace(/^export (function|const) ([A-Za-z_$][\w$]*)/gm, (_, kind, name) => {
    exported.push(name);
    return `${kind} ${name}`;
  });
  out = out.replace(
    /^import \{([^}]*)\} from '(\.\/[\w-]+\.js)';$/gm,
    (_, names, file) => `const {${names.replace(/\s+as\s+/g, ': ')}} = require('${file}');`,
  );
  if (/^\s*(export|import)\b/m.test(out))
    fail(
      `${source} has an export or import other than \`export function\`, \`export const\` or a named import of a sibling`,
    );
  if (exported.length === 0) fail(`${source} exports nothing`);
  out = `'use strict';\n// Generated by shouhoubao-wasm/finish-pkg.mjs from ${source}. Do not edit.\n` + out;
  return `${out.trimEnd()}\n\nmodule.exports = { ${exported.join(', ')} };\n`;
}

/** An ES module of `export function`s (js/boundary.js, js/worker-core.js) as CommonJS. */
function snippetToCommonJs(text, source = 'js/boundary.js') {
  return moduleToCommonJs(text, source);
}

/** The ES-module glue as a CommonJS module. */
function glueToCommonJs(glue) {
  const exported = [];
  let out = glue;

  // The boundary snippet becomes ./boundary.js beside the glue.
  const snippet = snippetPath(glue).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  out = replaceExactly(
    out,
    new RegExp(`^import \\{([^}]*)\\} from ['"]\\./${snippet}['"];?$`, 'm'),
    (_, names) => `const {${names}} = require('./boundary.js');`,
    1,
    'the named import of the boundary snippet',
  );
  out = replaceExactly(
    out,
    new RegExp(`^import \\* as ([A-Za-z_$][\\w$]*) from ['"]\\./${snippet}['"];?$`, 'm'),
    (_, name) => `const ${name} = require('./boundary.js');`,
    1,
    'the namespace import of the boundary snippet',
  );
  if (/^\s*import\s/m.test(out)) fail('the glue imports other modules');
  for (const needed of [
    /^function __wbg_get_imports\(\) \{$/m,
    /^function __wbg_finalize_init\(instance, module\) \{$/m,
    /new TextDecoder\(/,
    /"\.\/shouhoubao_bg\.js": import0,/,
  ]) {
    if (!needed.test(out)) fail(`the glue has no ${needed}`);
  }

  out = out.replace(/^\/\* @ts-self-types="[^"]*" \*\/\n/, '');

  // `export class X` and `export function X` become plain declarations.
  out = out.replace(/^export (class|function) ([A-Za-z_$][\w$]*)/gm, (_, kind, name) => {
    exported.push([name, name]);
    return `${kind} ${name}`;
  });

  // The closing `export { a, b as c };`.
  const tail = /^export \{([^}]*)\};?[ \t]*$/gm;
  const tails = [...out.matchAll(tail)];
  if (tails.length !== 1) fail(`expected one \`export { … }\` statement, found ${tails.length}`);
  for (const item of tails[0][1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$/.exec(item);
    if (!m) fail(`cannot read the export item ${JSON.stringify(item)}`);
    exported.push([m[2] ?? m[1], m[1]]);
  }
  out = out.replace(tail, '');

  // The default init resolves the .wasm next to the module: there is no
  // import.meta in CommonJS, and no fetch in a mini-program.
  out = replaceExactly(
    out,
    /module_or_path = new URL\('shouhoubao_bg\.wasm', import\.meta\.url\);/,
    "throw new Error('shouhoubao (mini-program build): init() cannot locate the .wasm here; " +
      "use load({ path }) from the package entry');",
    1,
    "`new URL('shouhoubao_bg.wasm', import.meta.url)`",
  );

  if (/^\s*export\b/m.test(out)) fail('an `export` the transform does not know is left in the glue');
  if (/\bimport\.meta\b/.test(out)) fail('`import.meta` is left in the glue');
  if (/\bimport\s*\(/.test(out)) fail('the glue has a dynamic import()');

  const names = new Map(exported);
  for (const name of [...API, 'initSync', 'default']) {
    if (!names.has(name)) fail(`the glue does not export ${name}`);
  }
  names.set('init', names.get('default'));
  names.set('__wbg_get_imports', '__wbg_get_imports');
  names.set('__wbg_finalize_init', '__wbg_finalize_init');

  const header =
    "// Generated by shouhoubao-wasm/finish-pkg.mjs from ../shouhoubao.js (wasm-bindgen's\n" +
    '// ES-module glue) for mini-programs: CommonJS, no import.meta, and a UTF-8\n' +
    '// TextEncoder/TextDecoder where the runtime has none. Do not edit.\n' +
    "'use strict';\n" +
    "const { TextEncoder, TextDecoder } = require('./text-codec.js');\n\n";
  const footer =
    '\nmodule.exports = {\n' +
    [...names].map(([as, local]) => `    ${as === local ? as : `${JSON.stringify(as)}: ${local}`},`).join('\n') +
    '\n};\n';
  return header + out.trimEnd() + '\n' + footer;
}

/** Runs the generated CommonJS once, in a context without TextEncoder/Decoder. */
function checkCommonJs(files) {
  const context = vm.createContext({ console });
  vm.runInContext('delete globalThis.WebAssembly;', context);
  const cache = new Map();
  const requireIn = (name) => {
    const file = name.replace(/^\.\//, '');
    if (!(file in files)) fail(`${name} requires a file that is not generated`);
    if (!cache.has(file)) {
      const module = { exports: {} };
      cache.set(file, module);
      const wrapper = vm.runInContext(`(function (exports, require, module) {${files[file]}\n})`, context, {
        filename: `miniprogram/${file}`,
      });
      wrapper.call(module.exports, module.exports, requireIn, module);
    }
    return cache.get(file).exports;
  };
  const glue = requireIn('./shouhoubao.js');
  for (const name of [...API, 'initSync', 'init', 'default', '__wbg_get_imports', '__wbg_finalize_init']) {
    if (typeof glue[name] !== 'function') fail(`miniprogram/shouhoubao.js does not export the function ${name}`);
  }
  const imports = glue.__wbg_get_imports();
  if (!imports || typeof imports['./shouhoubao_bg.js'] !== 'object')
    fail('__wbg_get_imports() has an unexpected shape');
  const index = requireIn('./index.js');
  for (const name of [...API, 'load']) {
    if (typeof index[name] !== 'function') fail(`miniprogram/index.js does not export the function ${name}`);
  }
  const worker = requireIn('./worker.js');
  for (const name of ['serve', 'connect', 'webChannel', 'miniProgramChannel']) {
    if (typeof worker[name] !== 'function') fail(`miniprogram/worker.js does not export the function ${name}`);
  }
}

/** The public names declared in the API part of shouhoubao.d.ts. */
function publicDeclarations(dts) {
  const cut = dts.indexOf('export type InitInput');
  if (cut < 0) fail('shouhoubao.d.ts has no `export type InitInput`');
  const api = dts.slice(0, cut);
  if (/^import\s/m.test(api)) fail('the API part of shouhoubao.d.ts imports other modules');
  const values = [];
  const types = [];
  for (const m of api.matchAll(/^export (?:declare )?(class|function|interface|type|enum) ([A-Za-z_$][\w$]*)/gm)) {
    const [, kind, name] = m;
    if (kind === 'class' || kind === 'function') {
      if (!values.includes(name)) values.push(name);
    } else if (!types.includes(name)) {
      types.push(name);
    }
  }
  for (const name of API) if (!values.includes(name)) fail(`shouhoubao.d.ts does not declare ${name}`);
  for (const name of ['Order', 'PolicySnapshot', 'Eligibility', 'EngineError', 'EngineOptions']) {
    if (!types.includes(name)) fail(`shouhoubao.d.ts does not declare the type ${name}`);
  }
  return { values, types, api };
}

// The types of miniprogram/shouhoubao.js: the public part of ../shouhoubao.d.ts
// (everything before InitInput), copied so that the CommonJS folder does not
// import the ES module's declarations (an error under moduleResolution node16)
// and stays typed once WeChat's npm build has copied it alone.
function glueDts({ api }) {
  return (
    '// Generated by shouhoubao-wasm/finish-pkg.mjs: the public API part of ../shouhoubao.d.ts,\n' +
    '// for the CommonJS build of the glue. Do not edit.\n' +
    api.replace(/^\/\* (tslint:disable|eslint-disable) \*\/\n/gm, '').trimEnd() +
    '\n\n' +
    '/** The wasm imports object (for the mini-program loader). */\n' +
    'export function __wbg_get_imports(): Record<string, Record<string, unknown>>;\n' +
    '/** Adopts an instance made from those imports (for the mini-program loader). */\n' +
    'export function __wbg_finalize_init(instance: { readonly exports: object }, module?: unknown): object;\n'
  );
}

function writeMiniprogram() {
  const glue = read(GLUE);
  const dts = read(DTS);
  const declarations = publicDeclarations(dts);
  const index = readFileSync(join(MINI_SOURCES, 'index.js'), 'utf8');
  if (!index.includes(`const DEFAULT_PATH = '${DEFAULT_WASM_PATH}';`)) {
    fail(`js/miniprogram/index.js does not load ${DEFAULT_WASM_PATH} by default`);
  }
  const files = {
    'text-codec.js': readFileSync(join(MINI_SOURCES, 'text-codec.js'), 'utf8'),
    'shouhoubao.js': glueToCommonJs(glue),
    'boundary.js': snippetToCommonJs(read(snippetPath(glue))),
    'index.js': index,
    [WORKER_CORE]: snippetToCommonJs(readFileSync(join(JS_SOURCES, WORKER_CORE), 'utf8'), `js/${WORKER_CORE}`),
    [WORKER]: readFileSync(join(MINI_SOURCES, WORKER), 'utf8'),
    ...Object.fromEntries(
      ENTRY_MODULES.map((file) => [file, moduleToCommonJs(readFileSync(join(JS_SOURCES, file), 'utf8'), `js/${file}`)]),
    ),
  };
  checkCommonJs(files);

  rmSync(mini, { recursive: true, force: true });
  mkdirSync(mini, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(mini, file), text);
  copyFileSync(join(MINI_SOURCES, 'index.d.ts'), join(mini, 'index.d.ts'));
  copyFileSync(join(MINI_SOURCES, WORKER_DTS), join(mini, WORKER_DTS));
  copyFileSync(join(JS_SOURCES, WORKER_CORE_DTS), join(mini, WORKER_CORE_DTS));
  copyFileSync(join(pkg, COUNTDOWN_DTS), join(mini, COUNTDOWN_DTS));
  copyFileSync(join(JS_SOURCES, ENGINE_DTS), join(mini, ENGINE_DTS));
  writeFileSync(join(mini, `${NAME}.d.ts`), glueDts(declarations));
  // The package is "type": "module"; these files are CommonJS.
  writeFileSync(
    join(mini, 'package.json'),
    JSON.stringify({ type: 'commonjs', main: 'index.js', types: 'index.d.ts' }, null, 2) + '\n',
  );
  const wasm = readFileSync(join(pkg, WASM));
  writeFileSync(join(mini, WASM), wasm);
  writeFileSync(
    join(mini, WASM_BR),
    brotliCompressSync(wasm, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY,
        [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_GENERIC,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: wasm.length,
      },
    }),
  );
}

// ---------------------------------------------------------------------------
// b) shouhoubao/worker for the web
// ---------------------------------------------------------------------------

function writeWebWorker() {
  const entry = readFileSync(join(JS_SOURCES, WORKER), 'utf8');
  if (!/^import init, \{ Engine \} from '\.\/index\.js';$/m.test(entry)) {
    fail(`js/${WORKER} does not import init and Engine from ./${ENTRY}`);
  }
  // The worker's glue is the entry's: the same boundary snippet, one module instance.
  const pointed = replaceExactly(
    entry,
    /'\.\/BOUNDARY_SNIPPET'/,
    `'./${snippetPath(read(GLUE))}'`,
    1,
    `the boundary import of js/${WORKER}`,
  );
  writeFileSync(join(pkg, WORKER), pointed);
  for (const file of [WORKER_CORE, WORKER_DTS, WORKER_CORE_DTS]) copyFileSync(join(JS_SOURCES, file), join(pkg, file));
}

// ---------------------------------------------------------------------------
// d) sizes
// ---------------------------------------------------------------------------

/** The module's budget: gzip -9 bytes (BENCHMARKS.md, "Size"). */
const WASM_GZIP_BUDGET = 50_000;

function printSizes() {
  const gzip = (buf) => gzipSync(buf, { level: zlibConstants.Z_BEST_COMPRESSION }).length;
  const wasmGzip = gzip(readFileSync(join(pkg, WASM)));
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(10);
  const rows = [
    [WASM, readFileSync(join(pkg, WASM))],
    [GLUE, readFileSync(join(pkg, GLUE))],
    [
      'miniprogram/*.js',
      Buffer.concat(['index.js', 'shouhoubao.js', 'text-codec.js'].map((f) => readFileSync(join(mini, f)))),
    ],
    [`${WORKER} + ${WORKER_CORE}`, Buffer.concat([WORKER, WORKER_CORE].map((f) => readFileSync(join(pkg, f))))],
    [`miniprogram/worker*.js`, Buffer.concat([WORKER, WORKER_CORE].map((f) => readFileSync(join(mini, f))))],
  ];
  console.log('package sizes (raw, gzip -9):');
  for (const [name, buf] of rows) {
    const z = gzip(buf);
    console.log(
      `  ${name.padEnd(26)} ${String(buf.length).padStart(8)} B ${kib(buf.length)}   ${String(z).padStart(8)} B ${kib(z)}`,
    );
  }
  const br = readFileSync(join(mini, WASM_BR)).length;
  console.log(`  ${`miniprogram/${WASM_BR}`.padEnd(26)} ${String(br).padStart(8)} B ${kib(br)}   (brotli 11)`);
  // The profiling build keeps function names: over budget by design.
  if (wasmGzip > WASM_GZIP_BUDGET && !pkg.endsWith('-profiling')) {
    throw new Error(`finish-pkg: ${WASM} is ${wasmGzip} B gzip -9, over the budget of ${WASM_GZIP_BUDGET} B`);
  }
}

try {
  const manifest = writePackageJson();
  writeEntry();
  writeWebWorker();
  writeMiniprogram();
  console.log(`pkg/ finished: ${manifest.name}@${manifest.version}, with worker.js and miniprogram/ (CommonJS)`);
  printSizes();
} catch (error) {
  console.error(error instanceof ShapeError ? error.message : error);
  process.exit(1);
}
