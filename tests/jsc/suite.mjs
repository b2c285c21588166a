// The golden vectors and a generated differential against PlainEngine,
// through the mini-program build, inside the `jsc` shell (JavaScriptCore) —
// exactly what WeChat loads (tests/jsc/wechat.mjs). tests/js/jsc.test.mjs
// runs it with JIT and with --useJIT=false (the iOS logic layer). From the
// repository root:
//
//   jsc [--useJIT=false] -m tests/jsc/suite.mjs -- [--orders 5000] [--seed N] tests/vectors/*.json
//
// Prints one line per failure and a last line `JSC-SUITE {json}` with the
// counts; exits non-zero (an uncaught exception) when anything failed.

/* global read, print, arguments */
import { requireFile, exportKinds } from './wechat.mjs';
import {
  casesFrom,
  checkOutcome,
  pageShapedProblem,
  runCase,
  runCaseAsPageHolds,
  sameJson as same,
} from '../js/lib/cases.mjs';
import { PlainEngine } from '../oracle/plain-engine.mjs';
import { genNow, genOrder, genPolicy, policyContext, random } from '../oracle/orders.mjs';
import { INNER_ORDER, asPageHolds } from '../js/lib/page-order.js';

const args = typeof arguments === 'undefined' ? [] : [...arguments];
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const ORDERS = Number(option('--orders', 5000));
const SEED = Number(option('--seed', 20211001));
const files = args;
const WASM = 'pkg/miniprogram/shouhoubao_bg.wasm';

const failures = [];
const fail = (text) => {
  failures.push(text);
  if (failures.length <= 20) print(`FAIL ${text}`);
};

/** Error slots agree on orderId, code and path (messages are wording). */
const sameSlot = (a, b) =>
  'error' in a && 'error' in b
    ? a.orderId === b.orderId && a.error.code === b.error.code && a.error.path === b.error.path
    : same(a, b);

const others = exportKinds(WASM).filter((e) => !['function', 'memory', 'table'].includes(e.kind));
if (others.length) fail(`the module exports ${others.map((e) => `${e.name} (${e.kind})`).join(', ')}`);

const shouhoubao = requireFile('pkg/miniprogram/index.js');
let loaded = false;
try {
  await shouhoubao.load({ path: WASM });
  loaded = true;
} catch (e) {
  fail(`load(): ${e}`);
}

