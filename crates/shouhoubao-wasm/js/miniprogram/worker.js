'use strict';
// shouhoubao/worker for mini-programs (WeChat, Alipay, Douyin): the engine
// in the mini-program's Worker, the page talking to it by messages. Copied
// into the package's miniprogram/ by shouhoubao-wasm/finish-pkg.mjs, beside
// worker-core.js (the transport-agnostic part, shared with the web build).
//
//   // workers/engine.js, in the worker directory (app.json "workers")
//   const { serve } = require('./shouhoubao/worker.js');
//   serve(worker, { path: '/miniprogram_npm/shouhoubao/shouhoubao_bg.wasm' });
//
//   // a page
//   const { connect } = require('shouhoubao/worker');
//   const engine = connect(wx.createWorker('workers/engine.js'));   // or my. / tt.
//   const answers = await engine.evaluateMany(orders);

const core = require('./worker-core.js');
const glue = require('./boundary.js');

/**
 * Answers a page's requests in this worker. The .wasm is instantiated with
 * the mini-program `load(options)`: WXWebAssembly, MYWebAssembly or
 * TTWebAssembly, from `options.path` (outside the worker directory: a worker
 * directory packs only .js).
 *
 * @param {any} [scope] the worker's global `worker` (the default), or a `{ post, listen }` channel
 * @param {import('./index.js').LoadOptions} [options] as for load()
 * @returns {{ close(): void }}
 */
function serve(scope, options) {
  const target = scope === undefined && typeof worker !== 'undefined' ? worker : scope;
  return core.serveEngine(
    target,
    function () {
      return require('./index.js')
        .load(options)
        .then(function (api) {
          return api.Engine;
        });
    },
    glue,
  );
}

/**
 * The page's client of a worker that runs `serve`: the engine's methods,
 * async. Orders are read on the page by name, as the engine reads them, and
 * cross as a tape: nothing else they carry is copied.
 *
 * @param {any} target the page's Worker (`wx.createWorker(…)`, `my.…`, `tt.…`) or a `{ post, listen }` channel
 */
function connect(target) {
  return core.connect(target, glue);
}

module.exports = {
  serve: serve,
  connect: connect,
  webChannel: core.webChannel,
  miniProgramChannel: core.miniProgramChannel,
};
