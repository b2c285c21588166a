// Differential test of the calendar counting (contract §2) against Luxon:
// tens of thousands of random cases — anchors across 1900–2100, day counts
// 0–36525, month counts 0–1200 (month-end clamping), repair days 0–400,
// random holiday runs (on and around the counted end days, right after the
// repair extension, chained), weekends on and off, make-up workdays on the
// weekend days the roll would pass, random utcOffsetMinutes (−720..840) — each
// built into a policy and an order whose windows must have exactly the
// deadline and basis Luxon computes.
//
//   node --test tests/js/calendar-diff.test.mjs          (pkg/ built)
//   CALENDAR_SEED=123 CALENDAR_CASES=100000 node --test tests/js/calendar-diff.test.mjs

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DateTime, FixedOffsetZone } from 'luxon';
import { glueUrl, wasmPath } from './lib/golden.mjs';

const api = await import(glueUrl);
api.initSync({ module: readFileSync(wasmPath) });
const { Engine } = api;

const SEED = Number(process.env.CALENDAR_SEED ?? 20211001);
const CASES = Number(process.env.CALENDAR_CASES ?? 20_000);
const DAY = 86_400_000;
const NOW = 1631671200000;

/** mulberry32: a small seeded PRNG. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ------------------------------------------------------------------ the oracle (Luxon)

const zoneOf = (minutes) => FixedOffsetZone.instance(minutes);
const offsetText = (minutes) => {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
};
/** An instant written as the contract writes it (§1, §8) in a fixed offset. */
const pad = (n, width = 2) => String(n).padStart(width, '0');
function formatInstant(ms, minutes) {
  const dt = DateTime.fromMillis(ms, { zone: zoneOf(minutes) });
  const frac = dt.millisecond ? `.${pad(dt.millisecond, 3)}` : '';
  return `${isoDate(dt)}T${pad(dt.hour)}:${pad(dt.minute)}:${pad(dt.second)}${frac}${offsetText(minutes)}`;
}
/** YYYY-MM-DD of a Luxon DateTime in its zone (its own fields: no formatter). */
const isoDate = (dt) => `${pad(dt.year, 4)}-${pad(dt.month)}-${pad(dt.day)}`;

/**
 * Calendar counting from `anchor` (a Luxon DateTime at 00:00 in the zone):
 * count, add repair days, roll forward over rest days — `rest` is
 * { holidays, workdays (Sets of YYYY-MM-DD), weekends }, or null for a
 * window that does not roll; Luxon's weekday of the zone's date decides
 * (6, 7: Saturday, Sunday). The deadline is 00:00 of the next day.
 */
function reckon(anchor, { days, months }, repairDays, rest, minutes) {
  let end = months !== undefined ? anchor.plus({ months }) : anchor.plus({ days });
  end = end.plus({ days: repairDays });
  let holidayDays = 0;
  let weekendDays = 0;
  for (;;) {
    if (!rest) break;
    const date = isoDate(end);
    if (rest.holidays.has(date)) holidayDays += 1;
    else if (rest.weekends && end.weekday >= 6 && !rest.workdays.has(date)) weekendDays += 1;
    else break;
    end = end.plus({ days: 1 });
  }
  const deadline = end.plus({ days: 1 }).startOf('day');
  return { deadline: formatInstant(deadline.toMillis(), minutes), holidayDays, weekendDays, end };
}

// ------------------------------------------------------------------ random cases

