// Hostile orders and policies as real pages hold them (issue 16; contract 3,
// §3, §4 and §7), one test per case. Each case must end in the right answer
// or the typed error the contract names, within a small fixed budget of
// work: the order (or policy) is seen through a Proxy that counts every trap
// call, and the count must stay within the number of fields the contract
// names; what the contract does not name sits behind a "tripwire" Proxy
// whose traps must never be called at all. No wall-clock time is asserted.
// After each case the same Engine must still answer, sync its clock and
// free.
//
//   node --test tests/js/real-orders.test.mjs      (pkg/ built: scripts/build-pkg.sh)

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { glueUrl, wasmPath } from './lib/golden.mjs';
import { ORDER_FIELDS as ORDER_FIELD_NAMES } from './lib/hostile-cases.mjs';
import { INNER_ORDER, asPageHolds } from './lib/page-order.js';

const api = await import(glueUrl);
api.initSync({ module: readFileSync(wasmPath) });
const { Engine } = api;

// 2021-09-24T09:00:00+08:00
const NOW = 1632445200000;

/** The contract's order (§4) with every field it names, one promise of each kind. */
const ORDER = Object.freeze({
  id: 'OUTER',
  category: 'mobile_phone',
  status: 'success',
  successAt: '2021-07-30T11:43:30+08:00',
  deliveredAt: '2021-07-28T15:02:00+08:00',
  invoiceAt: '2021-07-27',
  repairDays: 2,
  exchangedAt: '2021-08-02',
  merchantPromises: Object.freeze([
    Object.freeze({ service: 'repair', months: 24, from: 'invoice' }),
    Object.freeze({ service: 'exchange', days: 30, from: 'delivery' }),
  ]),
});

// The fields the contract names (§3, §4): the budgets below are these counts.
const ORDER_FIELDS = 9;
const PROMISE_FIELDS = 4;
const POLICY_FIELDS = 10;
const CATEGORY_FIELDS = 5;
const GUARANTEE_FIELDS = 4;
// Besides reading its named fields, the engine may ask what kind of object
// a value is (its prototype) once.
const KIND_CHECKS = 1;

/** The default engine's answer for the plain order: what every case must give. */
const PLAIN = new Engine().evaluate(ORDER, NOW);

// ------------------------------------------------------------------ helpers

const TRAPS = [
  'get',
  'set',
  'has',
  'ownKeys',
  'getOwnPropertyDescriptor',
  'defineProperty',
  'deleteProperty',
  'getPrototypeOf',
  'setPrototypeOf',
  'isExtensible',
  'preventExtensions',
  'apply',
  'construct',
];

/**
 * `target` behind a Proxy that counts every trap call by trap name (and in
 * `calls.total`), then does what the target would.
 */
function counted(target) {
  const calls = { total: 0 };
  const handler = {};
  for (const trap of TRAPS) {
    handler[trap] = (...args) => {
      calls[trap] = (calls[trap] ?? 0) + 1;
      calls.total++;
      return Reflect[trap](...args);
    };
  }
  return { proxy: new Proxy(target, handler), calls };
}

/**
 * Data the engine must never touch: `target` behind a Proxy whose every trap
 * call is counted in `trips.count` (each test asserts it stays 0).
 */
function tripwires() {
  const trips = { count: 0 };
  const wire = (target) => {
    const handler = {};
    for (const trap of TRAPS) {
      handler[trap] = (...args) => {
        trips.count++;
        return Reflect[trap](...args);
      };
    }
    return new Proxy(target, handler);
  };
  return { trips, wire };
}

/** An error's code and path (fails when `fn` does not throw). */
function thrownBy(fn) {
  try {
    fn();
  } catch (e) {
    return { code: e.code, path: e.path, message: e.message };
  }
  return assert.fail('expected an error');
}

const pick = ({ code, path }) => ({ code, path });

/** The same engine still answers, syncs its clock and frees after a hostile case. */
function assertStillWorks(engine, expected = PLAIN) {
  assert.deepEqual(engine.evaluate(ORDER, NOW), expected);
  assert.deepEqual(engine.evaluateMany([ORDER, ORDER], NOW), [expected, expected]);
  engine.syncClock(NOW);
  assert.equal(engine.evaluate(ORDER).orderId, 'OUTER'); // the synced clock
  engine.free();
}

