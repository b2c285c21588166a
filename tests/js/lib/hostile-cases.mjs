// Hostile input for reading by name and calls inside calls (issue 16;
// contract 3, §3, §4, §7; docs/contract.md §8), as cases every JS runtime
// runs the same way: Node (tests/js/hostile-cases.test.mjs) and the `jsc`
// shell with and without JIT (tests/jsc/hostile.mjs, through the
// mini-program build). Each case takes a loaded API ({ Engine, evaluate })
// and returns the list of its problems (empty when it passes): the runtimes
// have no common assert library.
//
// Work is bounded by counting reads through Proxies and getters, never by
// the clock. After each case the engine it used must still answer, sync its
// clock and free (`stillWorks`).
//
// A case marked `destructive` may leave the wasm instance broken when it
// fails (it drives calls inside calls until the stack runs out): the
// runners give each such case a process of its own. A case marked `todo`
// states a reading the contract has yet to settle: it is run and reported,
// and does not fail the run.
//
// Plain ES module, no runtime globals: its imports only.

import { sameJson } from './cases.mjs';
import { INNER_ORDER, OUTER_NOW, OUTER_ORDER, asPageHolds } from './page-order.js';

export const NOW = OUTER_NOW;
export const ORDER = OUTER_ORDER;
/** The fields contract 3 (§4) names: the only keys of an order that may be read. */
export const ORDER_FIELDS = [
  'id',
  'category',
  'status',
  'successAt',
  'deliveredAt',
  'invoiceAt',
  'repairDays',
  'exchangedAt',
  'merchantPromises',
];
export const PROMISE_FIELDS = ['service', 'days', 'months', 'from'];
/** The fields §3 names, at the top of a policy and in a category. */
export const POLICY_FIELDS = [
  'version',
  'utcOffsetMinutes',
  'holidays',
  'workdays',
  'weekends',
  'holidaysPublishedFrom',
  'holidaysPublishedThrough',
  'entryDays',
  'noReasonReturnDays',
  'categories',
];
export const CATEGORY_FIELDS = ['parent', 'entryDays', 'noReasonReturn', 'threeGuarantees', 'longDiscoveryDays'];
export const THREE_GUARANTEES_FIELDS = ['returnDays', 'exchangeDays', 'warrantyMonths', 'parts'];
const CODES = ['INVALID_ORDER', 'INVALID_POLICY', 'INVALID_ARGUMENT'];

/** `v` as text, always a string (JSON where it has a JSON form). */
const show = (v) => {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch (_) {
    return String(v);
  }
};

/** Collects problems: `expect(condition, text)`; `.problems` at the end. */
function checker() {
  const problems = [];
  const expect = (condition, text) => {
    if (!condition) problems.push(text);
    return condition;
  };
  return { problems, expect };
}

/** `{ value }` or `{ error: { name, code, path, message } }` of `fn()`. */
export function attempt(fn) {
  try {
    return { value: fn() };
  } catch (e) {
    return { error: { name: e?.name, code: e?.code, path: e?.path, message: String(e?.message ?? e) } };
  }
}

/** The text of an attempt's outcome, for a problem's message. */
const outcomeText = (a) =>
  'error' in a
    ? `${a.error.name} ${a.error.code ?? ''} at ${show(a.error.path)}: ${a.error.message}`
    : show(a.value).slice(0, 300);

/** Whether an attempt failed with this code and path. */
const failedWith = (a, code, path) => 'error' in a && a.error.code === code && a.error.path === path;

/** A typed error of the contract (§7), not a TypeError, RangeError or wasm trap. */
const isTyped = (a) => 'error' in a && CODES.includes(a.error.code) && typeof a.error.path === 'string';

/** An evaluateMany slot as `orderId` or `orderId code path`, for comparing batches. */
const slotText = (s) => (s && 'error' in s ? `${s.orderId} ${s.error.code} ${s.error.path}` : s?.orderId);

/**
 * The engine (made from `policy`, default the embedded one) still answers
 * `ORDER` as a fresh engine of that policy does, in evaluate and
 * evaluateMany, syncs its clock and frees; and a new Engine answers.
 * @param {{ Engine: any }} api
 * @param {any} engine
 * @param {(condition: boolean, text: string) => boolean} expect
 * @param {{ label?: string, policy?: object }} [options]
 */
export function stillWorks(api, engine, expect, { label = 'the engine', policy } = {}) {
  const reference = attempt(() => {
    const plain = new api.Engine(policy);
    try {
      return plain.evaluate(ORDER, NOW);
    } finally {
      plain.free();
    }
  });
  if (!expect('value' in reference, `afterwards, a new Engine: ${outcomeText(reference)}`)) return;
  const expected = reference.value;
  const single = attempt(() => engine.evaluate(ORDER, NOW));
  expect(
    'value' in single && sameJson(single.value, expected),
    `${label} afterwards, evaluate: ${outcomeText(single)}`,
  );
  const many = attempt(() => engine.evaluateMany([ORDER, ORDER], NOW));
  expect(
    'value' in many && sameJson(many.value, [expected, expected]),
    `${label} afterwards, evaluateMany: ${outcomeText(many)}`,
  );
  const sync = attempt(() => engine.syncClock(NOW));
  expect(!('error' in sync), `${label} afterwards, syncClock: ${outcomeText(sync)}`);
  const free = attempt(() => engine.free());
  expect(!('error' in free), `${label} afterwards, free(): ${outcomeText(free)}`);
}

/** The answers a fresh engine of `policy` gives `orders` one by one. */
function plainAnswers(api, orders, policy) {
  const engine = new api.Engine(policy);
  try {
    return orders.map((o) => engine.evaluate(o, NOW));
  } finally {
    engine.free();
  }
}

/** `base` with `key` redefined as an enumerable getter. */
function withGetter(base, key, get) {
  const o = { ...base };
  Object.defineProperty(o, key, { enumerable: true, configurable: true, get });
  return o;
}

