// Declarations of engine.js: the package's public Engine, as the generated
// class (shouhoubao.d.ts, from the Rust types) plus what engine.js adds,
// merged into it; the error guard. Copied by shouhoubao-wasm/finish-pkg.mjs beside
// each copy of shouhoubao.d.ts (the package's root and miniprogram/).

import type { Eligibility, EngineError, EvaluationFailure, EvaluationResult, Order } from './shouhoubao.js';
import type { OrdersWatch, WatchOptions } from './countdown.js';

/** The code of every error the package throws. */
export type EngineErrorCode = EngineError['code'] | 'NOT_INITIALISED' | 'ENGINE_FREED';

/** An error the package threw: a real `Error` with the contract's `code` and `path`. */
export interface EngineFailure extends Error {
  name: 'EngineError';
  code: EngineErrorCode;
  /** The field at fault (`categories.tv.parent`, `[3].deliveredAt`), `""` for the whole value. */
  path: string;
}

/**
 * Whether `value` is an error the package threw (or a worker client
 * rethrew): narrows a `catch (e)` to read `e.code` and `e.path`.
 */
export function isEngineError(value: unknown): value is EngineFailure;

/**
 * The entries' hook (index.js, miniprogram/index.js): the generated Engine
 * class, extended. Not for callers: import `Engine` instead.
 * @internal
 */
export function extendEngine<T>(
  GeneratedEngine: T,
  hooks: { isReady(): boolean; howToLoad: string; setCompactAnswers(compact: boolean): boolean },
): T;

/** An Error as the package throws it. */
export function engineError(code: EngineErrorCode, path: string, message: string): EngineFailure;

/** Options of one `evaluate` or `evaluateMany` call. */
export interface AnswerOptions {
  /**
   * `false`: the answers leave out their window list, and are otherwise
   * identical (for lists, workers and batch jobs). Default `true`.
   */
  readonly windows?: boolean;
}

/** An answer without its window list (`{ windows: false }`), still narrowing on `status`. */
export type CompactEligibility = Eligibility extends infer Answer
  ? Answer extends Eligibility
    ? Omit<Answer, 'windows'>
    : never
  : never;

/** What `evaluateMany(orders, now, { windows: false })` gives for each order. */
export type CompactEvaluationResult = CompactEligibility | EvaluationFailure;

declare module './shouhoubao.js' {
  interface Engine {
    /** The answer without its window list. */
    evaluate(order: Order, now: number | null | undefined, options: { readonly windows: false }): CompactEligibility;
    /** The answer for one order at `now` (epoch ms; default: `now()`). */
    evaluate(order: Order, now?: number | null, options?: AnswerOptions): Eligibility;
    /** The answers without their window lists. */
    evaluateMany(
      orders: readonly Order[],
      now: number | null | undefined,
      options: { readonly windows: false },
    ): CompactEvaluationResult[];
    /** The answers for many orders in one call; a bad order fills its own slot (`ok: false`). */
    evaluateMany(orders: readonly Order[], now?: number | null, options?: AnswerOptions): EvaluationResult[];
    /**
     * Keeps the answers of `orders` right over time: calls `onUpdate` at
     * once, then exactly when anything shown can change (one timer for the
     * whole list, at the earliest `nextChangeAtMs`), and again when the
     * page or mini-program is shown. `stop()` removes every timer.
     */
    watch(
      orders: readonly Order[],
      onUpdate: (answers: EvaluationResult[], now: number) => void,
      options?: WatchOptions,
    ): OrdersWatch<Order>;
  }
}