/** Asserts an order Proxy's reads stayed within the contract's fields. */
function assertOrderBudget(calls, label = 'the order') {
  assert.ok((calls.get ?? 0) <= ORDER_FIELDS, `${label}: ${calls.get} reads for ${ORDER_FIELDS} named fields`);
  assert.ok(calls.total <= ORDER_FIELDS + KIND_CHECKS, `${label}: ${JSON.stringify(calls)}`);
  assert.equal(calls.ownKeys ?? 0, 0, `${label} was enumerated`);
}

/** A page's order (page-order.js) with its page data behind tripwires. */
function pageOrderWithTripwires(order, wire) {
  const page = asPageHolds(order);
  for (const key of ['items', 'shop', 'logistics', 'buttons', 'price', 'self', 'again']) page[key] = wire(page[key]);
  return page;
}

// ------------------------------------------------------------ orders a page holds

describe('orders as a page holds them: answered like the plain order, within the budget', () => {
  test('contract fields + ~1.4 KB of items, shop, logistics and buttons', () => {
    const engine = new Engine();
    const { trips, wire } = tripwires();
    const page = pageOrderWithTripwires(ORDER, wire);
    // The page data is what the issue describes: about 1.4 KB beside a 1 MB trace.
    const bare = asPageHolds(ORDER);
    const { rawTrace, ...shownLogistics } = bare.logistics;
    const shown = JSON.stringify([bare.items, shownLogistics, bare.buttons, bare.price, bare.shop.name]);
    assert.ok(shown.length > 1000, `${shown.length} characters of page data`);
    assert.ok(rawTrace.length >= 1 << 20);
    const order = counted(page);
    assert.deepEqual(engine.evaluate(order.proxy, NOW), PLAIN);
    assertOrderBudget(order.calls);
    assert.equal(trips.count, 0, 'the page data was touched');
    assertStillWorks(engine);
  });

  test('order.shop = shop; shop.orders = [o1, o2]: both answered, the shop untouched', () => {
    const engine = new Engine();
    const { trips, wire } = tripwires();
    const shop = { name: '官方旗舰店' };
    const first = counted({ ...ORDER, shop: wire(shop) });
    const second = counted({ ...ORDER, id: 'SECOND', shop: wire(shop) });
    shop.orders = [first.proxy, second.proxy];
    const slots = engine.evaluateMany(shop.orders, NOW);
    assert.deepEqual(slots[0], PLAIN);
    assert.deepEqual(slots[1], { ...PLAIN, orderId: 'SECOND' });
    assertOrderBudget(first.calls, 'o1');
    assertOrderBudget(second.calls, 'o2');
    assert.equal(trips.count, 0, 'the shop was touched');
    assertStillWorks(engine);
  });

  test('o.self = o; o.again = o: answered, each field read once', () => {
    const engine = new Engine();
    const target = { ...ORDER };
    const order = counted(target);
    target.self = order.proxy;
    target.again = order.proxy;
    assert.deepEqual(engine.evaluate(order.proxy, NOW), PLAIN);
    assertOrderBudget(order.calls);
    assertStillWorks(engine);
  });

  test('an enumerable getter `afterSales` (not a contract field) that calls engine.evaluate: never called', () => {
    const engine = new Engine();
    let called = 0;
    const order = { ...ORDER };
    Object.defineProperty(order, 'afterSales', {
      enumerable: true,
      get() {
        called++;
        return engine.evaluate(INNER_ORDER, NOW);
      },
    });
    const counting = counted(order);
    assert.deepEqual(engine.evaluate(counting.proxy, NOW), PLAIN);
    assert.deepEqual(engine.evaluateMany([counting.proxy], NOW), [PLAIN]);
    assert.equal(called, 0);
    assertStillWorks(engine);
  });

  test('a throwing getter on a field the contract does not name: never called', () => {
    const engine = new Engine();
    let called = 0;
    const order = { ...ORDER };
    Object.defineProperty(order, 'refundState', {
      enumerable: true,
      get() {
        called++;
        throw new Error('the store was torn down');
      },
    });
    assert.deepEqual(engine.evaluate(order, NOW), PLAIN);
    assert.deepEqual(engine.evaluateMany([order, order], NOW), [PLAIN, PLAIN]);
    assert.equal(called, 0);
    assertStillWorks(engine);
  });

  test('a Symbol-keyed field and a non-enumerable field: never touched', () => {
    const engine = new Engine();
    let called = 0;
    const order = { ...ORDER };
    const trap = {
      enumerable: false,
      get: () => {
        called++;
        return 'x';
      },
    };
    Object.defineProperty(order, Symbol('store'), trap);
    Object.defineProperty(order, '__v_skip', trap);
    assert.deepEqual(engine.evaluate(order, NOW), PLAIN);
    assert.equal(called, 0);
    assertStillWorks(engine);
  });
});

