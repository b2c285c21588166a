// The mini-program build under one emulated platform (tests/jsc/platforms.mjs:
// WeChat, Alipay or Douyin) in the jsc shell: load() finds the platform's own
// WebAssembly and answers every golden vector; then shouhoubao/worker between
// a page and the platform's Worker (messages as JSON, delivered later): every
// golden vector through the worker, errors crossing, syncClock before any
// policy, and a watch. tests/js/worker-jsc.test.mjs runs it for wx, my and tt,
// with JIT and with --useJIT=false (iOS). From the repository root:
//
//   jsc [--useJIT=false] -m tests/jsc/worker-suite.mjs -- --platform tt tests/vectors/*.json
//
// Prints one line per failure and a last line `WORKER-SUITE {json}`; exits
// non-zero (an uncaught exception) when anything failed.

/* global read, print, arguments */
import { requireFile } from './wechat.mjs';
import { emulatePlatform } from './platforms.mjs';
import { casesFrom, checkOutcome, runCase } from '../js/lib/cases.mjs';
import {
  checkClockSyncBeforePolicy,
  checkErrorsCross,
  checkPageHeldThroughWorker,
  checkVectorsThroughWorker,
  checkWatch,
} from '../js/lib/worker-cases.mjs';

const args = typeof arguments === 'undefined' ? [] : [...arguments];
const at = args.indexOf('--platform');
const platformName = at < 0 ? 'wx' : args.splice(at, 2)[1];
const files = args;
const WASM = 'pkg/miniprogram/shouhoubao_bg.wasm';
const SERVER_NOW = Date.parse('2021-09-15T10:00:00+08:00');

const failures = [];
const fail = (text) => {
  failures.push(text);
  if (failures.length <= 20) print(`FAIL ${text}`);
};
const counts = {
  platform: platformName,
  vectors: 0,
  workerVectors: 0,
  workerErrors: 0,
  workerPageHeld: 0,
  errorsCrossed: false,
  watch: 'not run',
};

const platform = emulatePlatform(platformName);
const shouhoubao = requireFile('pkg/miniprogram/index.js');
const cases = casesFrom(files.map((file) => [file.slice(file.lastIndexOf('/') + 1), read(file)]));
if (cases.length < 200) fail(`only ${cases.length} golden vectors were given`);

// 1. load() picks the platform's WebAssembly by itself; every golden vector.
try {
  await shouhoubao.load({ path: WASM });
  if (platform.instantiated.join() !== WASM)
    fail(`${platform.wasmName}.instantiate was called for [${platform.instantiated}]`);
  for (const c of cases) {
    counts.vectors++;
    const problem = checkOutcome(c, runCase(shouhoubao, c));
    if (problem !== null) fail(`${c.file} / ${c.name}: ${problem}`);
  }
} catch (e) {
  fail(`load() under ${platform.wasmName}: ${e}`);
}

// 2. shouhoubao/worker over the platform's Worker.
const { connect } = requireFile('pkg/miniprogram/worker.js');
const withWorker = async (label, check) => {
  const worker = platform.api.createWorker('tests/jsc/engine-worker.js');
  const client = connect(worker);
  try {
    return await check(client);
  } catch (e) {
    fail(`${label}: ${e}\n${e.stack}`);
    return undefined;
  } finally {
    await client.close();
    worker.terminate();
  }
};

// A fresh worker: syncClock arrives before any policy.
for (const problem of (await withWorker('syncClock', (client) => checkClockSyncBeforePolicy(client, SERVER_NOW))) ?? [])
  fail(`syncClock: ${problem}`);

await withWorker('vectors and errors', async (client) => {
  const result = await checkVectorsThroughWorker(client, shouhoubao, cases);
  counts.workerVectors = result.vectors;
  counts.workerErrors = result.errors;
  for (const problem of result.failures) fail(problem);
  const crossing = await checkErrorsCross(client, shouhoubao, SERVER_NOW);
  for (const problem of crossing) fail(`errors: ${problem}`);
  counts.errorsCrossed = crossing.length === 0;
});

await withWorker('orders as a page holds them', async (client) => {
  const result = await checkPageHeldThroughWorker(client, shouhoubao, cases);
  counts.workerPageHeld = result.pageHeld;
  for (const problem of result.failures) fail(problem);
});

await withWorker('watch', async (client) => {
  const result = await checkWatch(client, shouhoubao, SERVER_NOW);
  counts.watch = result.failures.length ? 'failed' : 'passed';
  for (const problem of result.failures) fail(`watch: ${problem}`);
});

print(`WORKER-SUITE ${JSON.stringify({ ...counts, failures: failures.length })}`);
if (failures.length) throw new Error(`${failures.length} failure(s)`);
