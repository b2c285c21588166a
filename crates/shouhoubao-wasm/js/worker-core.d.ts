// Types of worker-core.js, the part of shouhoubao/worker shared by the web
// build and the mini-program build (copied beside each by
// shouhoubao-wasm/finish-pkg.mjs; `./shouhoubao.js` is the glue's declarations there).
import type { EngineOptions, ErrorCode, EvaluationResult, Order, PolicySnapshot } from './shouhoubao.js';

/** A two-way message channel: what the adapters make of a Worker. */
export interface Channel {
  post(message: object): void;
  /** Calls `handler` with each message's data; returns a function that stops it. */
  listen(handler: (message: any) => void): () => void;
}

/** A Web Worker (`new Worker(url, { type: 'module' })`) or a worker's `self`. */
export interface WebWorkerLike {
  postMessage(message: any): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** A mini-program Worker: `wx.createWorker(path)`, `my.createWorker(path)`, `tt.createWorker(path)`, or the worker's global `worker`. */
export interface MiniProgramWorkerLike {
  postMessage(message: object): void;
  onMessage(listener: (message: any) => void): void;
}

export type WorkerTarget = Channel | WebWorkerLike | MiniProgramWorkerLike;

/** An error that crossed from the worker, rethrown on the page. */
export interface WorkerError extends Error {
  /** The engine's code, or `WORKER_ERROR` when the worker failed otherwise (the .wasm did not load, …). */
  code: ErrorCode | 'WORKER_ERROR';
  /** The field at fault, as the engine names it; `""` for a WORKER_ERROR. */
  path: string;
}

/** A watch running in the worker. */
export interface WorkerWatch {
  /** Stops it; no update arrives after this call. */
  stop(): Promise<void>;
  /** Watches these orders instead. */
  update(orders: Order[]): Promise<void>;
}

/** The engine in a worker, as the page sees it: the engine's methods, async. */
export interface EngineClient {
  /** A new engine in the worker (the previous one is freed); no policy: the embedded default. */
  policy(policy?: PolicySnapshot | null, options?: EngineOptions | null): Promise<{ policyVersion: string }>;
  /** Corrects the worker's clock for calls without `now`; kept for every later policy. */
  syncClock(serverNowMs: number): Promise<void>;
  /** As `Engine.evaluateMany`; a bad order fills its own slot. */
  evaluateMany(orders: Order[], now?: number | null): Promise<EvaluationResult[]>;
  /**
   * As `Engine.watch`, in the worker: `onUpdate` receives the arguments the
   * engine's watch passes to its own callback. `options` must be plain data.
   * Resolves once the watch has started.
   */
  watch(orders: Order[], onUpdate: (...args: any[]) => void, options?: object): Promise<WorkerWatch>;
  /** Stops this client's watches and stops listening; the Worker is left running. */
  close(): Promise<void>;
}

/** What `serve` returns. */
export interface Serving {
  /** Stops answering; stops the watches and frees the engine. */
  close(): void;
}

/**
 * What the bridge uses of the package's glue (its encoder on the page, its
 * stand-ins for posted tapes in the worker); the entries pass their own.
 */
export interface WorkerGlue {
  isConfigured(): boolean;
  configure(configurationJson: string): void;
  configurationForPost(): string | null;
  encodeOrdersForPost(orders: unknown): {
    count: number;
    ops: Float64Array;
    bytes: Uint8Array;
    ids: Array<string | null>;
  };
  ordersFromPost(posted: { count: number; ops: Float64Array; bytes: Uint8Array; ids: Array<string | null> }): unknown[];
}

/**
 * The page's client of a worker that runs `serve`; with the package's glue,
 * orders cross as a tape read by name on the page (the entries' `connect`).
 */
export function connect(worker: WorkerTarget, glue?: WorkerGlue): EngineClient;
/** A Web Worker or worker scope as a channel. */
export function webChannel(target: WebWorkerLike): Channel;
/** A mini-program Worker as a channel. */
export function miniProgramChannel(target: MiniProgramWorkerLike): Channel;
/** The channel for a Worker, a worker scope or a channel. */
export function channelFor(target: WorkerTarget): Channel;
/** Answers requests on `scope` with the Engine class `loadEngineClass` resolves to (the entries' `serve` wraps it). */
export function serveEngine(
  scope: WorkerTarget,
  loadEngineClass: () => PromiseLike<unknown>,
  glue?: WorkerGlue,
): Serving;
/** A number argument as it crosses (NaN and ±Infinity as `{ nonFinite }`). */
export function numberForPost(value: unknown): unknown;
/** The number `numberForPost` sent. */
export function numberFromPost(value: unknown): unknown;
/** An error as it crosses: `{ code, path, message }`. */
export function errorForPost(error: unknown): { code: string; path: string; message: string };
/** The Error the page rethrows for an error that crossed. */
export function errorFromPost(crossed: { code: string; path: string; message: string }): WorkerError;