// ------------------------------------------------------------ large data

describe('large data in fields the contract does not name: never walked', () => {
  const MEGABYTE = 'x'.repeat(1 << 20);

  for (const refs of [2000, 4500]) {
    test(`one 1 MB string referenced ${refs.toLocaleString('en-US')} times`, () => {
      const engine = new Engine();
      const { trips, wire } = tripwires();
      const notes = new Array(refs).fill(MEGABYTE);
      const plainRefs = counted({ ...ORDER, notes });
      assert.deepEqual(engine.evaluate(plainRefs.proxy, NOW), PLAIN);
      assertOrderBudget(plainRefs.calls);
      // The same again behind a tripwire: not one read of the array.
      assert.deepEqual(engine.evaluate({ ...ORDER, notes: wire(notes) }, NOW), PLAIN);
      assert.deepEqual(
        engine.evaluateMany(new Array(20).fill({ ...ORDER, notes: wire(notes) }), NOW),
        new Array(20).fill(PLAIN),
      );
      assert.equal(trips.count, 0);
      assertStillWorks(engine);
    });
  }

  test('500 refs to an array of 1,000 refs to one array of 1,000 zeros', () => {
    const engine = new Engine();
    const { trips, wire } = tripwires();
    const zeros = new Array(1000).fill(0);
    const rows = new Array(1000).fill(zeros);
    const grid = new Array(500).fill(rows);
    assert.deepEqual(engine.evaluate({ ...ORDER, grid }, NOW), PLAIN);
    assert.deepEqual(engine.evaluate({ ...ORDER, grid: wire(grid) }, NOW), PLAIN);
    assert.deepEqual(engine.evaluate({ ...ORDER, grid: new Array(500).fill(wire(rows)) }, NOW), PLAIN);
    assert.equal(trips.count, 0);
    assertStillWorks(engine);
  });

  test("the same large data in a policy's unknown fields, top level and in a category", () => {
    const { trips, wire } = tripwires();
    const rows = new Array(1000).fill(new Array(1000).fill(0));
    const policy = api.defaultPolicy();
    policy.changelog = wire(new Array(4500).fill(MEGABYTE));
    policy.categories.mobile_phone.grid = wire(new Array(500).fill(rows));
    const engine = new Engine(policy);
    assert.deepEqual(engine.evaluate(ORDER, NOW), PLAIN);
    assert.equal(trips.count, 0);
    assertStillWorks(engine);
  });
});

// ------------------------------------------------------------ limits

