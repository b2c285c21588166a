// The engine in a Worker, without the transport: `serveEngine` answers a
// page's requests inside the worker, `connect` is the page's async client,
// and two tiny adapters turn a Web Worker or a mini-program Worker (WeChat,
// Alipay, Douyin) into a channel `{ post(message), listen(handler) }`.
// Shipped twice by shouhoubao-wasm/finish-pkg.mjs: as an ES module beside worker.js
// (the web entry) and as CommonJS in miniprogram/ (worker.js there loads the
// engine with load()). ES2020; no globalThis, console, timers or TextDecoder,
// so that it runs in a mini-program's worker.
//
// Protocol (every message carries `shouhoubao: 1` and the client's tag, so a
// worker may serve other messages too and several clients may share it):
//   page → worker  { shouhoubao, client, id, type: 'policy', policy, locale }
//                  { shouhoubao, client, id, type: 'syncClock', serverNowMs }
//                  { shouhoubao, client, id, type: 'configuration' }
//                  { shouhoubao, client, id, type: 'evaluateMany', tape, now }
//                  { shouhoubao, client, id, type: 'watch', watch, action: 'start', tape, options }
//                  { shouhoubao, client, id, type: 'watch', watch, action: 'update', tape }
//                  { shouhoubao, client, id, type: 'watch', watch, action: 'stop' }
//                  { shouhoubao, client, id, type: 'close' }
//   worker → page  { shouhoubao, client, id, result }        the call's value
//                  { shouhoubao, client, id, error: { code, path, message } }
//                  { shouhoubao, client, watch, args }       a watch's onUpdate(...args)
//
// Orders cross as a tape (`tape`), written on the page by the glue's own
// encoder: the page reads each order's named fields once, as the engine
// would, and nothing else an order carries (items, back-references to a
// store, getters, a Vue or MobX proxy) is copied or has to be cloneable. A
// page with no module of its own asks the worker for the glue's
// configuration first ('configuration'). A client without a glue (the
// protocol's first form) posts `orders` as they are.

/** The protocol's version, carried by every message. */
const PROTOCOL = 1;

/** The code of an error that is not the engine's (the .wasm failed to load, an unknown request). */
const WORKER_ERROR = 'WORKER_ERROR';

/**
 * `structuredClone`: whether messages are copied by the structured clone
 * algorithm (a Web Worker), so that typed arrays cross as they are; a
 * mini-program's or a caller's own channel is taken to carry JSON.
 * @typedef {{ post(message: object): void, listen(handler: (message: any) => void): () => void, structuredClone?: boolean }} Channel
 */

/**
 * What the worker bridge uses of the glue (js/boundary.js): its encoder on
 * the page, its stand-ins for posted tapes in the worker.
 * @typedef {object} Glue
 * @property {() => boolean} isConfigured
 * @property {(configurationJson: string) => void} configure
 * @property {() => string | null} configurationForPost
 * @property {(orders: unknown) => PostedTape} encodeOrdersForPost
 * @property {(posted: PostedTape) => unknown[]} ordersFromPost
 */

/** @typedef {{ count: number, ops: Float64Array, bytes: Uint8Array, ids: Array<string | null> }} PostedTape */

/**
 * What the worker uses of an engine (the package's Engine). Its arguments
 * are the page's, as they arrived: the engine checks them.
 * @typedef {object} EngineLike
 * @property {(serverNowMs: number) => void} syncClock
 * @property {(orders: unknown, now: unknown) => unknown} evaluateMany
 * @property {(orders: unknown, onUpdate: (...args: unknown[]) => void, options: unknown) => WatchHandle} [watch]
 *   the package's Engine has it; checked before use (the generated class alone has none)
 * @property {() => void} free
 * @property {string} policyVersion
 */

/** @typedef {new (policy?: unknown, options?: { locale: unknown }) => EngineLike} EngineClass */

/** @typedef {{ stop(): void, update(orders: unknown): void }} WatchHandle what the engine's watch returns */

/**
 * A watch the worker runs for a page: its latest orders and options, the
 * engine's handle (null until it has started), and where its updates go.
 * @typedef {{ orders: unknown, options: unknown, handle: WatchHandle | null, post: (...args: unknown[]) => void }} Watch
 */

