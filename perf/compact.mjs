// Compact answers (`{ windows: false }`, issue 19): what leaving the window
// list out saves for a list of orders sent to a worker or a page. Prints,
// for 10,000 generated orders at one instant: the answers' size as JSON, the
// time of evaluateMany, and the time to post them to a worker_threads Worker
// and get the reply (structured clone both ways, as postMessage does), full
// and compact. Medians of seven rounds. Run by perf/run.sh; alone:
//
//   node perf/compact.mjs [--orders N]

import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { Engine, defaultPolicy, initSync } from '../pkg/index.js';
import { BENCH_NOW, benchOrders } from '../tests/oracle/orders.mjs';

initSync({ module: readFileSync(new URL('../pkg/shouhoubao_bg.wasm', import.meta.url)) });

const count = Number(process.argv[process.argv.indexOf('--orders') + 1]) || 10_000;
const orders = benchOrders(defaultPolicy(), count);
const now = BENCH_NOW;
const engine = new Engine();

// An echo worker: what a page's worker client would do with the answers.
const worker = new Worker(
  'const { parentPort } = require("node:worker_threads"); parentPort.on("message", (m) => parentPort.postMessage(m));',
  { eval: true },
);
const roundTrip = (answers) =>
  new Promise((resolve) => {
    const start = performance.now();
    worker.once('message', () => resolve(performance.now() - start));
    worker.postMessage(answers);
  });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const rows = [];
for (const [label, options] of [
  ['full', undefined],
  ['compact ({ windows: false })', { windows: false }],
]) {
  const evaluations = [];
  const posts = [];
  let answers = [];
  for (let round = 0; round < 7; round++) {
    const start = performance.now();
    answers = engine.evaluateMany(orders, now, options);
    evaluations.push(performance.now() - start);
    posts.push(await roundTrip(answers));
  }
  rows.push({
    label,
    bytes: Buffer.byteLength(JSON.stringify(answers)),
    evaluate: median(evaluations),
    post: median(posts),
  });
}
await worker.terminate();

console.log(
  `| ${count.toLocaleString('en-US')} answers (Node ${process.version}) | JSON bytes | evaluateMany ms | postMessage to a worker and back ms |`,
);
console.log('|---|---:|---:|---:|');
for (const r of rows)
  console.log(`| ${r.label} | ${r.bytes.toLocaleString('en-US')} | ${r.evaluate.toFixed(1)} | ${r.post.toFixed(1)} |`);
