// Calls inside calls (contract 3, §7; issue 16): a call into the package
// made while another call is reading its input — from a getter or a Proxy
// trap on a field the contract names — gets its own answer or its own
// typed error, and never changes the outer call's answer. Each test builds
// an outer input whose named field calls back into the package, and checks
// both the outer and every inner outcome against the same calls made on
// their own. Afterwards the engines still answer, sync their clocks and free.
//
//   node --test tests/js/reentrancy.test.mjs      (pkg/ built: scripts/build-pkg.sh)

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { glueUrl, wasmPath } from './lib/golden.mjs';
import { INNER_ORDER, OUTER_NOW, OUTER_ORDER, asPageHolds } from './lib/page-order.js';

const api = await import(glueUrl);
api.initSync({ module: readFileSync(wasmPath) });
const { Engine } = api;

const NOW = OUTER_NOW;
const ORDER = OUTER_ORDER;
const SMALL_POLICY = Object.freeze({ version: 'SMALL', entryDays: 3, categories: { apparel: { entryDays: 5 } } });

/** The answers of calls made on their own, for comparison. */
const alone = new Engine();
const PLAIN = alone.evaluate(ORDER, NOW);
const PLAIN_INNER = alone.evaluate(INNER_ORDER, NOW);

// ------------------------------------------------------------------ helpers

/** `{ answer }` or `{ error: { code, path } }` of a call. */
function outcome(fn) {
  try {
    return { answer: fn() };
  } catch (e) {
    return { error: { code: e.code, path: e.path } };
  }
}

/**
 * `order` with its named field `field` turned into a getter that first runs
 * `inner()` (a call into the package), keeping each inner outcome in `log`.
 */
function callingBack(order, field, inner, log) {
  const copy = { ...order };
  const value = order[field];
  Object.defineProperty(copy, field, {
    enumerable: true,
    get() {
      log.push(outcome(inner));
      return value;
    },
  });
  return copy;
}

/**
 * The same engine still answers as `reference` (an engine made on its own
 * from the same policy) does, syncs its clock and frees.
 */
function assertStillWorks(engine, reference = alone) {
  const expected = [reference.evaluate(ORDER, NOW), reference.evaluate(INNER_ORDER, NOW)];
  assert.deepEqual(engine.evaluate(ORDER, NOW), expected[0]);
  assert.deepEqual(engine.evaluateMany([ORDER, INNER_ORDER], NOW), expected);
  engine.syncClock(NOW);
  assert.equal(engine.evaluate(ORDER).orderId, 'OUTER');
  engine.free();
}

// ------------------------------------------------------------------ evaluate