/**
 * A page's request as the worker reads it (see the protocol above): the
 * values are whatever the page posted.
 * @typedef {object} WorkerRequest
 * @property {unknown} client
 * @property {unknown} id
 * @property {unknown} type
 * @property {unknown} [policy]
 * @property {unknown} [locale]
 * @property {unknown} [serverNowMs]
 * @property {unknown} [orders]
 * @property {unknown} [tape]
 * @property {unknown} [now]
 * @property {unknown} [watch]
 * @property {unknown} [action]
 * @property {unknown} [options]
 */

/**
 * A Web Worker (the page's `new Worker(url, { type: 'module' })`) or a
 * worker's global scope (`self`) as a channel.
 * @param {{ postMessage(message: any): void, addEventListener(type: string, listener: (event: any) => void): void,
 *           removeEventListener(type: string, listener: (event: any) => void): void }} target
 * @returns {Channel}
 */
export function webChannel(target) {
  return {
    structuredClone: true,
    post: (message) => target.postMessage(message),
    listen(handler) {
      /** @param {{ data: unknown }} event */
      const listener = (event) => handler(event.data);
      target.addEventListener('message', listener);
      return () => target.removeEventListener('message', listener);
    },
  };
}

/**
 * A mini-program Worker as a channel: the page's `wx.createWorker(path)`,
 * `my.createWorker(path)` or `tt.createWorker(path)`, or the worker's global
 * `worker`. Their `onMessage(listener)` has no off switch: `listen` returns a
 * function that mutes the listener instead.
 * @param {{ postMessage(message: object): void, onMessage(listener: (message: any) => void): void }} target
 * @returns {Channel}
 */
export function miniProgramChannel(target) {
  return {
    post: (message) => target.postMessage(message),
    listen(handler) {
      let listening = true;
      target.onMessage((message) => {
        if (listening) handler(message);
      });
      return () => {
        listening = false;
      };
    },
  };
}

/**
 * A channel for `target`: a channel as is, a mini-program Worker (it has
 * `onMessage`), or a Web Worker or worker scope (`addEventListener`).
 * @param {any} target
 * @returns {Channel}
 */
export function channelFor(target) {
  if (target && typeof target.post === 'function' && typeof target.listen === 'function') return target;
  if (target && typeof target.onMessage === 'function' && typeof target.postMessage === 'function')
    return miniProgramChannel(target);
  if (target && typeof target.addEventListener === 'function' && typeof target.postMessage === 'function')
    return webChannel(target);
  throw new TypeError('shouhoubao/worker: expected a Worker, a worker scope or a { post, listen } channel');
}

/**
 * A number argument as it crosses postMessage: NaN and ±Infinity as
 * `{ nonFinite: 'NaN' }` (JSON, which mini-programs use, would make them
 * null, and null means "absent"); anything else as is.
 * @param {any} value
 * @returns {any}
 */
export function numberForPost(value) {
  return typeof value === 'number' && !Number.isFinite(value) ? { nonFinite: String(value) } : value;
}

/**
 * The argument `numberForPost` sent.
 * @param {any} value
 * @returns {any}
 */
export function numberFromPost(value) {
  return value !== null && typeof value === 'object' && typeof value.nonFinite === 'string'
    ? Number(value.nonFinite)
    : value;
}

/**
 * A tape as it crosses a channel: as it is where messages are cloned; as
 * plain arrays, non-finite numbers marked (numberForPost), where they are JSON.
 * @param {PostedTape} tape
 * @param {Channel} channel
 * @returns {unknown}
 */
export function tapeForPost(tape, channel) {
  if (channel.structuredClone === true) return tape;
  return { count: tape.count, ops: Array.from(tape.ops, numberForPost), bytes: Array.from(tape.bytes), ids: tape.ids };
}

/**
 * The tape `tapeForPost` sent.
 * @param {any} crossed
 * @returns {PostedTape}
 */
export function tapeFromPost(crossed) {
  return {
    count: crossed.count,
    ops: crossed.ops instanceof Float64Array ? crossed.ops : Float64Array.from(crossed.ops, numberFromPost),
    bytes: crossed.bytes instanceof Uint8Array ? crossed.bytes : Uint8Array.from(crossed.bytes),
    ids: crossed.ids,
  };
}

/**
 * An error as it crosses postMessage: the engine's `{ code, path, message }`,
 * or WORKER_ERROR at "" for anything else.
 * @param {any} error
 * @returns {{ code: string, path: string, message: string }}
 */
export function errorForPost(error) {
  const isEngineError =
    error !== null && typeof error === 'object' && typeof error.code === 'string' && typeof error.path === 'string';
  return {
    code: isEngineError ? error.code : WORKER_ERROR,
    path: isEngineError ? error.path : '',
    message:
      error !== null && typeof error === 'object' && typeof error.message === 'string' ? error.message : String(error),
  };
}

