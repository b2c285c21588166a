// Policies and orders at Taobao's scale and past the limits (docs/contract.md
// §8, "Limits"): a whole category tree builds and answers; a runaway chain,
// a category list, a date list or a promise list past its limit is refused
// with its path — never a stall (each test's timeout is the guard; speed is
// measured by `make bench`, perf/policy-sizes.mjs).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { sizeCases } from '../../perf/policy-sizes.mjs';
import { glueUrl, wasmPath } from './lib/golden.mjs';
import { PlainEngine } from '../oracle/plain-engine.mjs';

const api = await import(glueUrl);
api.initSync({ module: readFileSync(wasmPath) });
const { Engine } = api;
const NOW = Date.parse('2026-06-01T00:00:00+08:00');
const order = (category, extra = {}) => ({
  id: 'S1',
  category,
  status: 'success',
  successAt: '2026-05-01T10:00:00+08:00',
  invoiceAt: '2026-05-01',
  ...extra,
});

function throwsAt(fn, code, path) {
  try {
    fn();
  } catch (e) {
    assert.equal(e.code, code, e.message);
    assert.equal(e.path, path, e.message);
    return e;
  }
  assert.fail(`no error; expected ${code} at ${path}`);
}

describe('the sizes perf/policy-sizes.mjs measures', () => {
  for (const c of sizeCases()) {
    test(c.label, { timeout: 120_000 }, () => {
      const run = () => {
        const engine = new Engine(c.policy);
        return c.order ? engine.evaluate(c.order, NOW) : engine;
      };
      if (c.error) {
        const e = throwsAt(run, c.order ? 'INVALID_ORDER' : 'INVALID_POLICY', c.error);
        assert.match(e.message, /limit|levels/);
      } else {
        assert.ok(run());
      }
    });
  }
});

describe('a whole category tree', () => {
  const [tree] = sizeCases();
  test(
    "a leaf four levels down inherits its root's entry and its level-1 ancestor's 三包, as PlainEngine says",
    { timeout: 120_000 },
    () => {
      const engine = new Engine(tree.policy);
      const leaf = order('r7.3.4.49');
      const answer = engine.evaluate(leaf, NOW);
      assert.equal(answer.reason.code, 'ENTRY_CATEGORY');
      assert.equal(answer.windows.find((w) => w.code === 'ENTRY_CATEGORY').basis.count, 180);
      assert.ok(answer.windows.some((w) => w.code === 'THREE_GUARANTEES_PART' && w.part === 'battery'));
      assert.deepStrictEqual(answer, new PlainEngine(tree.policy).evaluate(leaf, NOW));
    },
  );

  test(
    'a cycle closed at the bottom of the tree is reported at the member that sorts first',
    { timeout: 120_000 },
    () => {
      const policy = structuredClone(tree.policy);
      policy.categories.r3 = { parent: 'r3.0.0.0' }; // r3 → r3.0.0.0 → r3.0.0 → r3.0 → r3
      throwsAt(() => new Engine(policy), 'INVALID_POLICY', 'categories.r3.parent');
    },
  );

  test('an unknown parent deep in the tree is reported at the category that names it', { timeout: 120_000 }, () => {
    const policy = structuredClone(tree.policy);
    policy.categories['r9.9.9.9'] = { parent: 'no-such-category' };
    throwsAt(() => new Engine(policy), 'INVALID_POLICY', 'categories["r9.9.9.9"].parent'); // a dotted name is bracketed (contract 3, §7)
  });
});

describe('the limits, at and one past', () => {
  const chain = (n) =>
    Object.fromEntries(
      Array.from({ length: n }, (_, i) => [
        `c${String(i).padStart(3, '0')}`,
        i ? { parent: `c${String(i - 1).padStart(3, '0')}` } : { entryDays: 30 },
      ]),
    );
  test('depth: a line of 64 categories answers from its root; 65 is an error at the 65th', () => {
    const engine = new Engine({ version: 'd', entryDays: 15, categories: chain(64) });
    assert.equal(engine.evaluate(order('c063'), NOW).windows.find((w) => w.code === 'ENTRY_CATEGORY').basis.count, 30);
    throwsAt(
      () => new Engine({ version: 'd', entryDays: 15, categories: chain(65) }),
      'INVALID_POLICY',
      'categories.c064.parent',
    );
  });

  test('promises: 100 are answered, 101 are an error at merchantPromises (also in evaluateMany)', () => {
    const engine = new Engine();
    const promises = (n) => Array.from({ length: n }, (_, i) => ({ service: 'repair', days: i + 1, from: 'success' }));
    assert.equal(
      engine
        .evaluate(order('apparel', { merchantPromises: promises(100) }), NOW)
        .windows.filter((w) => w.code === 'MERCHANT_PROMISE').length,
      100,
    );
    throwsAt(
      () => engine.evaluate(order('apparel', { merchantPromises: promises(101) }), NOW),
      'INVALID_ORDER',
      'merchantPromises',
    );
    const [slot] = engine.evaluateMany([order('apparel', { merchantPromises: promises(101) })], NOW);
    assert.equal(slot.error.path, '[0].merchantPromises');
  });

  test('dates: 100,000 workdays build; 100,001 are an error at workdays', { timeout: 60_000 }, () => {
    const days = (n) =>
      Array.from({ length: n }, (_, i) => new Date(Date.UTC(2100, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));
    assert.ok(new Engine({ version: 'w', entryDays: 15, workdays: days(100_000) }));
    throwsAt(() => new Engine({ version: 'w', entryDays: 15, workdays: days(100_001) }), 'INVALID_POLICY', 'workdays');
  });

  test('a Proxy or sparse array claiming 2^32 − 1 holidays is refused by its length, not walked', () => {
    const sparse = [];
    sparse.length = 4_294_967_295;
    throwsAt(() => new Engine({ version: 'p', entryDays: 15, holidays: sparse }), 'INVALID_POLICY', 'holidays');
    const proxy = new Proxy([], { get: (t, k) => (k === 'length' ? 4_294_967_295 : Reflect.get(t, k)) });
    throwsAt(() => new Engine({ version: 'p', entryDays: 15, holidays: proxy }), 'INVALID_POLICY', 'holidays');
    const promises = [];
    promises.length = 4_294_967_295;
    throwsAt(
      () => new Engine().evaluate(order('apparel', { merchantPromises: promises }), NOW),
      'INVALID_ORDER',
      'merchantPromises',
    );
  });
});
