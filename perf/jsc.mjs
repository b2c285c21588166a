// The benchmark in JavaScriptCore (the `jsc` shell, Debian's
// libjavascriptcoregtk-4.0-bin): the mini-program build, loaded as WeChat
// loads it (tests/jsc/wechat.mjs: CommonJS, WXWebAssembly on the file's
// bytes, no TextEncoder/TextDecoder), against PlainEngine in the same
// process, over tests/oracle/orders.mjs's orders. Run from the repository root:
//
//   jsc -m perf/jsc.mjs -- [--reps 5] [--orders 2000]
//   jsc --useJIT=false -m perf/jsc.mjs -- …     (iOS: JavaScriptCore without JIT)
//   jsc --useJIT=false --sample -m perf/jsc.mjs -- --pkg pkg-profiling   (a profile, by function)
//
// Prints a Markdown table (perf/run.sh runs both). Needs pkg/.

/* global read, print, arguments */
import { requireFile, now } from '../tests/jsc/wechat.mjs';
import { BENCH_NOW, benchOrders } from '../tests/oracle/orders.mjs';
import { runSuite, summaryLine, table } from './suite.mjs';
import { PlainEngine } from '../tests/oracle/plain-engine.mjs';
import { sameJson as same } from '../tests/js/lib/cases.mjs';
import { asPageHolds } from '../tests/js/lib/page-order.js';

const args = typeof arguments === 'undefined' ? [] : [...arguments];
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const reps = Number(arg('--reps', 5));
const count = Number(arg('--orders', 2000));
const label = arg('--label', 'jsc');
// --pkg pkg-profiling: the names-keeping build (scripts/build-pkg.sh --profiling), for --sample.
const PKG = arg('--pkg', 'pkg');

const WASM = `${PKG}/miniprogram/shouhoubao_bg.wasm`;
const policyText = read('src/policy/default.json');

const t0 = now();
const shouhoubao = requireFile(`${PKG}/miniprogram/index.js`);
await shouhoubao.load({ path: WASM });
const loadMs = now() - t0;

// `new Engine()` with the embedded default policy, the first time and warm.
const t1 = now();
const first = new shouhoubao.Engine();
const firstEngineMs = now() - t1;
first.free();
const engineMs = [];
for (let i = 0; i < 9; i++) {
  const t = now();
  new shouhoubao.Engine().free();
  engineMs.push(now() - t);
}
const plainEngineMs = [];
for (let i = 0; i < 9; i++) {
  const t = now();
  new PlainEngine(JSON.parse(policyText));
  plainEngineMs.push(now() - t);
}

const policy = JSON.parse(policyText);
const orders = benchOrders(policy, count);
{
  const wasm = new shouhoubao.Engine(policy);
  const a = wasm.evaluateMany(orders, BENCH_NOW);
  const b = new PlainEngine(policy).evaluateMany(orders, BENCH_NOW);
  wasm.free();
  const differ = a.filter((x, i) => !same(x, b[i])).length;
  if (differ) throw new Error(`the engines differ on ${differ} of ${orders.length} benchmark orders`);
}
const api = { Engine: shouhoubao.Engine };
const pageOrders = orders.map((order) => asPageHolds(order));
const result = runSuite({ api, PlainEngine, policy, orders, pageOrders, now: BENCH_NOW, warmup: 2, reps, clock: now });
const cold = [
  { label: 'mini-program `load()` (read, compile, instantiate)', samples: [loadMs] },
  { label: 'first `new Engine()` (embedded default policy)', samples: [firstEngineMs] },
  { label: 'later `new Engine()` (embedded default policy)', samples: engineMs },
  { label: '`new PlainEngine(JSON.parse(default policy))`', samples: plainEngineMs },
];
print(table({ title: `JavaScriptCore (${label})`, result, cold }));
print('');
print(summaryLine(`jsc ${label}`, result, firstEngineMs));
