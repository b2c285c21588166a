// A second oracle: tests/oracle/plain-engine.mjs, the contract written again in plain
// JavaScript without reading the Rust sources. (a) It must pass every golden
// vector; (b) on tens of thousands of generated orders and policies its answer
// must deep-equal the wasm engine's, text and basis included; (c) those cases
// must keep reaching what contract versions 2 and 3 added (weekend and holiday
// rolls, make-up workdays, weekends off, provisional windows and answers;
// merchant promises that roll and are provisional, windows made provisional by
// holidaysPublishedFrom, unknown categories: counted, with minimums). Seeded:
// a failure prints the seed, order, policy, now and both answers.
//
//   node --test tests/js/oracle.test.mjs          (pkg/ built)
//   ORACLE_SEED=7 ORACLE_SCALE=10 node --test tests/js/oracle.test.mjs   (another seed, 10× the cases)

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import {
  BENCH_NOW,
  benchOrders,
  dayOf,
  genNow,
  genOrder,
  genPolicy,
  injectFault,
  isWeekendDay,
  POLICY_FAULTS,
  policyContext,
  random,
} from '../oracle/orders.mjs';
import { PlainEngine } from '../oracle/plain-engine.mjs';
import { checkOutcome, glueUrl, loadCases, root, wasmPath } from './lib/golden.mjs';
import { INNER_ORDER, asPageHolds } from './lib/page-order.js';

const api = await import(glueUrl);
api.initSync({ module: readFileSync(wasmPath) });

const DEFAULT_POLICY = JSON.parse(readFileSync(join(root, 'src', 'policy', 'default.json'), 'utf8'));
PlainEngine.defaultPolicy = DEFAULT_POLICY;

const SEED = Number(process.env.ORACLE_SEED ?? 20211001);
const SCALE = Number(process.env.ORACLE_SCALE ?? 1); // more cases for a longer soak
const DEFAULT_ORDERS = 20_000 * SCALE;
const POLICIES = 12 * SCALE;
const ORDERS_PER_POLICY = 800;
const FAULT_RATE = 0.03;
const BATCH = 50;
const MAX_REPORTS = 5;

const json = (v) => JSON.stringify(v, null, 1);

/** Runs `fn`, giving { value } or { thrown }. */
function attempt(fn) {
  try {
    return { value: fn() };
  } catch (thrown) {
    return { thrown };
  }
}

/** Whether two outcomes of a call agree: equal answers, or errors with the same code and path. */
function same(a, b) {
  if ('value' in a && 'value' in b) return isDeepStrictEqual(a.value, b.value);
  if ('thrown' in a && 'thrown' in b) {
    return (
      a.thrown instanceof Error &&
      b.thrown instanceof Error &&
      a.thrown.code === b.thrown.code &&
      a.thrown.path === b.thrown.path
    );
  }
  return false;
}

const showOutcome = (o) =>
  'value' in o ? o.value : { threw: { code: o.thrown?.code, path: o.thrown?.path, message: o.thrown?.message } };

/** Slots of evaluateMany: error slots compare by orderId, code and path (messages are wording). */
function sameSlot(a, b) {
  if (a && b && 'error' in a && 'error' in b) {
    return (
      a.ok === false &&
      b.ok === false &&
      a.orderId === b.orderId &&
      a.error.code === b.error.code &&
      a.error.path === b.error.path &&
      Object.keys(a).length === 3 &&
      Object.keys(b).length === 3
    );
  }
  return isDeepStrictEqual(a, b);
}

/** Collects mismatches; reports the first few in full. */
class Mismatches {
  constructor(label) {
    this.label = label;
    this.count = 0;
    this.reports = [];
  }

  add(report) {
    this.count++;
    if (this.reports.length < MAX_REPORTS) this.reports.push(report);
  }

  check(total) {
    if (this.count === 0) return;
    const text = this.reports.map((r, i) => `--- mismatch ${i + 1} (seed ${SEED}) ---\n${json(r)}`).join('\n');
    console.error(`${this.label}: ${this.count} of ${total} differ\n${text}`);
    assert.fail(
      `${this.label}: PlainEngine and the wasm engine differ on ${this.count} of ${total} (seed ${SEED}); see the printed reports`,
    );
  }
}

describe('golden vectors through PlainEngine', () => {
  test('the default policy is the one the wasm engine embeds', () => {
    assert.deepStrictEqual(api.defaultPolicy(), DEFAULT_POLICY);
  });
  const cases = loadCases();
  for (const file of [...new Set(cases.map((c) => c.file))]) {
    describe(file, () => {
      for (const c of cases.filter((x) => x.file === file)) {
        test(c.name, () => {
          const outcome = attempt(() => {
            const engine = new PlainEngine(c.policy, c.locale === undefined ? undefined : { locale: c.locale });
            return engine.evaluate(c.order, c.now);
          });
          const failure = checkOutcome(c, 'value' in outcome ? { answer: outcome.value } : outcome);
          assert.equal(failure, null, `${c.name}: ${failure}`);
          // The same order in a batch: an answer, or a slot with the path under [0].
          if ('value' in outcome) {
            const engine = new PlainEngine(c.policy, c.locale === undefined ? undefined : { locale: c.locale });
            assert.deepStrictEqual(engine.evaluateMany([c.order], c.now), [outcome.value]);
          } else if (c.error.code === 'INVALID_ORDER') {
            const engine = new PlainEngine(c.policy, c.locale === undefined ? undefined : { locale: c.locale });
            const [slot] = engine.evaluateMany([c.order], c.now);
            assert.equal(slot.error.code, 'INVALID_ORDER');
            assert.equal(slot.error.path, c.error.path === '' ? '[0]' : `[0].${c.error.path}`);
          }
        });
      }
    });
  }
});

