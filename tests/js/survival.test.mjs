// The engine survives long use: thousands of failing calls of every kind,
// a hundred thousand answers, ten thousand engines made and freed — and it
// still answers correctly, with the wasm memory flat (at most 1 MiB of growth
// after a warm-up). WebAssembly memory never shrinks, so growth is the leak.
//
//   node --test tests/js/survival.test.mjs     (pkg/ built: scripts/build-pkg.sh)

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { checkOutcome, glueUrl, isError, loadCases, root, wasmPath } from './lib/golden.mjs';

const api = await import(glueUrl);
const exports = api.initSync({ module: readFileSync(wasmPath) });
const { Engine, evaluate } = api;

const MiB = 1 << 20;
const DAY = 86_400_000;
// 2021-09-15T10:00:00+08:00
const NOW = 1631671200000;
const memory = () => exports.memory.buffer.byteLength;

const PHONE = Object.freeze({
  id: 'S1',
  category: 'mobile_phone',
  status: 'success',
  successAt: '2021-07-30T11:43:30+08:00',
  deliveredAt: '2021-07-28T15:02:00+08:00',
  invoiceAt: '2021-07-27',
  repairDays: 4,
  exchangedAt: '2021-08-20',
  merchantPromises: [
    { service: 'repair', months: 24, from: 'invoice' },
    { service: 'return', days: 30, from: 'delivery' },
  ],
});
const POLICY = Object.freeze({
  version: 'survival-1',
  utcOffsetMinutes: 480,
  holidays: ['2021-10-01', '2021-10-02', '2021-10-03'],
  entryDays: 15,
  categories: {
    phone: {
      entryDays: 180,
      threeGuarantees: { returnDays: 7, exchangeDays: 15, warrantyMonths: 12, parts: { battery: 6, screen: 12 } },
    },
    flowers: { longDiscoveryDays: 90, noReasonReturn: false },
  },
});

const defaultCases = loadCases().filter((c) => c.policy === undefined && c.locale === undefined);

/** Every golden case of the default policy through `engine`; the failures. */
function goldenFailures(engine) {
  const failures = [];
  for (const c of defaultCases) {
    let outcome;
    try {
      outcome = { answer: engine.evaluate(c.order, c.now) };
    } catch (thrown) {
      outcome = { thrown };
    }
    const failure = checkOutcome(c, outcome);
    if (failure) failures.push(`${c.name}: ${failure}`);
  }
  return failures;
}

/** Calls `fn`, which must throw an engine error (an Error with a code); returns a problem or null. */
function mustFail(label, fn) {
  try {
    fn();
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) return `${label}: a wasm trap: ${e.message}`;
    if (!isError(e) || typeof e.code !== 'string') return `${label}: threw ${e?.name}: ${e?.message} (no engine code)`;
    return null;
  }
  return `${label}: did not fail`;
}

// One failing call of each kind: orders, policies, now, evaluateMany slots, syncClock.
const BAD_ORDERS = [
  { ...PHONE, id: 42 },
  { ...PHONE, successAt: 'yesterday' },
  { ...PHONE, successAt: NaN },
  { ...PHONE, deliveredAt: '2021-02-30T00:00:00+08:00' },
  { ...PHONE, invoiceAt: '2021-12-31T23:59:60+08:00' },
  { ...PHONE, exchangedAt: '2021-07-30T11:43:30+25:00' },
  { ...PHONE, repairDays: -1 },
  { ...PHONE, repairDays: 1.5 },
  { ...PHONE, status: 'refunded' },
  { ...PHONE, status: 'success', successAt: null },
  { ...PHONE, merchantPromises: [{ service: 'repair', days: 1, months: 1, from: 'invoice' }] },
  { ...PHONE, merchantPromises: 'none' },
  { ...PHONE, category: { nested: true } },
  { ...PHONE, id: 'x'.repeat(4097) }, // over the string limit (an unknown field is never read)
  { ...PHONE, id: 'x'.repeat(4096), successAt: 'y'.repeat(4096) },
  'not an order',
  null,
  [PHONE],
];
const BAD_POLICIES = [
  { entryDays: 15 },
  { version: 'p' },
  { version: 'p', entryDays: -1 },
  { version: 'p', entryDays: 36526 },
  { version: 'p', entryDays: 15, utcOffsetMinutes: 900 },
  { version: 'p', entryDays: 15, holidays: ['2021-02-30'] },
  { version: 'p', entryDays: 15, categories: { a: { parent: 'b' } } },
  { version: 'p', entryDays: 15, categories: { a: { parent: 'b' }, b: { parent: 'a' } } },
  { version: 'p', entryDays: 15, categories: { a: { threeGuarantees: { returnDays: 7, exchangeDays: 15 } } } },
  {
    version: 'p',
    entryDays: 15,
    categories: {
      a: { threeGuarantees: { returnDays: 7, exchangeDays: 15, warrantyMonths: 12, parts: { b: 'six' } } },
    },
  },
  { version: 'p', entryDays: 15, categories: new Map([['a', {}]]) }, // not an ordinary object
  [POLICY],
  'policy',
];
const BAD_NOWS = [NaN, Infinity, -Infinity, 8.64e15, -8.64e15, 2 ** 53 + 1, 'soon'];