/**
 * A Vue-3-style reactive Proxy over `target` (get, has, ownKeys and
 * getOwnPropertyDescriptor traps; nested objects wrapped when read), logging
 * every trap as `trap path key` into `log`.
 */
export function reactive(target, log, path = '') {
  return new Proxy(target, {
    get(t, key, receiver) {
      log.push({ trap: 'get', path, key: String(key) });
      const v = Reflect.get(t, key, receiver);
      return v !== null && typeof v === 'object' ? reactive(v, log, `${path}/${String(key)}`) : v;
    },
    has(t, key) {
      log.push({ trap: 'has', path, key: String(key) });
      return Reflect.has(t, key);
    },
    ownKeys(t) {
      log.push({ trap: 'ownKeys', path, key: '' });
      return Reflect.ownKeys(t);
    },
    getOwnPropertyDescriptor(t, key) {
      log.push({ trap: 'getOwnPropertyDescriptor', path, key: String(key) });
      return Reflect.getOwnPropertyDescriptor(t, key);
    },
  });
}

/** A Proxy over an array of `length` holes, counting every read of it. */
function countedArray(length) {
  const target = [];
  target.length = length;
  const reads = [];
  const proxy = new Proxy(target, {
    get(t, key, receiver) {
      reads.push(String(key));
      return Reflect.get(t, key, receiver);
    },
    getOwnPropertyDescriptor(t, key) {
      reads.push(`descriptor ${String(key)}`);
      return Reflect.getOwnPropertyDescriptor(t, key);
    },
    has(t, key) {
      reads.push(`has ${String(key)}`);
      return Reflect.has(t, key);
    },
  });
  return { proxy, reads };
}

// ---------------------------------------------------------------------------
// Reading by name (§3, §4): what is read, what is never touched.