// What the generated cases reached (PlainEngine's answers), checked at the end.
const seen = {
  status: new Set(),
  reason: new Set(),
  window: new Set(),
  errors: 0,
  reasonsBySource: { default: {}, generated: {} },
};

// Contract versions 2 and 3 (rest days, provisional, promises that roll,
// holidaysPublishedFrom, categoryKnown), counted per source, so a generator
// regression cannot silently stop covering them. Rolling windows are the
// THREE_GUARANTEES_* and (version 3) MERCHANT_PROMISE ones.
const restCounts = () => ({
  rolling: 0, // rolling windows seen
  weekendDays: 0, // windows with basis.weekendDays > 0
  holidayDays: 0, // windows with basis.holidayDays > 0
  both: 0, // a roll over holidays and weekend days alike
  workdayEnd: 0, // end day a Saturday or Sunday workday, weekends on (the workday stopped or prevented a roll)
  weekendsOffWeekendEnd: 0, // weekends off, end day a Saturday or Sunday: not rolled for it
  provisional: 0, // windows provisional true
  firm: 0, // rolling windows provisional false under a published-data bound (from or through)
  crossed: 0, // provisional only because the roll crossed holidaysPublishedThrough
  provisionalAnswers: 0, // answers provisional true
  nonProvisionalSupport: 0, // support answers provisional false under a published-data bound (from or through)
  promiseRolls: 0, // MERCHANT_PROMISE windows with basis.rolledDays > 0 (version 3)
  promiseHolidayRolls: 0, // … of which over holidays
  promiseWorkdayEnd: 0, // MERCHANT_PROMISE end day a Saturday or Sunday workday, weekends on (not rolled for it)
  provisionalPromises: 0, // MERCHANT_PROMISE windows provisional true
  promiseBindsProvisional: 0, // support answers bound by a provisional promise
  beforePublishedFrom: 0, // provisional only because the end day before the roll is before holidaysPublishedFrom
  atPublishedFrom: 0, // rolling windows whose end day before the roll is holidaysPublishedFrom itself (firm on that side)
  unknownCategory: 0, // answers with categoryKnown false (any status)
  unknownCategorySuccess: 0, // … of success orders (windows from the top-level defaults)
});
const rest = { default: restCounts(), generated: restCounts() };
const policyKinds = {
  total: 0,
  weekendsOff: 0,
  withWorkdays: 0,
  withPublished: 0,
  withPublishedFrom: 0,
  publishedFromEqualsThrough: 0,
};

/**
 * Notes one answer (or error slot). `cal`: the policy's rest-day calendar
 * ({ weekends, workdays: Set of day numbers, published and publishedFrom: day
 * numbers or null }) and `counts`, one of `rest`.
 */
function note(answer, cal) {
  if (answer && 'error' in answer) {
    seen.errors++;
    return;
  }
  if (!answer || !answer.reason) return;
  seen.status.add(answer.status);
  seen.reason.add(answer.reason.code);
  const bySource = seen.reasonsBySource[cal.counts === rest.default ? 'default' : 'generated'];
  bySource[answer.reason.code] = (bySource[answer.reason.code] ?? 0) + 1;
  const c = cal.counts;
  const bounded = cal.published !== null || cal.publishedFrom !== null; // a window could be provisional
  if (answer.categoryKnown === false) {
    c.unknownCategory++;
    if (answer.windows.length > 0) c.unknownCategorySuccess++;
  }
  if (answer.provisional) {
    c.provisionalAnswers++;
    if (answer.reason.code === 'MERCHANT_PROMISE') c.promiseBindsProvisional++;
  } else if (answer.status === 'support' && bounded) c.nonProvisionalSupport++;
  for (const w of answer.windows) {
    seen.window.add(w.code);
    if (w.provisional) c.provisional++;
    const promise = w.code === 'MERCHANT_PROMISE';
    if (!promise && !w.code.startsWith('THREE_GUARANTEES_')) continue;
    c.rolling++;
    const b = w.basis;
    if (b.weekendDays > 0) c.weekendDays++;
    if (b.holidayDays > 0) c.holidayDays++;
    if (b.weekendDays > 0 && b.holidayDays > 0) c.both++;
    if (promise) {
      if (b.rolledDays > 0) c.promiseRolls++;
      if (b.holidayDays > 0) c.promiseHolidayRolls++;
      if (w.provisional) c.provisionalPromises++;
    }
    if (!w.provisional && bounded) c.firm++;
    if (!/^\d{4}-/.test(w.deadline)) continue; // past year 9999
    const end = dayOf(w.deadline.slice(0, 10)) - 1; // deadlines of rolling windows are 00:00 after the end day
    const unrolled = end - b.rolledDays; // the end day before the roll
    if (cal.weekends && isWeekendDay(end) && cal.workdays.has(end)) {
      c.workdayEnd++;
      if (promise) c.promiseWorkdayEnd++;
    }
    if (!cal.weekends && isWeekendDay(end)) c.weekendsOffWeekendEnd++;
    if (w.provisional && unrolled <= cal.published) c.crossed++;
    if (cal.publishedFrom !== null) {
      if (w.provisional && unrolled < cal.publishedFrom && (cal.published === null || end <= cal.published))
        c.beforePublishedFrom++;
      if (unrolled === cal.publishedFrom) c.atPublishedFrom++;
    }
  }
}