function makeCase(random, index) {
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = (xs) => xs[int(0, xs.length - 1)];
  const chance = (p) => random() < p;
  // Counts: often small, sometimes anywhere up to 100 years, sometimes the limit.
  const dayCount = () => (chance(0.05) ? pick([0, 36525]) : chance(0.6) ? int(0, 60) : int(0, 36525));
  const monthCount = () => (chance(0.05) ? pick([0, 1200]) : chance(0.6) ? int(0, 48) : int(0, 1200));

  const minutes = chance(0.4) ? 480 : chance(0.1) ? pick([-720, 840, 0, -1, 1, 345, -570]) : int(-720, 840);
  const zone = zoneOf(minutes);

  // Anchors: month ends often (clamping), leap days sometimes.
  const year = int(1900, 2100);
  const month = int(1, 12);
  const monthLength = DateTime.fromObject({ year, month, day: 1 }, { zone }).daysInMonth;
  const day =
    chance(0.1) && DateTime.fromObject({ year, month: 2, day: 1 }, { zone }).isInLeapYear && month === 2
      ? 29
      : chance(0.45)
        ? int(Math.max(1, monthLength - 3), monthLength)
        : int(1, monthLength);
  const invoice = DateTime.fromObject({ year, month, day }, { zone });
  const delivery = invoice.plus({ days: int(0, 40) });
  const exchange = chance(0.25) ? delivery.plus({ days: int(0, 400) }) : null;

  // successAt = deliveredAt: an instant inside the delivery day, written in another offset or as a number.
  const deliveredMs = delivery.toMillis() + int(0, DAY - 1);
  const writeOffset = int(-23 * 60 - 59, 23 * 60 + 59);
  const deliveredAt = chance(0.3)
    ? deliveredMs
    : chance(0.5)
      ? formatInstant(deliveredMs, minutes)
      : formatInstant(deliveredMs, writeOffset);
  const exchangedAt =
    exchange === null
      ? undefined
      : chance(0.5)
        ? isoDate(exchange)
        : formatInstant(exchange.toMillis() + int(0, DAY - 1), minutes);

  const repairDays = chance(0.3) ? 0 : int(0, 400);
  const returnDays = dayCount();
  const exchangeDays = dayCount();
  const warrantyMonths = monthCount();
  const partMonths = monthCount();
  const longDiscoveryDays = dayCount();
  const noReasonReturnDays = dayCount();
  const entryDays = dayCount();
  const promiseDays = dayCount();
  const promiseMonths = monthCount();
  const successPromiseDays = dayCount();

  // Holiday runs where they matter.
  const holidays = [];
  const run = (start, length) => {
    for (let i = 0; i < length; i++) holidays.push(isoDate(start.plus({ days: i })));
  };
  const warrantyFrom = exchange ?? invoice;
  const counted = warrantyFrom.plus({ months: warrantyMonths });
  const repaired = counted.plus({ days: repairDays });
  if (chance(0.6)) {
    // Over the end day after the repair extension, possibly chained with a second run.
    const start = repaired.minus({ days: int(0, 2) });
    const length = int(1, 8);
    run(start, length);
    if (chance(0.4)) run(start.plus({ days: length + int(0, 1) }), int(1, 5));
  }
  if (chance(0.3)) run(repaired.plus({ days: 1 }), int(1, 4)); // right after the extended end day
  if (chance(0.3)) run(repaired, int(1, 3)); // starting exactly on it
  if (chance(0.4)) run(counted.minus({ days: int(0, 2) }), int(1, 5)); // over the counted (un-extended) end day
  const partEnd = warrantyFrom.plus({ months: partMonths }).plus({ days: repairDays });
  if (chance(0.4)) run(partEnd.minus({ days: int(0, 1) }), int(1, 6));
  for (const [from, days] of [
    [invoice, returnDays],
    [invoice, exchangeDays],
  ]) {
    if (chance(0.5)) run(from.plus({ days }).minus({ days: int(0, 2) }), int(1, 6));
  }
  // Over the end days of windows that do not roll: they must not move.
  for (const end of [delivery.plus({ days: longDiscoveryDays }), delivery.plus({ days: noReasonReturnDays })]) {
    if (chance(0.3)) run(end, int(1, 4));
  }
  // Over the end days of merchant promises, which roll (contract 3).
  for (const end of [invoice.plus({ days: promiseDays }), delivery.plus({ months: promiseMonths })]) {
    if (chance(0.3)) run(end.minus({ days: int(0, 2) }), int(1, 5));
  }
  for (let i = int(0, 4); i > 0; i--) run(invoice.plus({ days: int(0, 20000) }), 1); // noise
  if (holidays.length > 0 && chance(0.3)) holidays.push(pick(holidays)); // duplicates are allowed
  for (let i = holidays.length - 1; i > 0; i--) {
    const j = int(0, i);
    [holidays[i], holidays[j]] = [holidays[j], holidays[i]];
  }

  // Weekends: mostly on (absent or true), sometimes off; make-up workdays on
  // weekend days near the rolling end days (never a holiday).
  const weekends = chance(0.25) ? false : chance(0.5) ? true : undefined;
  const holidaySet = new Set(holidays);
  const workdays = [];
  for (const end of [
    repaired,
    counted,
    partEnd,
    invoice.plus({ days: returnDays }),
    invoice.plus({ days: exchangeDays }),
  ]) {
    for (let d = 0; d < 10; d++) {
      const date = end.plus({ days: d });
      if (date.weekday >= 6 && !holidaySet.has(isoDate(date)) && chance(0.25)) workdays.push(isoDate(date));
    }
  }
  const policy = {
    version: `diff-${index}`,
    utcOffsetMinutes: minutes,
    holidays,
    workdays,
    entryDays: 15,
    noReasonReturnDays,
    categories: {
      base: {
        threeGuarantees: { returnDays, exchangeDays, warrantyMonths, parts: { part: partMonths } },
        longDiscoveryDays,
      },
      c: { parent: 'base', entryDays },
    },
  };
  const order = {
    id: `D${index}`,
    category: 'c',
    status: 'success',
    successAt: deliveredAt,
    deliveredAt,
    invoiceAt: isoDate(invoice),
    repairDays,
    merchantPromises: [
      { service: 'repair', days: promiseDays, from: 'invoice' },
      { service: 'return', months: promiseMonths, from: 'delivery' },
      { service: 'exchange', days: successPromiseDays, from: 'success' },
    ],
  };
  if (exchangedAt !== undefined) order.exchangedAt = exchangedAt;
  if (weekends !== undefined) policy.weekends = weekends;

  // What Luxon says every window is.
  const rest = { holidays: holidaySet, workdays: new Set(workdays), weekends: weekends !== false };
  const basis = (anchor, date, counting, count, r, holidayDays = 0, weekendDays = 0) => ({
    anchor,
    anchorDate: isoDate(date),
    counting,
    count,
    repairDays: r,
    rolledDays: holidayDays + weekendDays,
    holidayDays,
    weekendDays,
  });
  const calendarWindow = (code, extra, anchor, date, length, r, rolls) => {
    const { deadline, holidayDays, weekendDays } = reckon(date, length, r, rolls ? rest : null, minutes);
    const counting = length.months !== undefined ? 'months' : 'days';
    return {
      code,
      ...extra,
      deadline,
      basis: basis(anchor, date, counting, length.months ?? length.days, r, holidayDays, weekendDays),
    };
  };
  const warrantyAnchor = exchange ? 'exchange' : 'invoice';
  const expected = [
    calendarWindow('THREE_GUARANTEES_RETURN', {}, 'invoice', invoice, { days: returnDays }, 0, true),
    calendarWindow('THREE_GUARANTEES_EXCHANGE', {}, 'invoice', invoice, { days: exchangeDays }, 0, true),
    calendarWindow(
      'THREE_GUARANTEES_WARRANTY',
      {},
      warrantyAnchor,
      warrantyFrom,
      { months: warrantyMonths },
      repairDays,
      true,
    ),
    calendarWindow(
      'THREE_GUARANTEES_PART',
      { part: 'part' },
      warrantyAnchor,
      warrantyFrom,
      { months: partMonths },
      repairDays,
      true,
    ),
    calendarWindow('MERCHANT_PROMISE', { promise: 0 }, 'invoice', invoice, { days: promiseDays }, 0, true),
    calendarWindow('MERCHANT_PROMISE', { promise: 1 }, 'delivery', delivery, { months: promiseMonths }, 0, true),
    calendarWindow('MERCHANT_PROMISE', { promise: 2 }, 'success', delivery, { days: successPromiseDays }, 0, true),
    calendarWindow('LONG_DISCOVERY', {}, 'delivery', delivery, { days: longDiscoveryDays }, 0, false),
    calendarWindow('NO_REASON_RETURN', {}, 'delivery', delivery, { days: noReasonReturnDays }, 0, false),
    {
      code: 'ENTRY_CATEGORY',
      deadline: formatInstant(deliveredMs + entryDays * DAY, minutes),
      basis: basis('success', delivery, 'elapsed', entryDays, 0),
    },
  ];
  return { policy, order, expected, minutes };
}

