// Types of shouhoubao/worker for mini-programs (miniprogram/worker.js).
// Copied into the package by scripts/finish-pkg.mjs.
import type { LoadOptions } from './index.js';
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

/** Answers a page's requests in this worker (default scope: the worker's global `worker`); `options` as for load(). */
export function serve(scope?: WorkerTarget, options?: LoadOptions): Serving;