const counts = { vectors: 0, pageShaped: 0, orders: 0, policies: 0, slots: 0, pageShapedSlots: 0, readChecks: 0 };
if (loaded) {
  // 1. The golden vectors.
  const cases = casesFrom(files.map((file) => [file.slice(file.lastIndexOf('/') + 1), read(file)]));
  for (const c of cases) {
    counts.vectors++;
    const outcome = runCase(shouhoubao, c);
    const problem = checkOutcome(c, outcome);
    if (problem !== null) fail(`${c.file} / ${c.name}: ${problem}`);
    // Again with the order as a page holds it: the same outcome.
    counts.pageShaped++;
    const paged = pageShapedProblem(outcome, runCaseAsPageHolds(shouhoubao, c));
    if (paged !== null) fail(`${c.file} / ${c.name}, as a page holds it: ${paged}`);
  }
  if (counts.vectors < 200) fail(`only ${counts.vectors} golden vectors were given`);

  // 2. Generated orders, one by one and in batches, over the default policy
  // and generated ones (weekends on and off, workdays, published-through).
  const R = random(SEED);
  const defaultPolicy = JSON.parse(read('src/policy/default.json'));
  const policies = [{ policy: defaultPolicy, ctx: policyContext(defaultPolicy) }];
  for (let i = 0; i < 8; i++) {
    const generated = genPolicy(R, i, { support: i % 3 === 2 });
    policies.push({ policy: generated.policy, ctx: policyContext(generated.policy) });
  }
  const perPolicy = Math.ceil(ORDERS / policies.length);
  for (const { policy, ctx } of policies) {
    counts.policies++;
    for (const locale of ['zh-CN', 'en']) {
      const wasm = new shouhoubao.Engine(policy, { locale });
      const plain = new PlainEngine(policy, { locale });
      const orders = [];
      for (let i = 0; i < perPolicy / 2; i++)
        orders.push(genOrder(R, { ...ctx, realistic: false, id: `J${counts.orders + i}` }));
      const now = genNow(R, orders[0], ctx.offset);
      // One by one, each with its own now.
      for (const order of orders.slice(0, 50)) {
        const at = genNow(R, order, ctx.offset);
        let a;
        let b;
        try {
          a = { value: wasm.evaluate(order, at) };
        } catch (e) {
          a = { code: e.code, path: e.path };
        }
        try {
          b = { value: plain.evaluate(order, at) };
        } catch (e) {
          b = { code: e.code, path: e.path };
        }
        if (!same(a, b)) fail(`evaluate differs: ${JSON.stringify({ order, at, wasm: a, plain: b }).slice(0, 2000)}`);
      }
      // The rest in one batch.
      const x = wasm.evaluateMany(orders, now);
      const y = plain.evaluateMany(orders, now);
      counts.orders += orders.length;
      for (let i = 0; i < orders.length; i++) {
        counts.slots++;
        if (!sameSlot(x[i], y[i]))
          fail(
            `evaluateMany differs: ${JSON.stringify({ order: orders[i], now, wasm: x[i], plain: y[i] }).slice(0, 2000)}`,
          );
      }
      // The same batch as a page holds its orders: each engine answers as it
      // answered the plain orders (the wasm engine against itself, PlainEngine
      // against itself).
      const paged = orders.map((order) => asPageHolds(order));
      const xPaged = wasm.evaluateMany(paged, now);
      const yPaged = plain.evaluateMany(paged, now);
      for (let i = 0; i < orders.length; i++) {
        counts.pageShapedSlots++;
        if (!sameSlot(x[i], xPaged[i]))
          fail(
            `wasm: a page-held order differs: ${JSON.stringify({ order: orders[i], now, plain: x[i], paged: xPaged[i] }).slice(0, 2000)}`,
          );
        if (!sameSlot(y[i], yPaged[i]))
          fail(
            `PlainEngine: a page-held order differs: ${JSON.stringify({ order: orders[i], now, plain: y[i], paged: yPaged[i] }).slice(0, 2000)}`,
          );
      }
      wasm.free();
    }
  }
  if (counts.orders < ORDERS) fail(`only ${counts.orders} generated orders`);

  // 3. What is read, counted through Proxies (JavaScriptCore's own Proxy and
  // getter semantics, through the mini-program's converted glue): the named
  // fields only, and a call from inside a read gets its own answer.
  const NOW = 1632445200000;
  const order = {
    id: 'OUTER',
    category: 'mobile_phone',
    status: 'success',
    successAt: '2021-07-30T11:43:30+08:00',
    invoiceAt: '2021-07-27',
    merchantPromises: [{ service: 'repair', months: 24, from: 'invoice' }],
  };
  const engine = new shouhoubao.Engine();
  const expected = engine.evaluate(order, NOW);
  const expectedInner = engine.evaluate(INNER_ORDER, NOW);
  const check = (label, ok) => {
    counts.readChecks++;
    if (!ok) fail(`reads: ${label}`);
  };
  const calls = { get: 0, other: 0 };
  const handler = {
    get: (t, k, r) => {
      calls.get++;
      return Reflect.get(t, k, r);
    },
  };
  for (const trap of ['has', 'ownKeys', 'getOwnPropertyDescriptor'])
    handler[trap] = (...a) => {
      calls.other++;
      return Reflect[trap](...a);
    };
  const counted = new Proxy(asPageHolds(order), handler);
  check('a counted page-held order is answered like the plain one', same(engine.evaluate(counted, NOW), expected));
  check(`at most 9 gets, no enumeration (${JSON.stringify(calls)})`, calls.get <= 9 && calls.other === 0);
  const inner = [];
  const calling = asPageHolds(order, () => engine.evaluate(INNER_ORDER, NOW));
  const failingInner = asPageHolds(order, () => {
    try {
      engine.evaluateMany('not a list', NOW);
    } catch (e) {
      inner.push(e.code);
    }
  });
  const slots = engine.evaluateMany([calling, failingInner, order], NOW);
  check(
    'calls from inside reads: each slot its own answer',
    slots.every((slot) => same(slot, expected)),
  );
  check("the inner call got INNER's answer", same(calling.reentered, expectedInner));
  check(
    `the failing inner call got its own error (${inner.join()})`,
    inner.length === 1 && inner[0] === 'INVALID_ARGUMENT',
  );
  let afterSalesCalls = 0;
  const withGetter = { ...order };
  Object.defineProperty(withGetter, 'afterSales', {
    enumerable: true,
    get: () => {
      afterSalesCalls++;
      return engine.evaluate(INNER_ORDER, NOW);
    },
  });
  check('an unknown getter is never called', same(engine.evaluate(withGetter, NOW), expected) && afterSalesCalls === 0);
  const huge = [];
  huge.length = 2 ** 32 - 1;
  let hugeError;
  try {
    engine.evaluateMany(huge, NOW);
  } catch (e) {
    hugeError = `${e.code} ${e.path}`;
  }
  check(`2^32 − 1 orders: INVALID_ARGUMENT at orders (${hugeError})`, hugeError === 'INVALID_ARGUMENT orders');
  let mapError;
  try {
    new shouhoubao.Engine({ version: 'p', entryDays: 15, categories: new Map() });
  } catch (e) {
    mapError = `${e.code} ${e.path} ${e.message}`;
  }
  check(
    `categories as a Map: INVALID_POLICY at categories (${mapError})`,
    /^INVALID_POLICY categories .*found a Map/.test(String(mapError)),
  );
  engine.syncClock(NOW);
  check('the engine still answers after all that', same(engine.evaluate(order, NOW), expected));
  engine.free();
}

print(`JSC-SUITE ${JSON.stringify({ ...counts, failures: failures.length })}`);
// A module's uncaught exception is the shell's way to a non-zero exit.
if (failures.length) throw new Error(`${failures.length} failure(s)`);