const keyOf = (w) => `${w.code}|${w.part ?? ''}|${w.promise ?? ''}`;

/** Differences between the engine's windows and Luxon's. */
function compare(answer, expected) {
  const out = [];
  const byKey = new Map(answer.windows.map((w) => [keyOf(w), w]));
  if (answer.windows.length !== expected.length)
    out.push(`${answer.windows.length} windows, expected ${expected.length}: ${answer.windows.map(keyOf).join(', ')}`);
  for (const want of expected) {
    const got = byKey.get(keyOf(want));
    if (!got) {
      out.push(`${keyOf(want)}: missing`);
      continue;
    }
    if (got.deadline !== want.deadline) out.push(`${keyOf(want)}: deadline ${got.deadline}, Luxon ${want.deadline}`);
    for (const k of Object.keys(want.basis)) {
      if (got.basis?.[k] !== want.basis[k])
        out.push(
          `${keyOf(want)}: basis.${k} ${JSON.stringify(got.basis?.[k])}, Luxon ${JSON.stringify(want.basis[k])}`,
        );
    }
  }
  for (let i = 1; i < answer.windows.length; i++) {
    if (Date.parse(answer.windows[i].deadline) < Date.parse(answer.windows[i - 1].deadline))
      out.push(`windows[${i}] out of deadline order`);
  }
  return out;
}