/** Runs `rounds` rounds of every failing call kind on `engine`; the problems (at most a few). */
function failingRounds(engine, rounds) {
  const problems = new Set();
  const note = (p) => {
    if (p && problems.size < 20) problems.add(p);
  };
  for (let r = 0; r < rounds; r++) {
    const order = BAD_ORDERS[r % BAD_ORDERS.length];
    note(mustFail(`evaluate(bad order ${r % BAD_ORDERS.length})`, () => engine.evaluate(order, NOW)));
    note(
      mustFail(
        `new Engine(bad policy ${r % BAD_POLICIES.length})`,
        () => new Engine(BAD_POLICIES[r % BAD_POLICIES.length]),
      ),
    );
    note(
      mustFail(`evaluate(order, bad policy ${(r + 1) % BAD_POLICIES.length})`, () =>
        evaluate(PHONE, BAD_POLICIES[(r + 1) % BAD_POLICIES.length], NOW),
      ),
    );
    note(
      mustFail(`evaluate(order, bad now ${r % BAD_NOWS.length})`, () =>
        engine.evaluate(PHONE, BAD_NOWS[r % BAD_NOWS.length]),
      ),
    );
    note(mustFail('evaluateMany(bad now)', () => engine.evaluateMany([PHONE], NaN)));
    note(mustFail('evaluateMany(not an array)', () => engine.evaluateMany(PHONE, NOW)));
    note(mustFail('syncClock(NaN)', () => engine.syncClock(NaN)));
    // evaluateMany with bad slots: it answers, each bad slot holding its error.
    const slots = engine.evaluateMany(
      [BAD_ORDERS[r % BAD_ORDERS.length], PHONE, BAD_ORDERS[(r + 7) % BAD_ORDERS.length]],
      NOW,
    );
    if (!slots[0]?.error || slots[1]?.orderId !== 'S1' || !slots[2]?.error)
      note(`evaluateMany with bad slots: ${JSON.stringify(slots).slice(0, 200)}`);
  }
  return [...problems];
}

describe('10,000 failing calls of every kind', () => {
  const engine = new Engine();
  const reference = engine.evaluate(PHONE, NOW);

  test('no trap, every one an engine error; then the same engine answers correctly; memory flat', () => {
    const warm = failingRounds(engine, 500);
    assert.deepStrictEqual(warm, []);
    const before = memory();
    const started = Date.now();
    const problems = failingRounds(engine, 10_000);
    const elapsed = Date.now() - started;
    const growth = memory() - before;
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(
      engine.evaluate(PHONE, NOW),
      reference,
      'the answer after the failures is the answer before',
    );
    assert.deepStrictEqual(goldenFailures(engine), []);
    // A working syncClock after 10,000 refused ones.
    engine.syncClock(NOW);
    const { remainingMs, ...synced } = engine.evaluate(PHONE);
    const { remainingMs: referenceMs, ...expected } = reference;
    assert.deepStrictEqual(synced, expected);
    assert.ok(Math.abs(remainingMs - referenceMs) < 10_000);
    assert.ok(
      growth <= MiB,
      `wasm memory grew ${growth} bytes over 10,000 rounds (${(growth / 10_000).toFixed(1)} bytes a round)`,
    );
    assert.ok(elapsed < 60_000, `took ${elapsed} ms`);
  });
});