describe('limits: refused at their field, by length alone', () => {
  test('a 2^27-char id: INVALID_ORDER at id, within the budget', () => {
    const engine = new Engine();
    const order = counted({ ...ORDER, id: 'x'.repeat(2 ** 27) });
    assert.deepEqual(pick(thrownBy(() => engine.evaluate(order.proxy, NOW))), { code: 'INVALID_ORDER', path: 'id' });
    assertOrderBudget(order.calls);
    // In a batch: that slot's error (no orderId: the id was not read), the neighbours answered.
    const slots = engine.evaluateMany([ORDER, order.proxy, ORDER], NOW);
    assert.deepEqual(slots[0], PLAIN);
    assert.deepEqual(pick(slots[1].error), { code: 'INVALID_ORDER', path: '[1].id' });
    assert.equal(slots[1].orderId, null);
    assert.deepEqual(slots[2], PLAIN);
    assertStillWorks(engine);
  });

  test('a string over 4,096 UTF-16 units in any named order field: INVALID_ORDER at that field', () => {
    const engine = new Engine();
    const long = '2021-07-30T11:43:30+08:00'.padEnd(4097, ' ');
    for (const field of ['category', 'status', 'successAt', 'deliveredAt', 'invoiceAt', 'exchangedAt']) {
      assert.deepEqual(
        pick(thrownBy(() => engine.evaluate({ ...ORDER, [field]: long }, NOW))),
        { code: 'INVALID_ORDER', path: field },
        field,
      );
    }
    const promise = { ...ORDER.merchantPromises[0], service: 'r'.repeat(5000) };
    assert.deepEqual(pick(thrownBy(() => engine.evaluate({ ...ORDER, merchantPromises: [promise] }, NOW))), {
      code: 'INVALID_ORDER',
      path: 'merchantPromises[0].service',
    });
    assertStillWorks(engine);
  });

  test('evaluateMany on an array of length 2^32 − 1: INVALID_ARGUMENT at orders, no item read', () => {
    const engine = new Engine();
    const huge = [];
    huge.length = 2 ** 32 - 1;
    assert.deepEqual(pick(thrownBy(() => engine.evaluateMany(huge, NOW))), {
      code: 'INVALID_ARGUMENT',
      path: 'orders',
    });
    // A Proxy over it counts the reads: its length, and no item.
    const list = counted(huge);
    const itemReads = [];
    const watched = new Proxy(list.proxy, {
      get(target, key, receiver) {
        if (key !== 'length') itemReads.push(String(key));
        return Reflect.get(target, key, receiver);
      },
    });
    assert.deepEqual(pick(thrownBy(() => engine.evaluateMany(watched, NOW))), {
      code: 'INVALID_ARGUMENT',
      path: 'orders',
    });
    assert.deepEqual(itemReads, []);
    assert.ok(list.calls.total <= 2, JSON.stringify(list.calls));
    assertStillWorks(engine);
  });

  test('evaluateMany on 1,000,001 orders: refused; on exactly 1,000,000 it is not refused for its length', () => {
    const engine = new Engine();
    const over = [];
    over.length = 1_000_001;
    assert.deepEqual(pick(thrownBy(() => engine.evaluateMany(over, NOW))), {
      code: 'INVALID_ARGUMENT',
      path: 'orders',
    });
    // 1,000,000 holes: each slot is read, and each is an order error of its own.
    const atLimit = [];
    atLimit.length = 1_000_000;
    const slots = engine.evaluateMany(atLimit, NOW);
    assert.equal(slots.length, 1_000_000);
    assert.deepEqual(pick(slots[999_999].error), { code: 'INVALID_ORDER', path: '[999999]' });
    assertStillWorks(engine);
  });

  test('a too-long category or part name is refused at its map; a too-long version at version', () => {
    const name = 'c'.repeat(4097);
    const category = thrownBy(() => new Engine({ version: 'p', entryDays: 15, categories: { [name]: {} } }));
    assert.deepEqual(pick(category), { code: 'INVALID_POLICY', path: 'categories' });
    const parts = { battery: 6, ['p'.repeat(4097)]: 6 };
    const threeGuarantees = { returnDays: 7, exchangeDays: 15, warrantyMonths: 12, parts };
    const part = thrownBy(
      () => new Engine({ version: 'p', entryDays: 15, categories: { phone: { threeGuarantees } } }),
    );
    assert.deepEqual(pick(part), { code: 'INVALID_POLICY', path: 'categories.phone.threeGuarantees.parts' });
    const version = thrownBy(() => new Engine({ version: 'v'.repeat(2 ** 27), entryDays: 15 }));
    assert.deepEqual(pick(version), { code: 'INVALID_POLICY', path: 'version' });
  });
});

// ------------------------------------------------------------ built-ins