/** The rest-day calendar `note` reads, from a policyContext. */
const calendarOf = (ctx, counts) => ({
  weekends: ctx.weekends,
  workdays: new Set(ctx.workdays),
  published: ctx.published,
  publishedFrom: ctx.publishedFrom ?? null,
  counts,
});

/** Both engines for one policy and locale. */
function enginePair(policy, locale) {
  const options = { locale };
  return { wasm: new api.Engine(policy, options), plain: new PlainEngine(policy, options) };
}

/**
 * Runs generated orders through both engines: some one by one (each its own
 * `now`), some in evaluateMany batches (one `now`), a few with a fault.
 */
function differential({ R, policy, policyLabel, ctx, cal, count, mismatches, idPrefix }) {
  const engines = { 'zh-CN': enginePair(policy, 'zh-CN'), en: enginePair(policy, 'en') };
  let done = 0;
  let faults = 0;
  try {
    while (done < count) {
      const locale = R.chance(0.7) ? 'zh-CN' : 'en';
      const { wasm, plain } = engines[locale];
      const batch = R.chance(0.5) ? Math.min(BATCH, count - done) : 1;
      const orders = [];
      const nows = [];
      for (let i = 0; i < batch; i++) {
        const order = genOrder(R, { ...ctx, realistic: false, id: `${idPrefix}-${done + i}` });
        nows.push(genNow(R, order, ctx.offset));
        delete order._success;
        if (R.chance(FAULT_RATE)) {
          injectFault(R, order);
          faults++;
        }
        orders.push(order);
      }
      if (batch === 1) {
        const [order] = orders;
        const now = nows[0];
        const w = attempt(() => wasm.evaluate(order, now));
        const p = attempt(() => plain.evaluate(order, now));
        if ('value' in p) note(p.value, cal);
        else seen.errors++;
        if (!same(w, p)) {
          mismatches.add({ policy: policyLabel, locale, now, order, wasm: showOutcome(w), plain: showOutcome(p) });
        }
      } else {
        const now = R.pick(nows);
        const w = attempt(() => wasm.evaluateMany(orders, now));
        const p = attempt(() => plain.evaluateMany(orders, now));
        if ('thrown' in w || 'thrown' in p) {
          mismatches.add({ policy: policyLabel, locale, now, orders, wasm: showOutcome(w), plain: showOutcome(p) });
        } else {
          for (let i = 0; i < orders.length; i++) {
            note(p.value[i], cal);
            if (!sameSlot(w.value[i], p.value[i])) {
              mismatches.add({
                policy: policyLabel,
                locale,
                now,
                batchIndex: i,
                order: orders[i],
                wasm: w.value[i],
                plain: p.value[i],
              });
            }
          }
        }
      }
      done += batch;
    }
  } finally {
    for (const pair of Object.values(engines)) pair.wasm.free();
  }
  return faults;
}

