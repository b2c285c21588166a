// The benchmark in Node: perf/suite.mjs over the 10,000 orders of
// tests/oracle/orders.mjs, then cold starts, each in a fresh process. Prints a
// Markdown table. Needs pkg/ (scripts/build-pkg.sh; perf/run.sh sees to it).
//
//   node perf/node.mjs [--reps 9] [--cold-runs 9]

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const PACKAGE_DIR = process.env.BENCH_PKG ?? 'pkg';
const glueUrl = pathToFileURL(join(root, PACKAGE_DIR, 'shouhoubao.js')).href;
const wasmPath = join(root, PACKAGE_DIR, 'shouhoubao_bg.wasm');
const plainUrl = pathToFileURL(join(root, 'tests', 'oracle', 'plain-engine.mjs')).href;

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

// --- a cold start, in this (fresh) process ------------------------------------
const coldKind = arg('--cold');
if (coldKind === 'wasm') {
  const api = await import(glueUrl); // the JS glue: not timed
  const bytes = readFileSync(wasmPath);
  const t0 = performance.now();
  api.initSync({ module: bytes });
  const tEngine = performance.now();
  const engine = new api.Engine();
  const t1 = performance.now();
  engine.free();
  process.stdout.write(JSON.stringify({ ms: t1 - t0, engineMs: t1 - tEngine }));
  process.exit(0);
}
// The first page of answers from nothing loaded (issue 16): 20 orders, the
// policy arriving as JSON text. The orders are made before the clock starts.
if (coldKind === 'first-page-wasm' || coldKind === 'first-page-plain') {
  const { BENCH_NOW, benchOrders } = await import('../tests/oracle/orders.mjs');
  const policyText = readFileSync(join(root, 'src', 'policy', 'default.json'), 'utf8');
  const orders = benchOrders(JSON.parse(policyText), 20);
  const t0 = performance.now();
  let answers;
  if (coldKind === 'first-page-wasm') {
    const api = await import(glueUrl);
    api.initSync({ module: readFileSync(wasmPath) });
    answers = new api.Engine(JSON.parse(policyText)).evaluateMany(orders, BENCH_NOW);
  } else {
    const { PlainEngine } = await import(plainUrl);
    answers = new PlainEngine(JSON.parse(policyText)).evaluateMany(orders, BENCH_NOW);
  }
  const t1 = performance.now();
  if (answers.length !== 20) throw new Error('no first page');
  process.stdout.write(JSON.stringify({ ms: t1 - t0 }));
  process.exit(0);
}
if (coldKind === 'plain') {
  const policy = JSON.parse(readFileSync(join(root, 'src', 'policy', 'default.json'), 'utf8'));
  const t0 = performance.now();
  const { PlainEngine } = await import(plainUrl);
  new PlainEngine(policy);
  const t1 = performance.now();
  process.stdout.write(JSON.stringify({ ms: t1 - t0 }));
  process.exit(0);
}

// --- the warm benchmark ---------------------------------------------------------
const { BENCH_NOW, benchOrders } = await import('../tests/oracle/orders.mjs');
const { median, runSuite, summaryLine, table } = await import('./suite.mjs');
const { PlainEngine } = await import(plainUrl);
const api = await import(glueUrl);
api.initSync({ module: readFileSync(wasmPath) });

const reps = Number(arg('--reps', 9));
const coldRuns = Number(arg('--cold-runs', 9));
const policy = api.defaultPolicy();
const orders = benchOrders(policy, 10_000);

// The two engines must agree on these orders before their speed means anything.
{
  const wasm = new api.Engine(policy);
  const a = wasm.evaluateMany(orders, BENCH_NOW);
  const b = new PlainEngine(policy).evaluateMany(orders, BENCH_NOW);
  wasm.free();
  const differ = a.filter((x, i) => !isDeepStrictEqual(x, b[i])).length;
  if (differ) {
    console.error(
      `the engines differ on ${differ} of ${orders.length} benchmark orders (see tests/js/oracle.test.mjs)`,
    );
    process.exit(1);
  }
}

const { asPageHolds } = await import('../tests/js/lib/page-order.js');
const pageOrders = orders.map((order) => asPageHolds(order));
const result = runSuite({ api, PlainEngine, policy, orders, pageOrders, now: BENCH_NOW, reps });

const self = fileURLToPath(import.meta.url);
const coldRuns_ = (kind) =>
  Array.from({ length: coldRuns }, () =>
    JSON.parse(execFileSync(process.execPath, [self, '--cold', kind], { encoding: 'utf8' })),
  );
const cold = (kind) => coldRuns_(kind).map((x) => x.ms);
const wasmCold = coldRuns_('wasm');
const firstPage = { wasm: cold('first-page-wasm'), plain: cold('first-page-plain') };
const coldRows = [
  {
    label: 'wasm: `initSync({ module: bytes })` (compile + instantiate) + first `new Engine()`',
    samples: wasmCold.map((x) => x.ms),
  },
  {
    label: 'of which the first `new Engine()` (the embedded default policy)',
    samples: wasmCold.map((x) => x.engineMs),
  },
  { label: 'PlainEngine: import (parse + compile) + first `new PlainEngine(policy)`', samples: cold('plain') },
  {
    label:
      'first page: wasm — import the glue, read and compile the `.wasm`, `new Engine(JSON.parse(policy text))`, `evaluateMany` of 20 orders',
    samples: firstPage.wasm,
  },
  {
    label: 'first page: PlainEngine — import, `new PlainEngine(JSON.parse(policy text))`, `evaluateMany` of 20 orders',
    samples: firstPage.plain,
  },
];

const cpu = cpus();
const title = `Node ${process.version} — ${cpu.length} cores (${cpu[0]?.model?.trim() ?? 'unknown CPU'}), wasm ${readFileSync(wasmPath).length.toLocaleString('en-US')} bytes`;
console.log(table({ title, result, cold: coldRows }));
// The first page's ratio, as perf/run.sh prints it for jsc: medians of fresh processes.
console.log(
  `\nFirst page of answers from nothing loaded, wasm / PlainEngine (medians of ${coldRuns} fresh processes each): **${(median(firstPage.wasm) / median(firstPage.plain)).toFixed(2)}×**`,
);
console.log(summaryLine('Node', result, median(wasmCold.map((x) => x.engineMs))));
