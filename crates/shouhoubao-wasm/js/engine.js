// The package's public Engine: the class wasm-bindgen generates, extended
// with what the generated glue cannot say for itself. Misuse gets a typed
// error that names the fix (an engine made before the module is loaded, or
// used after free()); `evaluate` and `evaluateMany` take `{ windows: false }`
// for compact answers; `watch` keeps a list's answers right over time
// (countdown.js). Each entry (index.js for the web, node.js, the
// mini-program build) extends the generated class once, with its own
// readiness check and loading advice.
//
// Written as an ES module of `export function`s and `import`s of sibling
// files only: shouhoubao-wasm/finish-pkg.mjs turns it into CommonJS for mini-programs.

import { watchOrders } from './countdown.js';

/**
 * An Error as the package throws it: `code`, `path` and `message`.
 * @param {string} code
 * @param {string} path
 * @param {string} message
 * @returns {Error & { code: string, path: string }}
 */
export function engineError(code, path, message) {
  const error = /** @type {Error & { code: string, path: string }} */ (new Error(message));
  error.name = 'EngineError';
  error.code = code;
  error.path = path;
  return error;
}

/** Every code an error of the package carries (docs/contract.md §7, §8). */
const ENGINE_ERROR_CODES = ['INVALID_POLICY', 'INVALID_ORDER', 'INVALID_ARGUMENT', 'NOT_INITIALISED', 'ENGINE_FREED'];

/**
 * Whether `value` is an error the package threw (or one `connect` rethrew
 * from a worker): an Error with one of the package's codes and a path.
 * @param {unknown} value
 * @returns {value is Error & { code: string, path: string }}
 */
export function isEngineError(value) {
  return (
    value instanceof Error &&
    ENGINE_ERROR_CODES.includes(/** @type {{ code?: unknown }} */ (value).code) &&
    typeof (/** @type {{ path?: unknown }} */ (value).path) === 'string'
  );
}

/**
 * Whether answers should leave out their windows, from a call's options
 * (`{ windows: false }`); anything but an object or a boolean `windows` is
 * INVALID_ARGUMENT.
 * @param {unknown} options
 * @returns {boolean}
 */
function compactFrom(options) {
  if (options === undefined || options === null) return false;
  if (typeof options !== 'object') {
    throw engineError(
      'INVALID_ARGUMENT',
      'options',
      `the options are an object like { windows: false }, not ${typeof options}`,
    );
  }
  const windows = /** @type {{ windows?: unknown }} */ (options).windows;
  if (windows === undefined) return false;
  if (typeof windows !== 'boolean') {
    throw engineError(
      'INVALID_ARGUMENT',
      'options.windows',
      `windows is true (the default: every window) or false (no window list), not ${typeof windows}`,
    );
  }
  return !windows;
}

/**
 * @typedef {object} EntryHooks
 * @property {() => boolean} isReady whether the module has been loaded (init, load, the Node entry)
 * @property {string} howToLoad what to call first, for the NOT_INITIALISED message
 * @property {(compact: boolean) => boolean} setCompactAnswers the decoder's mode for the next answers; returns the previous one
 */

/**
 * The public Engine class, made from the generated one.
 * @template {new (...args: any[]) => any} T
 * @param {T} GeneratedEngine
 * @param {EntryHooks} hooks
 * @returns {T}
 */
export function extendEngine(GeneratedEngine, hooks) {
  const Generated = /** @type {new (...args: any[]) => any} */ (GeneratedEngine);

  /** Throws ENGINE_FREED when `engine` was freed. @param {any} engine */
  function usable(engine) {
    // The generated glue zeroes its pointer on free().
    if (engine.__wbg_ptr === 0 || engine.__wbg_ptr === undefined) {
      throw engineError(
        'ENGINE_FREED',
        '',
        'this Engine was freed (free(), or the end of its `using` block): make a new Engine',
      );
    }
  }

  /**
   * Runs `call` with the decoder in the mode `options` ask for, and puts the
   * previous mode back (a call made inside this one, from a getter, keeps its own).
   * @template R
   * @param {unknown} options
   * @param {() => R} call
   * @returns {R}
   */
  function answering(options, call) {
    const before = hooks.setCompactAnswers(compactFrom(options));
    try {
      return call();
    } finally {
      hooks.setCompactAnswers(before);
    }
  }

  class Engine extends Generated {
    /** @param {any[]} args */
    constructor(...args) {
      if (!hooks.isReady()) {
        throw engineError(
          'NOT_INITIALISED',
          '',
          `the engine's WebAssembly module is not loaded yet: ${hooks.howToLoad} before new Engine()`,
        );
      }
      super(...args);
    }

    /** @param {unknown} order @param {number | null} [now] @param {unknown} [options] */
    evaluate(order, now, options) {
      usable(this);
      return answering(options, () => super.evaluate(order, now));
    }

    /** @param {unknown} orders @param {number | null} [now] @param {unknown} [options] */
    evaluateMany(orders, now, options) {
      usable(this);
      return answering(options, () => super.evaluateMany(orders, now));
    }

    /** @param {unknown} serverNowMs */
    syncClock(serverNowMs) {
      usable(this);
      return super.syncClock(serverNowMs);
    }

    /** @param {unknown} locale */
    setLocale(locale) {
      usable(this);
      return super.setLocale(locale);
    }

    now() {
      usable(this);
      return super.now();
    }

    get policyVersion() {
      usable(this);
      return super.policyVersion;
    }

    /**
     * Keeps `orders`' answers right over time (countdown.js).
     * @param {unknown[]} orders
     * @param {(answers: unknown[]) => void} onUpdate
     * @param {object} [options]
     */
    watch(orders, onUpdate, options) {
      usable(this);
      return watchOrders(this, orders, onUpdate, options);
    }

    free() {
      usable(this);
      super.free();
    }
  }
  if (typeof Symbol.dispose === 'symbol') {
    // `using engine = new Engine()`: freed at the block's end, once.
    Object.defineProperty(Engine.prototype, Symbol.dispose, {
      configurable: true,
      writable: true,
      value: function dispose() {
        if (this.__wbg_ptr !== 0) this.free();
      },
    });
  }
  return /** @type {T} */ (/** @type {unknown} */ (Engine));
}
