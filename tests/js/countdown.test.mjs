// The countdown kit (js/countdown.js, issue 18) in Node, against the real
// package (pkg/): watchOrders driven by node:test's mock timers (setTimeout
// and Date), with the clock injected as `options.now`; the page-shown hooks
// through emulated `document`, `window` and `wx`/`my`/`tt`; remaining and
// formatRemaining against hand-written expectations in both locales.
//
// What a callback must receive is always computed by a second engine at the
// same instant, never written out; when it must come is read from the
// answers' nextChangeAtMs (contract 3 §6), whose own correctness the golden
// vectors check. No wall-clock time is measured.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { initSync, Engine } from '../../pkg/shouhoubao.js';
import {
  DAY_MS,
  MAX_TIMER_DELAY_MS,
  formatRemaining,
  remaining,
  watchOrders,
} from '../../crates/shouhoubao-wasm/js/countdown.js';

initSync({ module: readFileSync(new URL('../../pkg/shouhoubao_bg.wasm', import.meta.url)) });

const HOUR = 3_600_000;
const T0 = Date.parse('2026-10-20T10:00:00+08:00');

/** Epoch ms → RFC 3339 in Beijing time (to the second), as an order carries it. */
const beijing = (ms) => new Date(ms + 8 * HOUR).toISOString().slice(0, 19) + '+08:00';

/** Orders as a page holds them (contract §4), around T0. */
function sampleOrders() {
  return [
    // The 15-day entry closes 1.5 days after T0, then nothing (no 三包): expired.
    { id: 'O1', category: 'apparel', status: 'success', successAt: beijing(T0 - 13.5 * DAY_MS), title: '连衣裙' },
    // The 180-day 3C entry closes 21 hours after T0, then 三包 support.
    {
      id: 'O2',
      category: 'mobile_phone',
      status: 'success',
      successAt: beijing(T0 - 179 * DAY_MS - 3 * HOUR),
      deliveredAt: beijing(T0 - 178 * DAY_MS),
      merchantPromises: [{ service: 'repair', months: 24, from: 'invoice' }],
    },
    { id: 'O3', category: 'apparel', status: 'pending' },
    { id: 'O4', category: 'apparel', status: 'closed', successAt: beijing(T0 - 3 * DAY_MS) },
    // A bad order: its slot holds { orderId, error }.
    { id: 5, category: 'apparel', status: 'success', successAt: beijing(T0) },
  ];
}

/** The second engine, which computes what every callback must receive. */
const referee = new Engine();
const expectedAt = (orders, now) => referee.evaluateMany(orders, now);

/** What a page shows of an answer: everything but remainingMs. */
const shown = (answer) => {
  if (answer.error) return JSON.stringify(answer);
  const { remainingMs, ...rest } = answer;
  return JSON.stringify(rest);
};

/** The earliest nextChangeAtMs of a list of answers (Infinity when none). */
const earliestChange = (answers) =>
  Math.min(...answers.map((a) => (typeof a.nextChangeAtMs === 'number' ? a.nextChangeAtMs : Infinity)));

/**
 * Mock timers (setTimeout and Date) starting at `start`, with every timer
 * counted: `live` holds the handles set and neither fired nor cleared.
 * `skew` moves the watched clock against the timers' (a sleeping phone, a
 * clock set back): `now()` is Date.now() + skew.
 */
function mockClock(start) {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: start });
  const mockedSet = globalThis.setTimeout;
  const mockedClear = globalThis.clearTimeout;
  const clock = { live: new Set(), set: 0, skew: 0, delays: [] };
  globalThis.setTimeout = (fn, ms, ...args) => {
    clock.set += 1;
    clock.delays.push(ms);
    const handle = mockedSet(
      (...a) => {
        clock.live.delete(handle);
        fn(...a);
      },
      ms,
      ...args,
    );
    clock.live.add(handle);
    return handle;
  };
  globalThis.clearTimeout = (handle) => {
    clock.live.delete(handle);
    mockedClear(handle);
  };
  clock.now = () => Date.now() + clock.skew;
  clock.tick = (ms) => mock.timers.tick(ms);
  /** Moves to an instant of the watched clock. */
  clock.tickTo = (at) => mock.timers.tick(at - clock.now());
  return clock;
}