describe('100,000 successful evaluations', () => {
  test('memory flat, answers unchanged', () => {
    const engine = new Engine(POLICY, { locale: 'en' });
    const orders = [
      { ...PHONE, category: 'phone' },
      { id: 'F1', category: 'flowers', status: 'success', successAt: '2021-09-01T09:00:00+08:00' },
      { id: 'A1', category: 'apparel', status: 'pending' },
      { id: 'C1', category: 'apparel', status: 'closed', successAt: 1630000000000 },
      {
        id: 'N1',
        category: 'phone',
        status: 'success',
        successAt: 1631000000000,
        invoiceAt: '2021-09-30',
        repairDays: 1,
      },
    ];
    const expected = orders.map((o) => engine.evaluate(o, NOW));
    const round = (i) => {
      const o = orders[i % orders.length];
      const a = engine.evaluate(o, NOW + (i % 7) * DAY);
      if (a.orderId !== o.id) throw new Error(`answer ${i}: orderId ${a.orderId}`);
    };
    for (let i = 0; i < 5_000; i++) round(i);
    engine.evaluateMany(orders, NOW);
    const before = memory();
    const started = Date.now();
    for (let i = 0; i < 100_000; i++) round(i);
    for (let i = 0; i < 1_000; i++) engine.evaluateMany(orders, NOW);
    const elapsed = Date.now() - started;
    const growth = memory() - before;
    assert.deepStrictEqual(
      orders.map((o) => engine.evaluate(o, NOW)),
      expected,
    );
    assert.deepStrictEqual(engine.evaluateMany(orders, NOW), expected);
    assert.ok(growth <= MiB, `wasm memory grew ${growth} bytes over 100,000 evaluations`);
    assert.ok(elapsed < 60_000, `took ${elapsed} ms`);
    engine.free();
  });
});

describe('engines made and freed', () => {
  test('10,000 engines created and free()d: memory flat', () => {
    const policy = (i) => ({
      ...POLICY,
      version: `v${i}`,
      holidays: [...POLICY.holidays, `2022-01-${String(1 + (i % 28)).padStart(2, '0')}`],
    });
    for (let i = 0; i < 500; i++) new Engine(policy(i)).free();
    new Engine().free();
    const before = memory();
    const started = Date.now();
    for (let i = 0; i < 10_000; i++) {
      const engine = i % 5 === 0 ? new Engine(undefined, { locale: 'en' }) : new Engine(policy(i));
      if (i % 1000 === 0) assert.equal(engine.evaluate(PHONE, NOW).orderId, 'S1');
      engine.free();
    }
    const growth = memory() - before;
    const elapsed = Date.now() - started;
    assert.ok(growth <= MiB, `wasm memory grew ${growth} bytes over 10,000 engines`);
    assert.ok(elapsed < 60_000, `took ${elapsed} ms`);
    assert.deepStrictEqual(goldenFailures(new Engine()), []);
  });

  test('a freed engine refuses to work (an Error, no trap), a second free() at most throws, and the rest go on', () => {
    const engine = new Engine();
    engine.free();
    for (const call of [
      () => engine.evaluate(PHONE, NOW),
      () => engine.evaluateMany([PHONE], NOW),
      () => engine.syncClock(NOW),
      () => engine.policyVersion,
      () => engine.free(),
    ]) {
      try {
        call();
      } catch (e) {
        assert.ok(isError(e) && !(e instanceof WebAssembly.RuntimeError), `${e?.name}: ${e?.message}`);
      }
    }
    assert.throws(() => engine.evaluate(PHONE, NOW));
    assert.equal(new Engine().evaluate(PHONE, NOW).orderId, 'S1');
    assert.deepStrictEqual(goldenFailures(new Engine()), []);
  });

  test('engines dropped without free() are reclaimed by the garbage collector', () => {
    // A child with --expose-gc: make 10,000 engines, drop them, collect; the
    // next 10,000 must reuse the memory the first ones had.
    const code = `
      import { readFileSync } from 'node:fs';
      const api = await import(${JSON.stringify(glueUrl)});
      const exports = api.initSync({ module: readFileSync(${JSON.stringify(wasmPath)}) });
      const policy = { version: 'gc', entryDays: 15, holidays: Array.from({ length: 50 }, (_, i) => '2030-01-' + String(1 + (i % 28)).padStart(2, '0')) };
      const settle = async () => { for (let i = 0; i < 5; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 20)); } };
      const batch = () => { for (let i = 0; i < 10000; i++) new api.Engine(policy); };
      batch();
      await settle();
      const afterFirst = exports.memory.buffer.byteLength;
      for (let k = 0; k < 3; k++) { batch(); await settle(); }
      const afterMore = exports.memory.buffer.byteLength;
      process.stdout.write(JSON.stringify({ afterFirst, afterMore }));
    `;
    const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', code], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(r.status, 0, r.stderr);
    const { afterFirst, afterMore } = JSON.parse(r.stdout);
    assert.ok(
      afterMore - afterFirst <= MiB,
      `wasm memory grew ${afterMore - afterFirst} bytes over 30,000 more unfreed engines (${afterFirst} after the first 10,000)`,
    );
  });
});
