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
//   - a message that is not an object, or not JSON, is refused at postMessage.
//
// Both sides run in one jsc realm and share the require cache, as two
// threads would share the code package.
//
//   import { emulatePlatform } from './platforms.mjs';
//   const platform = emulatePlatform('tt'); // { api: tt, wasmName: 'TTWebAssembly', instantiated: [paths] }

/* global setTimeout */
import { runFile } from './wechat.mjs';

const WASM_NAMES = { wx: 'WXWebAssembly', my: 'MYWebAssembly', tt: 'TTWebAssembly' };

/** One end of a worker's channel; `deliverTo` is the other end's listener list. */
function endpoint(inbox, outbox) {
  return {
    postMessage(message) {
      if (message === null || typeof message !== 'object') throw new TypeError('postMessage: the message must be an object');
      const copy = JSON.stringify(message);
      setTimeout(() => {
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