describe('a built-in where an object is expected: an error at that path, nothing read', () => {
  const BUILT_INS = [
    ['a Map', () => new Map([['mobile_phone', { entryDays: 3 }]])],
    ['a Set', () => new Set(['x'])],
    ['a WeakMap', () => new WeakMap()],
    ['a WeakSet', () => new WeakSet()],
    ['a Date', () => new Date(0)],
    ['a RegExp', () => /mobile_phone/],
    ['a typed array', () => new Uint8Array(8)],
    ['an ArrayBuffer', () => new ArrayBuffer(8)],
    ['an array', () => [{ entryDays: 3 }]],
  ];
  const phoneGuarantees = { returnDays: 7, exchangeDays: 15, warrantyMonths: 12 };

  for (const [kind, make] of BUILT_INS) {
    test(`${kind} as the policy, its categories, a category, threeGuarantees, parts; as the order and a promise`, () => {
      const places = [
        ['', () => make()],
        ['categories', () => ({ version: 'p', entryDays: 15, categories: make() })],
        ['categories.phone', () => ({ version: 'p', entryDays: 15, categories: { phone: make() } })],
        [
          'categories.phone.threeGuarantees',
          () => ({ version: 'p', entryDays: 15, categories: { phone: { threeGuarantees: make() } } }),
        ],
        [
          'categories.phone.threeGuarantees.parts',
          () => ({
            version: 'p',
            entryDays: 15,
            categories: { phone: { threeGuarantees: { ...phoneGuarantees, parts: make() } } },
          }),
        ],
      ];
      for (const [path, policy] of places) {
        const error = thrownBy(() => new Engine(policy()));
        assert.deepEqual(pick(error), { code: 'INVALID_POLICY', path }, `${kind} at ${JSON.stringify(path)}`);
        assert.match(error.message, new RegExp(`expected an object, found ${kind}`));
      }
      const engine = new Engine();
      const order = thrownBy(() => engine.evaluate(make(), NOW));
      assert.deepEqual(pick(order), { code: 'INVALID_ORDER', path: '' });
      assert.match(order.message, new RegExp(`found ${kind}`));
      const promise = thrownBy(() =>
        engine.evaluate({ ...ORDER, merchantPromises: [ORDER.merchantPromises[0], make()] }, NOW),
      );
      assert.deepEqual(pick(promise), { code: 'INVALID_ORDER', path: 'merchantPromises[1]' });
      const slots = engine.evaluateMany([ORDER, make(), ORDER], NOW);
      assert.deepEqual(pick(slots[1].error), { code: 'INVALID_ORDER', path: '[1]' });
      assert.deepEqual([slots[0], slots[2]], [PLAIN, PLAIN]);
      assertStillWorks(engine);
    });
  }

  test('a Map with contract-looking own properties is still a Map: not read', () => {
    const map = new Map();
    let reads = 0;
    for (const field of Object.keys(ORDER))
      Object.defineProperty(map, field, {
        enumerable: true,
        get: () => {
          reads++;
          return ORDER[field];
        },
      });
    assert.deepEqual(pick(thrownBy(() => new Engine().evaluate(map, NOW))), { code: 'INVALID_ORDER', path: '' });
    assert.equal(reads, 0);
  });

  test('what a map reads: own enumerable string keys only (inherited, non-enumerable and Symbol keys are not categories)', () => {
    let getterCalls = 0;
    const hidden = {};
    Object.defineProperty(hidden, 'mobile_phone', {
      enumerable: false,
      get: () => {
        getterCalls++;
        return { entryDays: 3 };
      },
    });
    const others = [
      hidden,
      Object.create({ mobile_phone: { entryDays: 3 } }),
      { [Symbol('mobile_phone')]: { entryDays: 3 } },
    ];
    const expected = new Engine({ version: 'p', entryDays: 15, categories: {} }).evaluate(ORDER, NOW);
    for (const categories of others) {
      const answer = new Engine({ version: 'p', entryDays: 15, categories }).evaluate(ORDER, NOW);
      assert.deepEqual(answer, expected);
      assert.equal(answer.categoryKnown, false);
    }
    assert.equal(getterCalls, 0);
  });

  // Other objects that are not ordinary (§3: "only an ordinary object ... not
  // an array, Map, Set, Date or other built-in"). Vue 3's `reactive(new
  // Map())` is a Proxy over a Map; an unawaited fetch gives a Promise. Read
  // as an ordinary object, each would be an empty map or a record with no
  // fields: a policy's categories would silently vanish.
  const NOT_ORDINARY = [
    [
      'a Proxy over a Map (Vue 3 reactive(new Map()))',
      () => new Proxy(new Map([['mobile_phone', { entryDays: 3 }]]), {}),
    ],
    ['a Proxy over a Set', () => new Proxy(new Set(['mobile_phone']), {})],
    ['a Promise', () => Promise.resolve({ mobile_phone: { entryDays: 3 } })],
    ['an Error', () => new Error('mobile_phone')],
  ];
  for (const [kind, make] of NOT_ORDINARY) {
    test(`${kind} as categories or as a category: INVALID_POLICY at that path`, () => {
      const categories = thrownBy(() => new Engine({ version: 'p', entryDays: 15, categories: make() }));
      assert.deepEqual(pick(categories), { code: 'INVALID_POLICY', path: 'categories' });
      const category = thrownBy(
        () => new Engine({ version: 'p', entryDays: 15, categories: { mobile_phone: make() } }),
      );
      assert.deepEqual(pick(category), { code: 'INVALID_POLICY', path: 'categories.mobile_phone' });
    });
  }
});

