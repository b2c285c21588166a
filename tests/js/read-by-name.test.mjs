// Contract 3, §3, §4 and §7 in Node (issue 16): the package reads only the
// fields the contract names. An order as a page holds it — items, a shop
// that refers back, itself, getters, Symbols, a megabyte of trace — gets the
// bare order's answer; nothing it carries is enumerated, read or called; a
// call made from inside a read gets its own answer; limits are checked
// before any item is read. Work is bounded by counting reads through
// Proxies, never by the clock.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { genNow, genOrder, genPolicy, policyContext, random } from '../oracle/orders.mjs';
import { PlainEngine } from '../oracle/plain-engine.mjs';
import { glueUrl, loadCases, pageShapedProblem, runCase, runCaseAsPageHolds, wasmPath } from './lib/golden.mjs';
import { INNER_ORDER, OUTER_NOW, OUTER_ORDER, asPageHolds } from './lib/page-order.js';

const api = await import(glueUrl);
api.initSync({ module: readFileSync(wasmPath) });
const { Engine } = api;

const NOW = OUTER_NOW;
const ORDER = OUTER_ORDER;
const ORDER_FIELDS = 9;
const PROMISE_FIELDS = 4;

/** The error `fn` throws: its code and path (fails when it does not throw). */
function thrownBy(fn) {
  try {
    fn();
  } catch (e) {
    return { code: e.code, path: e.path, message: e.message };
  }
  assert.fail('expected an error');
}

/** A Proxy over `target` counting every trap call, by trap name. */
function counted(target) {
  const calls = { get: 0, ownKeys: 0, getOwnPropertyDescriptor: 0, has: 0, other: 0 };
  const handler = {
    get: (t, key, receiver) => {
      calls.get++;
      return Reflect.get(t, key, receiver);
    },
    ownKeys: (t) => {
      calls.ownKeys++;
      return Reflect.ownKeys(t);
    },
    getOwnPropertyDescriptor: (t, key) => {
      calls.getOwnPropertyDescriptor++;
      return Reflect.getOwnPropertyDescriptor(t, key);
    },
    has: (t, key) => {
      calls.has++;
      return Reflect.has(t, key);
    },
  };
  return { proxy: new Proxy(target, handler), calls };
}

/** The engine still answers, syncs its clock and frees after it met hostile input. */
function assertStillWorks(engine) {
  const answer = engine.evaluate(ORDER, NOW);
  assert.equal(answer.orderId, 'OUTER');
  engine.syncClock(NOW);
  assert.deepEqual(engine.evaluateMany([ORDER], NOW), [answer]);
  engine.free();
}

describe('every golden vector again, with its order as a page holds it', () => {
  const cases = loadCases();
  test(`${cases.length} vectors: the same outcome, and the call from inside the read gets INNER's answer`, () => {
    const problems = [];
    let reentered = 0;
    for (const c of cases) {
      const paged = runCaseAsPageHolds(api, c);
      if (paged.reentered !== undefined) reentered++;
      const problem = pageShapedProblem(runCase(api, c), paged);
      if (problem !== null) problems.push(`${c.name}: ${problem}`);
    }
    assert.deepEqual(problems, []);
    // Most vectors' orders are objects with a category: the getter ran.
    assert.ok(reentered > cases.length / 2, `${reentered} calls from inside a read`);
  });

  test('the wrapper carries what the issue names, and would change an answer if it were read', () => {
    const wrapped = asPageHolds(ORDER);
    assert.equal(wrapped.self, wrapped);
    assert.equal(wrapped.shop.orders[0], wrapped);
    assert.ok(wrapped.logistics.rawTrace.length >= 1 << 20);
    assert.equal(Object.getOwnPropertySymbols(wrapped).length, 1);
    assert.throws(() => wrapped.afterSales);
    // A control: a field the contract names is read.
    const changed = asPageHolds({ ...ORDER, status: 'pending' });
    assert.equal(new Engine().evaluate(changed, NOW).status, 'pending');
  });
});

