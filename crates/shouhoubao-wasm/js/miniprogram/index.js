'use strict';
// shouhoubao for mini-programs. WeChat: WXWebAssembly.instantiate(path, imports)
// takes only a path to a .wasm (or .wasm.br) inside the code package. Alipay:
// MYWebAssembly, inside a Worker. Douyin: TTWebAssembly. load() uses whichever
// exists, in that order. Copied into the package by shouhoubao-wasm/finish-pkg.mjs.
//
//   const { load, Engine } = require('shouhoubao');
//   await load();                       // or load({ path, instantiate })
//   const answer = new Engine().evaluate(order, Date.now());

const glue = require('./shouhoubao.js');
const boundary = require('./boundary.js');
const engineModule = require('./engine.js');
const countdown = require('./countdown.js');

const DEFAULT_PATH = '/miniprogram_npm/shouhoubao/shouhoubao_bg.wasm';

/** @typedef {import('./index.js').LoadOptions} LoadOptions */
/** @typedef {import('./index.js').MiniProgramApi} MiniProgramApi */
/** @typedef {BufferSource | WebAssembly.Module} WasmSource the .wasm's bytes, or the module compiled */

/**
 * What an instantiate resolved to, as load() reads it: `{ instance, module }`
 * (as WebAssembly.instantiate(bytes) gives it) or the instance; it may be
 * anything (the platform's, or the caller's function), and is checked below.
 * @typedef {{ instance?: Instantiated, module?: unknown, exports?: { __wbindgen_start?: unknown } }
 *   | null | undefined} Instantiated
 */

/**
 * The platform's instantiate: WXWebAssembly, MYWebAssembly or TTWebAssembly, whichever exists.
 * @param {string} path
 * @param {Record<string, Record<string, unknown>>} imports
 * @returns {Promise<unknown>}
 */
function platformInstantiate(path, imports) {
  if (typeof WXWebAssembly !== 'undefined') return WXWebAssembly.instantiate(path, imports);
  if (typeof MYWebAssembly !== 'undefined') return MYWebAssembly.instantiate(path, imports);
  if (typeof TTWebAssembly !== 'undefined') return TTWebAssembly.instantiate(path, imports);
  throw new Error(
    'shouhoubao: WXWebAssembly, MYWebAssembly and TTWebAssembly are not available here; pass load({ instantiate })',
  );
}

/** @type {Promise<MiniProgramApi> | null} */
let loading = null;
/** Whether load() has instantiated the module. */
let ready = false;

/** The public Engine (engine.js): typed misuse errors, compact answers, watch. */
const Engine = engineModule.extendEngine(glue.Engine, {
  isReady: function () {
    return ready;
  },
  howToLoad: 'call `await load()` first',
  setCompactAnswers: boundary.setCompactAnswers,
});

/** Throws NOT_INITIALISED until load() has resolved. */
function requireReady() {
  if (!ready)
    throw engineModule.engineError(
      'NOT_INITIALISED',
      '',
      "the engine's WebAssembly module is not loaded yet: call `await load()` first",
    );
}

/**
 * Instantiates the engine once; later calls return the same promise. Resolves
 * to this module (Engine, evaluate, defaultPolicy, version).
 * @param {LoadOptions} [options]
 * @returns {Promise<MiniProgramApi>}
 */
function load(options) {
  if (loading) return loading;
  /** @type {LoadOptions} */
  const opts = options == null ? {} : options;
  const path = opts.path == null ? DEFAULT_PATH : opts.path;
  const instantiate = opts.instantiate == null ? platformInstantiate : opts.instantiate;
  loading = new Promise(function (/** @type {(result: Instantiated | PromiseLike<Instantiated>) => void} */ resolve) {
    if (typeof path !== 'string') {
      throw new TypeError("shouhoubao: load({ path }) takes the .wasm file's path in the code package, as a string");
    }
    if (typeof instantiate !== 'function') throw new TypeError('shouhoubao: load({ instantiate }) takes a function');
    // Whatever it gives (the platform's or the caller's instantiate): checked below.
    resolve(/** @type {Instantiated | PromiseLike<Instantiated>} */ (instantiate(path, glue.__wbg_get_imports())));
  }).then(function (result) {
    // { instance, module } as WebAssembly.instantiate(bytes) gives, or the instance.
    const instance = result && result.instance ? result.instance : result;
    const module = result && result.instance ? result.module : undefined;
    if (!instance || !instance.exports || typeof instance.exports.__wbindgen_start !== 'function') {
      throw new Error('shouhoubao: instantiate(' + JSON.stringify(path) + ') gave no shouhoubao instance');
    }
    glue.__wbg_finalize_init(/** @type {{ exports: object }} */ (instance), module); // checked above
    ready = true;
    return api;
  });
  loading.catch(function () {
    loading = null;
  });
  return loading;
}

/**
 * Instantiates the engine synchronously from the .wasm's bytes or a compiled
 * WebAssembly.Module (Node's CommonJS entry, node.cjs: mini-programs have no
 * synchronous WebAssembly). Returns this module.
 * @param {(WasmSource & { module?: undefined }) | { module: WasmSource }} input
 * @returns {MiniProgramApi}
 */
function initSync(input) {
  if (ready) return api;
  const source = input != null && input.module !== undefined ? input.module : input;
  const module = source instanceof WebAssembly.Module ? source : new WebAssembly.Module(source);
  const instance = new WebAssembly.Instance(module, /** @type {WebAssembly.Imports} */ (glue.__wbg_get_imports()));
  glue.__wbg_finalize_init(instance, module);
  ready = true;
  return api;
}

/** @type {MiniProgramApi} */
const api = {
  load: load,
  initSync: initSync,
  Engine: Engine,
  evaluate: function evaluate(order, policy, now) {
    requireReady();
    return glue.evaluate(order, policy, now);
  },
  defaultPolicy: function defaultPolicy() {
    requireReady();
    return glue.defaultPolicy();
  },
  version: function version() {
    requireReady();
    return glue.version();
  },
  isEngineError: engineModule.isEngineError,
  remaining: countdown.remaining,
  formatRemaining: countdown.formatRemaining,
  DEFAULT_WASM_PATH: DEFAULT_PATH,
};

module.exports = api;