/**
 * The page's Error for an error that crossed: an `Error` with `code`, `path`
 * and `message`, as the engine throws them.
 * @param {{ code: string, path: string, message: string }} crossed
 * @returns {Error & { code: string, path: string }}
 */
export function errorFromPost(crossed) {
  const error = /** @type {Error & { code: string, path: string }} */ (new Error(crossed.message));
  error.code = crossed.code;
  error.path = crossed.path;
  return error;
}

/**
 * Answers a page's requests inside a worker (see the protocol above).
 *
 * One engine at a time: made from the default policy on the first request
 * that needs one, replaced (and the old one freed) by each `policy`. The
 * clock correction of `syncClock` is kept by the worker and applied to every
 * engine it makes afterwards; the watches of a replaced engine start again on
 * the new one with their latest orders.
 *
 * @param {any} scope where messages arrive: a channel, a Web Worker scope or a mini-program `worker`
 * @param {() => PromiseLike<EngineClass>} loadEngineClass instantiates the module; resolves to `Engine`
 * @param {Glue} [glue] the glue of that module: reads the tapes pages post
 * @returns {{ close(): void }} stops answering; frees the engine
 */
export function serveEngine(scope, loadEngineClass, glue) {
  const channel = channelFor(scope);
  // Requests wait for this one promise: its reactions run in the order the
  // requests arrived, and every answer after it is synchronous.
  const engineClassReady = Promise.resolve().then(loadEngineClass);
  engineClassReady.catch(() => {}); // each request reports the failure
  /** @type {EngineLike | null} */
  let engine = null;
  /**
   * Server time minus device time, once a syncClock arrived.
   * @type {number | null}
   */
  let clockOffsetMs = null;
  /** @type {Map<string, Watch>} */
  const watches = new Map();
  let closed = false;

  /** @param {WorkerRequest} request @param {object} fields */
  const reply = (request, fields) =>
    channel.post(Object.assign({ shouhoubao: PROTOCOL, client: request.client, id: request.id }, fields));

  /**
   * Starts `watch` on the engine in use (called once there is one).
   * @param {string} key
   * @param {Watch} watch
   */
  const startWatch = (key, watch) => {
    const current = /** @type {EngineLike} */ (engine);
    if (typeof current.watch !== 'function') {
      throw new Error("shouhoubao/worker: this build's Engine has no watch()");
    }
    watch.handle = current.watch(watch.orders, watch.post, watch.options);
  };

  /**
   * The current engine, made from the default policy when there is none yet.
   * @param {EngineClass} Engine
   * @returns {EngineLike}
   */
  const currentEngine = (Engine) => {
    if (engine === null) useEngine(new Engine());
    return /** @type {EngineLike} */ (engine); // useEngine has set it
  };

  /** @param {EngineLike} next */
  const useEngine = (next) => {
    if (clockOffsetMs !== null) next.syncClock(Date.now() + clockOffsetMs);
    const previous = engine;
    engine = next;
    for (const [key, watch] of watches) {
      if (watch.handle) watch.handle.stop();
      watch.handle = null;
      startWatch(key, watch);
    }
    if (previous !== null) previous.free();
  };

  /**
   * The orders of a request: a posted tape's stand-in, or the orders as posted.
   * @param {WorkerRequest} request
   * @returns {unknown}
   */
  const ordersOf = (request) => {
    if (request.tape === undefined) return request.orders;
    if (glue === undefined) throw new Error('shouhoubao/worker: this worker cannot read posted tapes');
    return glue.ordersFromPost(tapeFromPost(request.tape));
  };

  const stopAll = () => {
    for (const watch of watches.values()) if (watch.handle) watch.handle.stop();
    watches.clear();
    if (engine !== null) engine.free();
    engine = null;
  };

  /**
   * @param {EngineClass} Engine
   * @param {WorkerRequest} request
   * @returns {unknown}
   */
  const answer = (Engine, request) => {
    switch (request.type) {
      case 'policy': {
        const next = new Engine(request.policy, request.locale === undefined ? undefined : { locale: request.locale });
        try {
          useEngine(next);
        } catch (error) {
          if (engine !== next) next.free();
          throw error;
        }
        return { policyVersion: next.policyVersion };
      }
      case 'syncClock': {
        const serverNowMs = numberFromPost(request.serverNowMs);
        currentEngine(Engine).syncClock(serverNowMs);
        clockOffsetMs = serverNowMs - Date.now();
        return null;
      }
      case 'configuration':
        return glue === undefined ? null : glue.configurationForPost();
      case 'evaluateMany':
        return currentEngine(Engine).evaluateMany(ordersOf(request), numberFromPost(request.now));
      case 'watch': {
        const key = `${request.client}/${request.watch}`;
        if (request.action === 'start') {
          currentEngine(Engine);
          /** @type {Watch} */
          const watch = {
            orders: ordersOf(request),
            options: request.options,
            handle: null,
            post: (...args) => {
              if (!closed) channel.post({ shouhoubao: PROTOCOL, client: request.client, watch: request.watch, args });
            },
          };
          startWatch(key, watch);
          watches.set(key, watch);
          return null;
        }
        const watch = watches.get(key);
        if (watch === undefined) throw new Error(`shouhoubao/worker: no watch ${request.watch} is running`);
        // A running watch has its handle (startWatch); it is null only where
        // restarting it on a new engine threw, and the call then fails here.
        if (request.action === 'update') {
          const orders = ordersOf(request);
          /** @type {WatchHandle} */ (watch.handle).update(orders);
          watch.orders = orders;
          return null;
        }
        if (request.action === 'stop') {
          watches.delete(key);
          /** @type {WatchHandle} */ (watch.handle).stop();
          return null;
        }
        throw new Error(`shouhoubao/worker: unknown watch action ${JSON.stringify(request.action)}`);
      }
      case 'close': {
        for (const [key, watch] of watches) {
          if (key.startsWith(`${request.client}/`)) {
            watches.delete(key);
            /** @type {WatchHandle} */ (watch.handle).stop(); // as above
          }
        }
        return null;
      }
      default:
        throw new Error(`shouhoubao/worker: unknown request ${JSON.stringify(request.type)}`);
    }
  };

  const unlisten = channel.listen((request) => {
    if (
      closed ||
      request === null ||
      typeof request !== 'object' ||
      request.shouhoubao !== PROTOCOL ||
      request.id === undefined
    )
      return;
    engineClassReady.then(
      (Engine) => {
        if (closed) return;
        let result;
        try {
          result = answer(Engine, request);
        } catch (error) {
          reply(request, { error: errorForPost(error) });
          return;
        }
        reply(request, { result });
      },
      (error) => reply(request, { error: errorForPost(error) }),
    );
  });

  return {
    close() {
      if (closed) return;
      closed = true;
      unlisten();
      engineClassReady.then(stopAll, () => {});
    },
  };
}