/** Records every onUpdate: { answers, now }. */
function recorder() {
  const calls = [];
  const onUpdate = (answers, now) => calls.push({ answers, now });
  return { calls, onUpdate, last: () => calls[calls.length - 1] };
}

let clock;
let engine;
beforeEach(() => {
  clock = mockClock(T0);
  engine = new Engine();
});
afterEach(() => {
  mock.timers.reset();
  engine.free();
  delete globalThis.document;
  delete globalThis.window;
  delete globalThis.wx;
  delete globalThis.my;
  delete globalThis.tt;
});

describe('watchOrders', () => {
  test("calls onUpdate at once with evaluateMany's array, then at each nextChangeAtMs and at no other time", () => {
    const orders = sampleOrders();
    const rec = recorder();
    const watch = watchOrders(engine, orders, rec.onUpdate, { now: clock.now });
    assert.equal(rec.calls.length, 1);
    assert.equal(rec.last().now, T0);
    assert.deepEqual(rec.last().answers, expectedAt(orders, T0));
    assert.equal(clock.live.size, 1, 'one timer for the whole list');

    const statuses = new Set();
    let changes = 0;
    while (rec.last().now < T0 + 4 * DAY_MS) {
      const before = rec.last();
      const due = earliestChange(before.answers);
      assert.ok(Number.isFinite(due) && due > before.now);
      clock.tickTo(due - 1);
      assert.equal(rec.calls.length, changes + 1, `nothing before ${beijing(due)}`);
      clock.tick(1);
      changes += 1;
      assert.equal(rec.calls.length, changes + 1, `one call at ${beijing(due)}`);
      assert.equal(rec.last().now, due);
      assert.deepEqual(rec.last().answers, expectedAt(orders, due));
      // Something shown did change there.
      assert.notDeepEqual(rec.last().answers.map(shown), before.answers.map(shown));
      assert.equal(clock.live.size, 1);
      for (const a of rec.last().answers) statuses.add(`${a.orderId}:${a.status}`);
    }
    // The walk went through the entries closing: O1 expired, O2 to 三包 support.
    assert.ok(statuses.has('O1:closed') && statuses.has('O2:support'), [...statuses].join(' '));
    assert.ok(changes >= 5, `${changes} changes`);
    watch.stop();
    assert.equal(clock.live.size, 0);
  });

  test('a deadline already past gives the closed answer at once and sets no timer', () => {
    const orders = [{ id: 'OLD', category: 'apparel', status: 'success', successAt: '2026-01-02T09:30:00+08:00' }];
    const rec = recorder();
    const watch = watchOrders(engine, orders, rec.onUpdate, { now: clock.now });
    assert.equal(rec.calls.length, 1);
    assert.equal(rec.last().answers[0].status, 'closed');
    assert.equal(rec.last().answers[0].reason.code, 'EXPIRED');
    assert.deepEqual(rec.last().answers, expectedAt(orders, T0));
    assert.equal(clock.live.size, 0, 'nothing will change: no timer');
    clock.tick(30 * DAY_MS);
    assert.equal(rec.calls.length, 1);
    watch.stop();
  });

  test("a delay past setTimeout's limit is clamped, set again, and still fires on time (the clock set back 40 days)", () => {
    const orders = sampleOrders().slice(0, 1);
    const rec = recorder();
    const watch = watchOrders(engine, orders, rec.onUpdate, { now: clock.now });
    const due = earliestChange(rec.last().answers);
    clock.skew = -40 * DAY_MS; // the user sets the device clock back: now the change is 40 days away
    clock.tick(due - T0); // the first timer fires (at due on the timers' clock): early now
    assert.equal(rec.calls.length, 1, 'an early fire calls nothing');
    assert.equal(clock.live.size, 1, 'and sets the timer again');
    const rearmed = clock.delays[clock.delays.length - 1];
    assert.equal(rearmed, MAX_TIMER_DELAY_MS, 'the 40-day delay is clamped to 2^31 − 1 ms');
    clock.tickTo(due - 1);
    assert.equal(rec.calls.length, 1, 'nothing before the change');
    clock.tick(1);
    assert.equal(rec.calls.length, 2);
    assert.equal(rec.last().now, due);
    assert.deepEqual(rec.last().answers, expectedAt(orders, due));
    assert.ok(clock.set <= 4, `${clock.set} timers set: no busy loop`);
    watch.stop();
  });

  test('a timer that fires early sets itself again without calling onUpdate', () => {
    const orders = sampleOrders();
    const rec = recorder();
    const watch = watchOrders(engine, orders, rec.onUpdate, { now: clock.now });
    const due = earliestChange(rec.last().answers);
    clock.skew = -5000; // the timer fires 5 s before the clock reaches the change
    clock.tickTo(due - 5000);
    clock.tick(0);
    assert.equal(rec.calls.length, 1);
    assert.equal(clock.live.size, 1);
    assert.equal(clock.delays[clock.delays.length - 1], 5000);
    clock.tick(5000);
    assert.equal(rec.calls.length, 2);
    assert.equal(rec.last().now, due);
    watch.stop();
  });

  test('a timer that fires late (a sleeping phone) answers once, for the real now', () => {
    const orders = sampleOrders();
    const rec = recorder();
    const watch = watchOrders(engine, orders, rec.onUpdate, { now: clock.now });
    const due = earliestChange(rec.last().answers);
    clock.skew = 3 * DAY_MS + 1234; // asleep for three days: the timer is late by that much
    clock.tick(due - T0);
    assert.equal(rec.calls.length, 2, 'one call, not one per missed change');
    assert.equal(rec.last().now, due + 3 * DAY_MS + 1234);
    assert.deepEqual(rec.last().answers, expectedAt(orders, rec.last().now));
    assert.equal(rec.last().answers[0].status, 'closed', 'O1 expired while asleep');
    assert.equal(clock.live.size, 1);
    assert.ok(clock.delays[clock.delays.length - 1] > 0);
    watch.stop();
  });

  test('the page shown again (visibilitychange, pageshow from the back-forward cache) evaluates at once', () => {
    const doc = new EventTarget();
    doc.visibilityState = 'visible';
    globalThis.document = doc;
    const win = new EventTarget();
    globalThis.window = win;
    const orders = sampleOrders();
    const rec = recorder();
    const watch = watchOrders(engine, orders, rec.onUpdate, { now: clock.now });
    // Hidden: the tab is throttled, the clock runs on 2 days without the timer.
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    assert.equal(rec.calls.length, 1, 'hiding calls nothing');
    clock.skew = 2 * DAY_MS;
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    assert.equal(rec.calls.length, 2);
    assert.equal(rec.last().now, T0 + 2 * DAY_MS);
    assert.deepEqual(rec.last().answers, expectedAt(orders, T0 + 2 * DAY_MS));
    assert.equal(clock.live.size, 1, 'the timer set again, still one');
    // pageshow: only a return from the back-forward cache.
    win.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: false }));
    assert.equal(rec.calls.length, 2);
    win.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    assert.equal(rec.calls.length, 3);
    watch.stop();
    doc.dispatchEvent(new Event('visibilitychange'));
    win.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    assert.equal(rec.calls.length, 3, 'no listener after stop()');
    assert.equal(clock.live.size, 0);
  });

  test('wx / my / tt.onAppShow evaluates at once; stop() calls offAppShow', () => {
    /** An emulated mini-program API object with onAppShow / offAppShow. */
    const host = () => {
      const listeners = new Set();
      return {
        listeners,
        onAppShow: (fn) => listeners.add(fn),
        offAppShow: (fn) => listeners.delete(fn),
        show: () => [...listeners].forEach((fn) => fn({ scene: 1001 })),
      };
    };
    globalThis.wx = host();
    globalThis.my = host();
    globalThis.tt = host();
    const orders = sampleOrders();
    const rec = recorder();
    const watch = watchOrders(engine, orders, rec.onUpdate, { now: clock.now });
    for (const [name, api] of [
      ['wx', globalThis.wx],
      ['my', globalThis.my],
      ['tt', globalThis.tt],
    ]) {
      assert.equal(api.listeners.size, 1, `${name}.onAppShow`);
      clock.skew += HOUR;
      const calls = rec.calls.length;
      api.show();
      assert.equal(rec.calls.length, calls + 1, `${name}: shown`);
      assert.equal(rec.last().now, clock.now());
      assert.deepEqual(rec.last().answers, expectedAt(orders, clock.now()));
    }
    watch.stop();
    for (const api of [globalThis.wx, globalThis.my, globalThis.tt]) assert.equal(api.listeners.size, 0, 'offAppShow');
    assert.equal(clock.live.size, 0);
  });

  test('stop() leaves no timer, no listener, and no further call; update() after it does nothing', () => {
    globalThis.document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    const orders = sampleOrders();
    const rec = recorder();
    const watch = watchOrders(engine, orders, rec.onUpdate, { now: clock.now, seconds: true });
    assert.equal(clock.live.size, 1);
    watch.stop();
    assert.equal(clock.live.size, 0);
    clock.tick(5 * DAY_MS);
    globalThis.document.dispatchEvent(new Event('visibilitychange'));
    watch.update(orders);
    watch.stop();
    assert.equal(rec.calls.length, 1);
    assert.equal(clock.live.size, 0);
  });

  test('update(orders) evaluates the new list at once and sets the one timer again', () => {
    const orders = sampleOrders();
    const rec = recorder();
    const watch = watchOrders(engine, orders.slice(2), rec.onUpdate, { now: clock.now });
    assert.equal(clock.live.size, 0, 'pending, closed and a bad order: nothing to wait for');
    clock.tick(HOUR);
    watch.update(orders);
    assert.equal(rec.calls.length, 2);
    assert.equal(rec.last().now, T0 + HOUR);
    assert.deepEqual(rec.last().answers, expectedAt(orders, T0 + HOUR));
    assert.equal(clock.live.size, 1);
    const due = earliestChange(rec.last().answers);
    clock.tickTo(due);
    assert.equal(rec.calls.length, 3);
    assert.equal(rec.last().now, due);
    watch.update([]);
    assert.equal(clock.live.size, 0);
    assert.deepEqual(rec.last().answers, []);
    watch.stop();
  });

  test("seconds: true ticks every second of an open or support answer's last day, and only then", () => {
    // O1's entry: 36 hours left at T0, so the answer's last day starts 12 hours later.
    const orders = sampleOrders().slice(0, 1);
    const rec = recorder();
    const watch = watchOrders(engine, orders, rec.onUpdate, { now: clock.now, seconds: true });
    const deadline = rec.last().answers[0].deadlineMs;
    assert.equal(deadline - T0, 36 * HOUR);
    clock.tickTo(deadline - DAY_MS - 1);
    assert.equal(rec.calls.length, 1, 'no second ticks before the last day');
    clock.tick(1);
    assert.equal(rec.calls.length, 2, 'the day count turns to 1');
    assert.equal(rec.last().answers[0].remainingDays, 1);
    for (let k = 1; k <= 10; k++) {
      clock.tick(999);
      assert.equal(rec.calls.length, 1 + k, 'nothing between seconds');
      clock.tick(1);
      assert.equal(rec.calls.length, 2 + k);
      assert.equal(rec.last().now, deadline - DAY_MS + k * 1000);
      assert.equal(
        formatRemaining(rec.last().answers[0], rec.last().now),
        formatRemaining({ deadlineMs: deadline }, rec.last().now),
      );
    }
    // The last seconds, then the close: no more ticks.
    clock.tickTo(deadline - 2000);
    const calls = rec.calls.length;
    clock.tick(1000);
    assert.equal(rec.calls.length, calls + 1);
    assert.equal(formatRemaining(rec.last().answers[0], rec.last().now), '剩余 00:00:01');
    clock.tick(1000);
    assert.equal(rec.calls.length, calls + 2);
    assert.equal(rec.last().now, deadline);
    assert.equal(rec.last().answers[0].status, 'closed');
    assert.equal(clock.live.size, 0);
    clock.tick(DAY_MS);
    assert.equal(rec.calls.length, calls + 2);
    watch.stop();
  });

  test("seconds: true ticks on the deadline's own seconds (a deadline with milliseconds)", () => {
    // Entry closes at T0 + 12 h + 250 ms: the shown HH:MM:SS turns at every x.250.
    const orders = [
      {
        id: 'MS',
        category: 'apparel',
        status: 'success',
        successAt: beijing(T0 - 14.5 * DAY_MS).replace('+', '.250+'),
      },
    ];
    const rec = recorder();
    const watch = watchOrders(engine, orders, rec.onUpdate, { now: clock.now, seconds: true });
    assert.equal(rec.last().answers[0].deadlineMs, T0 + 12 * HOUR + 250);
    assert.equal(formatRemaining(rec.last().answers[0], T0), '剩余 12:00:01');
    clock.tick(249);
    assert.equal(rec.calls.length, 1);
    clock.tick(1);
    assert.equal(rec.calls.length, 2);
    assert.equal(formatRemaining(rec.last().answers[0], rec.last().now), '剩余 12:00:00');
    clock.tick(999);
    assert.equal(rec.calls.length, 2);
    clock.tick(1);
    assert.equal(rec.calls.length, 3);
    assert.equal(formatRemaining(rec.last().answers[0], rec.last().now), '剩余 11:59:59');
    watch.stop();
  });

  test('seconds: true does not tick for a window on its last day while the answer has days left', () => {
    // NO_REASON_RETURN (7 calendar days from delivery) is on its last day; the
    // 15-day entry binds the answer with 8 days left.
    const orders = [{ id: 'NR', category: 'apparel', status: 'success', successAt: '2026-10-13T15:00:00+08:00' }];
    const rec = recorder();
    const watch = watchOrders(engine, orders, rec.onUpdate, { now: clock.now, seconds: true });
    const answer = rec.last().answers[0];
    const nrr = answer.windows.find((w) => w.code === 'NO_REASON_RETURN');
    assert.equal(nrr.remainingDays, 1);
    assert.equal(answer.remainingDays, 9);
    clock.tick(60_000);
    assert.equal(rec.calls.length, 1);
    clock.tickTo(nrr.deadlineMs);
    assert.equal(rec.calls.length, 2, 'one call, when the window closes');
    assert.equal(rec.last().answers[0].windows.find((w) => w.code === 'NO_REASON_RETURN').active, false);
    watch.stop();
  });

  test('the clock: options.now, else engine.now(), else Date.now(); a fractional now is floored', () => {
    const orders = sampleOrders();
    const rec = recorder();
    let watch = watchOrders(engine, orders, rec.onUpdate);
    assert.equal(rec.last().now, Date.now());
    watch.stop();
    // engine.now(): the corrected clock the lead adds to Engine; here an instance property.
    engine.now = () => T0 + 7 * HOUR + 0.75;
    watch = watchOrders(engine, orders, rec.onUpdate);
    assert.equal(rec.last().now, T0 + 7 * HOUR);
    assert.deepEqual(rec.last().answers, expectedAt(orders, T0 + 7 * HOUR));
    watch.stop();
    watch = watchOrders(engine, orders, rec.onUpdate, { now: () => T0 - HOUR });
    assert.equal(rec.last().now, T0 - HOUR);
    watch.stop();
  });

  test('an error of the whole call: onError gets it and no timer runs; without onError it is thrown and nothing remains', () => {
    globalThis.wx = {
      listeners: new Set(),
      onAppShow(fn) {
        this.listeners.add(fn);
      },
      offAppShow(fn) {
        this.listeners.delete(fn);
      },
    };
    const orders = sampleOrders();
    // Without onError: thrown by watchOrders, after removing everything.
    assert.throws(() => watchOrders(engine, 'not a list', () => assert.fail('no update')), {
      code: 'INVALID_ARGUMENT',
      path: 'orders',
    });
    assert.equal(clock.live.size, 0);
    assert.equal(globalThis.wx.listeners.size, 0);

    // With onError: a clock that breaks later (NaN) stops the timer; update() recovers.
    const errors = [];
    let broken = false;
    const rec = recorder();
    const watch = watchOrders(engine, orders, rec.onUpdate, {
      now: () => (broken ? NaN : clock.now()),
      onError: (e) => errors.push(e),
    });
    assert.equal(clock.live.size, 1);
    broken = true;
    clock.tickTo(earliestChange(rec.last().answers));
    assert.equal(errors.length, 1);
    assert.equal(errors[0].code, 'INVALID_ARGUMENT');
    assert.equal(errors[0].path, 'now');
    assert.equal(clock.live.size, 0, 'no timer left running');
    assert.equal(rec.calls.length, 1);
    broken = false;
    watch.update(orders);
    assert.equal(rec.calls.length, 2);
    assert.equal(clock.live.size, 1);
    // update() with a bad list, without onError on this watch: thrown to the caller, no timer.
    const strict = watchOrders(engine, orders, () => {}, { now: clock.now });
    assert.throws(() => strict.update(42), { code: 'INVALID_ARGUMENT' });
    strict.stop();
    watch.stop();
    assert.equal(clock.live.size, 0);
  });

  test('an onUpdate that throws on the first call: watchOrders throws and leaves nothing behind', () => {
    globalThis.document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    let calls = 0;
    assert.throws(
      () =>
        watchOrders(
          engine,
          sampleOrders(),
          () => {
            calls += 1;
            throw new Error('render failed');
          },
          { now: clock.now },
        ),
      /render failed/,
    );
    assert.equal(clock.live.size, 0);
    globalThis.document.dispatchEvent(new Event('visibilitychange'));
    assert.equal(calls, 1);
  });

  test('options.scheduler replaces setTimeout; without clearTimeout a cancelled timer fires and is ignored', () => {
    const pending = [];
    const scheduler = { setTimeout: (fn, ms) => pending.push({ fn, ms }) };
    const rec = recorder();
    const orders = sampleOrders();
    let now = T0;
    const watch = watchOrders(engine, orders, rec.onUpdate, { now: () => now, scheduler, showEvents: false });
    assert.equal(clock.set, 0, 'the global setTimeout is not used');
    assert.equal(pending.length, 1);
    assert.equal(pending[0].ms, earliestChange(rec.last().answers) - T0);
    now += HOUR;
    watch.update(orders); // sets a second timer; the first cannot be cleared
    assert.equal(pending.length, 2);
    now = earliestChange(rec.last().answers);
    pending[0].fn(); // the stale one: ignored
    assert.equal(rec.calls.length, 2);
    pending[1].fn();
    assert.equal(rec.calls.length, 3);
    assert.equal(rec.last().now, now);
    watch.stop();
    pending[2].fn(); // after stop: ignored
    assert.equal(rec.calls.length, 3);
  });

  test('bad arguments are TypeErrors at once', () => {
    assert.throws(() => watchOrders({}, [], () => {}), TypeError);
    assert.throws(() => watchOrders(engine, [], null), TypeError);
    assert.throws(() => watchOrders(engine, [], () => {}, { scheduler: {} }), TypeError);
    assert.equal(clock.live.size, 0);
  });
});

