#!/usr/bin/env node
// Finishes the npm package that `wasm-pack build --target web` left in pkg/:
//
//   a) rewrites pkg/package.json fit to publish (exports map, files, types…)
//      and adds the policy snapshot's JSON Schema (docs/policy.schema.json);
//   b) generates pkg/miniprogram/, a CommonJS build for WeChat and Alipay
//      mini-programs (no fetch, no WebAssembly.Module, no TextEncoder/Decoder:
//      WXWebAssembly.instantiate takes a path inside the code package);
//   c) prints the raw and gzip -9 sizes of the wasm and the JS.
//
// Run by scripts/build-pkg.sh after wasm-pack (`node scripts/finish-pkg.mjs
// [PKG_DIR]`, default pkg/). Node built-ins only. Any
// surprise in what wasm-pack generated is an error (exit status 1): better a
// failed build than a package that breaks in a mini-program.

import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { gzipSync, constants as zlibConstants } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The package directory: pkg/, or the one given (tests run the script on copies).
const pkg = resolve(process.argv[2] ?? join(root, 'pkg'));
const mini = join(pkg, 'miniprogram');

const NAME = 'shouhoubao';
const GLUE = `${NAME}.js`;
const WASM = `${NAME}_bg.wasm`;
const DTS = `${NAME}.d.ts`;
const WASM_DTS = `${NAME}_bg.wasm.d.ts`;
/** The policy snapshot's JSON Schema, generated from the Rust input types. */
const SCHEMA = 'policy.schema.json';
/** Where WeChat's "构建 npm" puts the package (the `miniprogram` folder's content). */
const DEFAULT_WASM_PATH = `/miniprogram_npm/${NAME}/${WASM}`;
/** The API the glue must export (contract §7), beside init and initSync. */
const API = ['Engine', 'evaluate', 'defaultPolicy', 'version'];

class ShapeError extends Error {}