describe('nothing but the named fields is read', () => {
  test('a reactive Proxy over an order: one get per named field, no enumeration', () => {
    const promise = counted({ service: 'repair', months: 24, from: 'invoice', note: 'x'.repeat(1000) });
    const order = counted(asPageHolds({ ...ORDER, merchantPromises: [promise.proxy] }));
    const engine = new Engine();
    const answer = engine.evaluate(order.proxy, NOW);
    assert.deepEqual(answer, engine.evaluate(ORDER, NOW));
    assert.ok(order.calls.get <= ORDER_FIELDS, `${order.calls.get} reads of the order`);
    assert.ok(promise.calls.get <= PROMISE_FIELDS, `${promise.calls.get} reads of the promise`);
    assert.equal(order.calls.ownKeys + promise.calls.ownKeys, 0, 'never enumerated');
    assertStillWorks(engine);
  });

  test('a frozen order and a class instance with getters on its prototype are read like plain ones', () => {
    const engine = new Engine();
    const plain = engine.evaluate(ORDER, NOW);
    assert.deepEqual(engine.evaluate(Object.freeze({ ...ORDER }), NOW), plain);
    class StoreOrder {
      get id() {
        return ORDER.id;
      }
      get category() {
        return ORDER.category;
      }
      get status() {
        return ORDER.status;
      }
      get successAt() {
        return ORDER.successAt;
      }
      get deliveredAt() {
        return ORDER.deliveredAt;
      }
      get invoiceAt() {
        return ORDER.invoiceAt;
      }
      get merchantPromises() {
        return ORDER.merchantPromises;
      }
    }
    assert.deepEqual(engine.evaluate(new StoreOrder(), NOW), plain);
    assertStillWorks(engine);
  });

  test('back-references, self-references and a throwing getter in unknown fields: answered', () => {
    const engine = new Engine();
    const shop = { name: 'shop' };
    const first = { ...ORDER, shop };
    const second = { ...ORDER, id: 'SECOND', shop };
    shop.orders = [first, second];
    first.self = first;
    first.again = first;
    Object.defineProperty(first, 'afterSales', {
      enumerable: true,
      get: () => {
        throw new Error('never read');
      },
    });
    assert.deepEqual(engine.evaluate(first, NOW), engine.evaluate(ORDER, NOW));
    assert.deepEqual(
      engine.evaluateMany([first, second], NOW).map((a) => a.orderId),
      ['OUTER', 'SECOND'],
    );
    assertStillWorks(engine);
  });

  test('large data in unknown fields is never walked: a shared 1 MB string, nested shared arrays', () => {
    const engine = new Engine();
    const megabyte = 'x'.repeat(1 << 20);
    const zeros = new Array(1000).fill(0);
    const rows = new Array(1000).fill(zeros);
    const withStrings = { ...ORDER, notes: new Array(4500).fill(megabyte) };
    const withArrays = { ...ORDER, grid: new Array(500).fill(rows) };
    const plain = engine.evaluate(ORDER, NOW);
    assert.deepEqual(engine.evaluate(withStrings, NOW), plain);
    assert.deepEqual(engine.evaluate(withArrays, NOW), plain);
    // Counted: a Proxy on the unknown field's array sees no read at all.
    const grid = counted(rows);
    engine.evaluate({ ...ORDER, grid: grid.proxy }, NOW);
    assert.deepEqual(grid.calls, { get: 0, ownKeys: 0, getOwnPropertyDescriptor: 0, has: 0, other: 0 });
    assertStillWorks(engine);
  });

  test('a throwing getter on a named field is an error at that field', () => {
    const engine = new Engine();
    const order = { ...ORDER };
    Object.defineProperty(order, 'successAt', {
      enumerable: true,
      get: () => {
        throw new Error('store detached');
      },
    });
    assert.deepEqual(pick(thrownBy(() => engine.evaluate(order, NOW))), { code: 'INVALID_ORDER', path: 'successAt' });
    const slots = engine.evaluateMany([ORDER, order], NOW);
    assert.equal(slots[0].orderId, 'OUTER');
    assert.deepEqual(pick(slots[1].error), { code: 'INVALID_ORDER', path: '[1].successAt' });
    assertStillWorks(engine);
  });
});