/** Distinguishes clients that share one worker. */
let clientCount = 0;

/**
 * The page's client of a worker that runs `serve`: the engine's methods, async.
 *
 * @param {any} worker a Web Worker, a mini-program Worker (`wx.createWorker(…)`, `my.…`, `tt.…`) or a channel
 * @param {Glue} [glue] the package's glue: orders cross as a tape it writes (without one, as they are)
 */
export function connect(worker, glue) {
  const channel = channelFor(worker);
  const client = `${++clientCount}.${Math.floor(Math.random() * 0x100000000).toString(36)}`;
  /** @type {Map<number, { resolve(value: any): void, reject(error: any): void }>} */
  const pending = new Map();
  /** @type {Map<number, (...args: any[]) => void>} */
  const watchers = new Map();
  let nextId = 0;
  let nextWatch = 0;
  let closed = false;
  /** @type {Promise<void> | null} */
  let closing = null;

  const unlisten = channel.listen((message) => {
    if (message === null || typeof message !== 'object' || message.shouhoubao !== PROTOCOL || message.client !== client)
      return;
    if (message.id === undefined) {
      const onUpdate = watchers.get(message.watch);
      if (onUpdate !== undefined) onUpdate(...message.args);
      return;
    }
    const call = pending.get(message.id);
    if (call === undefined) return;
    pending.delete(message.id);
    if (message.error !== undefined) call.reject(errorFromPost(message.error));
    else call.resolve(message.result);
  });

  /** @param {string} type @param {object} fields @returns {Promise<unknown>} */
  /**
   * Posts a request; its fields are made when it is posted (`fields()`).
   * @param {string} type
   * @param {() => object} fields
   * @returns {Promise<any>}
   */
  const post = (type, fields) =>
    new Promise((resolve, reject) => {
      if (closed) throw new Error('shouhoubao/worker: the client is closed');
      const id = nextId++;
      pending.set(id, { resolve, reject });
      try {
        channel.post(Object.assign({ shouhoubao: PROTOCOL, client, id, type }, fields()));
      } catch (error) {
        pending.delete(id); // the orders could not be read, or the channel could not copy a value
        throw error;
      }
    });

  // A page with no module of its own has an unconfigured glue: it asks the
  // worker for the configuration first, and the requests made meanwhile wait
  // for it, in the order they were made.
  /** @type {Array<() => void> | null} */
  let waitingForGlue = null;

  /**
   * @param {string} type
   * @param {() => object} fields
   * @returns {Promise<any>}
   */
  const request = (type, fields) => {
    if (waitingForGlue === null && glue !== undefined && !glue.isConfigured()) {
      const queue = /** @type {Array<() => void>} */ ([]);
      waitingForGlue = queue;
      const flush = () => {
        waitingForGlue = null;
        for (const send of queue) send();
      };
      post('configuration', () => ({})).then((text) => {
        if (!glue.isConfigured() && typeof text === 'string') glue.configure(text);
        flush();
      }, flush);
    }
    const queue = waitingForGlue;
    if (queue === null) return post(type, fields);
    return new Promise((resolve, reject) => {
      queue.push(() => post(type, fields).then(resolve, reject));
    });
  };

  /**
   * What a request says of `orders`: a tape the glue writes (read by name
   * here, on the page), or the orders as they are when there is no glue.
   * @param {unknown} orders
   * @returns {() => object}
   */
  const ordersFields = (orders) => () =>
    glue === undefined ? { orders } : { tape: tapeForPost(glue.encodeOrdersForPost(orders), channel) };

  // Each method's result is what the worker answered (serveEngine, above).
  return {
    /**
     * A new engine in the worker, from `policy` (absent: the embedded default).
     * @param {unknown} [policy]
     * @param {{ locale?: string }} [options]
     * @returns {Promise<{ policyVersion: string }>}
     */
    policy: (policy, options) =>
      /** @type {Promise<{ policyVersion: string }>} */ (
        request('policy', () => ({ policy, locale: options == null ? undefined : options.locale }))
      ),
    /**
     * Corrects the worker's clock for calls without `now`.
     * @param {number} serverNowMs
     * @returns {Promise<void>}
     */
    syncClock: (serverNowMs) =>
      request('syncClock', () => ({ serverNowMs: numberForPost(serverNowMs) })).then(() => undefined),
    /**
     * @param {unknown[]} orders
     * @param {number} [now]
     * @returns {Promise<unknown[]>}
     */
    evaluateMany: (orders, now) =>
      /** @type {Promise<unknown[]>} */ (
        request('evaluateMany', () => ({ ...ordersFields(orders)(), now: numberForPost(now) }))
      ),
    /**
     * Watches `orders` in the worker: `onUpdate` is called with what the
     * engine's watch reports. Resolves once the watch has started.
     * @param {any[]} orders
     * @param {(...args: any[]) => void} onUpdate
     * @param {object} [options] plain data (functions do not cross)
     * @returns {Promise<{ stop(): Promise<void>, update(orders: any[]): Promise<void> }>}
     */
    watch(orders, onUpdate, options) {
      if (typeof onUpdate !== 'function')
        return Promise.reject(new TypeError('shouhoubao/worker: watch(orders, onUpdate) takes a function'));
      const watch = nextWatch++;
      watchers.set(watch, onUpdate);
      return request('watch', () => ({ watch, action: 'start', ...ordersFields(orders)(), options })).then(
        () => ({
          stop: () => {
            watchers.delete(watch);
            return request('watch', () => ({ watch, action: 'stop' })).then(() => undefined);
          },
          update: (next) =>
            request('watch', () => ({ watch, action: 'update', ...ordersFields(next)() })).then(() => undefined),
        }),
        (error) => {
          watchers.delete(watch);
          throw error;
        },
      );
    },
    /**
     * Stops this client's watches in the worker and stops listening; calls
     * still waiting are rejected. The worker itself is left running (the
     * Worker is yours to terminate()).
     * @returns {Promise<void>}
     */
    close() {
      if (closing !== null) return closing;
      const closeId = nextId;
      closing = post('close', () => ({})).then(
        () => {
          unlisten();
        },
        () => {
          unlisten();
        },
      );
      closed = true;
      watchers.clear();
      for (const [id, call] of pending) {
        if (id === closeId) continue;
        pending.delete(id);
        call.reject(new Error('shouhoubao/worker: the client is closed'));
      }
      return closing;
    },
  };
}