describe("a named field's getter calls the engine during the outer read", () => {
  for (const field of ['id', 'category', 'status', 'successAt', 'merchantPromises']) {
    test(`get ${field}() evaluates INNER: the outer keeps OUTER's answer, the inner gets its own`, () => {
      const engine = new Engine();
      const log = [];
      const order = callingBack(ORDER, field, () => engine.evaluate(INNER_ORDER, NOW), log);
      assert.deepEqual(engine.evaluate(order, NOW), PLAIN);
      assert.deepEqual(log, [{ answer: PLAIN_INNER }]);
      assertStillWorks(engine);
    });
  }

  test("in evaluateMany: every slot its own order's answer, no spurious error in the next slot", () => {
    const engine = new Engine();
    const log = [];
    const order = callingBack(ORDER, 'category', () => engine.evaluate(INNER_ORDER, NOW), log);
    const second = { ...ORDER, id: 'SECOND' };
    const slots = engine.evaluateMany([order, second, order, INNER_ORDER], NOW);
    assert.deepEqual(slots, [PLAIN, { ...PLAIN, orderId: 'SECOND' }, PLAIN, PLAIN_INNER]);
    assert.deepEqual(log, [{ answer: PLAIN_INNER }, { answer: PLAIN_INNER }]);
    assertStillWorks(engine);
  });

  test('the inner call is itself an evaluateMany of orders as a page holds them', () => {
    const engine = new Engine();
    const log = [];
    const innerBatch = [asPageHolds(INNER_ORDER), asPageHolds(ORDER), INNER_ORDER];
    const order = callingBack(ORDER, 'status', () => engine.evaluateMany(innerBatch, NOW), log);
    assert.deepEqual(engine.evaluateMany([ORDER, order, ORDER], NOW), [PLAIN, PLAIN, PLAIN]);
    assert.deepEqual(log, [{ answer: [PLAIN_INNER, PLAIN, PLAIN_INNER] }]);
    assertStillWorks(engine);
  });

  test('the inner call evaluates the very batch being read (once): both get the same answers', () => {
    const engine = new Engine();
    let innerSlots;
    const orders = [ORDER, null, { ...ORDER, id: 'THIRD' }];
    const first = { ...ORDER, id: 'FIRST' };
    Object.defineProperty(first, 'status', {
      enumerable: true,
      get() {
        if (innerSlots === undefined) {
          innerSlots = 'reading';
          innerSlots = engine.evaluateMany(orders, NOW);
        }
        return ORDER.status;
      },
    });
    orders[1] = first;
    const outerSlots = engine.evaluateMany(orders, NOW);
    const expected = [PLAIN, { ...PLAIN, orderId: 'FIRST' }, { ...PLAIN, orderId: 'THIRD' }];
    assert.deepEqual(outerSlots, expected);
    assert.deepEqual(innerSlots, expected);
    assertStillWorks(engine);
  });

  test("calls nested 25 deep, each order's getter calling the next: every level its own answer", () => {
    const engine = new Engine();
    const DEPTH = 25;
    const answers = [];
    const levelOrder = (level) => {
      const order = { ...ORDER, id: `L${level}` };
      Object.defineProperty(order, 'category', {
        enumerable: true,
        get() {
          if (level < DEPTH) answers[level + 1] = engine.evaluate(levelOrder(level + 1), NOW);
          return ORDER.category;
        },
      });
      return order;
    };
    answers[0] = engine.evaluate(levelOrder(0), NOW);
    assert.equal(answers.length, DEPTH + 1);
    answers.forEach((answer, level) => assert.deepEqual(answer, { ...PLAIN, orderId: `L${level}` }, `level ${level}`));
    assertStillWorks(engine);
  });

  test('calls nested past the limit (32 open at once): the 33rd is INVALID_ARGUMENT before it reads anything, the 32 below it are answered', () => {
    // docs/contract.md §8, "Limits": a getter that calls the package from
    // every call would otherwise run the module's stack out.
    const engine = new Engine();
    const LIMIT = 32;
    const answers = [];
    let refused = null;
    let readsPastTheLimit = 0;
    const levelOrder = (level) => {
      const order = { ...ORDER, id: `L${level}` };
      Object.defineProperty(order, 'category', {
        enumerable: true,
        get() {
          if (level >= LIMIT) readsPastTheLimit++;
          if (level === LIMIT - 1) {
            try {
              engine.evaluate(levelOrder(LIMIT), NOW);
            } catch (e) {
              refused = e;
            }
          } else if (level < LIMIT - 1) {
            answers[level + 1] = engine.evaluate(levelOrder(level + 1), NOW);
          }
          return ORDER.category;
        },
      });
      return order;
    };
    answers[0] = engine.evaluate(levelOrder(0), NOW);
    assert.equal(answers.length, LIMIT);
    answers.forEach((answer, level) => assert.deepEqual(answer, { ...PLAIN, orderId: `L${level}` }, `level ${level}`));
    assert.ok(refused instanceof Error, 'the call past the limit throws an Error');
    assert.deepEqual(
      { name: refused.name, code: refused.code, path: refused.path },
      { name: 'EngineError', code: 'INVALID_ARGUMENT', path: '' },
    );
    assert.match(refused.message, /nested more than 32 deep/);
    assert.equal(readsPastTheLimit, 0, 'the refused call read nothing');
    assertStillWorks(engine);
  });

  test('large inner and outer inputs: each tape grows on its own (long ids, many promises, multi-byte text)', () => {
    const engine = new Engine();
    // 100 promises: the most an order may list.
    const promises = Array.from({ length: 100 }, (_, i) => ({ service: 'repair', days: 30 + i, from: 'invoice' }));
    const bigInner = { ...INNER_ORDER, id: '订'.repeat(4096), merchantPromises: promises };
    const bigOuter = { ...ORDER, id: '单'.repeat(4096), merchantPromises: promises };
    const log = [];
    // The getter is on the outer's last promise field read: the outer tape is far along.
    const lastPromise = callingBack(promises[99], 'from', () => engine.evaluate(bigInner, NOW), log);
    const outer = { ...bigOuter, merchantPromises: [...promises.slice(0, 99), lastPromise] };
    assert.deepEqual(engine.evaluate(outer, NOW), alone.evaluate(bigOuter, NOW));
    assert.deepEqual(log, [{ answer: alone.evaluate(bigInner, NOW) }]);
    assertStillWorks(engine);
  });
});