// ------------------------------------------------------------ reactive and frozen

/**
 * A small Vue-3-style `reactive()`: a Proxy that tracks every read (get,
 * has, ownKeys), answers Vue's internal flags, and wraps each object it
 * hands out in a reactive Proxy of its own (lazily, one per target). Every
 * trap call is counted per target, in `reads`.
 */
function vueReactive() {
  const proxies = new WeakMap();
  /** target → { get, has, ownKeys, other } */
  const reads = new Map();
  const countFor = (target) => {
    if (!reads.has(target)) reads.set(target, { get: 0, has: 0, ownKeys: 0, other: 0 });
    return reads.get(target);
  };
  const reactive = (target) => {
    if (target === null || typeof target !== 'object') return target;
    if (proxies.has(target)) return proxies.get(target);
    const proxy = new Proxy(target, {
      get(t, key, receiver) {
        countFor(t).get++;
        if (key === '__v_isReactive') return true;
        if (key === '__v_raw') return t;
        const value = Reflect.get(t, key, receiver);
        return typeof value === 'object' && value !== null ? reactive(value) : value;
      },
      has(t, key) {
        countFor(t).has++;
        return Reflect.has(t, key);
      },
      ownKeys(t) {
        countFor(t).ownKeys++;
        return Reflect.ownKeys(t);
      },
      getOwnPropertyDescriptor(t, key) {
        countFor(t).other++;
        return Reflect.getOwnPropertyDescriptor(t, key);
      },
      set(t, key, value, receiver) {
        countFor(t).other++;
        return Reflect.set(t, key, value, receiver);
      },
    });
    proxies.set(target, proxy);
    return proxy;
  };
  return { reactive, reads, countFor };
}

describe("a reactive store's order and a frozen order are read like plain ones", () => {
  test('a Vue-3-style reactive order (as a page holds it): ≤ 9 gets on the order, ≤ 4 per promise, nothing else touched', () => {
    const engine = new Engine();
    const promises = ORDER.merchantPromises.map((p) => ({ ...p }));
    const promiseList = [...promises];
    const raw = asPageHolds({ ...ORDER, merchantPromises: promiseList });
    const { reactive, reads, countFor } = vueReactive();
    const order = reactive(raw);
    assert.deepEqual(engine.evaluate(order, NOW), PLAIN);
    assert.ok(countFor(raw).get <= ORDER_FIELDS, `${countFor(raw).get} gets on the order`);
    for (const promise of promises)
      assert.ok(countFor(promise).get <= PROMISE_FIELDS, `${countFor(promise).get} gets on a promise`);
    // The list: its length and its items, no more.
    assert.ok(countFor(promiseList).get <= 1 + promises.length, `${countFor(promiseList).get} gets on the list`);
    // Only the order, its list and its promises were touched, and never enumerated.
    const touched = [...reads.keys()];
    assert.deepEqual(new Set(touched), new Set([raw, promiseList, ...promises]));
    for (const [, count] of reads) assert.deepEqual([count.has, count.ownKeys, count.other], [0, 0, 0]);
    // In a batch, the same.
    assert.deepEqual(engine.evaluateMany(reactive([raw, raw]), NOW), [PLAIN, PLAIN]);
    assertStillWorks(engine);
  });

  test('a reactive policy: named fields only, maps by their own keys', () => {
    const { reactive, reads, countFor } = vueReactive();
    const raw = api.defaultPolicy();
    raw.store = { dirty: true, history: [raw] };
    const engine = new Engine(reactive(raw));
    assert.deepEqual(engine.evaluate(ORDER, NOW), PLAIN);
    assert.ok(countFor(raw).get <= POLICY_FIELDS, `${countFor(raw).get} gets on the policy`);
    assert.ok(!reads.has(raw.store), 'an unknown field was read');
    const categoryNames = Object.keys(raw.categories);
    const categoriesCount = countFor(raw.categories);
    assert.equal(categoriesCount.ownKeys, 1, 'the categories enumerated once');
    assert.ok(
      categoriesCount.get <= categoryNames.length,
      `${categoriesCount.get} gets for ${categoryNames.length} categories`,
    );
    for (const name of categoryNames) {
      const category = raw.categories[name];
      assert.ok(countFor(category).get <= CATEGORY_FIELDS, `categories.${name}: ${countFor(category).get} gets`);
      assert.equal(countFor(category).ownKeys, 0, `categories.${name} enumerated`);
      if (category.threeGuarantees) assert.ok(countFor(category.threeGuarantees).get <= GUARANTEE_FIELDS);
    }
    assertStillWorks(engine);
  });

  test('a deep-frozen order (Object.freeze, as a store hands out snapshots) is answered like the plain one', () => {
    const engine = new Engine();
    const page = asPageHolds({ ...ORDER });
    Object.freeze(page);
    Object.freeze(page.shop);
    Object.freeze(page.items);
    assert.deepEqual(engine.evaluate(page, NOW), PLAIN);
    assert.deepEqual(engine.evaluateMany(Object.freeze([page, page]), NOW), [PLAIN, PLAIN]);
    const counting = counted(page);
    engine.evaluate(counting.proxy, NOW);
    assertOrderBudget(counting.calls);
    assertStillWorks(engine);
  });
});

