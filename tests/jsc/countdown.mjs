// The countdown kit (crates/shouhoubao-wasm/js/countdown.js) inside the `jsc` shell (JavaScriptCore)
// under the emulated WeChat runtime of tests/jsc/wechat.mjs, with the
// mini-program build of the package. The module is turned into CommonJS the
// way a mini-program build does it (`export ` dropped from its top-level
// declarations, `module.exports` appended) and loaded with `new Function`.
//
// The jsc shell has a setTimeout but no clearTimeout: watchOrders runs on an
// emulated one (options.scheduler, setTimeout only) over a virtual clock
// (options.now), and on an emulated `wx` with onAppShow / offAppShow. What a
// callback must receive is computed by a second engine at the same instant.
// tests/js/countdown-jsc.test.mjs runs it with JIT and with --useJIT=false:
//
//   jsc [--useJIT=false] -m tests/jsc/countdown.mjs
//
// Prints one line per failure and a last line `COUNTDOWN-JSC {json}`.

/* global read, print */
import { requireFile } from './wechat.mjs';

const failures = [];
let checks = 0;
const check = (ok, text) => {
  checks++;
  if (!ok) {
    failures.push(text);
    print(`FAIL ${text}`);
  }
};
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** crates/shouhoubao-wasm/js/countdown.js as CommonJS: every top-level `export function|const NAME` exported by name. */
function requireCountdown() {
  const source = read('crates/shouhoubao-wasm/js/countdown.js');
  const names = [];
  const body = source.replace(/^export (function|const) (\w+)/gm, (_, kind, name) => {
    names.push(name);
    return `${kind} ${name}`;
  });
  check(!/^\s*(export|import)\b/m.test(body), 'no export or import left after the conversion');
  const module = { exports: {} };
  new Function('module', 'exports', `${body}\n${names.map((n) => `exports.${n} = ${n};`).join('\n')}`)(
    module,
    module.exports,
  );
  return module.exports;
}

const WASM = 'pkg/miniprogram/shouhoubao_bg.wasm';
const shouhoubao = requireFile('pkg/miniprogram/index.js');
await shouhoubao.load({ path: WASM });
const { watchOrders, formatRemaining, remaining, DAY_MS } = requireCountdown();
check(typeof clearTimeout === 'undefined', 'the jsc shell has no clearTimeout (the case this script covers)');

const HOUR = 3600000;
const T0 = Date.parse('2026-10-20T02:00:00Z'); // 2026-10-20T10:00:00+08:00
const beijing = (ms) => `${new Date(ms + 8 * HOUR).toISOString().slice(0, 19)}+08:00`;
const orders = [
  { id: 'O1', category: 'apparel', status: 'success', successAt: beijing(T0 - 13.5 * DAY_MS) },
  { id: 'O2', category: 'mobile_phone', status: 'success', successAt: beijing(T0 - 179 * DAY_MS - 3 * HOUR) },
  { id: 'O3', category: 'apparel', status: 'pending' },
  { id: 5, category: 'apparel', status: 'success', successAt: beijing(T0) },
];

/** A virtual clock with setTimeout only, as a runtime without clearTimeout has. */
const virtual = {
  now: T0,
  timers: [],
  seq: 0,
  setTimeout(fn, ms) {
    this.timers.push({ at: this.now + Math.max(0, ms), fn, seq: this.seq++ });
    return this.seq;
  },
  /** Runs every timer due up to `to`, in order, then sets the clock to `to`. */
  advanceTo(to) {
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > to) break;
      this.timers.shift();
      this.now = Math.max(this.now, next.at);
      next.fn();
    }
    this.now = to;
  },
};
const scheduler = { setTimeout: (fn, ms) => virtual.setTimeout(fn, ms) };

const appShow = new Set();
globalThis.wx = { onAppShow: (fn) => appShow.add(fn), offAppShow: (fn) => appShow.delete(fn) };

const engine = new shouhoubao.Engine();
const referee = new shouhoubao.Engine();
const calls = [];
const watch = watchOrders(engine, orders, (answers, now) => calls.push({ answers, now }), {
  now: () => virtual.now,
  scheduler,
});
check(calls.length === 1 && calls[0].now === T0, 'onUpdate at once');
check(same(calls[0].answers, referee.evaluateMany(orders, T0)), "the first answers are evaluateMany's");
check(appShow.size === 1, 'wx.onAppShow listened to');

// 1. Three days of changes: each call at the earliest nextChangeAtMs, none between.
const earliest = (answers) =>
  Math.min(...answers.map((a) => (typeof a.nextChangeAtMs === 'number' ? a.nextChangeAtMs : Infinity)));
let steps = 0;
while (calls[calls.length - 1].now < T0 + 3 * DAY_MS && steps < 100) {
  const due = earliest(calls[calls.length - 1].answers);
  const before = calls.length;
  virtual.advanceTo(due - 1);
  check(calls.length === before, `nothing before ${beijing(due)}`);
  virtual.advanceTo(due);
  check(calls.length === before + 1 && calls[calls.length - 1].now === due, `one call at ${beijing(due)}`);
  check(same(calls[calls.length - 1].answers, referee.evaluateMany(orders, due)), `the answers at ${beijing(due)}`);
  steps++;
}
check(steps >= 5, `${steps} changes in three days`);
check(
  calls[calls.length - 1].answers[0].status === 'closed' && calls[calls.length - 1].answers[1].status === 'support',
  'O1 expired, O2 in 三包 support',
);

