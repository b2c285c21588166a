// WeChat, Alipay and Douyin mini-programs, as far as shouhoubao meets them,
// in the `jsc` shell: tests/jsc/wechat.mjs's WXWebAssembly (a path in the
// code package, no Global exports, no WebAssembly/TextEncoder/TextDecoder)
// under the platform's own name — WXWebAssembly, MYWebAssembly or
// TTWebAssembly, and only that one — and its Worker:
//
//   - `wx.createWorker(path)` (`my.`, `tt.`) runs the worker script (CommonJS)
//     with a global `worker`; both ends have `postMessage(object)` and
//     `onMessage(listener)`, the listener getting the message itself;
//   - a message crosses as JSON (a copy: no functions, NaN becomes null),
//     and arrives later (setTimeout), never during postMessage;
//   - a message that is not an object, or not JSON, is refused at postMessage;
//   - `setTimeout` and `clearTimeout`, as every platform has them: the shell
//     has only a setTimeout whose timers cannot be cancelled and keep it
//     running until they fire (a watch's timer may be days away), so the
//     emulation keeps its own, polled by one shell timer while any is pending.
//
// Both sides run in one jsc realm and share the require cache, as two
// threads would share the code package.
//
//   import { emulatePlatform } from './platforms.mjs';
//   const platform = emulatePlatform('tt'); // { api: tt, wasmName: 'TTWebAssembly', instantiated: [paths] }

/* global setTimeout */
import { runFile } from './wechat.mjs';

const shellSetTimeout = setTimeout;

/** The platform's timers: handle → { at, callback }. */
const timers = new Map();
let nextTimer = 1;
let polling = false;

function pollTimers() {
  polling = false;
  const now = Date.now();
  for (const [handle, timer] of [...timers]) {
    if (timer.at > now || !timers.has(handle)) continue;
    timers.delete(handle);
    timer.callback();
  }
  if (timers.size > 0) {
    polling = true;
    shellSetTimeout(pollTimers, 2);
  }
}

/** Installs the platform's setTimeout and clearTimeout (see above). */
function emulateTimers() {
  globalThis.setTimeout = (callback, delayMs) => {
    const handle = nextTimer++;
    timers.set(handle, { at: Date.now() + Math.max(0, Number(delayMs) || 0), callback });
    if (!polling) {
      polling = true;
      shellSetTimeout(pollTimers, 0);
    }
    return handle;
  };
  globalThis.clearTimeout = (handle) => {
    timers.delete(handle);
  };
}

const WASM_NAMES = { wx: 'WXWebAssembly', my: 'MYWebAssembly', tt: 'TTWebAssembly' };

/** One end of a worker's channel; `deliverTo` is the other end's listener list. */
function endpoint(inbox, outbox) {
  return {
    postMessage(message) {
      if (message === null || typeof message !== 'object')
        throw new TypeError('postMessage: the message must be an object');
      const copy = JSON.stringify(message);
      shellSetTimeout(() => {
        for (const listener of outbox) listener(JSON.parse(copy));
      }, 0);
    },
    onMessage(listener) {
      if (typeof listener !== 'function') throw new TypeError('onMessage: the listener must be a function');
      inbox.push(listener);
    },
  };
}

/** Installs platform `name` ('wx', 'my' or 'tt'); returns what the tests inspect. */
export function emulatePlatform(name) {
  const wasmName = WASM_NAMES[name];
  if (!wasmName) throw new Error(`unknown platform ${name}`);
  emulateTimers();
  const wx = globalThis.WXWebAssembly;
  delete globalThis.WXWebAssembly;
  const instantiated = [];
  globalThis[wasmName] = {
    instantiate(path, imports) {
      instantiated.push(path);
      return wx.instantiate(path, imports);
    },
  };
  let running = false;
  const api = {
    createWorker(scriptPath) {
      if (running) throw new Error(`${name}.createWorker: one Worker at a time (terminate() the last one)`);
      running = true;
      const toWorker = [];
      const toPage = [];
      const page = endpoint(toPage, toWorker);
      globalThis.worker = endpoint(toWorker, toPage);
      runFile(scriptPath);
      page.terminate = () => {
        running = false;
        toWorker.length = 0;
        toPage.length = 0;
      };
      return page;
    },
  };
  globalThis[name] = api;
  return { api, wasmName, instantiated };
}
