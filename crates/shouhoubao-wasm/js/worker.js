// shouhoubao/worker for the web: the engine in a Web Worker (a module
// worker), so that a page's thread never runs it. Copied into the package as
// worker.js by shouhoubao-wasm/finish-pkg.mjs, beside shouhoubao.js and
// worker-core.js (the transport-agnostic part, shared with the mini-programs).
//
//   // engine-worker.js, started with new Worker(url, { type: 'module' })
//   import { serve } from 'shouhoubao/worker';
//   serve(self);
//
//   // the page
//   import { connect } from 'shouhoubao/worker';
//   const engine = connect(new Worker(new URL('./engine-worker.js', import.meta.url), { type: 'module' }));
//   await engine.policy(policy, { locale: 'zh-CN' });
//   const answers = await engine.evaluateMany(orders);

import init, { Engine } from './index.js';
import * as glue from './BOUNDARY_SNIPPET';
import { connect as connectWith, serveEngine } from './worker-core.js';

export { webChannel, miniProgramChannel } from './worker-core.js';

/**
 * The page's client of a worker that runs `serve`: the engine's methods,
 * async. Orders are read on the page by name, as the engine reads them, and
 * cross as a tape: nothing else they carry is copied.
 *
 * @param {any} worker a Web Worker or a `{ post, listen }` channel
 */
export function connect(worker) {
  return connectWith(worker, glue);
}

/**
 * Answers a page's requests in this worker. The .wasm is instantiated with
 * `init()`: from beside shouhoubao.js, or from `options.wasm` (a URL, a
 * Response, bytes or a WebAssembly.Module).
 *
 * @param {any} [scope] the worker's global scope (default `self`), or a `{ post, listen }` channel
 * @param {{ wasm?: any }} [options]
 * @returns {{ close(): void }}
 */
export function serve(scope, options) {
  const target = scope === undefined ? self : scope;
  const wasm = options == null ? undefined : options.wasm;
  return serveEngine(
    target,
    () => init(wasm === undefined ? undefined : { module_or_path: wasm }).then(() => Engine),
    glue,
  );
}