// 2. The mini-program shown again: evaluated at once, for the real now.
virtual.now += 5 * HOUR;
const beforeShow = calls.length;
for (const fn of appShow) fn({ scene: 1001 });
check(calls.length === beforeShow + 1 && calls[calls.length - 1].now === virtual.now, 'wx.onAppShow evaluates at once');
check(same(calls[calls.length - 1].answers, referee.evaluateMany(orders, virtual.now)), 'the answers after onAppShow');

// 3. stop(): offAppShow, and the timers it could not clear are ignored when they fire.
watch.stop();
check(appShow.size === 0, 'offAppShow on stop()');
const afterStop = calls.length;
virtual.advanceTo(virtual.now + 30 * DAY_MS);
check(calls.length === afterStop, 'no call after stop()');

// 4. seconds: true — the last minute of O1's entry: one call a second, the
// text counting down, then the close and no more ticks.
const o1Deadline = referee.evaluate(orders[0], T0).deadlineMs;
virtual.now = o1Deadline - 60000;
const ticks = [];
const ticking = watchOrders(engine, [orders[0]], (answers, now) => ticks.push({ answer: answers[0], now }), {
  now: () => virtual.now,
  scheduler,
  seconds: true,
  showEvents: false,
});
virtual.advanceTo(o1Deadline + 120000);
check(ticks.length === 61, `${ticks.length} calls over the last minute and two more, want 61`);
check(
  ticks.every((t, i) => t.now === o1Deadline - 60000 + i * 1000),
  "one call a second, on the deadline's seconds",
);
check(
  formatRemaining(ticks[1].answer, ticks[1].now) === '剩余 00:00:59',
  `second tick: ${formatRemaining(ticks[1].answer, ticks[1].now)}`,
);
check(formatRemaining(ticks[59].answer, ticks[59].now, 'en') === '00:00:01 left', 'the last second');
check(
  ticks[60].answer.status === 'closed' && formatRemaining(ticks[60].answer, ticks[60].now) === '已截止',
  'closed at the deadline',
);
ticking.stop();

// 5. formatRemaining and remaining (hand-written), on a window and on answers.
const dress = { id: 'F1', category: 'apparel', status: 'success', successAt: '2026-10-10T12:00:00+08:00' };
const at = (iso) => Date.parse(iso);
const enEngine = new shouhoubao.Engine(undefined, { locale: 'en' });
const texts = [
  [engine.evaluate(dress, at('2026-10-13T04:00:00Z')), at('2026-10-13T04:00:00Z'), 'zh-CN', '剩余 12 天'],
  [enEngine.evaluate(dress, at('2026-10-13T04:00:00Z')), at('2026-10-13T04:00:00Z'), 'en', 'Closes in 12 days'],
  [engine.evaluate(dress, at('2026-10-24T22:56:51Z')), at('2026-10-24T22:56:51Z'), 'zh-CN', '剩余 05:03:09'],
  [engine.evaluate(dress, at('2026-10-24T22:56:51Z')), at('2026-10-24T22:56:51Z'), 'en', '05:03:09 left'],
  [engine.evaluate(dress, at('2026-10-25T03:59:59.999Z')), at('2026-10-25T03:59:59.999Z'), 'zh-CN', '剩余 00:00:01'],
  [engine.evaluate(dress, at('2026-10-25T04:00:00Z')), at('2026-10-25T04:00:00Z'), 'zh-CN', '已截止'],
  [engine.evaluate(dress, at('2026-10-25T04:00:00Z')), at('2026-10-25T04:00:00Z'), 'en', 'Closed'],
  [engine.evaluate({ id: 'P', category: 'apparel', status: 'pending' }, T0), T0, 'zh-CN', null],
];
for (const [answer, now, locale, want] of texts) {
  const got = formatRemaining(answer, now, locale);
  check(
    got === want,
    `formatRemaining ${locale} at ${new Date(now).toISOString()}: ${JSON.stringify(got)}, want ${JSON.stringify(want)}`,
  );
}
const nrr = engine.evaluate(dress, at('2026-10-17T13:30:00Z')).windows.find((w) => w.code === 'NO_REASON_RETURN');
check(
  formatRemaining(nrr, at('2026-10-17T13:30:00Z'), 'en', { clock: false }) === 'Closes in 1 day',
  'a window on its last day, no clock',
);
check(
  same(remaining(nrr, at('2026-10-17T13:30:00Z')), {
    ms: 9000000,
    days: 1,
    hours: 2,
    minutes: 30,
    seconds: 0,
    lastDay: true,
  }),
  'remaining of a window',
);

engine.free();
referee.free();
enEngine.free();
print(`COUNTDOWN-JSC ${JSON.stringify({ checks, steps, ticks: ticks.length, failures: failures.length })}`);
if (failures.length) throw new Error(`${failures.length} failures`);