const READS = [
  {
    name: 'an order as a page holds it, through a reactive Proxy: only the named fields are read, each once, nothing enumerated',
    run(api) {
      const { problems, expect } = checker();
      const engine = new api.Engine();
      const plain = engine.evaluate(ORDER, NOW);
      const log = [];
      const answer = attempt(() => engine.evaluate(reactive(asPageHolds(ORDER), log), NOW));
      expect('value' in answer && sameJson(answer.value, plain), `the answer: ${outcomeText(answer)}`);
      const allowed = (entry) => {
        if (entry.path === '') return ORDER_FIELDS.includes(entry.key);
        if (entry.path === '/merchantPromises') return entry.key === 'length' || /^\d+$/.test(entry.key);
        if (/^\/merchantPromises\/\d+$/.test(entry.path)) return PROMISE_FIELDS.includes(entry.key);
        return false;
      };
      const stray = log.filter((e) => e.trap === 'ownKeys' || !allowed(e));
      expect(stray.length === 0, `reads outside the contract's fields: ${show(stray.slice(0, 10))}`);
      const seen = new Map();
      for (const e of log)
        seen.set(`${e.trap} ${e.path} ${e.key}`, (seen.get(`${e.trap} ${e.path} ${e.key}`) ?? 0) + 1);
      const twice = [...seen].filter(([, n]) => n > 1);
      expect(twice.length === 0, `read more than once: ${show(twice)}`);
      // The brief's budget: at most one get per named field on the order, and
      // per promise field on each promise; the list itself, its length and items.
      const gets = (path) => log.filter((e) => e.trap === 'get' && path.test(e.path)).length;
      expect(gets(/^$/) <= ORDER_FIELDS.length, `${gets(/^$/)} gets on the order, more than ${ORDER_FIELDS.length}`);
      expect(
        gets(/^\/merchantPromises\/0$/) <= PROMISE_FIELDS.length,
        `${gets(/^\/merchantPromises\/0$/)} gets on the promise, more than ${PROMISE_FIELDS.length}`,
      );
      expect(
        gets(/^\/merchantPromises$/) <= 2,
        `${gets(/^\/merchantPromises$/)} gets on the list of one promise, more than its length and item`,
      );
      stillWorks(api, engine, expect);
      return problems;
    },
  },
  {
    name: 'a policy through a reactive Proxy: only the named fields, and the own keys of categories and parts',
    run(api) {
      const { problems, expect } = checker();
      const policy = {
        version: 'reactive',
        entryDays: 15,
        holidays: ['2021-10-01'],
        comment: { big: 'x'.repeat(1000) },
        categories: {
          mobile_phone: {
            entryDays: 180,
            threeGuarantees: {
              returnDays: 7,
              exchangeDays: 15,
              warrantyMonths: 12,
              parts: { battery: 6 },
              note: 'unknown',
            },
            displayName: '手机',
          },
        },
      };
      const log = [];
      const engine = attempt(() => new api.Engine(reactive(policy, log)));
      expect('value' in engine && engine.value.policyVersion === 'reactive', `new Engine: ${outcomeText(engine)}`);
      const allowed = (e) => {
        if (e.path === '') return POLICY_FIELDS.includes(e.key);
        if (e.path === '/holidays' || e.path === '/workdays') return e.key === 'length' || /^\d+$/.test(e.key);
        if (e.path === '/categories') return true; // a map: its own keys, and their values
        if (/^\/categories\/[^/]+$/.test(e.path)) return CATEGORY_FIELDS.includes(e.key);
        if (/^\/categories\/[^/]+\/threeGuarantees$/.test(e.path)) return THREE_GUARANTEES_FIELDS.includes(e.key);
        return /^\/categories\/[^/]+\/threeGuarantees\/parts$/.test(e.path); // a map
      };
      const stray = log.filter((e) => !allowed(e));
      expect(stray.length === 0, `reads outside the contract's fields: ${show(stray.slice(0, 10))}`);
      const enumerated = [...new Set(log.filter((e) => e.trap === 'ownKeys').map((e) => e.path))].sort();
      expect(
        show(enumerated) === show(['/categories', '/categories/mobile_phone/threeGuarantees/parts']),
        `enumerated: ${show(enumerated)}`,
      );
      if ('value' in engine) {
        const answer = engine.value.evaluate(ORDER, NOW);
        expect(
          answer.windows.some((w) => w.code === 'THREE_GUARANTEES_PART' && w.part === 'battery'),
          'the part window is missing',
        );
        stillWorks(api, engine.value, expect, { policy });
      }
      return problems;
    },
  },
  {
    name: 'getters and methods on unknown fields are never called: afterSales calling the engine, toJSON, then, valueOf, toString, Symbol.toPrimitive',
    run(api) {
      const { problems, expect } = checker();
      const engine = new api.Engine();
      const calls = [];
      const trap = (name) => () => {
        calls.push(name);
        throw new Error(`${name} must never be called`);
      };
      const hostile = (base, label) => {
        const o = {
          ...base,
          toJSON: trap(`${label}.toJSON`),
          then: trap(`${label}.then`),
          valueOf: trap(`${label}.valueOf`),
          toString: trap(`${label}.toString`),
        };
        o[Symbol.toPrimitive] = trap(`${label}[Symbol.toPrimitive]`);
        Object.defineProperty(o, 'afterSales', {
          enumerable: true,
          get() {
            calls.push(`${label}.afterSales`);
            return engine.evaluate(INNER_ORDER, NOW);
          },
        });
        Object.defineProperty(o, 'detached', { enumerable: true, get: trap(`${label}.detached`) });
        return o;
      };
      const order = hostile({ ...ORDER, merchantPromises: [hostile(ORDER.merchantPromises[0], 'promise')] }, 'order');
      const plain = engine.evaluate(ORDER, NOW);
      const answer = attempt(() => engine.evaluate(order, NOW));
      expect('value' in answer && sameJson(answer.value, plain), `evaluate: ${outcomeText(answer)}`);
      const many = attempt(() => engine.evaluateMany([order, order], NOW));
      expect('value' in many && sameJson(many.value, [plain, plain]), `evaluateMany: ${outcomeText(many)}`);
      const tg = hostile({ returnDays: 7, exchangeDays: 15, warrantyMonths: 12 }, 'threeGuarantees');
      const category = hostile({ entryDays: 180, threeGuarantees: tg }, 'category');
      const policy = hostile({ version: 'hostile', entryDays: 15, categories: { mobile_phone: category } }, 'policy');
      const other = attempt(() => new api.Engine(policy));
      expect('value' in other && other.value.policyVersion === 'hostile', `new Engine: ${outcomeText(other)}`);
      if ('value' in other) other.value.free();
      const once = attempt(() => api.evaluate(order, policy, NOW));
      expect('value' in once && once.value.orderId === 'OUTER', `top-level evaluate: ${outcomeText(once)}`);
      expect(calls.length === 0, `called: ${show(calls)}`);
      stillWorks(api, engine, expect);
      return problems;
    },
  },
  {
    name: 'an object in a string field is refused at that field, its toString, valueOf and Symbol.toPrimitive never called',
    run(api) {
      const { problems, expect } = checker();
      const engine = new api.Engine();
      let coerced = 0;
      const lure = {
        toString() {
          coerced++;
          return '2021-07-30T11:43:30+08:00';
        },
        valueOf() {
          coerced++;
          return 1627616610000;
        },
      };
      lure[Symbol.toPrimitive] = () => {
        coerced++;
        return 'OUTER';
      };
      for (const field of ['id', 'category', 'status', 'successAt', 'invoiceAt', 'repairDays']) {
        const a = attempt(() => engine.evaluate({ ...ORDER, [field]: lure }, NOW));
        expect(failedWith(a, 'INVALID_ORDER', field), `${field}: ${outcomeText(a)}`);
      }
      const p = attempt(() => new api.Engine({ version: lure, entryDays: 15 }));
      expect(failedWith(p, 'INVALID_POLICY', 'version'), `policy version: ${outcomeText(p)}`);
      expect(coerced === 0, `coerced ${coerced} times`);
      stillWorks(api, engine, expect);
      return problems;
    },
  },
  {
    name: 'a named field whose getter throws is an error at that field; in evaluateMany, its slot only',
    run(api) {
      const { problems, expect } = checker();
      const engine = new api.Engine();
      const thrower = () => {
        throw new Error('the store was detached');
      };
      for (const field of ORDER_FIELDS) {
        const order = withGetter(ORDER, field, thrower);
        const a = attempt(() => engine.evaluate(order, NOW));
        expect(failedWith(a, 'INVALID_ORDER', field), `${field}: ${outcomeText(a)}`);
        const slots = attempt(() => engine.evaluateMany([ORDER, order, ORDER], NOW).map(slotText));
        const id = field === 'id' ? null : 'OUTER';
        expect(
          'value' in slots && show(slots.value) === show(['OUTER', `${id} INVALID_ORDER [1].${field}`, 'OUTER']),
          `${field} in evaluateMany: ${outcomeText(slots)}`,
        );
      }
      const promise = withGetter(ORDER.merchantPromises[0], 'from', thrower);
      const a = attempt(() => engine.evaluate({ ...ORDER, merchantPromises: [promise] }, NOW));
      expect(failedWith(a, 'INVALID_ORDER', 'merchantPromises[0].from'), `a promise's from: ${outcomeText(a)}`);
      const category = withGetter({ entryDays: 180 }, 'threeGuarantees', thrower);
      const p = attempt(() => new api.Engine({ version: 'p', entryDays: 15, categories: { phone: category } }));
      expect(
        failedWith(p, 'INVALID_POLICY', 'categories.phone.threeGuarantees'),
        `a category's threeGuarantees: ${outcomeText(p)}`,
      );
      stillWorks(api, engine, expect);
      return problems;
    },
  },
  {
    name: 'large shared data in unknown fields: a 1 MB string 2,000 and 4,500 times, 500 × 1,000 × 1,000 zeros — answered, never walked',
    run(api) {
      const { problems, expect } = checker();
      const engine = new api.Engine();
      const plain = engine.evaluate(ORDER, NOW);
      const megabyte = 'x'.repeat(1 << 20);
      const zeros = new Array(1000).fill(0);
      const rows = new Array(1000).fill(zeros);
      const counted = countedArray(0);
      const grid = new Array(500).fill(rows);
      grid.push(counted.proxy); // a sentinel that counts any walk of the field
      for (const [label, order] of [
        ['2,000 references to a 1 MB string', { ...ORDER, notes: new Array(2000).fill(megabyte) }],
        ['4,500 references to a 1 MB string', { ...ORDER, notes: new Array(4500).fill(megabyte) }],
        ['500 × 1,000 references to 1,000 zeros', { ...ORDER, grid }],
      ]) {
        const a = attempt(() => engine.evaluate(order, NOW));
        expect('value' in a && sameJson(a.value, plain), `${label}, evaluate: ${outcomeText(a)}`);
        const m = attempt(() => engine.evaluateMany([order, order], NOW));
        expect('value' in m && sameJson(m.value, [plain, plain]), `${label}, evaluateMany: ${outcomeText(m)}`);
      }
      expect(counted.reads.length === 0, `the unknown field was walked: ${show(counted.reads.slice(0, 5))}`);
      stillWorks(api, engine, expect);
      return problems;
    },
  },
  {
    name: 'limits by length alone: evaluateMany of 2^32 − 1 and of 1,000,001, promises and holidays of 2^32 − 1 — refused, no item read',
    run(api) {
      const { problems, expect } = checker();
      const engine = new api.Engine();
      for (const length of [2 ** 32 - 1, 1_000_001]) {
        const plainArray = [];
        plainArray.length = length;
        const a = attempt(() => engine.evaluateMany(plainArray, NOW));
        expect(failedWith(a, 'INVALID_ARGUMENT', 'orders'), `evaluateMany of ${length}: ${outcomeText(a)}`);
        const counted = countedArray(length);
        const b = attempt(() => engine.evaluateMany(counted.proxy, NOW));
        expect(failedWith(b, 'INVALID_ARGUMENT', 'orders'), `evaluateMany of a Proxy of ${length}: ${outcomeText(b)}`);
        expect(
          counted.reads.every((k) => k === 'length') && counted.reads.length <= 1,
          `evaluateMany of ${length} read ${show(counted.reads.slice(0, 5))}`,
        );
      }
      const promises = countedArray(2 ** 32 - 1);
      const c = attempt(() => engine.evaluate({ ...ORDER, merchantPromises: promises.proxy }, NOW));
      expect(failedWith(c, 'INVALID_ORDER', 'merchantPromises'), `merchantPromises of 2^32 − 1: ${outcomeText(c)}`);
      expect(
        promises.reads.every((k) => k === 'length') && promises.reads.length <= 1,
        `merchantPromises: read ${show(promises.reads.slice(0, 5))}`,
      );
      const holidays = countedArray(2 ** 32 - 1);
      const d = attempt(() => new api.Engine({ version: 'p', entryDays: 15, holidays: holidays.proxy }));
      expect(failedWith(d, 'INVALID_POLICY', 'holidays'), `holidays of 2^32 − 1: ${outcomeText(d)}`);
      expect(
        holidays.reads.every((k) => k === 'length') && holidays.reads.length <= 1,
        `holidays: read ${show(holidays.reads.slice(0, 5))}`,
      );
      // A 128 MB id: refused at id (docs/contract.md §8: not copied).
      const e = attempt(() => engine.evaluate({ ...ORDER, id: 'x'.repeat(2 ** 27) }, NOW));
      expect(failedWith(e, 'INVALID_ORDER', 'id'), `a 128 MB id: ${outcomeText(e)}`);
      stillWorks(api, engine, expect);
      return problems;
    },
  },
  {
    name: 'where an object is expected, a Map, Set, Date or array is an error at that path, at every depth',
    run(api) {
      const { problems, expect } = checker();
      const engine = new api.Engine();
      const tg = (extra) => ({ returnDays: 7, exchangeDays: 15, warrantyMonths: 12, ...extra });
      /** @type {Array<[string, () => object]>} */
      const builtIns = [
        ['a Map', () => new Map([['entryDays', 15]])],
        ['a Set', () => new Set([1])],
        ['a Date', () => new Date(0)],
        ['an array', () => [{ entryDays: 15 }]],
      ];
      for (const [kind, make] of builtIns) {
        const policyCases = [
          ['', make()],
          ['categories', { version: 'p', entryDays: 15, categories: make() }],
          ['categories.phone', { version: 'p', entryDays: 15, categories: { phone: make() } }],
          [
            'categories.phone.threeGuarantees',
            { version: 'p', entryDays: 15, categories: { phone: { threeGuarantees: make() } } },
          ],
          [
            'categories.phone.threeGuarantees.parts',
            { version: 'p', entryDays: 15, categories: { phone: { threeGuarantees: tg({ parts: make() }) } } },
          ],
        ];
        for (const [path, policy] of policyCases) {
          const a = attempt(() => new api.Engine(policy));
          expect(failedWith(a, 'INVALID_POLICY', path), `${kind} at policy "${path}": ${outcomeText(a)}`);
        }
        const order = attempt(() => engine.evaluate(make(), NOW));
        expect(failedWith(order, 'INVALID_ORDER', ''), `${kind} as the order: ${outcomeText(order)}`);
        const promise = attempt(() => engine.evaluate({ ...ORDER, merchantPromises: [make()] }, NOW));
        expect(
          failedWith(promise, 'INVALID_ORDER', 'merchantPromises[0]'),
          `${kind} as a promise: ${outcomeText(promise)}`,
        );
        const slots = attempt(() => engine.evaluateMany([make(), ORDER], NOW).map(slotText));
        expect(
          'value' in slots && show(slots.value) === show(['null INVALID_ORDER [0]', 'OUTER']),
          `${kind} in evaluateMany: ${outcomeText(slots)}`,
        );
      }
      stillWorks(api, engine, expect);
      return problems;
    },
  },
  {
    name: 'other built-ins where an object is expected (a Promise, an Error, a boxed primitive, a DataView, a WeakRef): an error at that path',
    // Contract 3 (§3, §4) refuses "an array, Map, Set, Date or other
    // built-in": these too, at the path where an object was expected.
    run(api) {
      const { problems, expect } = checker();
      const engine = new api.Engine();
      /** @type {Array<[string, () => object]>} */
      const kinds = [
        ['a Promise', () => Object.assign(Promise.resolve(), ORDER)],
        ['an Error', () => Object.assign(new Error('x'), ORDER)],
        ['a boxed Number', () => Object.assign(Object(1), ORDER)],
        ['a boxed String', () => Object.assign(Object('s'), ORDER)],
        ['a DataView', () => Object.assign(new DataView(new ArrayBuffer(1)), ORDER)],
      ];
      if (typeof WeakRef === 'function') kinds.push(['a WeakRef', () => Object.assign(new WeakRef({}), ORDER)]);
      for (const [kind, make] of kinds) {
        const order = attempt(() => engine.evaluate(make(), NOW));
        expect(failedWith(order, 'INVALID_ORDER', ''), `${kind} as the order: ${outcomeText(order)}`);
        const promise = attempt(() =>
          engine.evaluate({ ...ORDER, merchantPromises: [Object.assign(make(), ORDER.merchantPromises[0])] }, NOW),
        );
        expect(
          failedWith(promise, 'INVALID_ORDER', 'merchantPromises[0]'),
          `${kind} as a promise: ${outcomeText(promise)}`,
        );
        const policy = attempt(() => new api.Engine(Object.assign(make(), { version: 'p', entryDays: 15 })));
        expect(failedWith(policy, 'INVALID_POLICY', ''), `${kind} as the policy: ${outcomeText(policy)}`);
        if ('value' in policy) policy.value.free();
      }
      stillWorks(api, engine, expect);
      return problems;
    },
  },
  {
    name: 'a frozen order, a reactive Proxy and an object without a prototype are read like plain ones',
    run(api) {
      const { problems, expect } = checker();
      const engine = new api.Engine();
      const plain = engine.evaluate(ORDER, NOW);
      const frozen = Object.freeze({
        ...ORDER,
        merchantPromises: Object.freeze([Object.freeze({ ...ORDER.merchantPromises[0] })]),
      });
      const bare = Object.assign(Object.create(null), ORDER);
      for (const [label, order] of [
        ['frozen', frozen],
        ['reactive', reactive({ ...ORDER }, [])],
        ['prototype-less', bare],
      ]) {
        const a = attempt(() => engine.evaluate(order, NOW));
        expect('value' in a && sameJson(a.value, plain), `${label}: ${outcomeText(a)}`);
      }
      stillWorks(api, engine, expect);
      return problems;
    },
  },
  {
    name: 'categories are their own enumerable string keys: inherited, non-enumerable and Symbol keys are not categories, and are not read',
    run(api) {
      const { problems, expect } = checker();
      const reads = [];
      const watched = (name) => ({
        get entryDays() {
          reads.push(name);
          return 99;
        },
      });
      const categories = Object.create({ inherited: watched('inherited') });
      Object.defineProperty(categories, 'hidden', { enumerable: false, value: watched('hidden') });
      categories[Symbol('symbolic')] = watched('symbolic');
      categories.shown = { entryDays: 30 };
      const policy = { version: 'keys', entryDays: 15, categories };
      const engine = new api.Engine(policy);
      const known = ['inherited', 'hidden', 'shown'].map(
        (c) => engine.evaluate({ ...INNER_ORDER, category: c }, NOW).categoryKnown,
      );
      expect(show(known) === show([false, false, true]), `categoryKnown for inherited, hidden, shown: ${show(known)}`);
      expect(reads.length === 0, `read: ${show(reads)}`);
      stillWorks(api, engine, expect, { policy });
      return problems;
    },
  },
  {
    name: 'arguments: an object as now or serverNowMs is refused unconverted; options are read by name, their getter may call the engine',
    run(api) {
      const { problems, expect } = checker();
      const engine = new api.Engine();
      let converted = 0;
      const lure = {
        valueOf() {
          converted++;
          return NOW;
        },
      };
      lure[Symbol.toPrimitive] = () => {
        converted++;
        return NOW;
      };
      for (const [label, path, call] of [
        ['evaluate', 'now', () => engine.evaluate(ORDER, lure)],
        ['evaluateMany', 'now', () => engine.evaluateMany([ORDER], lure)],
        ['the top-level evaluate', 'now', () => api.evaluate(ORDER, undefined, lure)],
        ['syncClock', 'serverNowMs', () => engine.syncClock(lure)],
      ]) {
        const a = attempt(call);
        expect(failedWith(a, 'INVALID_ARGUMENT', path), `${label}: ${outcomeText(a)}`);
      }
      expect(converted === 0, `now converted ${converted} times`);
      // Options: `locale` only; its getter calls the engine; anything else untouched.
      let inner;
      let stray = 0;
      const options = new Proxy(
        {
          get locale() {
            inner = engine.evaluate(INNER_ORDER, NOW);
            return 'en';
          },
          get theme() {
            stray++;
            return 'dark';
          },
        },
        {
          ownKeys(t) {
            stray++;
            return Reflect.ownKeys(t);
          },
        },
      );
      const english = attempt(() => new api.Engine(undefined, options));
      expect(
        'value' in english && /[A-Za-z]/.test(english.value.evaluate(ORDER, NOW).reason.text),
        `new Engine(undefined, options): ${outcomeText(english)}`,
      );
      expect(inner?.orderId === 'INNER', `the call from the locale getter: ${show(inner?.orderId)}`);
      expect(stray === 0, `options enumerated or an unknown option read (${stray})`);
      if ('value' in english) english.value.free();
      stillWorks(api, engine, expect);
      return problems;
    },
  },
];

