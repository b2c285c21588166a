// Types of shouhoubao/worker for the web (worker.js). Copied into the package
// by shouhoubao-wasm/finish-pkg.mjs.
import type { InitInput } from './shouhoubao.js';
import type { EngineClient, Serving, WorkerTarget } from './worker-core.js';

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
export { miniProgramChannel, webChannel } from './worker-core.js';

/**
 * The page's client of a worker that runs `serve`. Orders are read on the
 * page by name, as the engine reads them, and cross as a tape: nothing else
 * they carry is copied or has to be cloneable.
 */
export function connect(worker: WorkerTarget): EngineClient;

export interface ServeOptions {
  /** Where `init()` gets the .wasm: a URL, a Response, bytes or a WebAssembly.Module; default: beside shouhoubao.js. */
  wasm?: InitInput | Promise<InitInput>;
}

/** Answers a page's requests in this worker (default scope: `self`). */
export function serve(scope?: WorkerTarget, options?: ServeOptions): Serving;
