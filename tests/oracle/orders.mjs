// Seeded generators of orders, `now`s and policies, shared by the benchmarks
// (perf/node.mjs, perf/chromium.mjs: the same 10,000 orders) and the
// differential test (tests/js/oracle.test.mjs). Plain ES module, no imports,
// so it runs in Node and in a page alike. Only UTC Date methods are used: the
// output is the same under any time zone.

const DAY = 86_400_000;

/** sfc32 seeded through splitmix32: a float in [0, 1) per call. */
export function prng(seed) {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

/** Helpers over a prng. */
export function random(seed) {
  const next = prng(seed);
  const R = {
    next,
    /** Integer in [lo, hi]. */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    /** Picks by weight: [[weight, value], ...]. */
    weighted: (pairs) => {
      let total = 0;
      for (const [w] of pairs) total += w;
      let x = next() * total;
      for (const [w, v] of pairs) {
        if ((x -= w) < 0) return v;
      }
      return pairs[pairs.length - 1][1];
    },
  };
  return R;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** YYYY-MM-DD of epoch ms in an offset (minutes). */
export function dateText(ms, offsetMinutes) {
  const d = new Date(ms + offsetMinutes * 60000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Day number (days since 1970-01-01) of a YYYY-MM-DD. */
export const dayOf = (text) => Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10)) / DAY;

/** Epoch ms of 00:00 of a day number in an offset. */
export const midnight = (day, offsetMinutes) => day * DAY - offsetMinutes * 60000;

/** Weekday of a day number, 0 Sunday … 6 Saturday (1970-01-01 was a Thursday). */
export const weekday = (day) => (((day + 4) % 7) + 7) % 7;

/** Whether a day number is a Saturday or Sunday. */
export const isWeekendDay = (day) => weekday(day) % 6 === 0;

/**
 * An RFC 3339 text for epoch ms, written in `offsetMinutes`, with a given
 * separator, zone style and number of fraction digits (extra digits are noise
 * the engines must truncate).
 */
export function instantText(ms, offsetMinutes, { sep = 'T', zulu = 'Z', digits = -1, negZero = false } = {}) {
  const d = new Date(ms + offsetMinutes * 60000);
  const milli = d.getUTCMilliseconds();
  let frac = '';
  if (digits === -1) frac = milli ? `.${pad(milli, 3)}` : '';
  else if (digits > 0) frac = `.${(pad(milli, 3) + '739215864').slice(0, digits)}`;
  let zone;
  if (offsetMinutes === 0 && !negZero) zone = zulu;
  else {
    const abs = Math.abs(offsetMinutes);
    zone = `${offsetMinutes < 0 || negZero ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  }
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}${sep}` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac}${zone}`
  );
}

const START_2020 = Date.UTC(2020, 0, 1) / DAY;
const END_2027 = Date.UTC(2027, 11, 31) / DAY;
const OFFSETS = [480, 480, 480, 0, -300, 345, 330, -720, 840, 525, -570, 60];
const UNKNOWN_CATEGORIES = [
  'books',
  'toys',
  'Mobile_Phone',
  'MOBILE_PHONE',
  'furniture',
  '__proto__',
  'constructor',
  'toString',
  '',
];

/** The day number `months` months before day number `day` (overflowing like Date.UTC: close is enough here). */
const monthsBefore = (day, months) => {
  const d = new Date(day * DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, d.getUTCDate()) / DAY;
};

/**
 * A day a window is counted from, so that its end day lands near `target`:
 * a few days before it (day counts, 7 and 15 most of all), or some months
 * before it (month counts).
 */
function before(R, target) {
  if (R.chance(0.6))
    return (
      target -
      R.weighted([
        [3, R.int(0, 20)],
        [2, 7 + R.int(-2, 3)],
        [2, 15 + R.int(-2, 3)],
      ])
    );
  return monthsBefore(target, R.pick([3, 6, 12, 12, 12, 24, 36])) + R.int(-3, 2);
}

/**
 * A success day in 2020–2027: uniform, near a month end, or such that the
 * windows counted from around it end near a holiday, a make-up workday or one
 * of the policy's published-data bounds, holidaysPublishedThrough and
 * holidaysPublishedFrom (so rolls over rest days, rolls stopped by a workday,
 * rolls across the published-through date and end days on either side of the
 * published-from date all occur often).
 * ctx: { holidays, workdays (day numbers), published, publishedFrom (day numbers or null) }.
 */
function pickDay(R, ctx) {
  const holidays = ctx.holidays;
  const workdays = ctx.workdays ?? [];
  const through = ctx.published ?? null;
  const from = ctx.publishedFrom ?? null;
  const published = from === null ? through : through === null || R.chance(0.35) ? from : through;
  const kind = R.int(0, 19);
  if (kind <= 3) {
    // around a month end (and Feb 28/29)
    const y = R.int(2020, 2027);
    const m = R.int(0, 11);
    return Date.UTC(y, m + 1, 1) / DAY + R.int(-4, 2);
  }
  if (kind <= 11 && holidays.length > 0)
    return kind <= 8 ? R.pick(holidays) + R.int(-20, 3) : before(R, R.pick(holidays));
  if (kind <= 14 && workdays.length > 0) return before(R, R.pick(workdays));
  if (kind <= 16 && published !== null) return before(R, published + R.int(-3, 2));
  return R.int(START_2020, END_2027);
}

/** A time of day in ms, biased to the edges of the day. */
function pickTimeOfDay(R) {
  return R.weighted([
    [6, () => R.int(0, DAY - 1)],
    [2, () => R.int(0, 86_399) * 1000],
    [1, () => 0],
    [1, () => DAY - 1],
    [1, () => R.int(0, 3) * 3_600_000 + R.int(0, 59) * 60_000],
    [1, () => DAY - R.int(1, 3) * 3_600_000],
  ])();
}

/** One of the instant forms the contract accepts, for epoch ms `ms`. */
function instantForm(R, ms, policyOffset, realistic) {
  if (realistic) {
    return R.weighted([
      [85, () => instantText(ms, 480, { digits: 0 })],
      [8, () => instantText(ms, 0, { digits: -1 })],
      [7, () => ms],
    ])();
  }
  return R.weighted([
    [30, () => instantText(ms, policyOffset, { digits: R.chance(0.7) ? 0 : -1 })],
    [10, () => instantText(ms, 480, { digits: -1 })],
    [8, () => instantText(ms, 0)],
    [4, () => instantText(ms, 0, { zulu: 'z', sep: 't' })],
    [4, () => instantText(ms, R.pick(OFFSETS), { sep: ' ' })],
    [8, () => instantText(ms, R.pick(OFFSETS), { digits: R.pick([1, 2, 3, 4, 6, 9]) })],
    [3, () => instantText(ms, 0, { negZero: true })],
    [3, () => instantText(ms, R.pick([-690, 600, 780, 1439, -1439]))],
    [12, () => ms],
    [4, () => ms + R.int(1, 999) / 1000],
  ])();
}

/** A date form (YYYY-MM-DD or any instant form) for a date field. */
function dateForm(R, day, policyOffset, realistic) {
  const ms = midnight(day, policyOffset) + pickTimeOfDay(R);
  if (realistic) return R.chance(0.8) ? dateText(ms, policyOffset) : instantText(ms, 480, { digits: 0 });
  return R.weighted([
    [60, () => dateText(ms, policyOffset)],
    [30, () => instantForm(R, ms, policyOffset, false)],
  ])();
}

const PROMISE_SERVICES = ['return', 'exchange', 'repair'];
const PROMISE_FROMS = ['success', 'delivery', 'invoice'];

/**
 * A misspelling of a category name, as a shop's data might carry it: another
 * case, a letter dropped, doubled or swapped, a stray space or separator, a
 * full-width letter. Usually not a key of the policy (categoryKnown false),
 * though now and then it happens to be one.
 */
export function misspell(R, name) {
  const chars = [...name];
  const at = chars.length ? R.int(0, chars.length - 1) : 0;
  const changed = R.weighted([
    [3, () => (name.toUpperCase() !== name ? name.toUpperCase() : name.toLowerCase())],
    [2, () => (chars.length ? chars[0].toUpperCase() + chars.slice(1).join('') : 'X')],
    [3, () => chars.filter((_, i) => i !== at).join('')],
    [2, () => chars.map((c, i) => (i === at ? c + c : c)).join('')],
    [
      2,
      () => {
        const c = [...chars];
        if (at + 1 < c.length) [c[at], c[at + 1]] = [c[at + 1], c[at]];
        return c.join('') + (at + 1 < c.length ? '' : 's');
      },
    ],
    [2, () => R.pick([`${name} `, ` ${name}`, `${name}\t`])],
    [2, () => name.replaceAll('_', R.pick(['-', ' ', ''])) + (name.includes('_') ? '' : '_')],
    [
      1,
      () =>
        chars
          .map((c, i) => (i === at && c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
          .join(''),
    ],
  ])();
  return changed === name ? `${name}_` : changed;
}

/**
 * A day after `anchorDay` (within weeks, sometimes a year) that is a rest day or a
 * make-up workday: a holiday (often the first of a run), a Saturday or
 * Sunday, a listed workday, or a day beside a published-data bound. A
 * promise counted to it ends there, so it rolls (or is stopped by the
 * workday) — merchant promises roll over rest days in contract version 3.
 * ctx: { holidays, workdays, published, publishedFrom } as for pickDay.
 */
function restDayAfter(R, ctx, anchorDay) {
  // Mostly within weeks (short promises, like the usual 7, 15 and 30 days), sometimes within a year.
  const horizon = R.weighted([
    [3, 45],
    [1, 400],
  ]);
  const near = (days) => days.filter((d) => d > anchorDay && d <= anchorDay + horizon);
  const kind = R.weighted([
    [4, 'holiday'],
    [4, 'weekend'],
    [2, 'workday'],
    [2, 'bound'],
  ]);
  if (kind === 'holiday') {
    const days = near(ctx.holidays);
    if (days.length) return R.pick(days);
  }
  if (kind === 'workday') {
    const days = near(ctx.workdays ?? []);
    if (days.length) return R.pick(days);
  }
  if (kind === 'bound') {
    const bounds = near([ctx.published, ctx.publishedFrom].filter((d) => d != null));
    if (bounds.length)
      return (
        R.pick(bounds) +
        R.weighted([
          [2, 0],
          [1, -1],
          [1, 1],
        ])
      ); // on the bound, or a day either side
  }
  const d = anchorDay + R.int(1, horizon - 6);
  return d + ((6 - weekday(d) + R.int(0, 1)) % 7); // a Saturday or Sunday
}

function genPromise(R, realistic) {
  const p = { service: R.pick(PROMISE_SERVICES) };
  // Common values, so promises often tie with one another and with the policy's windows.
  if (R.chance(0.55))
    p.days = realistic
      ? R.pick([15, 30, 30, 60, 90])
      : R.weighted([
          [5, R.int(1, 120)],
          [4, R.pick([7, 15, 30, 90, 180])],
          [1, 0],
          [1, 365],
          [1, R.int(0, 36_525)],
        ]);
  else
    p.months = realistic
      ? R.pick([3, 6, 12, 12, 24])
      : R.weighted([
          [5, R.int(1, 36)],
          [4, R.pick([3, 6, 12, 24, 36])],
          [1, 0],
          [1, R.int(0, 1200)],
        ]);
  p.from = R.pick(PROMISE_FROMS);
  if (!realistic && R.chance(0.1)) {
    if (p.days !== undefined)
      p.months = null; // null counts as absent
    else p.days = null;
  }
  if (!realistic) {
    if (R.chance(0.03)) p.note = 'ignored';
  }
  return p;
}

/**
 * One order. ctx: { categories (names), holidays and workdays (day numbers),
 * published and publishedFrom (day numbers or null), offset (policy minutes),
 * realistic (bench mix), id, successDay (optional), focus (optional: names
 * of categories to pick more often, their orders often plain) }.
 */
export function genOrder(R, ctx) {
  const { categories, offset, realistic } = ctx;
  const order = { id: ctx.id };
  if (realistic) order.category = R.chance(0.05) ? R.pick(UNKNOWN_CATEGORIES) : R.pick(categories);
  else {
    // Unknown categories: fixed names (some Object.prototype's), and misspellings of the policy's own.
    order.category = R.weighted([
      [80, () => R.pick(categories)],
      [6, () => R.pick(UNKNOWN_CATEGORIES)],
      [8, () => misspell(R, categories.length ? R.pick(categories) : 'apparel')],
      [ctx.focus?.length ? 10 : 0, () => R.pick(ctx.focus)],
    ])();
  }
  // An order in a focus category (genPolicy's `focus`) is often plain: no
  // repair days, exchange or promises to outlast its 三包 return and exchange.
  const plain = !realistic && ctx.focus?.includes(order.category) && R.chance(0.6);
  if (plain) plainOrders.add(order);
  order.status = R.weighted([
    [realistic ? 90 : 80, 'success'],
    [realistic ? 5 : 10, 'pending'],
    [realistic ? 5 : 10, 'closed'],
  ]);
  const successDay = ctx.successDay !== undefined ? ctx.successDay : pickDay(R, ctx);
  const success = midnight(successDay, offset) + pickTimeOfDay(R);
  if (order.status === 'success' || R.chance(0.5)) order.successAt = instantForm(R, success, offset, realistic);
  else if (!realistic && R.chance(0.2)) order.successAt = null;

  let delivered = success;
  if (R.chance(realistic ? 0.8 : 0.65)) {
    delivered =
      success -
      R.weighted([
        [6, R.int(0, 10 * DAY)],
        [2, R.int(0, DAY)],
        [1, -R.int(0, 3 * DAY)],
        [1, R.int(0, 40) * DAY],
      ]);
    order.deliveredAt = instantForm(R, delivered, offset, realistic);
  } else if (!realistic && R.chance(0.1)) order.deliveredAt = null;

  const deliveredDay = Math.floor((delivered + offset * 60000) / DAY);
  let invoiceDay = deliveredDay;
  if (R.chance(realistic ? 0.5 : 0.45)) {
    invoiceDay =
      deliveredDay +
      R.weighted([
        [5, 0],
        [3, -R.int(1, 3)],
        [1, R.int(1, 5)],
        [1, R.int(-40, 40)],
      ]);
    order.invoiceAt = dateForm(R, invoiceDay, offset, realistic);
  } else if (!realistic && R.chance(0.05)) order.invoiceAt = null;

  if (plain) {
    // no repair days
  } else if (R.chance(realistic ? 0.1 : 0.3)) {
    order.repairDays = realistic
      ? R.int(1, 30)
      : R.weighted([
          [6, R.int(0, 60)],
          [1, 0],
          [1, R.int(100, 800)],
          [1, R.int(0, 36_525)],
        ]);
  } else if (!realistic && R.chance(0.05)) order.repairDays = null;

  if (plain) {
    // no exchange
  } else if (R.chance(realistic ? 0.05 : 0.15)) {
    order.exchangedAt = dateForm(
      R,
      invoiceDay +
        R.weighted([
          [5, R.int(0, 400)],
          [1, R.int(0, 15)],
          [1, R.int(-5, 2000)],
        ]),
      offset,
      realistic,
    );
  } else if (!realistic && R.chance(0.05)) order.exchangedAt = null;

  const nPromises = plain
    ? 0
    : realistic
      ? R.weighted([
          [70, 0],
          [20, 1],
          [8, 2],
          [2, 3],
        ])
      : R.weighted([
          [40, 0],
          [30, 1],
          [18, 2],
          [12, 3],
        ]);
  if (nPromises > 0) {
    // Some promises are aimed: counted in days to end on a rest day or a make-up workday.
    const anchors = { success: successDay, delivery: deliveredDay, invoice: invoiceDay };
    order.merchantPromises = Array.from({ length: nPromises }, () => {
      const p = genPromise(R, realistic);
      if (!realistic && R.chance(0.4)) {
        const anchorDay = anchors[p.from];
        p.days = restDayAfter(R, ctx, anchorDay) - anchorDay;
        if (p.months !== undefined) p.months = R.chance(0.2) ? null : undefined;
        if (p.months === undefined) delete p.months;
      }
      return p;
    });
  } else if (!realistic && R.chance(0.2)) order.merchantPromises = R.chance(0.5) ? [] : null;
  if (!realistic && R.chance(0.05)) order.shopName = '某某旗舰店';
  order._success = success; // for picking a `now`; removed by the callers
  return order;
}

/** Plain orders of focus categories (genOrder): genNow puts their `now` in their first weeks. */
const plainOrders = new WeakSet();

/** A `now` for an order: anywhere in its life, or on (and a ms beside) a day or deadline edge. */
export function genNow(R, order, offset) {
  const success = order._success;
  if (plainOrders.has(order) && R.chance(0.6)) return success + R.int(0, 50 * DAY);
  const successDay = Math.floor((success + offset * 60000) / DAY);
  const k = R.weighted([
    [4, R.int(0, 20)],
    [2, R.int(170, 200)],
    [3, R.int(0, 1200)],
    [1, R.int(-5, 0)],
    [1, R.int(1200, 4000)],
  ]);
  const delta = R.pick([-1, 0, 0, 1, R.int(-DAY, DAY)]);
  return R.weighted([
    [4, () => success + R.int(-3 * DAY, 1500 * DAY)],
    [3, () => midnight(successDay + k, offset) + delta],
    [2, () => success + k * DAY + delta],
    [1, () => success + R.int(0, 20 * DAY) + R.next()], // fractional: floored
  ])();
}

/** Single faults the contract names, each with the path it must be reported at. */
export const FAULTS = [
  [
    (o) => {
      o.id = 20210730114330;
    },
    'id',
  ],
  [
    (o) => {
      delete o.id;
    },
    'id',
  ],
  [
    (o) => {
      o.id = null;
    },
    'id',
  ],
  [
    (o) => {
      delete o.category;
    },
    'category',
  ],
  [
    (o) => {
      o.category = 50012345;
    },
    'category',
  ],
  [
    (o) => {
      delete o.status;
    },
    'status',
  ],
  [
    (o) => {
      o.status = 'refunded';
    },
    'status',
  ],
  [
    (o) => {
      o.status = 'SUCCESS';
    },
    'status',
  ],
  [
    (o) => {
      o.status = 'success';
      delete o.successAt;
    },
    'successAt',
  ],
  [
    (o) => {
      o.status = 'success';
      o.successAt = null;
    },
    'successAt',
  ],
  [
    (o) => {
      o.successAt = '2021-02-29T10:00:00+08:00';
    },
    'successAt',
  ],
  [
    (o) => {
      o.successAt = '2021-07-30T10:00:00';
    },
    'successAt',
  ],
  [
    (o) => {
      o.successAt = '2021-07-30';
    },
    'successAt',
  ],
  [
    (o) => {
      o.successAt = '2021-12-31T23:59:60+08:00';
    },
    'successAt',
  ],
  [
    (o) => {
      o.successAt = '2021-07-30T24:00:00+08:00';
    },
    'successAt',
  ],
  [
    (o) => {
      o.successAt = '2021-07-30T10:00:00+24:00';
    },
    'successAt',
  ],
  [
    (o) => {
      o.successAt = '2021-07-30T10:00:00.+08:00';
    },
    'successAt',
  ],
  [
    (o) => {
      o.successAt = '2021-07-30T10:00:00+0800';
    },
    'successAt',
  ],
  [
    (o) => {
      o.successAt = 1e20;
    },
    'successAt',
  ],
  [
    (o) => {
      o.successAt = '0001-01-01T00:00:00+00:01';
    },
    'successAt',
  ],
  [
    (o) => {
      o.successAt = {};
    },
    'successAt',
  ],
  [
    (o) => {
      o.deliveredAt = true;
    },
    'deliveredAt',
  ],
  [
    (o) => {
      o.deliveredAt = '2021-07-28';
    },
    'deliveredAt',
  ],
  [
    (o) => {
      o.deliveredAt = -1e17;
    },
    'deliveredAt',
  ],
  [
    (o) => {
      o.invoiceAt = '2021-13-01';
    },
    'invoiceAt',
  ],
  [
    (o) => {
      o.invoiceAt = '2021-2-3';
    },
    'invoiceAt',
  ],
  [
    (o) => {
      o.invoiceAt = '2023-02-29';
    },
    'invoiceAt',
  ],
  [
    (o) => {
      o.invoiceAt = 20210727;
      o.invoiceAt = false;
    },
    'invoiceAt',
  ],
  [
    (o) => {
      o.exchangedAt = 'not a date';
    },
    'exchangedAt',
  ],
  [
    (o) => {
      o.exchangedAt = '2021-06-31';
    },
    'exchangedAt',
  ],
  [
    (o) => {
      o.repairDays = -1;
    },
    'repairDays',
  ],
  [
    (o) => {
      o.repairDays = 1.5;
    },
    'repairDays',
  ],
  [
    (o) => {
      o.repairDays = '3';
    },
    'repairDays',
  ],
  [
    (o) => {
      o.repairDays = 36_526;
    },
    'repairDays',
  ],
  [
    (o) => {
      o.merchantPromises = { service: 'return', days: 30, from: 'success' };
    },
    'merchantPromises',
  ],
  [
    (o) => {
      o.merchantPromises = [{ service: 'return', days: 30, from: 'success' }, 'x'];
    },
    'merchantPromises[1]',
  ],
  [
    (o) => {
      o.merchantPromises = [{ service: 'refund', days: 30, from: 'success' }];
    },
    'merchantPromises[0].service',
  ],
  [
    (o) => {
      o.merchantPromises = [{ days: 30, from: 'success' }];
    },
    'merchantPromises[0].service',
  ],
  [
    (o) => {
      o.merchantPromises = [
        { service: 'repair', days: 3, from: 'success' },
        { service: 'repair', days: 30, months: 12, from: 'invoice' },
      ];
    },
    'merchantPromises[1]',
  ],
  [
    (o) => {
      o.merchantPromises = [{ service: 'repair', from: 'invoice' }];
    },
    'merchantPromises[0]',
  ],
  [
    (o) => {
      o.merchantPromises = [{ service: 'exchange', days: 15, from: 'payment' }];
    },
    'merchantPromises[0].from',
  ],
  [
    (o) => {
      o.merchantPromises = [{ service: 'exchange', days: 15 }];
    },
    'merchantPromises[0].from',
  ],
  [
    (o) => {
      o.merchantPromises = [{ service: 'repair', months: -2, from: 'invoice' }];
    },
    'merchantPromises[0].months',
  ],
  [
    (o) => {
      o.merchantPromises = [{ service: 'repair', months: 1201, from: 'invoice' }];
    },
    'merchantPromises[0].months',
  ],
  [
    (o) => {
      o.merchantPromises = [{ service: 'repair', days: 2.5, from: 'invoice' }];
    },
    'merchantPromises[0].days',
  ],
  // More than the limit of 100 promises: refused by the count alone, before any promise is read (§8, Limits).
  [
    (o) => {
      o.merchantPromises = Array.from({ length: 101 }, (_, i) => ({ service: 'repair', days: i, from: 'success' }));
    },
    'merchantPromises',
  ],
  [
    (o) => {
      o.merchantPromises = [
        'not a promise',
        ...Array.from({ length: 100 }, () => ({ service: 'return', months: 1, from: 'delivery' })),
      ];
    },
    'merchantPromises',
  ],
];

/** Puts one fault into an order (whose other fields are valid); the path it must be reported at. */
export function injectFault(R, order) {
  const [apply, path] = R.pick(FAULTS);
  apply(order);
  return path;
}

const PART_NAMES = [
  'battery',
  'charger',
  'headset',
  'main_parts',
  'compressor',
  'frame',
  'motor',
  'screen',
  'alpha',
  'zeta',
  'Battery',
  'x_y_z',
  '主板',
];
const CATEGORY_NAMES = [
  'apparel',
  'digital',
  'phone',
  'smartphone',
  'tablet',
  'appliance',
  'tv',
  'fridge',
  'fresh',
  'seafood',
  'crab',
  'flowers',
  'rose',
  'pets',
  'kettle',
  'lamp',
  'bike',
  'Phone',
  'a.b',
  '电器',
  '__proto__',
];

/**
 * A random valid policy with a category tree (parents always earlier: no
 * cycles). `support`: a short entry and often no 三包 warranty months, so that
 * 三包 return and exchange windows get to bind; its last two categories are
 * made for that and given back as `focus` (for genOrder's ctx).
 */
export function genPolicy(R, index, { support = false } = {}) {
  const policy = { version: `gen-${index}.${R.int(0, 9999)}` };
  const offset = R.weighted([
    [3, 480],
    [1, 0],
    [6, R.pick(OFFSETS)],
    [3, R.int(-720, 840)],
    [1, -720],
    [1, 840],
  ]);
  if (offset !== 480 || R.chance(0.5)) policy.utcOffsetMinutes = offset;
  const holidays = [];
  const runs = []; // [first day, last day] of each holiday run
  if (R.chance(0.85)) {
    const nRuns = R.int(3, 40);
    for (let i = 0; i < nRuns; i++) {
      const start = R.chance(0.3)
        ? Date.UTC(R.int(2020, 2028), R.int(0, 11), 1) / DAY + R.int(-3, 0)
        : R.int(START_2020, END_2027 + 200);
      const len = R.weighted([
        [3, 1],
        [3, R.int(2, 4)],
        [2, R.int(5, 9)],
        [1, R.int(10, 40)],
      ]);
      for (let d = 0; d < len; d++) holidays.push(dateText(midnight(start + d, 0), 0));
      runs.push([start, start + len - 1]);
    }
    if (R.chance(0.2) && holidays.length) holidays.push(R.pick(holidays)); // duplicates are allowed
    if (R.chance(0.5)) holidays.sort();
    policy.holidays = holidays;
  } else if (R.chance(0.3)) policy.holidays = null;
  const holidaySet = new Set(holidays.map(dayOf));

  // Published through: absent, or inside the years orders use — often a year
  // end (half of those inside a new-year holiday run, as 2022-12-31 was), a
  // holiday, a Saturday or the day before a run, so that rolls cross it — or
  // far before or after them. (Written into the policy after the workdays.)
  let published = null;
  const publishedKind = R.weighted([
    [3, 'absent'],
    [1, 'null'],
    [9, 'date'],
  ]);
  if (publishedKind === 'date') {
    const holidayDays = [...holidaySet];
    published = R.weighted([
      [4, () => Date.UTC(R.int(2020, 2027), 11, 31) / DAY],
      [2, () => (holidayDays.length ? R.pick(holidayDays) : R.int(START_2020, END_2027))],
      [
        3,
        () => {
          // the last day of a holiday run (a roll from anywhere in the run crosses it)
          if (!holidayDays.length) return R.int(START_2020, END_2027);
          let d = R.pick(holidayDays);
          while (holidaySet.has(d + 1)) d++;
          return d;
        },
      ],
      [1, () => (runs.length ? R.pick(runs)[0] - 1 : R.int(START_2020, END_2027))],
      [
        2,
        () => {
          const d = R.int(START_2020, END_2027);
          return d + ((6 - weekday(d) + R.int(0, 1)) % 7);
        },
      ], // a Saturday or Sunday
      [1, () => R.int(START_2020, END_2027)],
      [1, () => Date.UTC(2001, 11, 31) / DAY],
      // Far ahead: every window firm, unless before holidaysPublishedFrom —
      // more often where support answers are the aim, so that firm support
      // answers stay common now that merchant promises can be provisional.
      [support ? 6 : 2, () => Date.UTC(2090, 11, 31) / DAY],
    ])();
    if (
      new Date(published * DAY).getUTCMonth() === 11 &&
      new Date(published * DAY).getUTCDate() === 31 &&
      R.chance(0.5)
    ) {
      const first = published - R.int(0, 2);
      const last = published + R.int(1, 3);
      for (let d = first; d <= last; d++) {
        if (!holidaySet.has(d)) holidays.push(dateText(midnight(d, 0), 0));
        holidaySet.add(d);
      }
      runs.push([first, last]);
      if (policy.holidays === undefined || policy.holidays === null) policy.holidays = holidays;
    }
  }

  // Make-up workdays (调休): mostly the Saturdays and Sundays around holiday
  // runs, sometimes weekdays (allowed, they change nothing) or weekend days
  // anywhere; duplicates; never a holiday.
  const workdays = [];
  if (R.chance(0.8)) {
    const add = (day) => {
      if (!holidaySet.has(day)) workdays.push(dateText(midnight(day, 0), 0));
    };
    for (const [first, last] of runs) {
      if (!R.chance(0.6)) continue;
      const near = [];
      for (let d = first - 8; d <= last + 8; d++)
        if ((d < first || d > last) && isWeekendDay(d) && !holidaySet.has(d)) near.push(d);
      for (
        let k = R.weighted([
          [3, 1],
          [3, 2],
          [1, 3],
        ]);
        k > 0 && near.length > 0;
        k--
      )
        add(R.pick(near));
      if (R.chance(0.1)) add(first - R.int(1, 5)); // a weekday, or a weekend day
    }
    if (runs.length === 0 || R.chance(0.4)) {
      for (let k = R.int(1, 12); k > 0; k--) {
        const d = R.int(START_2020, END_2027);
        add(d + (R.chance(0.8) ? (6 - weekday(d) + R.int(0, 1)) % 7 : 0)); // a Saturday or Sunday, or any day
      }
    }
    if (R.chance(0.2) && workdays.length) workdays.push(R.pick(workdays)); // duplicates are allowed
    if (R.chance(0.5)) workdays.sort();
    policy.workdays = workdays;
  } else if (R.chance(0.5)) policy.workdays = R.chance(0.5) ? null : [];

  // Weekends as rest days: off in one policy of four (by index, so every run
  // of a few policies has some), else true, absent or null (both: true).
  let weekends = true;
  if (index % 4 === 1 || R.chance(0.08)) {
    weekends = false;
    policy.weekends = false;
  } else {
    const w = R.weighted([
      [3, 'absent'],
      [3, true],
      [1, null],
    ]);
    if (w !== 'absent') policy.weekends = w;
  }
  // Published from (version 3): absent or null, or before, inside or after
  // the years the orders use (2020–2027) — a year start, as the State
  // Council's notices go, the first day of a holiday run, a Saturday — and
  // sometimes equal to the published-through date. Never later than that
  // date (that is a fault: POLICY_FAULTS).
  let publishedFrom = null;
  // (Absent more often in support policies: firm support answers stay common.)
  const fromKind = R.weighted([
    [support ? 8 : 4, 'absent'],
    [1, 'null'],
    [4, 'before'],
    [3, 'inside'],
    [1, 'after'],
    [1, 'equal'],
  ]);
  if (fromKind === 'before') {
    publishedFrom = R.pick([Date.UTC(2001, 0, 1) / DAY, Date.UTC(2019, 0, 1) / DAY, START_2020 - R.int(1, 400)]);
  } else if (fromKind === 'inside' || (fromKind === 'equal' && published === null)) {
    publishedFrom = R.weighted([
      [4, () => Date.UTC(R.int(2020, 2027), 0, 1) / DAY],
      [2, () => (runs.length ? R.pick(runs)[0] : R.int(START_2020, END_2027))],
      [1, () => (runs.length ? R.pick(runs)[1] + 1 : R.int(START_2020, END_2027))],
      [
        1,
        () => {
          const d = R.int(START_2020, END_2027);
          return d + ((6 - weekday(d) + R.int(0, 1)) % 7);
        },
      ], // a Saturday or Sunday
      [1, () => R.int(START_2020, END_2027)],
    ])();
  } else if (fromKind === 'after') {
    publishedFrom = R.pick([Date.UTC(R.int(2028, 2031), 0, 1) / DAY, Date.UTC(2090, 0, 1) / DAY]);
  } else if (fromKind === 'equal') {
    publishedFrom = published;
  }
  if (publishedFrom !== null && published !== null && publishedFrom > published) publishedFrom = published; // equal: a one-day range
  if (publishedFrom !== null) policy.holidaysPublishedFrom = dateText(midnight(publishedFrom, 0), 0);
  else if (fromKind === 'null') policy.holidaysPublishedFrom = null;
  if (published !== null) policy.holidaysPublishedThrough = dateText(midnight(published, 0), 0);
  else if (publishedKind === 'null') policy.holidaysPublishedThrough = null;

  const entryDays = support
    ? R.int(0, 3)
    : R.weighted([
        [4, 15],
        [2, R.int(0, 30)],
        [1, 0],
        [1, 180],
      ]);
  policy.entryDays = entryDays;
  if (R.chance(0.6))
    policy.noReasonReturnDays = R.weighted([
      [3, 7],
      [2, R.int(0, 15)],
      [1, 0],
    ]);
  else if (R.chance(0.2)) policy.noReasonReturnDays = null;

  // Categories: built as text pairs so a name like __proto__ stays an own key.
  const names = [];
  const count = R.int(2, 14);
  for (let i = 0; i < count; i++) {
    const name = R.chance(0.7) ? R.pick(CATEGORY_NAMES) : `c${R.int(0, 99)}`;
    if (!names.includes(name)) names.push(name);
  }
  const entries = [];
  names.forEach((name, i) => {
    const c = {};
    if (i > 0 && R.chance(0.5)) c.parent = names[R.int(0, i - 1)];
    if (R.chance(support ? 0.05 : 0.3))
      c.entryDays = R.weighted([
        [2, entryDays],
        [3, R.int(0, 200)],
        [1, 180],
      ]);
    else if (R.chance(0.05)) c.entryDays = null;
    if (R.chance(0.25)) c.noReasonReturn = R.chance(0.6) ? false : true;
    else if (R.chance(0.05)) c.noReasonReturn = null;
    if (R.chance(support ? 0.6 : 0.35)) {
      const g = {
        returnDays: R.weighted([
          [3, 7],
          [1, R.int(0, 30)],
        ]),
        exchangeDays: R.weighted([
          [3, 15],
          [1, R.int(0, 60)],
        ]),
        warrantyMonths: R.weighted([
          [3, 12],
          [1, R.int(0, 48)],
          [1, 0],
        ]),
      };
      if (support && R.chance(0.6)) {
        g.warrantyMonths = 0;
        g.returnDays = R.int(0, 40);
        g.exchangeDays = R.int(0, 40);
      }
      if (R.chance(0.15)) g.exchangeDays = g.returnDays; // ties between EXCHANGE and RETURN
      const nParts =
        g.warrantyMonths === 0
          ? R.weighted([
              [3, 0],
              [1, 1],
            ])
          : R.weighted([
              [2, 0],
              [3, 1],
              [2, 2],
              [1, 4],
            ]);
      if (nParts > 0 || R.chance(0.3)) {
        g.parts = {};
        for (let p = 0; p < nParts; p++)
          g.parts[R.pick(PART_NAMES)] = R.weighted([
            [3, R.pick([3, 6, 12, 24, 36])],
            [1, R.int(0, 60)],
          ]);
      }
      c.threeGuarantees = g;
    } else if (R.chance(0.05)) c.threeGuarantees = null;
    if (R.chance(support ? 0.05 : 0.2))
      c.longDiscoveryDays = R.weighted([
        [2, R.pick([90, 120, 180])],
        [1, R.int(0, 400)],
      ]);
    if (support && i >= names.length - 2) {
      // Two categories where THREE_GUARANTEES_RETURN (the last) or _EXCHANGE
      // (the one before) outlasts every other window of the policy's own (no
      // warranty months, no parts, no long discovery, no 7-day return), so
      // that both bind in every run of a few policies, promises or not.
      const shorter = R.int(0, 20);
      const longer = shorter + R.int(1, 25);
      c.threeGuarantees =
        i === names.length - 1
          ? { returnDays: longer, exchangeDays: shorter, warrantyMonths: 0 }
          : { returnDays: shorter, exchangeDays: longer, warrantyMonths: 0 };
      c.noReasonReturn = false;
      delete c.longDiscoveryDays;
    }
    if (R.chance(0.05)) c.comment = 'ignored';
    entries.push(`${JSON.stringify(name)}:${JSON.stringify(c)}`);
  });
  policy.categories = JSON.parse(`{${entries.join(',')}}`);
  if (R.chance(0.05)) policy.note = 'unknown fields are ignored';
  return {
    policy,
    names,
    offset,
    holidays: [...holidaySet],
    workdays: [...new Set(workdays)].map(dayOf),
    weekends,
    published,
    publishedFrom,
    focus: support ? names.slice(-2) : [],
  };
}

/**
 * What genOrder needs of a policy, and the rest-day calendar the oracle's
 * coverage counts read: category names, holiday and workday day numbers,
 * weekends, published-through and published-from day numbers (or null), offset.
 */
export function policyContext(policy) {
  return {
    categories: Object.keys(policy.categories ?? {}),
    holidays: (policy.holidays ?? []).map(dayOf),
    workdays: (policy.workdays ?? []).map(dayOf),
    weekends: policy.weekends ?? true,
    published: policy.holidaysPublishedThrough == null ? null : dayOf(policy.holidaysPublishedThrough),
    publishedFrom: policy.holidaysPublishedFrom == null ? null : dayOf(policy.holidaysPublishedFrom),
    offset: policy.utcOffsetMinutes ?? 480,
  };
}

/** A date in neither of a policy's lists (so a fault made with it is the only one). */
function freshDate(p, text) {
  const listed = new Set([
    ...(Array.isArray(p.holidays) ? p.holidays : []),
    ...(Array.isArray(p.workdays) ? p.workdays : []),
  ]);
  let day = dayOf(text);
  while (listed.has(dateText(midnight(day, 0), 0))) day += 7;
  return dateText(midnight(day, 0), 0);
}

/**
 * Single faults in the rest-day fields of a valid policy (contract versions
 * 2 and 3, §8's readings): each mutates the policy and gives the path the
 * fault must be reported at. Every other field stays valid, so the path is
 * exact.
 */
export const POLICY_FAULTS = [
  // A workday that is also a holiday, at the end of the list, at its start, or made so by a new holiday.
  (R, p) => {
    if (!p.holidays?.length) p.holidays = [freshDate(p, '2026-10-01')];
    p.workdays = [...(p.workdays ?? []), R.pick(p.holidays)];
    return `workdays[${p.workdays.length - 1}]`;
  },
  (R, p) => {
    if (!p.holidays?.length) p.holidays = [freshDate(p, '2021-10-01')];
    p.workdays = [R.pick(p.holidays), ...(p.workdays ?? []), 'not a date'];
    return 'workdays[0]';
  },
  (R, p) => {
    if (!p.workdays?.length) p.workdays = [freshDate(p, '2021-09-26'), freshDate(p, '2021-10-09')];
    const i = R.int(0, p.workdays.length - 1);
    p.holidays = [...(p.holidays ?? []), p.workdays[i]];
    return `workdays[${p.workdays.indexOf(p.workdays[i])}]`;
  },
  // Not an array; a malformed or impossible entry.
  (R, p) => {
    p.workdays = R.pick(['2021-10-09', {}, 20211009, true]);
    return 'workdays';
  },
  (R, p) => {
    const list = [...(p.workdays ?? [])];
    const i = R.int(0, list.length);
    list.splice(
      i,
      0,
      R.pick(['2021-2-20', '2021-02-29', '2021-09-31', '2021-10-09T00:00:00+08:00', 20211009, null, '']),
    );
    p.workdays = list;
    return `workdays[${i}]`;
  },
  // A bad weekends; a malformed holidaysPublishedThrough.
  (R, p) => {
    p.weekends = R.pick(['true', 'false', 0, 1, [], {}]);
    return 'weekends';
  },
  (R, p) => {
    p.holidaysPublishedThrough = R.pick([
      '2026-12-32',
      '2026-2-1',
      '2026/12/31',
      '2026-12-31T00:00:00+08:00',
      '2027',
      20261231,
      true,
      '',
      [],
    ]);
    return 'holidaysPublishedThrough';
  },
  // Version 3: a malformed holidaysPublishedFrom (read just before
  // holidaysPublishedThrough, so reported first even when that is bad too);
  // one later than holidaysPublishedThrough (reported at holidaysPublishedFrom).
  (R, p) => {
    p.holidaysPublishedFrom = R.pick([
      '2021-00-01',
      '2021-1-1',
      '2021/01/01',
      '2021-01-01T00:00:00+08:00',
      '2021',
      20210101,
      false,
      '',
      {},
      ['2021-01-01'],
    ]);
    if (R.chance(0.3)) p.holidaysPublishedThrough = R.pick(['2026-12-32', 20261231]);
    return 'holidaysPublishedFrom';
  },
  (R, p) => {
    const through = R.pick(['2021-12-31', '2026-12-31', '2024-02-29']);
    p.holidaysPublishedThrough = through;
    p.holidaysPublishedFrom = dateText(
      midnight(
        dayOf(through) +
          R.weighted([
            [3, 1],
            [2, R.int(2, 400)],
          ]),
        0,
      ),
      0,
    );
    return 'holidaysPublishedFrom';
  },
  // Too many entries (each one valid).
  (R, p) => {
    p.holidays = Array(100_001).fill('2021-10-01');
    delete p.workdays;
    return 'holidays';
  },
  (R, p) => {
    p.workdays = Array(100_001).fill('2021-10-09');
    delete p.holidays;
    return 'workdays';
  },
  // The tree's limits (§8, Limits). These give `true`, not their path: the
  // oracle counts string paths as the rest-day families above. The paths are
  // exact all the same (genPolicy's own tree has lines of at most 14).
  // A parent chain past the line limit of 64, in either document order:
  // categories["line.064"].parent (version 3 brackets a key with a dot), the
  // first (and only) category whose line is 65.
  (R, p) => {
    const n = R.int(65, 90);
    const line = Array.from({ length: n }, (_, i) => [
      `line.${String(i).padStart(3, '0')}`,
      i === 0 ? {} : { parent: `line.${String(i - 1).padStart(3, '0')}` },
    ]);
    if (R.chance(0.5)) line.reverse();
    for (const [name, c] of line) p.categories[name] = c;
    return true;
  },
  // More than 200,000 categories (categories: the count alone, before any is read, so the malformed one is not reached).
  (R, p) => {
    p.categories['limit.bad'] = 'not a category';
    for (let i = Object.keys(p.categories).length; i <= 200_000; i++) p.categories[`limit.${i}`] = {};
    return true;
  },
];

/** Puts one rest-day fault into a valid policy; the path it must be reported at. */
export function injectPolicyFault(R, policy) {
  return R.pick(POLICY_FAULTS)(R, policy);
}

/** The benchmark's `now`: 2024-06-15T12:00:00+08:00. */
export const BENCH_NOW = Date.UTC(2024, 5, 15, 4, 0, 0);

/**
 * The benchmark's orders: a realistic mix over the default policy, bought in
 * the two years before BENCH_NOW (so open, support and expired answers all
 * occur), every category and window kind.
 */
export function benchOrders(policy, count = 10_000, seed = 20240615) {
  const R = random(seed);
  const ctx = policyContext(policy);
  const nowDay = Math.floor((BENCH_NOW + ctx.offset * 60000) / DAY);
  const orders = [];
  for (let i = 0; i < count; i++) {
    const o = genOrder(R, {
      ...ctx,
      realistic: true,
      id: String(3_200_000_000_000_000_000n + BigInt(i) * 7919n),
      successDay:
        nowDay -
        R.weighted([
          [5, R.int(0, 30)],
          [3, R.int(0, 200)],
          [3, R.int(0, 730)],
        ]),
    });
    delete o._success;
    orders.push(o);
  }
  return orders;
}
