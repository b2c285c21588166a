// WeChat's mini-program runtime, as far as shouhoubao meets it, inside the
// `jsc` shell (JavaScriptCore, Debian's libjavascriptcoregtk-4.0-bin):
//
//   - `WXWebAssembly.instantiate(path, imports)` takes only the path of a
//     .wasm inside the code package (here: a file path, read with
//     readFile(path, 'binary')); there is no global `WebAssembly`;
//   - on iOS, exports of kind Global are not supported: instantiating a
//     module that exports one fails here too;
//   - no TextEncoder / TextDecoder, no fetch (the jsc shell has none);
//   - CommonJS `require`, as the developer tools' 构建 npm leaves the package.
//
// With `jsc --useJIT=false` this is the iOS logic layer: JavaScriptCore
// without JIT, where apps may not generate code. Shared by the tests
// (tests/jsc/run.sh) and the benchmarks (perf/jsc.mjs).
//
//   import { requireFile, console } from './wechat.mjs';
//   const shouhoubao = requireFile('pkg/miniprogram/index.js');
//   await shouhoubao.load({ path: 'pkg/miniprogram/shouhoubao_bg.wasm' });

/* global print, read, readFile, preciseTime */

const Wasm = globalThis.WebAssembly;
delete globalThis.WebAssembly;

/** Export kinds WXWebAssembly accepts on iOS. */
const SUPPORTED_EXPORT_KINDS = ['function', 'memory', 'table'];

globalThis.WXWebAssembly = {
  async instantiate(path, imports) {
    if (typeof path !== 'string') throw new TypeError('WXWebAssembly.instantiate takes a path in the code package');
    const module = new Wasm.Module(readFile(path, 'binary'));
    const unsupported = Wasm.Module.exports(module).filter((e) => !SUPPORTED_EXPORT_KINDS.includes(e.kind));
    if (unsupported.length) {
      throw new Error(
        `WXWebAssembly (iOS): unsupported exports ${unsupported.map((e) => `${e.name} (${e.kind})`).join(', ')}`,
      );
    }
    const instance = await Wasm.instantiate(module, imports);
    return { instance, module };
  },
};

/** The module's exports with their kinds (for the tests). */
export function exportKinds(path) {
  return Wasm.Module.exports(new Wasm.Module(readFile(path, 'binary')));
}

/** `console`, as the runtime has one (the jsc shell prints instead). */
export const console = globalThis.console ?? {
  log: (...args) => print(args.join(' ')),
  warn: (...args) => print(args.join(' ')),
  error: (...args) => print(args.join(' ')),
};
globalThis.console = console;

/** Milliseconds, for timing. */
export const now = () => preciseTime() * 1000;

const cache = new Map();

const dirOf = (path) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.');

function resolve(from, request) {
  if (!request.startsWith('./') && !request.startsWith('../'))
    throw new Error(`require(${request}): only relative paths`);
  const parts = from === '.' ? [] : from.split('/');
  for (const piece of request.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  const path = parts.join('/');
  return path.endsWith('.js') ? path : `${path}.js`;
}

/** Loads a CommonJS file (paths relative to the working directory). */
export function requireFile(path) {
  if (cache.has(path)) return cache.get(path).exports;
  const module = { exports: {} };
  cache.set(path, module);
  const body = new Function('module', 'exports', 'require', read(path));
  body(module, module.exports, (request) => requireFile(resolve(dirOf(path), request)));
  return module.exports;
}

/** Runs a CommonJS file afresh (not from the cache), as a new Worker runs its script; its exports. */
export function runFile(path) {
  cache.delete(path);
  return requireFile(path);
}