describe('differential: PlainEngine deep-equals the wasm engine', () => {
  test(`default policy: ${DEFAULT_ORDERS} generated orders at random nows`, () => {
    const R = random(SEED);
    const mismatches = new Mismatches('default policy');
    const ctx = policyContext(DEFAULT_POLICY);
    const faults = differential({
      R,
      policy: DEFAULT_POLICY,
      policyLabel: 'default',
      ctx,
      cal: calendarOf(ctx, rest.default),
      count: DEFAULT_ORDERS,
      mismatches,
      idPrefix: 'D',
    });
    mismatches.check(DEFAULT_ORDERS);
    assert.ok(faults > 100, `faulty orders were generated too (${faults})`);
  });

  test(`${POLICIES} generated policies × ${ORDERS_PER_POLICY} orders`, () => {
    const R = random(SEED ^ 0x5eed);
    const mismatches = new Mismatches('generated policies');
    for (let k = 0; k < POLICIES; k++) {
      const { policy, names, offset, holidays, workdays, weekends, published, publishedFrom, focus } = genPolicy(R, k, {
        support: k % 3 === 2,
      });
      const ctx = { categories: names, holidays, workdays, weekends, published, publishedFrom, offset, focus };
      policyKinds.total++;
      if (!weekends) policyKinds.weekendsOff++;
      if (workdays.length > 0) policyKinds.withWorkdays++;
      if (published !== null) policyKinds.withPublished++;
      if (publishedFrom !== null) policyKinds.withPublishedFrom++;
      if (publishedFrom !== null && publishedFrom === published) policyKinds.publishedFromEqualsThrough++;
      const made = [attempt(() => new api.Engine(policy).free()), attempt(() => new PlainEngine(policy))];
      if ('thrown' in made[0] || 'thrown' in made[1]) {
        mismatches.add({ policy, wasm: showOutcome(made[0]), plain: showOutcome(made[1]) });
        continue;
      }
      differential({
        R,
        policy,
        policyLabel: policy,
        ctx,
        cal: calendarOf(ctx, rest.generated),
        count: ORDERS_PER_POLICY,
        mismatches,
        idPrefix: `P${k}`,
      });
    }
    mismatches.check(POLICIES * ORDERS_PER_POLICY);
  });

  test('policy faults: the same code and path', () => {
    const R = random(SEED ^ 0xbad);
    const mismatches = new Mismatches('policy faults');
    const mutations = [
      (p) => {
        delete p.version;
      },
      (p) => {
        p.version = 2021;
      },
      (p) => {
        delete p.entryDays;
      },
      (p) => {
        p.entryDays = -1;
      },
      (p) => {
        p.entryDays = 36_526;
      },
      (p) => {
        p.entryDays = 15.5;
      },
      (p) => {
        p.noReasonReturnDays = '7';
      },
      (p) => {
        p.utcOffsetMinutes = 841;
      },
      (p) => {
        p.utcOffsetMinutes = -721;
      },
      (p) => {
        p.utcOffsetMinutes = 480.5;
      },
      (p) => {
        p.holidays = [...(p.holidays ?? []), '2021-02-30'];
      },
      (p) => {
        p.holidays = [...(p.holidays ?? []), '2021-2-3'];
      },
      (p) => {
        p.holidays = '2021-10-01';
      },
      (p) => {
        p.categories = [];
      },
      (p, names) => {
        p.categories[names[0]] = 'apparel';
      },
      (p, names) => {
        p.categories[names[0]].parent = 'no-such-category';
      },
      (p, names) => {
        p.categories[names[0]].parent = names[0];
      },
      (p, names) => {
        if (names.length < 2) return false;
        p.categories[names[0]].parent = names[names.length - 1];
        p.categories[names[names.length - 1]].parent = names[0];
        return true;
      },
      (p, names) => {
        p.categories[names[0]].noReasonReturn = 'no';
      },
      (p, names) => {
        p.categories[names[0]].longDiscoveryDays = -5;
      },
      (p, names) => {
        p.categories[names[0]].entryDays = 40_000;
      },
      (p, names) => {
        p.categories[names[0]].threeGuarantees = { returnDays: 7, exchangeDays: 15 };
      },
      (p, names) => {
        p.categories[names[0]].threeGuarantees = { returnDays: 7, exchangeDays: 15, warrantyMonths: 1201 };
      },
      (p, names) => {
        p.categories[names[0]].threeGuarantees = {
          returnDays: 7,
          exchangeDays: 15,
          warrantyMonths: 12,
          parts: { battery: '6' },
        };
      },
      (p, names) => {
        p.categories[names[0]].threeGuarantees = { returnDays: 7, exchangeDays: 15, warrantyMonths: 12, parts: [6] };
      },
      // Contract versions 2 and 3: workdays, weekends, holidaysPublishedFrom, holidaysPublishedThrough (each gives the exact path).
      ...POLICY_FAULTS.map((fault) => (p) => fault(R, p)),
    ];
    const v2Faults = new Map(); // path family → times reported there
    let total = 0;
    for (let k = 0; k < Math.max(60, 3 * mutations.length); k++) {
      const { policy, names } = genPolicy(R, 1000 + k);
      // (assigning to a key named __proto__ would set the prototype instead)
      const cleanNames = names.filter((n) => n !== '__proto__');
      if (cleanNames.length === 0) continue;
      const mutate = mutations[k % mutations.length];
      // A single fault: where the mutation is about parents, drop the tree's own.
      if (k % mutations.length >= 15 && k % mutations.length <= 17)
        for (const n of cleanNames) delete policy.categories[n].parent;
      const expected = mutate(policy, cleanNames);
      if (expected === false) continue;
      total++;
      const w = attempt(() => new api.Engine(policy));
      const p = attempt(() => new PlainEngine(policy));
      if (
        !same(w, p) ||
        !('thrown' in w) ||
        (typeof expected === 'string' && (w.thrown.path !== expected || w.thrown.code !== 'INVALID_POLICY'))
      ) {
        mismatches.add({ mutation: String(mutate), expected, policy, wasm: showOutcome(w), plain: showOutcome(p) });
      }
      if (typeof expected === 'string') {
        const family = expected.replace(/\[\d+\]$/, '[i]');
        v2Faults.set(family, (v2Faults.get(family) ?? 0) + 1);
      }
      if ('value' in w) w.value.free();
    }
    mismatches.check(total);
    assert.ok(total >= 50);
    assert.deepStrictEqual(
      [...v2Faults.keys()].sort(),
      ['holidays', 'holidaysPublishedFrom', 'holidaysPublishedThrough', 'weekends', 'workdays', 'workdays[i]'],
      `version 2 and 3 faults reported at ${[...v2Faults.keys()]}`,
    );
  });

  // Contract §8's policy reading order: version, utcOffsetMinutes, holidays,
  // workdays (each entry: its form, then whether it is also a holiday),
  // weekends, holidaysPublishedFrom, holidaysPublishedThrough (then whether
  // from is later than through), entryDays, … — one fault, the first.
  const TWO_POLICY_FAULTS = [
    [{ workdays: ['2021-10-09', '2021-10-01'], weekends: 'yes' }, 'workdays[1]'],
    [{ workdays: ['2021-10-01', '2021-2-3'] }, 'workdays[0]'],
    [{ workdays: ['2021-2-3', '2021-10-01'] }, 'workdays[0]'],
    [{ workdays: ['2021-10-09', 20211009, '2021-10-01'] }, 'workdays[1]'],
    [{ holidays: ['2021-10-01', '2021-02-30'], workdays: '2021-10-09' }, 'holidays[1]'],
    [{ workdays: { 0: '2021-10-09' }, weekends: 1 }, 'workdays'],
    [{ weekends: 'false', holidaysPublishedThrough: '2026-13-01' }, 'weekends'],
    [{ holidaysPublishedThrough: '2026-12-31T00:00:00+08:00', entryDays: -1 }, 'holidaysPublishedThrough'],
    [{ holidaysPublishedThrough: 20261231, entryDays: null }, 'holidaysPublishedThrough'],
    [{ weekends: null, holidaysPublishedThrough: null, workdays: null, noReasonReturnDays: '7' }, 'noReasonReturnDays'],
    [{ utcOffsetMinutes: 900, workdays: 5 }, 'utcOffsetMinutes'],
    [{ version: null, workdays: ['2021-10-01'] }, 'version'],
    // Version 3: holidaysPublishedFrom.
    [{ weekends: 'no', holidaysPublishedFrom: '2021-13-01' }, 'weekends'],
    [{ holidaysPublishedFrom: '2021-1-1', holidaysPublishedThrough: '2021-12-32' }, 'holidaysPublishedFrom'],
    [{ holidaysPublishedFrom: '2022-01-01', holidaysPublishedThrough: '2021-12-32' }, 'holidaysPublishedThrough'],
    [
      { holidaysPublishedFrom: '2022-01-01', holidaysPublishedThrough: '2021-12-31', entryDays: -1 },
      'holidaysPublishedFrom',
    ],
    [{ holidaysPublishedFrom: 20210101, entryDays: null }, 'holidaysPublishedFrom'],
    [{ holidaysPublishedFrom: '2021-12-31', holidaysPublishedThrough: '2021-12-31', entryDays: -1 }, 'entryDays'],
  ];
  for (const [name, Engine] of [
    ['PlainEngine', PlainEngine],
    ['the wasm engine', api.Engine],
  ]) {
    test(`two policy faults: ${name} reports the first in reading order`, () => {
      for (const [fields, path] of TWO_POLICY_FAULTS) {
        const policy = { version: 'two', holidays: ['2021-10-01', '2021-10-02'], entryDays: 15, ...fields };
        assert.throws(
          () => new Engine(policy),
          (e) => e.code === 'INVALID_POLICY' && e.path === path,
          JSON.stringify(policy),
        );
      }
    });
  }

  test('arguments: bad now, bad orders argument, bad locale', () => {
    const wasm = new api.Engine();
    const plain = new PlainEngine();
    const order = { id: 'A', category: 'apparel', status: 'success', successAt: '2021-07-30T10:00:00+08:00' };
    // (A string `now` is left out: the wasm glue coerces it with ToNumber; the contract types `now` as a number.)
    for (const now of [NaN, Infinity, -Infinity, 1e300, -1e17, 253402300800000, -62135596800001]) {
      const w = attempt(() => wasm.evaluate(order, now));
      const p = attempt(() => plain.evaluate(order, now));
      assert.ok(same(w, p), `now ${now}: wasm ${json(showOutcome(w))}, plain ${json(showOutcome(p))}`);
      const wm = attempt(() => wasm.evaluateMany([order], now));
      const pm = attempt(() => plain.evaluateMany([order], now));
      assert.ok(same(wm, pm), `evaluateMany now ${now}: wasm ${json(showOutcome(wm))}, plain ${json(showOutcome(pm))}`);
    }
    for (const now of [253402300799999, -62135596800000, 1631671200000.999, null, undefined]) {
      const w = wasm.evaluate(order, now);
      const p = plain.evaluate(order, now);
      if (now != null) assert.deepStrictEqual(p, w, `now ${now}`);
      else assert.equal(p.status, w.status);
    }
    assert.ok(
      same(
        attempt(() => wasm.evaluateMany({}, 0)),
        attempt(() => plain.evaluateMany({}, 0)),
      ),
    );
    assert.ok(
      same(
        attempt(() => new api.Engine(undefined, { locale: 'fr' })),
        attempt(() => new PlainEngine(undefined, { locale: 'fr' })),
      ),
    );
    wasm.free();
  });

  test('the benchmark orders: same answers, every status and window kind', () => {
    const orders = benchOrders(DEFAULT_POLICY, 10_000);
    const wasm = new api.Engine();
    const plain = new PlainEngine();
    const w = wasm.evaluateMany(orders, BENCH_NOW);
    const p = plain.evaluateMany(orders, BENCH_NOW);
    wasm.free();
    const mismatches = new Mismatches('benchmark orders');
    for (let i = 0; i < orders.length; i++) {
      if (!isDeepStrictEqual(w[i], p[i]))
        mismatches.add({ policy: 'default', now: BENCH_NOW, order: orders[i], wasm: w[i], plain: p[i] });
    }
    mismatches.check(orders.length);
    const statuses = new Set(p.map((a) => a.status));
    const codes = new Set(p.flatMap((a) => a.windows.map((x) => x.code)));
    const reasons = new Set(p.map((a) => a.reason.code));
    assert.deepStrictEqual([...statuses].sort(), ['closed', 'open', 'pending', 'support']);
    assert.equal(codes.size, 9, [...codes].join());
    assert.ok(reasons.size >= 9, [...reasons].join());
  });

  test('extremes: years 0001 and 9999, offsets −720 and +840', () => {
    const R = random(SEED ^ 0xe7);
    const mismatches = new Mismatches('extremes');
    const DAY = 86_400_000;
    const MIN = -62135596800000;
    const MAX = 253402300799999;
    let total = 0;
    for (const offset of [-720, 840, 0, 480]) {
      const policy = {
        version: `extreme${offset}`,
        utcOffsetMinutes: offset,
        entryDays: 15,
        holidays: ['0001-01-08', '9999-12-31', '0001-01-16'],
        categories: {
          tg: { threeGuarantees: { returnDays: 7, exchangeDays: 15, warrantyMonths: 1200, parts: { battery: 6 } } },
          ld: { longDiscoveryDays: 36525 },
        },
      };
      const engines = enginePair(policy, 'en');
      for (let i = 0; i < 300; i++) {
        const low = R.chance(0.5);
        const success = low ? MIN + R.int(0, 40 * DAY) : MAX - R.int(0, 40 * DAY);
        const order = {
          id: `X${i}`,
          category: R.pick(['tg', 'ld', 'other']),
          status: 'success',
          successAt: R.chance(0.5) ? success : new Date(success).toISOString(),
          invoiceAt: R.chance(0.5) ? success + R.int(0, 5 * DAY) : undefined,
          repairDays: R.chance(0.3) ? R.int(0, 36525) : undefined,
          merchantPromises: R.chance(0.5)
            ? [
                { service: 'repair', months: R.int(0, 1200), from: 'invoice' },
                { service: 'return', days: R.int(0, 36525), from: 'delivery' },
              ]
            : undefined,
        };
        const now = Math.min(MAX, Math.max(MIN, success + R.int(-10 * DAY, 400 * DAY)));
        const w = attempt(() => engines.wasm.evaluate(order, now));
        const p = attempt(() => engines.plain.evaluate(order, now));
        total++;
        if (!same(w, p)) mismatches.add({ policy, now, order, wasm: showOutcome(w), plain: showOutcome(p) });
      }
      engines.wasm.free();
    }
    mismatches.check(total);
  });

  test('coverage: the generated cases reached every status, reason and window', (t) => {
    t.diagnostic(`reasons ${JSON.stringify(seen.reasonsBySource)}`);
    assert.deepStrictEqual([...seen.status].sort(), ['closed', 'open', 'pending', 'support']);
    assert.deepStrictEqual([...seen.reason].sort(), [
      'ENTRY_CATEGORY',
      'ENTRY_DEFAULT',
      'EXPIRED',
      'LONG_DISCOVERY',
      'MERCHANT_PROMISE',
      'NO_REASON_RETURN',
      'ORDER_CLOSED',
      'THREE_GUARANTEES_EXCHANGE',
      'THREE_GUARANTEES_PART',
      'THREE_GUARANTEES_RETURN',
      'THREE_GUARANTEES_WARRANTY',
      'TRANSACTION_PENDING',
    ]);
    assert.equal(seen.window.size, 9, [...seen.window].join());
    assert.ok(seen.errors > 500, `error answers: ${seen.errors}`);
  });

  test('coverage: the generated cases exercised contract versions 2 and 3 (rest days, workdays, provisional, promises, published-from, unknown categories)', (t) => {
    t.diagnostic(
      `policies ${JSON.stringify(policyKinds)}; default ${JSON.stringify(rest.default)}; generated ${JSON.stringify(rest.generated)}`,
    );
    // Policies: weekends off, workdays and a published-through date all occur (genPolicy turns weekends off by index).
    assert.ok(
      policyKinds.weekendsOff >= 2 * SCALE,
      `policies with weekends false: ${policyKinds.weekendsOff} of ${policyKinds.total}`,
    );
    assert.ok(
      policyKinds.withWorkdays >= 3 * SCALE,
      `policies with workdays: ${policyKinds.withWorkdays} of ${policyKinds.total}`,
    );
    assert.ok(
      policyKinds.withPublished >= 2 * SCALE,
      `policies with holidaysPublishedThrough: ${policyKinds.withPublished} of ${policyKinds.total}`,
    );
    assert.ok(
      policyKinds.withPublishedFrom >= 1 * SCALE,
      `policies with holidaysPublishedFrom: ${policyKinds.withPublishedFrom} of ${policyKinds.total}`,
    );
    // Windows and answers, over the default policy and over the generated ones
    // (minimums per SCALE: about a third of the least seen over 40 seeds; the
    // version 3 ones over seeds 100–139 and the default seed).
    const minimums = {
      default: {
        // (no `crossed`: 2026-12-31, the default's published-through date, is a Thursday, so no roll crosses it)
        weekendDays: 2000,
        holidayDays: 800,
        both: 5,
        workdayEnd: 400,
        provisional: 2000,
        firm: 6000,
        provisionalAnswers: 180,
        nonProvisionalSupport: 600,
        // version 3 (no published-from counts: the default policy's bounds are its own)
        promiseRolls: 2700,
        promiseHolidayRolls: 850,
        promiseWorkdayEnd: 580,
        provisionalPromises: 950,
        promiseBindsProvisional: 180,
        unknownCategory: 930,
        unknownCategorySuccess: 730,
      },
      generated: {
        weekendDays: 500,
        holidayDays: 200,
        both: 15,
        workdayEnd: 25,
        weekendsOffWeekendEnd: 150,
        provisional: 600,
        firm: 300,
        crossed: 3,
        provisionalAnswers: 35,
        nonProvisionalSupport: 70,
        // version 3
        promiseRolls: 800,
        promiseHolidayRolls: 230,
        promiseWorkdayEnd: 19,
        provisionalPromises: 700,
        promiseBindsProvisional: 38,
        beforePublishedFrom: 33,
        atPublishedFrom: 1,
        unknownCategory: 410,
        unknownCategorySuccess: 330,
      },
    };
    for (const [source, mins] of Object.entries(minimums)) {
      for (const [key, min] of Object.entries(mins)) {
        assert.ok(
          rest[source][key] >= min * SCALE,
          `${source} policy: ${key} ${rest[source][key]}, expected at least ${min * SCALE}`,
        );
      }
    }
  });

  // Contract §8: one fault per call, the first found reading each field whole
  // (type, form, range) in the contract's order.
  const TWO_FAULTS = [
    [{ repairDays: 40000, merchantPromises: [{ service: 'refund', days: 1, from: 'success' }] }, 'repairDays'],
    [{ successAt: 1e20, deliveredAt: 'yesterday' }, 'successAt'],
    [{ successAt: '0001-01-01T00:00:00+01:00', invoiceAt: '2021-13-01' }, 'successAt'],
    [{ merchantPromises: [{ service: 'repair', days: -1, from: 'payment' }] }, 'merchantPromises[0].days'],
    [{ merchantPromises: [{ service: 'repair', months: 1300, from: 'success' }, 5] }, 'merchantPromises[0].months'],
    [{ status: 'success', successAt: null, repairDays: -1 }, 'repairDays'],
  ];
  for (const [name, make] of [
    ['PlainEngine', () => new PlainEngine()],
    ['the wasm engine', () => new api.Engine()],
  ]) {
    test(`two faults: ${name} reports the first in reading order`, () => {
      const engine = make();
      for (const [fields, path] of TWO_FAULTS) {
        const order = {
          id: 'F',
          category: 'apparel',
          status: 'success',
          successAt: '2021-07-30T10:00:00+08:00',
          ...fields,
        };
        assert.throws(
          () => engine.evaluate(order, 1631671200000),
          (e) => e.code === 'INVALID_ORDER' && e.path === path,
          JSON.stringify(order),
        );
      }
    });
  }

  test('PlainEngine answers the same under any TZ', () => {
    const saved = process.env.TZ;
    const R = random(SEED ^ 0x7a);
    const ctx = policyContext(DEFAULT_POLICY);
    const cases = Array.from({ length: 2000 }, (_, i) => {
      const order = genOrder(R, { ...ctx, realistic: false, id: `TZ-${i}` });
      const now = genNow(R, order, ctx.offset);
      delete order._success;
      return { order, now };
    });
    const run = () => {
      const plain = new PlainEngine(DEFAULT_POLICY, { locale: 'en' });
      return cases.map(({ order, now }) => attempt(() => plain.evaluate(order, now)));
    };
    try {
      process.env.TZ = 'UTC';
      const base = run();
      for (const tz of [
        'America/New_York',
        'Asia/Kathmandu',
        'Pacific/Chatham',
        'Asia/Shanghai',
        'Pacific/Kiritimati',
      ]) {
        process.env.TZ = tz;
        const other = run();
        base.forEach((b, i) => assert.ok(same(b, other[i]), `TZ=${tz}: ${json(cases[i])}`));
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

// Orders as a page holds them (issue 16; tests/js/lib/page-order.js): each
// engine must answer the wrapped orders exactly as it answers the plain
// ones — the wasm engine against itself, PlainEngine against itself — so
// that this holds whatever contract version either engine is at while the
// other catches up. The `category` getter calls the same engine from inside
// the read; that inner call must get INNER's own answer.
describe('differential on orders as a page holds them: each engine against itself on the plain orders', () => {
  const PAGE_ORDERS = 600 * SCALE;
  const PAGE_POLICIES = 4;

  /** One engine's outcomes on `orders` plain and wrapped: one by one (with a call from inside the read) and in one batch. */
  function compareWrapped(engine, label, { policyLabel, orders, nows, mismatches }) {
    const batchNow = nows[0];
    const plainMany = attempt(() => engine.evaluateMany(orders, batchNow));
    const wrappedMany = attempt(() =>
      engine.evaluateMany(
        orders.map((order) => asPageHolds(order)),
        batchNow,
      ),
    );
    if (!('value' in plainMany && 'value' in wrappedMany)) {
      mismatches.add({
        engine: label,
        policy: policyLabel,
        now: batchNow,
        plain: showOutcome(plainMany),
        wrapped: showOutcome(wrappedMany),
      });
    } else {
      orders.forEach((order, i) => {
        if (!sameSlot(plainMany.value[i], wrappedMany.value[i])) {
          mismatches.add({
            engine: label,
            policy: policyLabel,
            now: batchNow,
            batchIndex: i,
            order,
            plain: plainMany.value[i],
            wrapped: wrappedMany.value[i],
          });
        }
      });
    }
    let reentered = 0;
    orders.forEach((order, i) => {
      const plain = attempt(() => engine.evaluate(order, nows[i]));
      const wrapped = asPageHolds(order, () => engine.evaluate(INNER_ORDER, nows[i]));
      const paged = attempt(() => engine.evaluate(wrapped, nows[i]));
      if (!same(plain, paged))
        mismatches.add({
          engine: label,
          policy: policyLabel,
          now: nows[i],
          order,
          plain: showOutcome(plain),
          wrapped: showOutcome(paged),
        });
      if (wrapped !== null && typeof wrapped === 'object' && wrapped.reentered !== undefined) {
        reentered++;
        if (wrapped.reentered.orderId !== 'INNER')
          mismatches.add({ engine: label, policy: policyLabel, order, inner: wrapped.reentered });
      }
    });
    return reentered;
  }

  test(`${PAGE_ORDERS} generated orders (some faulty) under the default policy and ${PAGE_POLICIES - 1} generated ones, wasm and PlainEngine`, () => {
    const R = random(SEED ^ 0x9a9e);
    const mismatches = new Mismatches('orders as a page holds them');
    const policies = [['default', DEFAULT_POLICY, policyContext(DEFAULT_POLICY)]];
    for (let k = 1; k < PAGE_POLICIES; k++) {
      const { policy, names, offset, holidays, workdays, weekends, published, publishedFrom, focus } = genPolicy(
        R,
        100 + k,
        { support: k === 2 },
      );
      policies.push([
        `generated ${k}`,
        policy,
        { categories: names, holidays, workdays, weekends, published, publishedFrom, offset, focus },
      ]);
    }
    const perPolicy = PAGE_ORDERS / PAGE_POLICIES;
    let faulty = 0;
    let reentered = 0;
    for (const [policyLabel, policy, ctx] of policies) {
      const orders = [];
      const nows = [];
      for (let i = 0; i < perPolicy; i++) {
        const order = genOrder(R, { ...ctx, realistic: false, id: `W${i}` });
        nows.push(genNow(R, order, ctx.offset));
        delete order._success;
        if (R.chance(0.1)) {
          injectFault(R, order);
          faulty++;
        }
        orders.push(order);
      }
      const wasm = new api.Engine(policy);
      try {
        reentered += compareWrapped(wasm, 'wasm', { policyLabel, orders, nows, mismatches });
      } finally {
        wasm.free();
      }
      reentered += compareWrapped(new PlainEngine(policy), 'PlainEngine', { policyLabel, orders, nows, mismatches });
    }
    mismatches.check(PAGE_ORDERS * 4);
    assert.ok(faulty > PAGE_ORDERS / 20, `${faulty} faulty orders`);
    // Both engines read `category` on (nearly) every order: the call from inside the read ran.
    assert.ok(reentered > PAGE_ORDERS, `${reentered} calls from inside a read`);
  });
});
