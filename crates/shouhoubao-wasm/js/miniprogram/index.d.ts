// Types of the mini-program entry (index.js). Copied into the package by
// shouhoubao-wasm/finish-pkg.mjs, beside shouhoubao.d.ts (the public API
// part of the ES module's declarations: wasm-bindgen's and src/types.d.ts).
import type { Engine, evaluate, defaultPolicy, version } from './shouhoubao.js';
import type { isEngineError } from './engine.js';
import type { formatRemaining, remaining } from './countdown.js';

export { Engine, evaluate, defaultPolicy, version } from './shouhoubao.js';
export type * from './shouhoubao.js';
export { isEngineError } from './engine.js';
export type {
  AnswerOptions,
  CompactEligibility,
  CompactEvaluationResult,
  EngineErrorCode,
  EngineFailure,
} from './engine.js';
export { remaining, formatRemaining } from './countdown.js';
export type { Countdownable, FormatOptions, OrdersWatch, Remaining, WatchOptions } from './countdown.js';

/** A WebAssembly instance, as WXWebAssembly / MYWebAssembly / TTWebAssembly give it. */
export interface WasmInstanceLike {
  readonly exports: object;
}

/** What an instantiate function may resolve to. */
export type InstantiateResult = { instance: WasmInstanceLike; module?: unknown } | WasmInstanceLike;

/** Instantiates the .wasm at `path` (in the code package) with `imports`. */
export type Instantiate = (
  path: string,
  imports: Record<string, Record<string, unknown>>,
) => PromiseLike<InstantiateResult> | InstantiateResult;

export interface LoadOptions {
  /** The .wasm's (or .wasm.br's) path in the code package; default `/miniprogram_npm/shouhoubao/shouhoubao_bg.wasm`. */
  path?: string;
  /** Default: `instantiate(path, imports)` of WXWebAssembly, MYWebAssembly or TTWebAssembly, whichever exists (in that order). */
  instantiate?: Instantiate;
}

/** This module, as `load()` resolves it. */
export interface MiniProgramApi {
  load: typeof load;
  Engine: typeof Engine;
  evaluate: typeof evaluate;
  defaultPolicy: typeof defaultPolicy;
  version: typeof version;
  initSync: typeof initSync;
  isEngineError: typeof isEngineError;
  remaining: typeof remaining;
  formatRemaining: typeof formatRemaining;
  readonly DEFAULT_WASM_PATH: string;
}

/** Instantiates the engine once (later calls return the same promise); await it before using Engine. */
export function load(options?: LoadOptions): Promise<MiniProgramApi>;

/**
 * Instantiates the engine synchronously from the .wasm's bytes or a compiled
 * `WebAssembly.Module` (Node; mini-programs have no synchronous WebAssembly).
 */
export function initSync(
  input: BufferSource | WebAssembly.Module | { module: BufferSource | WebAssembly.Module },
): MiniProgramApi;

/** `/miniprogram_npm/shouhoubao/shouhoubao_bg.wasm` */
export const DEFAULT_WASM_PATH: string;