// ------------------------------------------------------------------ inner errors

describe('an inner call that fails gets its own typed error; the outer call is unchanged', () => {
  const innerFailures = [
    ['evaluate(null)', (engine) => engine.evaluate(null, NOW), { code: 'INVALID_ORDER', path: '' }],
    [
      'evaluate of an order without an id',
      (engine) => engine.evaluate({ ...INNER_ORDER, id: undefined }, NOW),
      { code: 'INVALID_ORDER', path: 'id' },
    ],
    [
      'evaluate with now = NaN',
      (engine) => engine.evaluate(INNER_ORDER, NaN),
      { code: 'INVALID_ARGUMENT', path: 'now' },
    ],
    [
      'evaluateMany of a string',
      (engine) => engine.evaluateMany('orders', NOW),
      { code: 'INVALID_ARGUMENT', path: 'orders' },
    ],
    [
      'evaluateMany over the limit',
      (engine) => {
        const huge = [];
        huge.length = 2 ** 32 - 1;
        return engine.evaluateMany(huge, NOW);
      },
      { code: 'INVALID_ARGUMENT', path: 'orders' },
    ],
    ['new Engine of a bad policy', () => new Engine({ version: 'bad' }), { code: 'INVALID_POLICY', path: 'entryDays' }],
    ['new Engine with a bad locale', () => new Engine(undefined, { locale: 'fr' }), { code: 'INVALID_ARGUMENT' }],
    ['syncClock(NaN)', (engine) => engine.syncClock(NaN), { code: 'INVALID_ARGUMENT', path: 'serverNowMs' }],
    [
      'the top-level evaluate under a bad policy',
      () => api.evaluate(INNER_ORDER, { version: 'v', entryDays: -1 }, NOW),
      { code: 'INVALID_POLICY', path: 'entryDays' },
    ],
  ];

  for (const [label, inner, expected] of innerFailures) {
    test(`${label}, from inside evaluate and inside evaluateMany`, () => {
      const engine = new Engine();
      const log = [];
      const order = callingBack(ORDER, 'successAt', () => inner(engine), log);
      assert.deepEqual(engine.evaluate(order, NOW), PLAIN);
      assert.deepEqual(engine.evaluateMany([order, ORDER, order], NOW), [PLAIN, PLAIN, PLAIN]);
      assert.equal(log.length, 3);
      for (const entry of log) {
        assert.ok('error' in entry, `${label} answered`);
        assert.equal(entry.error.code, expected.code);
        if ('path' in expected) assert.equal(entry.error.path, expected.path);
      }
      assertStillWorks(engine);
    });
  }

  test('an inner call whose own getter throws: its error at its field, the outer unchanged', () => {
    const engine = new Engine();
    const broken = { ...INNER_ORDER };
    Object.defineProperty(broken, 'status', {
      enumerable: true,
      get: () => {
        throw new Error('detached');
      },
    });
    const log = [];
    const order = callingBack(ORDER, 'category', () => engine.evaluateMany([INNER_ORDER, broken], NOW), log);
    assert.deepEqual(engine.evaluate(order, NOW), PLAIN);
    const [innerSlots] = log.map((entry) => entry.answer);
    assert.deepEqual(innerSlots[0], PLAIN_INNER);
    assert.deepEqual(
      { code: innerSlots[1].error.code, path: innerSlots[1].error.path },
      { code: 'INVALID_ORDER', path: '[1].status' },
    );
    assertStillWorks(engine);
  });

  test("the outer order is bad and the inner good: the outer's error, the inner's answer", () => {
    const engine = new Engine();
    const log = [];
    const bad = callingBack({ ...ORDER, status: 'lost' }, 'category', () => engine.evaluate(INNER_ORDER, NOW), log);
    const error = outcome(() => engine.evaluate(bad, NOW)).error;
    assert.deepEqual(error, { code: 'INVALID_ORDER', path: 'status' });
    const slots = engine.evaluateMany([ORDER, bad, ORDER], NOW);
    assert.deepEqual([slots[0], slots[2]], [PLAIN, PLAIN]);
    assert.deepEqual([slots[1].orderId, slots[1].error.path], ['OUTER', '[1].status']);
    assert.deepEqual(log, [{ answer: PLAIN_INNER }, { answer: PLAIN_INNER }]);
    assertStillWorks(engine);
  });
});