describe('calls inside calls (contract 3, §7)', () => {
  test('a named field whose getter evaluates another order: each call gets its own answer', () => {
    const engine = new Engine();
    let inner;
    const order = { ...ORDER };
    Object.defineProperty(order, 'category', {
      enumerable: true,
      get() {
        inner = engine.evaluate(INNER_ORDER, NOW);
        return ORDER.category;
      },
    });
    const outer = engine.evaluate(order, NOW);
    assert.equal(outer.orderId, 'OUTER');
    assert.deepEqual(outer, engine.evaluate(ORDER, NOW));
    assert.equal(inner.orderId, 'INNER');
    assert.deepEqual(inner, engine.evaluate(INNER_ORDER, NOW));
    // In a batch: no slot is taken by the inner call's answer or error.
    const slots = engine.evaluateMany([order, ORDER, order], NOW);
    assert.deepEqual(
      slots.map((s) => s.orderId),
      ['OUTER', 'OUTER', 'OUTER'],
    );
    assert.ok(slots.every((s) => !('error' in s)));
    assertStillWorks(engine);
  });

  test('a policy field whose getter builds another engine: each engine keeps its own policy', () => {
    let other;
    const policy = {
      version: 'MINE',
      get entryDays() {
        other = new Engine({ version: 'OTHER', entryDays: 3 });
        return 15;
      },
    };
    const mine = new Engine(policy);
    assert.equal(mine.policyVersion, 'MINE');
    assert.equal(other.policyVersion, 'OTHER');
    const apparel = { ...INNER_ORDER, category: 'apparel' };
    assert.equal(mine.evaluate(apparel, NOW).windows.find((w) => w.code === 'ENTRY_DEFAULT').basis.count, 15);
    assert.equal(other.evaluate(apparel, NOW).windows.find((w) => w.code === 'ENTRY_DEFAULT').basis.count, 3);
    other.free();
    assertStillWorks(mine);
  });

  test('syncClock from inside a read works; free() from inside a read is refused, not a trap', () => {
    // wasm-bindgen refuses to free an engine that is in use; its glue has
    // let go of the engine by then, so the page must make a new one.
    const engine = new Engine();
    const order = { ...ORDER };
    Object.defineProperty(order, 'id', {
      enumerable: true,
      get() {
        engine.syncClock(NOW);
        return ORDER.id;
      },
    });
    assert.equal(engine.evaluate(order).orderId, 'OUTER');
    const freeing = { ...ORDER };
    Object.defineProperty(freeing, 'status', {
      enumerable: true,
      get: () => {
        engine.free();
        return 'success';
      },
    });
    assert.deepEqual(pick(thrownBy(() => engine.evaluate(freeing, NOW))), { code: 'INVALID_ORDER', path: 'status' });
    assert.ok(thrownBy(() => engine.evaluate(ORDER, NOW)).message.length > 0, 'a JS error, not a trap');
    assertStillWorks(new Engine());
  });
});

