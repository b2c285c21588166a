// Types of shouhoubao/worker for mini-programs (miniprogram/worker.js).
// Copied into the package by shouhoubao-wasm/finish-pkg.mjs.
import type { LoadOptions } from './index.js';
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

/** Answers a page's requests in this worker (default scope: the worker's global `worker`); `options` as for load(). */
export function serve(scope?: WorkerTarget, options?: LoadOptions): Serving;
