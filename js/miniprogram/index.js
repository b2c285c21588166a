'use strict';
// shouhoubao for mini-programs. WeChat: WXWebAssembly.instantiate(path, imports)
// takes only a path to a .wasm (or .wasm.br) inside the code package. Alipay:
// MYWebAssembly, inside a Worker. Douyin: TTWebAssembly. load() uses whichever
// exists, in that order. Copied into the package by scripts/finish-pkg.mjs.
//
//   const { load, Engine } = require('shouhoubao');
//   await load();                       // or load({ path, instantiate })
//   const answer = new Engine().evaluate(order, Date.now());

const glue = require('./shouhoubao.js');

const DEFAULT_PATH = "/miniprogram_npm/shouhoubao/shouhoubao_bg.wasm";

/** The platform's instantiate: WXWebAssembly, MYWebAssembly or TTWebAssembly, whichever exists. */
function platformInstantiate(path, imports) {
  if (typeof WXWebAssembly !== 'undefined') return WXWebAssembly.instantiate(path, imports);
  if (typeof MYWebAssembly !== 'undefined') return MYWebAssembly.instantiate(path, imports);
  if (typeof TTWebAssembly !== 'undefined') return TTWebAssembly.instantiate(path, imports);
  throw new Error('shouhoubao: WXWebAssembly, MYWebAssembly and TTWebAssembly are not available here; pass load({ instantiate })');
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
  const instantiate = opts.instantiate == null ? platformInstantiate : opts.instantiate;
  loading = new Promise(function (resolve) {
    if (typeof path !== 'string') {
      throw new TypeError('shouhoubao: load({ path }) takes the .wasm file\'s path in the code package, as a string');
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