describe('limits, checked before anything is read', () => {
  test('evaluateMany over 1,000,000 orders: INVALID_ARGUMENT at once, no item read', () => {
    const engine = new Engine();
    const huge = [];
    huge.length = 2 ** 32 - 1;
    assert.deepEqual(pick(thrownBy(() => engine.evaluateMany(huge, NOW))), {
      code: 'INVALID_ARGUMENT',
      path: 'orders',
    });
    const backing = [];
    backing.length = 1_000_001;
    const list = counted(backing);
    assert.deepEqual(pick(thrownBy(() => engine.evaluateMany(list.proxy, NOW))), {
      code: 'INVALID_ARGUMENT',
      path: 'orders',
    });
    assert.equal(list.calls.get, 1, 'only its length was read');
    assertStillWorks(engine);
  });

  test('a 128 MB id is refused at id, as a 4,097-unit one is', () => {
    const engine = new Engine();
    const id = 'x'.repeat(2 ** 27);
    assert.deepEqual(pick(thrownBy(() => engine.evaluate({ ...ORDER, id }, NOW))), {
      code: 'INVALID_ORDER',
      path: 'id',
    });
    assert.deepEqual(pick(thrownBy(() => engine.evaluate({ ...ORDER, id: 'x'.repeat(4097) }, NOW))), {
      code: 'INVALID_ORDER',
      path: 'id',
    });
    assert.equal(engine.evaluate({ ...ORDER, id: 'x'.repeat(4096) }, NOW).orderId.length, 4096);
    assertStillWorks(engine);
  });

  test('more than 1,000 parts in a category: refused by their count', () => {
    const parts = {};
    for (let i = 0; i <= 1000; i++) parts[`part${i}`] = 6;
    const policy = {
      version: 'p',
      entryDays: 15,
      categories: { phone: { threeGuarantees: { returnDays: 7, exchangeDays: 15, warrantyMonths: 12, parts } } },
    };
    assert.deepEqual(pick(thrownBy(() => new Engine(policy))), {
      code: 'INVALID_POLICY',
      path: 'categories.phone.threeGuarantees.parts',
    });
  });
});

describe('where an object is expected, only an ordinary object', () => {
  const builtIns = [
    ['a Map', new Map([['a', {}]])],
    ['a Set', new Set()],
    ['a Date', new Date(0)],
    ['an array', [{}]],
  ];
  for (const [kind, value] of builtIns) {
    test(`${kind} as the categories, the order, a promise`, () => {
      const policy = thrownBy(() => new Engine({ version: 'p', entryDays: 15, categories: value }));
      assert.deepEqual(pick(policy), { code: 'INVALID_POLICY', path: 'categories' });
      assert.match(policy.message, new RegExp(`found ${kind}`));
      const engine = new Engine();
      assert.deepEqual(pick(thrownBy(() => engine.evaluate(value, NOW))), { code: 'INVALID_ORDER', path: '' });
      const promise = thrownBy(() => engine.evaluate({ ...ORDER, merchantPromises: [value] }, NOW));
      assert.deepEqual(pick(promise), { code: 'INVALID_ORDER', path: 'merchantPromises[0]' });
      assertStillWorks(engine);
    });
  }
});

describe('generated orders as a page holds them, against PlainEngine on the bare ones', () => {
  test('2,000 orders over the default policy and generated ones: the same answers', () => {
    const random2 = random(20261205);
    const policies = [JSON.parse(readFileSync(new URL('../../src/policy/default.json', import.meta.url), 'utf8'))];
    for (let i = 0; i < 3; i++) policies.push(genPolicy(random2, i, { support: i === 2 }).policy);
    let compared = 0;
    for (const policy of policies) {
      const context = policyContext(policy);
      const orders = [];
      for (let i = 0; i < 500; i++) orders.push(genOrder(random2, { ...context, realistic: false, id: `G${i}` }));
      const now = genNow(random2, orders[0], context.offset);
      const wasm = new Engine(policy).evaluateMany(
        orders.map((o) => asPageHolds(o)),
        now,
      );
      const plain = new PlainEngine(policy).evaluateMany(orders, now);
      for (let i = 0; i < orders.length; i++, compared++) {
        const a = wasm[i];
        const b = plain[i];
        if ('error' in a || 'error' in b)
          assert.deepEqual([a.error?.code, a.error?.path], [b.error?.code, b.error?.path], JSON.stringify(orders[i]));
        else assert.deepEqual(a, b, JSON.stringify(orders[i]));
      }
    }
    assert.equal(compared, 2000);
  });
});

/** An error's code and path. */
function pick(error) {
  return { code: error.code, path: error.path };
}
