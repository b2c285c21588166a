// Types of shouhoubao/worker for the web (worker.js). Copied into the package
// by scripts/finish-pkg.mjs.
import type { InitInput } from './shouhoubao.js';
import type { Serving, WorkerTarget } from './worker-core.js';

export type {
  Channel,
  EngineClient,
  MiniProgramWorkerLike,
  Serving,
  WebWorkerLike,
  WorkerError,
  WorkerTarget,
  WorkerWatch,
} from './worker-core.js';
export { connect, miniProgramChannel, webChannel } from './worker-core.js';

export interface ServeOptions {
  /** Where `init()` gets the .wasm: a URL, a Response, bytes or a WebAssembly.Module; default: beside shouhoubao.js. */
  wasm?: InitInput | Promise<InitInput>;
}

/** Answers a page's requests in this worker (default scope: `self`). */
export function serve(scope?: WorkerTarget, options?: ServeOptions): Serving;