// ------------------------------------------------------------------ engines and policies

describe('engines made and freed from inside a read', () => {
  test('new Engine(p) whose get entryDays() builds another Engine: each takes its own policy', () => {
    let other;
    const policy = {
      version: 'MINE',
      get entryDays() {
        other = new Engine(SMALL_POLICY);
        return 15;
      },
    };
    const mine = new Engine(policy);
    assert.equal(mine.policyVersion, 'MINE');
    assert.equal(other.policyVersion, 'SMALL');
    const shirt = INNER_ORDER; // apparel
    assert.deepEqual(mine.evaluate(shirt, NOW), new Engine({ version: 'MINE', entryDays: 15 }).evaluate(shirt, NOW));
    assert.deepEqual(other.evaluate(shirt, NOW), new Engine(SMALL_POLICY).evaluate(shirt, NOW));
    assertStillWorks(other, new Engine(SMALL_POLICY));
    assertStillWorks(mine, new Engine({ version: 'MINE', entryDays: 15 }));
  });

  test('new Engine(p) whose getter makes an engine from the same policy object (once): both take it whole', () => {
    let inner;
    const policy = { version: 'SAME', entryDays: 15, categories: { apparel: { entryDays: 5 } } };
    Object.defineProperty(policy, 'noReasonReturnDays', {
      enumerable: true,
      get() {
        if (inner === undefined) {
          inner = 'making';
          inner = new Engine(policy);
        }
        return 10;
      },
    });
    const outer = new Engine(policy);
    const reference = new Engine({
      version: 'SAME',
      entryDays: 15,
      noReasonReturnDays: 10,
      categories: { apparel: { entryDays: 5 } },
    });
    assert.deepEqual(outer.evaluate(INNER_ORDER, NOW), reference.evaluate(INNER_ORDER, NOW));
    assert.deepEqual(inner.evaluate(INNER_ORDER, NOW), reference.evaluate(INNER_ORDER, NOW));
    assertStillWorks(inner, reference);
    assertStillWorks(outer, reference);
  });

  test("a category's getter evaluates an order on an existing engine while the policy is read", () => {
    const existing = new Engine();
    const log = [];
    const policy = {
      version: 'CATS',
      entryDays: 15,
      categories: {
        apparel: callingBack({ entryDays: 5 }, 'entryDays', () => existing.evaluate(ORDER, NOW), log),
        mobile_phone: { entryDays: 9 },
      },
    };
    const engine = new Engine(policy);
    assert.deepEqual(log, [{ answer: PLAIN }]);
    const expected = new Engine({
      version: 'CATS',
      entryDays: 15,
      categories: { apparel: { entryDays: 5 }, mobile_phone: { entryDays: 9 } },
    });
    assert.deepEqual(engine.evaluate(INNER_ORDER, NOW), expected.evaluate(INNER_ORDER, NOW));
    assertStillWorks(existing);
  });

  test("an order's getter frees another engine and makes a third: the outer answer stands", () => {
    const engine = new Engine();
    const doomed = new Engine(SMALL_POLICY);
    let third;
    const order = { ...ORDER };
    Object.defineProperty(order, 'invoiceAt', {
      enumerable: true,
      get() {
        doomed.free();
        third = new Engine(SMALL_POLICY);
        return ORDER.invoiceAt;
      },
    });
    assert.deepEqual(engine.evaluate(order, NOW), PLAIN);
    assert.equal(third.policyVersion, 'SMALL');
    assertStillWorks(third, new Engine(SMALL_POLICY));
    assertStillWorks(engine);
  });

  test('syncClock, defaultPolicy(), version() and the top-level evaluate from inside a read', () => {
    const engine = new Engine();
    const log = [];
    const order = callingBack(
      ORDER,
      'id',
      () => {
        engine.syncClock(NOW);
        return [api.defaultPolicy().version, api.version(), api.evaluate(INNER_ORDER, undefined, NOW).orderId];
      },
      log,
    );
    assert.deepEqual(engine.evaluate(order, NOW), PLAIN);
    assert.deepEqual(log, [{ answer: [api.defaultPolicy().version, api.version(), 'INNER'] }]);
    assertStillWorks(engine);
  });
});

