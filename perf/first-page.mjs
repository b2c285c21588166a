// The first page of answers from nothing loaded, in the `jsc` shell (issue
// 16): the mini-program build loaded as WeChat loads it, the policy arriving
// as JSON text, `new Engine(policy)`, `evaluateMany` of 20 orders — or
// PlainEngine doing the same. One measurement per process: perf/run.sh runs
// it several times, with and without JIT, and prints the medians.
//
//   jsc [--useJIT=false] -m perf/first-page.mjs -- wasm|plain

/* global read, print, arguments */
import { requireFile, now } from '../tests/jsc/wechat.mjs';
import { BENCH_NOW, benchOrders } from '../tests/oracle/orders.mjs';

const kind = typeof arguments === 'undefined' ? 'wasm' : arguments[0];
const policyText = read('src/policy/default.json');
const orders = benchOrders(JSON.parse(policyText), 20);

const t0 = now();
let answers;
if (kind === 'wasm') {
  const shouhoubao = requireFile('pkg/miniprogram/index.js');
  await shouhoubao.load({ path: 'pkg/miniprogram/shouhoubao_bg.wasm' });
  answers = new shouhoubao.Engine(JSON.parse(policyText)).evaluateMany(orders, BENCH_NOW);
} else {
  const { PlainEngine } = await import('../tests/oracle/plain-engine.mjs');
  answers = new PlainEngine(JSON.parse(policyText)).evaluateMany(orders, BENCH_NOW);
}
const t1 = now();
if (answers.length !== 20) throw new Error('no first page');
print(`FIRST-PAGE ${JSON.stringify({ kind, ms: t1 - t0 })}`);