test('hand-checked month ends agree with Luxon and the contract (§2)', () => {
  const zone = zoneOf(480);
  const cases = [
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2021-03-31', 1, '2021-04-30'],
    ['2021-08-31', 6, '2022-02-28'],
    ['2021-07-27', 0, '2021-07-27'],
    ['1900-01-31', 1, '1900-02-28'],
    ['2000-01-31', 1, '2000-02-29'],
    ['2100-01-31', 1, '2100-02-28'],
    ['2021-12-31', 1200, '2121-12-31'],
    ['2099-10-31', 4, '2100-02-28'],
  ];
  const failures = [];
  for (const [from, months, end] of cases) {
    const anchor = DateTime.fromISO(from, { zone });
    assert.equal(isoDate(anchor.plus({ months })), end, `Luxon: ${from} + ${months} months`);
    // Weekends off: this checks the clamp alone, not the roll.
    const engine = new Engine({
      version: 'm',
      entryDays: 15,
      weekends: false,
      categories: { c: { threeGuarantees: { returnDays: 0, exchangeDays: 0, warrantyMonths: months } } },
    });
    const answer = engine.evaluate(
      { id: 'M', category: 'c', status: 'success', successAt: `${from}T12:00:00+08:00`, invoiceAt: from },
      NOW,
    );
    const w = answer.windows.find((x) => x.code === 'THREE_GUARANTEES_WARRANTY');
    const next = isoDate(DateTime.fromISO(end, { zone }).plus({ days: 1 }));
    if (w.deadline !== `${next}T00:00:00+08:00`)
      failures.push(`${from} + ${months} months: ${w.deadline}, expected ${next}T00:00:00+08:00`);
    engine.free();
  }
  assert.deepStrictEqual(failures, []);
});

test(`${CASES} random cases against Luxon (seed ${SEED})`, (t) => {
  const random = prng(SEED);
  const started = Date.now();
  const mismatches = [];
  let windows = 0;
  let rolled = 0;
  let weekendRolls = 0;
  let clamped = 0;
  for (let i = 0; i < CASES; i++) {
    const c = makeCase(random, i);
    let answer;
    try {
      const engine = new Engine(c.policy);
      try {
        answer = engine.evaluate(c.order, NOW);
      } finally {
        engine.free();
      }
    } catch (e) {
      mismatches.push({
        index: i,
        problems: [`threw ${e?.name} ${e?.code ?? ''} at ${JSON.stringify(e?.path)}: ${e?.message}`],
        ...c,
      });
      if (e instanceof WebAssembly.RuntimeError) break;
      continue;
    }
    const problems = compare(answer, c.expected);
    windows += answer.windows.length;
    rolled += answer.windows.filter((w) => w.basis.holidayDays > 0).length;
    weekendRolls += answer.windows.filter((w) => w.basis.weekendDays > 0).length;
    clamped += c.expected.filter(
      (w) => w.basis.counting === 'months' && Number(w.basis.anchorDate.slice(8)) > 28,
    ).length;
    if (problems.length) mismatches.push({ index: i, problems, ...c });
    if (mismatches.length >= 10) break;
  }
  const elapsed = Date.now() - started;
  t.diagnostic(
    `seed ${SEED}: ${CASES} cases, ${windows} windows (${rolled} rolled over holidays, ${weekendRolls} over weekends, ${clamped} month counts from days 29–31) in ${elapsed} ms`,
  );
  if (mismatches.length) {
    const shown = mismatches
      .slice(0, 3)
      .map((m) =>
        [
          `case ${m.index} (CALENDAR_SEED=${SEED}), utcOffsetMinutes ${m.minutes}:`,
          ...m.problems.map((p) => `  ${p}`),
          `  policy: ${JSON.stringify(m.policy)}`,
          `  order:  ${JSON.stringify(m.order)}`,
        ].join('\n'),
      );
    assert.fail(
      `${mismatches.length}${mismatches.length >= 10 ? '+' : ''} case(s) differ from Luxon:\n${shown.join('\n')}`,
    );
  }
  assert.ok(rolled > CASES / 10, `the cases exercise the roll-forward over holidays (${rolled} rolled windows)`);
  assert.ok(
    weekendRolls > CASES / 10,
    `the cases exercise the roll-forward over weekends (${weekendRolls} rolled windows)`,
  );
});