// ---------------------------------------------------------------------------
// Calls inside calls (§7): a call made while another call reads its input.

const INNER_BAD = { id: 'INNER_BAD', status: 'success', successAt: '2021-09-20T20:15:00+08:00' }; // no category

const REENTRANCY = [
  {
    name: "a named field's getter evaluates another order: the outer call answers for OUTER, the inner for INNER",
    run(api) {
      const { problems, expect } = checker();
      const engine = new api.Engine();
      const [plainOuter, plainInner] = plainAnswers(api, [ORDER, INNER_ORDER]);
      const inner = [];
      const order = withGetter(ORDER, 'category', () => {
        inner.push(engine.evaluate(INNER_ORDER, NOW));
        return ORDER.category;
      });
      const outer = attempt(() => engine.evaluate(order, NOW));
      expect('value' in outer && sameJson(outer.value, plainOuter), `the outer call: ${outcomeText(outer)}`);
      expect(
        inner.length === 1 && sameJson(inner[0], plainInner),
        `the inner call: ${show(inner.map((a) => a.orderId))}`,
      );
      const many = attempt(() => engine.evaluateMany([order, ORDER, order], NOW));
      expect(
        'value' in many && sameJson(many.value, [plainOuter, plainOuter, plainOuter]),
        `evaluateMany: ${outcomeText(many)}`,
      );
      expect(inner.length === 3 && inner.every((a) => sameJson(a, plainInner)), 'the inner calls in evaluateMany');
      stillWorks(api, engine, expect);
      return problems;
    },
  },
  {
    name: 'in evaluateMany, a bad order whose getter evaluates another keeps its own orderId and error; the next slot is answered',
    run(api) {
      const { problems, expect } = checker();
      const engine = new api.Engine();
      let inner;
      // No successAt for a "success" order: INVALID_ORDER at successAt, found after the getter ran.
      const bad = withGetter({ id: 'OUTER', status: 'success' }, 'category', () => {
        inner = engine.evaluate(INNER_ORDER, NOW);
        return 'mobile_phone';
      });
      const second = { ...ORDER, id: 'SECOND' };
      const slots = attempt(() => engine.evaluateMany([bad, second], NOW).map(slotText));
      expect(
        'value' in slots && show(slots.value) === show(['OUTER INVALID_ORDER [0].successAt', 'SECOND']),
        `the slots: ${outcomeText(slots)}`,
      );
      expect(inner?.orderId === 'INNER', `the inner call: ${show(inner?.orderId)}`);
      // The same with evaluate: the outer error is the outer order's.
      const single = attempt(() => engine.evaluate(bad, NOW));
      expect(failedWith(single, 'INVALID_ORDER', 'successAt'), `evaluate: ${outcomeText(single)}`);
      stillWorks(api, engine, expect);
      return problems;
    },
  },
  {
    name: 'a getter runs evaluateMany (one good, one bad order) inside evaluateMany: each batch gets its own slots',
    run(api) {
      const { problems, expect } = checker();
      const engine = new api.Engine();
      let inner;
      const order = withGetter(ORDER, 'status', () => {
        inner = engine.evaluateMany([INNER_ORDER, INNER_BAD], NOW).map(slotText);
        return ORDER.status;
      });
      const outer = attempt(() =>
        engine.evaluateMany([order, { ...ORDER, id: 'SECOND' }, INNER_BAD], NOW).map(slotText),
      );
      expect(
        'value' in outer && show(outer.value) === show(['OUTER', 'SECOND', 'INNER_BAD INVALID_ORDER [2].category']),
        `the outer batch: ${outcomeText(outer)}`,
      );
      expect(
        show(inner) === show(['INNER', 'INNER_BAD INVALID_ORDER [1].category']),
        `the inner batch: ${show(inner)}`,
      );
      stillWorks(api, engine, expect);
      return problems;
    },
  },
  {
    name: "the inner call's own argument and order errors (over 1,000,000 orders, not an array, a bad now, a bad order) leave the outer call alone",
    run(api) {
      const { problems, expect } = checker();
      const engine = new api.Engine();
      const [plain] = plainAnswers(api, [ORDER]);
      const huge = [];
      huge.length = 2 ** 32 - 1;
      const innerCalls = {
        'evaluateMany of 2^32 − 1': ['INVALID_ARGUMENT', 'orders', () => engine.evaluateMany(huge, NOW)],
        'evaluateMany of an array-like': [
          'INVALID_ARGUMENT',
          'orders',
          () => engine.evaluateMany({ length: 1, 0: INNER_ORDER }, NOW),
        ],
        'evaluate at NaN': ['INVALID_ARGUMENT', 'now', () => engine.evaluate(INNER_ORDER, NaN)],
        'evaluate of a bad order': ['INVALID_ORDER', 'category', () => engine.evaluate(INNER_BAD, NOW)],
        'new Engine of a bad policy': ['INVALID_POLICY', 'entryDays', () => new api.Engine({ version: 'bad' })],
      };
      for (const [label, [code, path, call]] of Object.entries(innerCalls)) {
        let inner;
        const order = withGetter(ORDER, 'invoiceAt', () => {
          inner = attempt(call);
          return ORDER.invoiceAt;
        });
        const outer = attempt(() => engine.evaluate(order, NOW));
        expect('value' in outer && sameJson(outer.value, plain), `${label}, the outer evaluate: ${outcomeText(outer)}`);
        expect(
          inner !== undefined && failedWith(inner, code, path),
          `${label}, the inner call: ${inner && outcomeText(inner)}`,
        );
        const many = attempt(() => engine.evaluateMany([order, ORDER], NOW));
        expect(
          'value' in many && sameJson(many.value, [plain, plain]),
          `${label}, the outer evaluateMany: ${outcomeText(many)}`,
        );
      }
      stillWorks(api, engine, expect);
      return problems;
    },
  },
  {
    name: "an inner error the getter lets through is the outer call's error at that field (evaluateMany: that slot only)",
    run(api) {
      const { problems, expect } = checker();
      const engine = new api.Engine();
      const order = withGetter(ORDER, 'invoiceAt', () => {
        engine.evaluate(INNER_BAD, NOW); // throws INVALID_ORDER at category
        return ORDER.invoiceAt;
      });
      const outer = attempt(() => engine.evaluate(order, NOW));
      expect(failedWith(outer, 'INVALID_ORDER', 'invoiceAt'), `evaluate: ${outcomeText(outer)}`);
      const slots = attempt(() => engine.evaluateMany([order, ORDER], NOW).map(slotText));
      expect(
        'value' in slots && show(slots.value) === show(['OUTER INVALID_ORDER [0].invoiceAt', 'OUTER']),
        `evaluateMany: ${outcomeText(slots)}`,
      );
      stillWorks(api, engine, expect);
      return problems;
    },
  },
  {
    name: 'a Proxy trap that is not a field read (getPrototypeOf, for the object-kind check) evaluates another order',
    run(api) {
      const { problems, expect } = checker();
      const engine = new api.Engine();
      const [plainOuter, plainInner] = plainAnswers(api, [ORDER, INNER_ORDER]);
      const inner = [];
      const order = new Proxy(
        { ...ORDER },
        {
          getPrototypeOf(t) {
            inner.push(engine.evaluate(INNER_ORDER, NOW));
            return Reflect.getPrototypeOf(t);
          },
        },
      );
      const outer = attempt(() => engine.evaluate(order, NOW));
      expect('value' in outer && sameJson(outer.value, plainOuter), `the outer call: ${outcomeText(outer)}`);
      expect(
        inner.every((a) => sameJson(a, plainInner)),
        `the inner calls: ${show(inner.map((a) => a.orderId))}`,
      );
      stillWorks(api, engine, expect);
      return problems;
    },
  },
  {
    name: "a merchant promise's getter evaluates another order: the promise still counts, each call its own answer",
    run(api) {
      const { problems, expect } = checker();
      const engine = new api.Engine();
      const [plainOuter, plainInner] = plainAnswers(api, [ORDER, INNER_ORDER]);
      let inner;
      const promise = withGetter(ORDER.merchantPromises[0], 'months', () => {
        inner = engine.evaluate(INNER_ORDER, NOW);
        return ORDER.merchantPromises[0].months;
      });
      const outer = attempt(() => engine.evaluate({ ...ORDER, merchantPromises: [promise] }, NOW));
      expect('value' in outer && sameJson(outer.value, plainOuter), `the outer call: ${outcomeText(outer)}`);
      expect(sameJson(inner, plainInner), `the inner call: ${show(inner?.orderId)}`);
      stillWorks(api, engine, expect);
      return problems;
    },
  },
  {
    name: "policy getters call the engine: a category's getter evaluates on another engine and builds a third; a policy field's getter builds another engine",
    run(api) {
      const { problems, expect } = checker();
      const outerEngine = new api.Engine();
      const [plainInner] = plainAnswers(api, [INNER_ORDER]);
      let inner;
      let third;
      const policy = {
        version: 'MINE',
        entryDays: 15,
        categories: {
          get phone() {
            inner = outerEngine.evaluate(INNER_ORDER, NOW);
            third = new api.Engine({ version: 'THIRD', entryDays: 3, categories: { tablet: {} } });
            return { entryDays: 99 };
          },
        },
      };
      const mine = attempt(() => new api.Engine(policy));
      expect('value' in mine && mine.value.policyVersion === 'MINE', `new Engine: ${outcomeText(mine)}`);
      expect(sameJson(inner, plainInner), `the inner evaluate: ${show(inner?.orderId)}`);
      expect(third?.policyVersion === 'THIRD', `the third engine: ${show(third?.policyVersion)}`);
      const entry = (engine, category) =>
        engine.evaluate({ ...INNER_ORDER, category }, NOW).windows.find((w) => w.code.startsWith('ENTRY_'))?.basis
          .count;
      if ('value' in mine) {
        expect(
          entry(mine.value, 'phone') === 99 && entry(mine.value, 'tablet') === 15,
          `mine: phone ${entry(mine.value, 'phone')}, tablet ${entry(mine.value, 'tablet')}`,
        );
        expect(
          entry(third, 'tablet') === 3 && entry(third, 'phone') === 3,
          `the third: tablet ${entry(third, 'tablet')}, phone ${entry(third, 'phone')}`,
        );
        stillWorks(api, mine.value, expect, {
          label: 'mine',
          policy: { version: 'MINE', entryDays: 15, categories: { phone: { entryDays: 99 } } },
        });
      }
      // The brief's form: `new Engine(p)` where `get entryDays()` builds another Engine with another policy.
      let other;
      const p = {
        version: 'P',
        get entryDays() {
          other = new api.Engine({ version: 'OTHER', entryDays: 3 });
          return 15;
        },
      };
      const engineP = attempt(() => new api.Engine(p));
      expect(
        'value' in engineP && engineP.value.policyVersion === 'P' && entry(engineP.value, 'apparel') === 15,
        `new Engine(p): ${outcomeText(engineP)}`,
      );
      expect(
        other?.policyVersion === 'OTHER' && entry(other, 'apparel') === 3,
        `the engine built inside: ${show(other?.policyVersion)}`,
      );
      if ('value' in engineP) engineP.value.free();
      other?.free();
      third?.free();
      stillWorks(api, outerEngine, expect, { label: 'the outer engine' });
      return problems;
    },
  },
  {
    name: 'the top-level evaluate(order, policy, now) inside another: each with its own policy',
    run(api) {
      const { problems, expect } = checker();
      let inner;
      const policy = {
        version: 'OUTER_POLICY',
        get entryDays() {
          inner = api.evaluate(INNER_ORDER, { version: 'INNER_POLICY', entryDays: 2 }, NOW);
          return 15;
        },
      };
      const outer = attempt(() => api.evaluate(ORDER, policy, NOW));
      expect(
        'value' in outer && outer.value.orderId === 'OUTER' && outer.value.policyVersion === 'OUTER_POLICY',
        `the outer call: ${outcomeText(outer)}`,
      );
      expect(
        inner?.orderId === 'INNER' && inner?.policyVersion === 'INNER_POLICY',
        `the inner call: ${show(inner && [inner.orderId, inner.policyVersion])}`,
      );
      stillWorks(api, new api.Engine(), expect);
      return problems;
    },
  },
  {
    name: 'five levels of calls inside calls, through evaluateMany: each level gets its own slots',
    run(api) {
      const { problems, expect } = checker();
      const engine = new api.Engine();
      const seen = [];
      const level = (n) => {
        if (n === 0) return { ...INNER_ORDER, id: 'L0' };
        return withGetter({ ...INNER_ORDER, id: `L${n}` }, 'status', () => {
          seen.push([n, engine.evaluateMany([level(n - 1), { ...ORDER, id: `S${n}` }], NOW).map(slotText)]);
          return 'success';
        });
      };
      const top = attempt(() => engine.evaluate(level(5), NOW));
      expect('value' in top && top.value.orderId === 'L5', `the top call: ${outcomeText(top)}`);
      const expected = [1, 2, 3, 4, 5].map((n) => [n, [`L${n - 1}`, `S${n}`]]);
      expect(show(seen) === show(expected), `the levels: ${show(seen)}`);
      stillWorks(api, engine, expect);
      return problems;
    },
  },
  {
    name: 'a getter calls syncClock, and frees another engine: the outer call answers, the other engine is gone',
    run(api) {
      const { problems, expect } = checker();
      const engine = new api.Engine();
      const other = new api.Engine();
      const [plain] = plainAnswers(api, [ORDER]);
      const order = withGetter(ORDER, 'successAt', () => {
        engine.syncClock(NOW);
        other.free();
        return ORDER.successAt;
      });
      const outer = attempt(() => engine.evaluate(order, NOW));
      expect('value' in outer && sameJson(outer.value, plain), `the outer call: ${outcomeText(outer)}`);
      const gone = attempt(() => other.evaluate(ORDER, NOW));
      expect('error' in gone, 'the freed engine still answered');
      stillWorks(api, engine, expect);
      return problems;
    },
  },
];

