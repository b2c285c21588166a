// Declarations of the package's ES entry (index.js): the generated glue's
// types (shouhoubao.d.ts, from the Rust types), with what index.js adds and
// changes. Copied into the package by shouhoubao-wasm/finish-pkg.mjs, beside
// countdown.d.ts (generated from js/countdown.js's JSDoc).

import type { InitInput, SyncInitInput } from './shouhoubao.js';

export * from './shouhoubao.js';
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

/**
 * Fetches (or takes) the `.wasm` and instantiates it once; later calls
 * resolve at once. In Node, import `shouhoubao/node` instead: it loads the
 * module itself.
 */
export default function init(
  input?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<void>;

/** Instantiates the module from its bytes or a compiled `WebAssembly.Module`, synchronously. */
export function initSync(input: { module: SyncInitInput } | SyncInitInput): void;