describe('remaining and formatRemaining (hand-written expectations)', () => {
  // An apparel order: the 15-day entry (elapsed) closes 2026-10-25T12:00:00+08:00.
  const order = { id: 'F1', category: 'apparel', status: 'success', successAt: '2026-10-10T12:00:00+08:00' };
  const DEADLINE = Date.parse('2026-10-25T12:00:00+08:00');
  let fmtEngine;
  let enEngine;
  beforeEach(() => {
    fmtEngine = new Engine();
    enEngine = new Engine(undefined, { locale: 'en' });
  });
  afterEach(() => {
    fmtEngine.free();
    enEngine.free();
  });
  const at = (iso) => Date.parse(iso);
  const answerAt = (now) => fmtEngine.evaluate(order, now);

  test('days left: 12 days, then 2 days a millisecond over a day', () => {
    const now = at('2026-10-13T12:00:00+08:00');
    const a = answerAt(now);
    assert.equal(a.deadlineMs, DEADLINE);
    assert.deepEqual(remaining(a, now), {
      ms: 12 * DAY_MS,
      days: 12,
      hours: 288,
      minutes: 0,
      seconds: 0,
      lastDay: false,
    });
    assert.equal(formatRemaining(a, now, 'zh-CN'), '剩余 12 天');
    assert.equal(formatRemaining(a, now), '剩余 12 天');
    assert.equal(formatRemaining(a, now, 'en'), 'Closes in 12 days');
    assert.equal(formatRemaining(enEngine.evaluate(order, now), now, 'en-US'), 'Closes in 12 days');
    const justOver = at('2026-10-24T11:59:59.999+08:00');
    assert.deepEqual(remaining(a, justOver), {
      ms: 86_400_001,
      days: 2,
      hours: 24,
      minutes: 0,
      seconds: 1,
      lastDay: false,
    });
    assert.equal(formatRemaining(answerAt(justOver), justOver), '剩余 2 天');
    assert.equal(formatRemaining(answerAt(justOver), justOver, 'en'), 'Closes in 2 days');
  });

  test('the last day: HH:MM:SS rounded up to the second, from 24:00:00 to 00:00:01', () => {
    const oneDay = at('2026-10-24T12:00:00+08:00');
    assert.equal(answerAt(oneDay).remainingDays, 1);
    assert.deepEqual(remaining(answerAt(oneDay), oneDay), {
      ms: DAY_MS,
      days: 1,
      hours: 24,
      minutes: 0,
      seconds: 0,
      lastDay: true,
    });
    assert.equal(formatRemaining(answerAt(oneDay), oneDay, 'zh-CN'), '剩余 24:00:00');
    assert.equal(formatRemaining(answerAt(oneDay), oneDay, 'en'), '24:00:00 left');
    assert.equal(formatRemaining(answerAt(oneDay), oneDay, 'zh-CN', { clock: false }), '剩余 1 天');
    assert.equal(formatRemaining(answerAt(oneDay), oneDay, 'en', { clock: false }), 'Closes in 1 day');

    const afternoon = at('2026-10-25T06:56:51+08:00'); // 5 h 3 min 9 s before 12:00:00
    assert.deepEqual(remaining(answerAt(afternoon), afternoon), {
      ms: 18_189_000,
      days: 1,
      hours: 5,
      minutes: 3,
      seconds: 9,
      lastDay: true,
    });
    assert.equal(formatRemaining(answerAt(afternoon), afternoon, 'zh-CN'), '剩余 05:03:09');
    assert.equal(formatRemaining(answerAt(afternoon), afternoon, 'en'), '05:03:09 left');
    const partSecond = at('2026-10-25T06:56:51.999+08:00'); // 5:03:08.001 left, shown as 05:03:09
    assert.equal(formatRemaining(answerAt(partSecond), partSecond), '剩余 05:03:09');

    const lastSecond = at('2026-10-25T11:59:59+08:00');
    assert.equal(formatRemaining(answerAt(lastSecond), lastSecond), '剩余 00:00:01');
    assert.equal(formatRemaining(answerAt(lastSecond), lastSecond, 'en'), '00:00:01 left');
    const lastMs = at('2026-10-25T11:59:59.999+08:00');
    assert.deepEqual(remaining(answerAt(lastMs), lastMs), {
      ms: 1,
      days: 1,
      hours: 0,
      minutes: 0,
      seconds: 1,
      lastDay: true,
    });
    assert.equal(formatRemaining(answerAt(lastMs), lastMs), '剩余 00:00:01');
    assert.equal(formatRemaining(answerAt(lastMs), lastMs, 'en', { clock: false }), 'Closes in 1 day');
  });

  test('a deadline exactly now, or past: 已截止 / Closed, remaining all zero', () => {
    const closedAnswer = answerAt(DEADLINE);
    assert.equal(closedAnswer.status, 'closed');
    assert.equal(formatRemaining(closedAnswer, DEADLINE), '已截止');
    assert.equal(formatRemaining(closedAnswer, DEADLINE, 'en'), 'Closed');
    assert.deepEqual(remaining(closedAnswer, DEADLINE), {
      ms: 0,
      days: 0,
      hours: 0,
      minutes: 0,
      seconds: 0,
      lastDay: false,
    });
    // An answer from a second earlier, shown at the deadline: its countdown has run out.
    const stale = answerAt(DEADLINE - 1000);
    assert.equal(stale.status, 'open');
    assert.equal(formatRemaining(stale, DEADLINE), '已截止');
    assert.equal(formatRemaining(stale, DEADLINE + 5 * DAY_MS, 'en'), 'Closed');
    assert.deepEqual(remaining(stale, DEADLINE + 5 * DAY_MS), {
      ms: 0,
      days: 0,
      hours: 0,
      minutes: 0,
      seconds: 0,
      lastDay: false,
    });
    // A closed (expired) answer stays closed even for an earlier now: its status wins.
    assert.equal(formatRemaining(closedAnswer, DEADLINE - DAY_MS), '已截止');
  });

  test('pending, 交易关闭 and error slots; windows; locales', () => {
    const now = at('2026-10-13T12:00:00+08:00');
    const [pending, closed, bad] = fmtEngine.evaluateMany(
      [
        { id: 'P', category: 'apparel', status: 'pending' },
        { id: 'C', category: 'apparel', status: 'closed' },
        { id: 7, category: 'apparel', status: 'pending' },
      ],
      now,
    );
    assert.equal(formatRemaining(pending, now), null);
    assert.equal(formatRemaining(pending, now, 'en'), null);
    assert.equal(remaining(pending, now), null);
    assert.equal(formatRemaining(closed, now), '已截止');
    assert.equal(formatRemaining(closed, now, 'en'), 'Closed');
    assert.equal(remaining(closed, now), null);
    assert.ok(bad.error);
    assert.equal(formatRemaining(bad, now), null);
    assert.equal(remaining(bad, now), null);
    assert.equal(formatRemaining(null, now), null);

    // A window: NO_REASON_RETURN, 7 calendar days from the delivery date 10-10, closes 10-18 00:00.
    const win = answerAt(now).windows.find((w) => w.code === 'NO_REASON_RETURN');
    assert.equal(win.deadline, '2026-10-18T00:00:00+08:00');
    assert.equal(formatRemaining(win, now), '剩余 5 天');
    assert.equal(formatRemaining(win, at('2026-10-17T21:30:00+08:00'), 'en'), '02:30:00 left');
    assert.equal(formatRemaining(win, at('2026-10-18T00:00:00+08:00'), 'zh-CN'), '已截止');

    assert.equal(formatRemaining(answerAt(now), now, 'zh'), '剩余 12 天');
    assert.throws(() => formatRemaining(answerAt(now), now, 'fr'), RangeError);
    assert.throws(() => remaining(answerAt(now), NaN), RangeError);
  });
});