// ---------------------------------------------------------------------------
// Calls inside calls without end: a store whose computed field evaluates its
// own order. The stack runs out somewhere inside; every call must still end
// in its own answer or a typed error, and the engine must keep working.

/**
 * Each: [label, setUp(api, engine, within)] → the outermost call. `within`
 * runs the call a getter makes from inside a read, noting what it throws.
 * @type {Array<[string, (api: any, engine: any, within: (call: () => unknown) => void) => () => unknown]>}
 */
const UNBOUNDED = [
  [
    'evaluate',
    (api, engine, within) => {
      const order = withGetter(ORDER, 'status', () => {
        within(() => engine.evaluate(order, NOW));
        return 'success';
      });
      return () => engine.evaluate(order, NOW);
    },
  ],
  [
    'evaluateMany',
    (api, engine, within) => {
      const order = withGetter(ORDER, 'status', () => {
        within(() => engine.evaluateMany([order, ORDER], NOW));
        return 'success';
      });
      return () => engine.evaluateMany([order, ORDER], NOW);
    },
  ],
  [
    'new Engine(policy)',
    (api, engine, within) => {
      const policy = {
        version: 'SELF',
        get entryDays() {
          within(() => new api.Engine(policy).free());
          return 15;
        },
      };
      return () => new api.Engine(policy).policyVersion;
    },
  ],
  [
    'the top-level evaluate',
    (api, engine, within) => {
      const order = withGetter(ORDER, 'status', () => {
        within(() => api.evaluate(order, undefined, NOW));
        return 'success';
      });
      return () => api.evaluate(order, undefined, NOW);
    },
  ],
];