// ------------------------------------------------------------ throwing named fields

describe('a throwing getter on a named field: a typed error at that path', () => {
  for (const field of ORDER_FIELD_NAMES) {
    test(`order.${field}`, () => {
      const engine = new Engine();
      const order = { ...ORDER };
      Object.defineProperty(order, field, {
        enumerable: true,
        get: () => {
          throw new Error('detached');
        },
      });
      const counting = counted(order);
      assert.deepEqual(pick(thrownBy(() => engine.evaluate(counting.proxy, NOW))), {
        code: 'INVALID_ORDER',
        path: field,
      });
      assertOrderBudget(counting.calls);
      const slots = engine.evaluateMany([ORDER, order, ORDER], NOW);
      assert.deepEqual(pick(slots[1].error), { code: 'INVALID_ORDER', path: `[1].${field}` });
      assert.equal(slots[1].orderId, field === 'id' ? null : 'OUTER');
      assert.deepEqual([slots[0], slots[2]], [PLAIN, PLAIN]);
      assertStillWorks(engine);
    });
  }

  for (const field of ['service', 'days', 'months', 'from']) {
    test(`merchantPromises[1].${field}`, () => {
      const engine = new Engine();
      const promise = { ...ORDER.merchantPromises[1] };
      Object.defineProperty(promise, field, {
        enumerable: true,
        get: () => {
          throw new Error('detached');
        },
      });
      const error = thrownBy(() =>
        engine.evaluate({ ...ORDER, merchantPromises: [ORDER.merchantPromises[0], promise] }, NOW),
      );
      assert.deepEqual(pick(error), { code: 'INVALID_ORDER', path: `merchantPromises[1].${field}` });
      assertStillWorks(engine);
    });
  }

  test('a Proxy order whose get trap throws for one named field', () => {
    const engine = new Engine();
    const order = new Proxy(
      { ...ORDER },
      {
        get(target, key, receiver) {
          if (key === 'invoiceAt') throw new Error('revoked store');
          return Reflect.get(target, key, receiver);
        },
      },
    );
    assert.deepEqual(pick(thrownBy(() => engine.evaluate(order, NOW))), { code: 'INVALID_ORDER', path: 'invoiceAt' });
    assertStillWorks(engine);
  });

  test('a revoked Proxy as the order, a promise, the categories: typed errors', () => {
    const engine = new Engine();
    const revoked = () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    };
    assert.equal(thrownBy(() => engine.evaluate(revoked(), NOW)).code, 'INVALID_ORDER');
    const promise = thrownBy(() => engine.evaluate({ ...ORDER, merchantPromises: [revoked()] }, NOW));
    assert.deepEqual(pick(promise), { code: 'INVALID_ORDER', path: 'merchantPromises[0]' });
    const categories = thrownBy(() => new Engine({ version: 'p', entryDays: 15, categories: revoked() }));
    assert.deepEqual(pick(categories), { code: 'INVALID_POLICY', path: 'categories' });
    assertStillWorks(engine);
  });
});
