// The package's ES entry (`import … from 'shouhoubao'`, bundlers and plain
// ES-module pages): the generated glue's API, with the public Engine
// (engine.js: typed misuse errors, compact answers, watch) and the countdown
// helpers (countdown.js). shouhoubao-wasm/finish-pkg.mjs copies it into pkg/ as
// index.js, pointing the boundary import at the glue's own snippet.

import initGlue, {
  initSync as initSyncGlue,
  Engine as GeneratedEngine,
  evaluate as evaluateGlue,
  defaultPolicy as defaultPolicyGlue,
  version as versionGlue,
} from './shouhoubao.js';
import { setCompactAnswers } from './BOUNDARY_SNIPPET';
import { engineError, extendEngine } from './engine.js';

export { isEngineError } from './engine.js';
export { remaining, formatRemaining } from './countdown.js';

/** Whether init() or initSync() has loaded the module. */
let ready = false;

const HOW_TO_LOAD = 'call `await init()` first (in Node, import `shouhoubao/node` instead: it loads the module itself)';

function requireReady() {
  if (!ready)
    throw engineError('NOT_INITIALISED', '', `the engine's WebAssembly module is not loaded yet: ${HOW_TO_LOAD}`);
}

/** Evaluates orders against one validated policy snapshot (see the type declarations). */
export const Engine = extendEngine(GeneratedEngine, {
  isReady: () => ready,
  howToLoad: HOW_TO_LOAD,
  setCompactAnswers,
});

/**
 * Fetches (or takes) the `.wasm` and instantiates it once; later calls
 * resolve at once.
 * @param {Parameters<typeof initGlue>[0]} [input]
 * @returns {Promise<void>}
 */
export default async function init(input) {
  await initGlue(input);
  ready = true;
}

/**
 * Instantiates the module from its bytes or a compiled `WebAssembly.Module`,
 * synchronously.
 * @param {Parameters<typeof initSyncGlue>[0]} input
 */
export function initSync(input) {
  initSyncGlue(input);
  ready = true;
}

/**
 * The answer for one order under `policy` (default: the embedded one). It
 * checks the policy on every call: for more than one order, make an Engine.
 * @param {Parameters<typeof evaluateGlue>[0]} order
 * @param {Parameters<typeof evaluateGlue>[1]} [policy]
 * @param {Parameters<typeof evaluateGlue>[2]} [now]
 */
export function evaluate(order, policy, now) {
  requireReady();
  return evaluateGlue(order, policy, now);
}

/** The embedded default policy snapshot. */
export function defaultPolicy() {
  requireReady();
  return defaultPolicyGlue();
}

/** The crate's version. */
export function version() {
  requireReady();
  return versionGlue();
}