const DESTRUCTIVE = UNBOUNDED.map(([label, setUp]) => ({
  name: `${label} re-entering itself until the stack runs out: a typed error or an answer at every level, and the engine keeps working`,
  destructive: true,
  run(api) {
    const { problems, expect } = checker();
    const engine = new api.Engine();
    // What the calls made from inside reads threw, by kind: the package's
    // typed errors, or the runtime's own RangeError where the getter's JS ran
    // out of stack; never a wasm trap (RuntimeError) or an untyped Error.
    const untyped = new Map();
    const within = (call) => {
      try {
        call();
      } catch (e) {
        if (!(CODES.includes(e?.code) || e?.name === 'RangeError')) {
          const kind = `${e?.name}: ${String(e?.message).slice(0, 120)}`;
          untyped.set(kind, (untyped.get(kind) ?? 0) + 1);
        }
        throw e;
      }
    };
    const call = setUp(api, engine, within);
    // Three times: a leak of the engine's borrow or of the wasm stack shows on a later round.
    for (let round = 0; round < 3; round++) {
      const outcome = attempt(call);
      expect('value' in outcome || isTyped(outcome), `round ${round}, the outermost call: ${outcomeText(outcome)}`);
    }
    expect(untyped.size === 0, `calls inside calls threw errors that are not the contract's: ${show([...untyped])}`);
    stillWorks(api, engine, expect);
    return problems;
  },
}));

/** Every case, destructive ones last. */
export const CASES = [...READS, ...REENTRANCY, ...DESTRUCTIVE];