function fail(message) {
  throw new ShapeError(`finish-pkg: ${message}\n` +
    'The wasm-bindgen glue no longer has the shape scripts/finish-pkg.mjs expects; ' +
    'update the transform rather than shipping a broken mini-program build.');
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
  if (generated.name !== NAME) fail(`pkg/package.json is named ${JSON.stringify(generated.name)}, not ${NAME}`);
  if (typeof generated.version !== 'string' || !/^\d+\.\d+\.\d+/.test(generated.version)) {
    fail(`pkg/package.json has no usable version (${JSON.stringify(generated.version)})`);
  }
  const manifest = {
    name: NAME,
    version: generated.version,
    description: generated.description ??
      '售后保 after-sales eligibility engine: how long each order\'s after-sales door stays open, and why.',
    license: 'MIT OR Apache-2.0',
    repository: generated.repository ?? { type: 'git', url: 'https://github.com/shouhoubao/shouhoubao' },
    keywords: [...new Set([...(generated.keywords ?? []), 'taobao', 'after-sales', 'wasm', 'webassembly',
      'eligibility', 'warranty', 'miniprogram'])],
    type: 'module',
    files: [GLUE, DTS, WASM, WASM_DTS, SCHEMA, 'snippets/', 'miniprogram/'],
    main: GLUE,
    module: GLUE,
    types: DTS,
    sideEffects: false,
    exports: {
      '.': { types: `./${DTS}`, import: `./${GLUE}`, default: `./${GLUE}` },
      './miniprogram': {
        types: './miniprogram/index.d.ts',
        require: './miniprogram/index.js',
        default: './miniprogram/index.js',
      },
      [`./${WASM}`]: `./${WASM}`,
      [`./${SCHEMA}`]: `./${SCHEMA}`,
      './package.json': './package.json',
    },
    // WeChat's 构建 npm copies this folder to miniprogram_npm/shouhoubao/.
    miniprogram: 'miniprogram',
  };
  writeFileSync(join(pkg, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  // `cargo test` (tests/cli.rs) keeps docs/ equal to `shouhoubao policy --schema`.
  const schema = join(root, 'docs', SCHEMA);
  if (!existsSync(schema)) fail(`${schema} is missing`);
  copyFileSync(schema, join(pkg, SCHEMA));
  return manifest;
}

// ---------------------------------------------------------------------------
// b) the mini-program build
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

/** The boundary snippet (an ES module of `export function`s) as CommonJS. */
function snippetToCommonJs(text) {
  const exported = [];
  let out = text.replace(/^export function ([A-Za-z_$][\w$]*)/gm, (_, name) => {
    exported.push(name);
    return `function ${name}`;
  });
  if (/^\s*(export|import)\b/m.test(out)) fail('js/boundary.js has an export or import other than `export function`');
  if (exported.length === 0) fail('js/boundary.js exports nothing');
  out = "'use strict';\n// Generated by scripts/finish-pkg.mjs from js/boundary.js. Do not edit.\n" + out;
  return `${out.trimEnd()}\n\nmodule.exports = { ${exported.join(', ')} };\n`;
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
  for (const item of tails[0][1].split(',').map((s) => s.trim()).filter(Boolean)) {
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
    '// Generated by scripts/finish-pkg.mjs from ../shouhoubao.js (wasm-bindgen\'s\n' +
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
      const wrapper = vm.runInContext(
        `(function (exports, require, module) {${files[file]}\n})`,
        context,
        { filename: `miniprogram/${file}` },
      );
      wrapper.call(module.exports, module.exports, requireIn, module);
    }
    return cache.get(file).exports;
  };
  const glue = requireIn('./shouhoubao.js');
  for (const name of [...API, 'initSync', 'init', 'default', '__wbg_get_imports', '__wbg_finalize_init']) {
    if (typeof glue[name] !== 'function') fail(`miniprogram/shouhoubao.js does not export the function ${name}`);
  }
  const imports = glue.__wbg_get_imports();
  if (!imports || typeof imports['./shouhoubao_bg.js'] !== 'object') fail('__wbg_get_imports() has an unexpected shape');
  const index = requireIn('./index.js');
  for (const name of [...API, 'load']) {
    if (typeof index[name] !== 'function') fail(`miniprogram/index.js does not export the function ${name}`);
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

const TEXT_CODEC = String.raw`'use strict';
// UTF-8 TextEncoder and TextDecoder after the WHATWG Encoding Standard, for
// runtimes that have none (WeChat and Alipay mini-programs). Where the
// runtime has them, the native classes are exported instead. Generated by
// scripts/finish-pkg.mjs.

var UTF8_LABELS = ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8'];
var toTag = Object.prototype.toString;

function isBufferLike(value) {
  var tag = toTag.call(value);
  return tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]';
}

function toBytes(input) {
  if (input === undefined) return new Uint8Array(0);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (isBufferLike(input)) return new Uint8Array(input);
  throw new TypeError('TextDecoder.decode: the input must be an ArrayBuffer or an ArrayBufferView');
}

// Writes the UTF-8 of string s into bytes from 0, as far as whole code points
// fit; lone surrogates become U+FFFD. Returns [UTF-16 units read, bytes written].
function writeUtf8(s, bytes) {
  var length = s.length;
  var capacity = bytes.length;
  var read = 0;
  var written = 0;
  while (read < length) {
    var c = s.charCodeAt(read);
    var units = 1;
    if (c >= 0xD800 && c <= 0xDFFF) {
      var next = read + 1 < length ? s.charCodeAt(read + 1) : 0;
      if (c <= 0xDBFF && next >= 0xDC00 && next <= 0xDFFF) {
        c = 0x10000 + ((c - 0xD800) << 10) + (next - 0xDC00);
        units = 2;
      } else {
        c = 0xFFFD;
      }
    }
    if (c < 0x80) {
      if (written + 1 > capacity) break;
      bytes[written++] = c;
    } else if (c < 0x800) {
      if (written + 2 > capacity) break;
      bytes[written++] = 0xC0 | (c >> 6);
      bytes[written++] = 0x80 | (c & 0x3F);
    } else if (c < 0x10000) {
      if (written + 3 > capacity) break;
      bytes[written++] = 0xE0 | (c >> 12);
      bytes[written++] = 0x80 | ((c >> 6) & 0x3F);
      bytes[written++] = 0x80 | (c & 0x3F);
    } else {
      if (written + 4 > capacity) break;
      bytes[written++] = 0xF0 | (c >> 18);
      bytes[written++] = 0x80 | ((c >> 12) & 0x3F);
      bytes[written++] = 0x80 | ((c >> 6) & 0x3F);
      bytes[written++] = 0x80 | (c & 0x3F);
    }
    read += units;
  }
  return [read, written];
}

function utf8Length(s) {
  var n = 0;
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length &&
             s.charCodeAt(i + 1) >= 0xDC00 && s.charCodeAt(i + 1) <= 0xDFFF) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

function Utf8TextEncoder() {
  if (!(this instanceof Utf8TextEncoder)) throw new TypeError("Constructor TextEncoder requires 'new'");
}
Object.defineProperty(Utf8TextEncoder.prototype, 'encoding', { get: function () { return 'utf-8'; }, configurable: true });
Utf8TextEncoder.prototype.encode = function encode(input) {
  var s = input === undefined ? '' : String(input);
  var bytes = new Uint8Array(utf8Length(s));
  writeUtf8(s, bytes);
  return bytes;
};
Utf8TextEncoder.prototype.encodeInto = function encodeInto(source, destination) {
  if (toTag.call(destination) !== '[object Uint8Array]') {
    throw new TypeError('TextEncoder.encodeInto: the destination must be a Uint8Array');
  }
  var done = writeUtf8(String(source), destination);
  return { read: done[0], written: done[1] };
};

function Utf8TextDecoder(label, options) {
  if (!(this instanceof Utf8TextDecoder)) throw new TypeError("Constructor TextDecoder requires 'new'");
  var name = label === undefined ? 'utf-8' : String(label).replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').toLowerCase();
  if (UTF8_LABELS.indexOf(name) < 0) {
    throw new RangeError('TextDecoder: this build decodes UTF-8 only, not ' + JSON.stringify(String(label)));
  }
  this._fatal = !!(options && options.fatal);
  this._ignoreBOM = !!(options && options.ignoreBOM);
  this._doNotFlush = false;
  this._reset();
}
Object.defineProperty(Utf8TextDecoder.prototype, 'encoding', { get: function () { return 'utf-8'; }, configurable: true });
Object.defineProperty(Utf8TextDecoder.prototype, 'fatal', { get: function () { return this._fatal; }, configurable: true });
Object.defineProperty(Utf8TextDecoder.prototype, 'ignoreBOM', { get: function () { return this._ignoreBOM; }, configurable: true });
Utf8TextDecoder.prototype._reset = function () {
  this._codePoint = 0;
  this._needed = 0;
  this._seen = 0;
  this._lower = 0x80;
  this._upper = 0xBF;
  this._bomSeen = false;
};
Utf8TextDecoder.prototype.decode = function decode(input, options) {
  if (!this._doNotFlush) this._reset();
  this._doNotFlush = !!(options && options.stream);
  var bytes = toBytes(input);
  var self = this;
  var out = '';
  var units = [];
  function emit(c) {
    if (!self._ignoreBOM && !self._bomSeen) {
      self._bomSeen = true;
      if (c === 0xFEFF) return;
    }
    if (c > 0xFFFF) {
      c -= 0x10000;
      units.push(0xD800 + (c >> 10), 0xDC00 + (c & 0x3FF));
    } else {
      units.push(c);
    }
    if (units.length >= 8192) {
      out += String.fromCharCode.apply(null, units);
      units = [];
    }
  }
  function error() {
    if (self._fatal) {
      self._doNotFlush = false;
      self._reset();
      throw new TypeError('TextDecoder.decode: the data is not valid UTF-8');
    }
    emit(0xFFFD);
  }
  var i = 0;
  var length = bytes.length;
  while (i < length) {
    var b = bytes[i];
    if (this._needed === 0) {
      i++;
      if (b <= 0x7F) {
        emit(b);
      } else if (b >= 0xC2 && b <= 0xDF) {
        this._needed = 1;
        this._codePoint = b & 0x1F;
      } else if (b >= 0xE0 && b <= 0xEF) {
        if (b === 0xE0) this._lower = 0xA0;
        if (b === 0xED) this._upper = 0x9F;
        this._needed = 2;
        this._codePoint = b & 0x0F;
      } else if (b >= 0xF0 && b <= 0xF4) {
        if (b === 0xF0) this._lower = 0x90;
        if (b === 0xF4) this._upper = 0x8F;
        this._needed = 3;
        this._codePoint = b & 0x07;
      } else {
        error();
      }
      continue;
    }
    if (b < this._lower || b > this._upper) {
      // The byte is not consumed: it starts over as a lead byte.
      this._codePoint = this._needed = this._seen = 0;
      this._lower = 0x80;
      this._upper = 0xBF;
      error();
      continue;
    }
    i++;
    this._lower = 0x80;
    this._upper = 0xBF;
    this._codePoint = (this._codePoint << 6) | (b & 0x3F);
    this._seen++;
    if (this._seen === this._needed) {
      var c = this._codePoint;
      this._codePoint = this._needed = this._seen = 0;
      emit(c);
    }
  }
  if (!this._doNotFlush && this._needed !== 0) {
    this._codePoint = this._needed = this._seen = 0;
    this._lower = 0x80;
    this._upper = 0xBF;
    error();
  }
  if (units.length) out += String.fromCharCode.apply(null, units);
  return out;
};

module.exports = {
  TextEncoder: typeof TextEncoder === 'function' ? TextEncoder : Utf8TextEncoder,
  TextDecoder: typeof TextDecoder === 'function' ? TextDecoder : Utf8TextDecoder,
  // The fallbacks themselves, whatever the runtime has (for tests).
  Utf8TextEncoder: Utf8TextEncoder,
  Utf8TextDecoder: Utf8TextDecoder,
};
`;

const INDEX_JS = `'use strict';
// shouhoubao for mini-programs. WeChat: WXWebAssembly.instantiate(path, imports)
// takes only a path to a .wasm inside the code package. Alipay: MYWebAssembly,
// inside a Worker. Generated by scripts/finish-pkg.mjs.
//
//   const { load, Engine } = require('shouhoubao');
//   await load();                       // or load({ path, instantiate })
//   const answer = new Engine().evaluate(order, Date.now());

const glue = require('./shouhoubao.js');

const DEFAULT_PATH = ${JSON.stringify(DEFAULT_WASM_PATH)};

function wxInstantiate(path, imports) {
  if (typeof WXWebAssembly === 'undefined') {
    throw new Error('shouhoubao: WXWebAssembly is not available here; pass load({ instantiate })');
  }
  return WXWebAssembly.instantiate(path, imports);
}

let loading = null;

/**
 * Instantiates the engine once; later calls return the same promise. Resolves
 * to this module (Engine, evaluate, defaultPolicy, version).
 */
function load(options) {
  if (loading) return loading;
  const opts = options == null ? {} : options;
  const path = opts.path == null ? DEFAULT_PATH : opts.path;
  const instantiate = opts.instantiate == null ? wxInstantiate : opts.instantiate;
  loading = new Promise(function (resolve) {
    if (typeof path !== 'string') {
      throw new TypeError('shouhoubao: load({ path }) takes the .wasm file\\'s path in the code package, as a string');
    }
    if (typeof instantiate !== 'function') throw new TypeError('shouhoubao: load({ instantiate }) takes a function');
    resolve(instantiate(path, glue.__wbg_get_imports()));
  }).then(function (result) {
    // { instance, module } as WebAssembly.instantiate(bytes) gives, or the instance.
    const instance = result && result.instance ? result.instance : result;
    const module = result && result.instance ? result.module : undefined;
    if (!instance || !instance.exports || typeof instance.exports.__wbindgen_start !== 'function') {
      throw new Error('shouhoubao: instantiate(' + JSON.stringify(path) + ') gave no shouhoubao instance');
    }
    glue.__wbg_finalize_init(instance, module);
    return api;
  });
  loading.catch(function () { loading = null; });
  return loading;
}

const api = {
  load: load,
  Engine: glue.Engine,
  evaluate: glue.evaluate,
  defaultPolicy: glue.defaultPolicy,
  version: glue.version,
  DEFAULT_WASM_PATH: DEFAULT_PATH,
};

module.exports = api;
`;

// The types of miniprogram/shouhoubao.js: the public part of ../shouhoubao.d.ts
// (everything before InitInput), copied so that the CommonJS folder does not
// import the ES module's declarations (an error under moduleResolution node16)
// and stays typed once WeChat's npm build has copied it alone.
function glueDts({ api }) {
  return '// Generated by scripts/finish-pkg.mjs: the public API part of ../shouhoubao.d.ts,\n' +
    '// for the CommonJS build of the glue. Do not edit.\n' +
    api.replace(/^\/\* (tslint:disable|eslint-disable) \*\/\n/gm, '').trimEnd() + '\n\n' +
    '/** The wasm imports object (for the mini-program loader). */\n' +
    'export function __wbg_get_imports(): Record<string, Record<string, unknown>>;\n' +
    '/** Adopts an instance made from those imports (for the mini-program loader). */\n' +
    'export function __wbg_finalize_init(instance: { readonly exports: object }, module?: unknown): object;\n';
}

function indexDts({ values, types }) {
  const exportedValues = API.filter((name) => values.includes(name));
  return `// Types of the mini-program entry (generated by scripts/finish-pkg.mjs).
import type { ${exportedValues.join(', ')} } from './${NAME}.js';

export { ${exportedValues.join(', ')} } from './${NAME}.js';
export type {
    ${types.join(',\n    ')},
} from './${NAME}.js';

/** A WebAssembly instance, as WXWebAssembly / MYWebAssembly give it. */
export interface WasmInstanceLike {
    readonly exports: object;
}

/** What an instantiate function may resolve to. */
export type InstantiateResult = { instance: WasmInstanceLike; module?: unknown } | WasmInstanceLike;

/** Instantiates the .wasm at \`path\` (in the code package) with \`imports\`. */
export type Instantiate = (
    path: string,
    imports: Record<string, Record<string, unknown>>,
) => PromiseLike<InstantiateResult> | InstantiateResult;

export interface LoadOptions {
    /** The .wasm's path in the code package; default \`${DEFAULT_WASM_PATH}\`. */
    path?: string;
    /** Default: \`(p, imports) => WXWebAssembly.instantiate(p, imports)\`. Alipay: MYWebAssembly, in a Worker. */
    instantiate?: Instantiate;
}

/** This module, as \`load()\` resolves it. */
export interface MiniProgramApi {
    load: typeof load;
    Engine: typeof Engine;
    evaluate: typeof evaluate;
    defaultPolicy: typeof defaultPolicy;
    version: typeof version;
    readonly DEFAULT_WASM_PATH: string;
}

/** Instantiates the engine once (later calls return the same promise); await it before using Engine. */
export function load(options?: LoadOptions): Promise<MiniProgramApi>;

/** \`${DEFAULT_WASM_PATH}\` */
export const DEFAULT_WASM_PATH: string;
`;
}

function writeMiniprogram() {
  const glue = read(GLUE);
  const dts = read(DTS);
  const declarations = publicDeclarations(dts);
  const files = {
    'text-codec.js': TEXT_CODEC,
    'shouhoubao.js': glueToCommonJs(glue),
    'boundary.js': snippetToCommonJs(read(snippetPath(glue))),
    'index.js': INDEX_JS,
  };
  checkCommonJs(files);

  rmSync(mini, { recursive: true, force: true });
  mkdirSync(mini, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(mini, file), text);
  writeFileSync(join(mini, 'index.d.ts'), indexDts(declarations));
  writeFileSync(join(mini, `${NAME}.d.ts`), glueDts(declarations));
  // The package is "type": "module"; these files are CommonJS.
  writeFileSync(join(mini, 'package.json'), JSON.stringify({ type: 'commonjs', main: 'index.js', types: 'index.d.ts' }, null, 2) + '\n');
  copyFileSync(join(pkg, WASM), join(mini, WASM));
}

// ---------------------------------------------------------------------------
// c) sizes
// ---------------------------------------------------------------------------

/** The module's budget: gzip -9 bytes (README, "Fixed choices"). */
const WASM_GZIP_BUDGET = 50_000;

function printSizes() {
  const gzip = (buf) => gzipSync(buf, { level: zlibConstants.Z_BEST_COMPRESSION }).length;
  const wasmGzip = gzip(readFileSync(join(pkg, WASM)));
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(10);
  const rows = [
    [WASM, readFileSync(join(pkg, WASM))],
    [GLUE, readFileSync(join(pkg, GLUE))],
    ['miniprogram/*.js', Buffer.concat(['index.js', 'shouhoubao.js', 'text-codec.js'].map((f) => readFileSync(join(mini, f))))],
  ];
  console.log('package sizes (raw, gzip -9):');
  for (const [name, buf] of rows) {
    const z = gzip(buf);
    console.log(`  ${name.padEnd(20)} ${String(buf.length).padStart(8)} B ${kib(buf.length)}   ${String(z).padStart(8)} B ${kib(z)}`);
  }
  // The profiling build keeps function names: over budget by design.
  if (wasmGzip > WASM_GZIP_BUDGET && !pkg.endsWith('-profiling')) {
    throw new Error(`finish-pkg: ${WASM} is ${wasmGzip} B gzip -9, over the budget of ${WASM_GZIP_BUDGET} B`);
  }
}

try {
  const manifest = writePackageJson();
  writeMiniprogram();
  console.log(`pkg/ finished: ${manifest.name}@${manifest.version}, with miniprogram/ (CommonJS)`);
  printSizes();
} catch (error) {
  console.error(error instanceof ShapeError ? error.message : error);
  process.exit(1);
}