// ------------------------------------------------------------------ Proxy traps

describe('calls from Proxy traps on what the contract reads', () => {
  test("the orders array's get trap evaluates INNER before handing out each item", () => {
    const engine = new Engine();
    const log = [];
    const list = new Proxy([ORDER, { ...ORDER, id: 'SECOND' }], {
      get(target, key, receiver) {
        if (key !== 'length') log.push(outcome(() => engine.evaluate(INNER_ORDER, NOW)));
        return Reflect.get(target, key, receiver);
      },
    });
    assert.deepEqual(engine.evaluateMany(list, NOW), [PLAIN, { ...PLAIN, orderId: 'SECOND' }]);
    assert.deepEqual(log, [{ answer: PLAIN_INNER }, { answer: PLAIN_INNER }]);
    assertStillWorks(engine);
  });

  test("the categories map's ownKeys trap evaluates an order while the policy is read", () => {
    const existing = new Engine();
    const log = [];
    const categories = new Proxy(
      { apparel: { entryDays: 5 } },
      {
        ownKeys(target) {
          log.push(outcome(() => existing.evaluateMany([ORDER, INNER_ORDER], NOW)));
          return Reflect.ownKeys(target);
        },
      },
    );
    const engine = new Engine({ version: 'TRAP', entryDays: 15, categories });
    assert.deepEqual(log, [{ answer: [PLAIN, PLAIN_INNER] }]);
    assert.deepEqual(
      engine.evaluate(INNER_ORDER, NOW),
      new Engine({ version: 'TRAP', entryDays: 15, categories: { apparel: { entryDays: 5 } } }).evaluate(
        INNER_ORDER,
        NOW,
      ),
    );
    assertStillWorks(existing);
  });

  test("a promise's get trap builds an engine and evaluates with it", () => {
    const engine = new Engine();
    const log = [];
    const promise = new Proxy(
      { ...ORDER.merchantPromises[0] },
      {
        get(target, key, receiver) {
          if (key === 'months') log.push(outcome(() => new Engine(SMALL_POLICY).evaluate(INNER_ORDER, NOW)));
          return Reflect.get(target, key, receiver);
        },
      },
    );
    assert.deepEqual(engine.evaluate({ ...ORDER, merchantPromises: [promise] }, NOW), PLAIN);
    assert.deepEqual(log, [{ answer: new Engine(SMALL_POLICY).evaluate(INNER_ORDER, NOW) }]);
    assertStillWorks(engine);
  });
});
