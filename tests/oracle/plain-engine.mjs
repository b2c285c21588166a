// PlainEngine: the eligibility contract, version 3 (/work/shared/contract.md,
// mirrored in docs/contract.md, with §8's readings where version 3 leaves
// them standing) written again in plain JavaScript, from the contract alone —
// an independent second oracle for the wasm engine, and the baseline of the
// benchmarks.
//
// No dependencies and no Date objects: instants are epoch milliseconds,
// calendar dates are day numbers (days since 1970-01-01, a Thursday) in the
// policy's fixed offset, so the device's time zone can never change an answer.
// Rest days (§2: `holidays`, and with `weekends` every Saturday and Sunday not
// in `workdays`) are a per-day table over the span of the two lists plus
// weekday arithmetic on day numbers outside it. The only borrowed data are the
// reason sentences (and the zh-CN part names in them), which mirror the
// engine's wording.
//
// Version 3 (§3, §4): only the fields the contract names are read, each once,
// by name; the `categories` and `parts` maps are the only objects whose keys
// are enumerated (own enumerable string keys). Where an object is expected,
// only an ordinary object is accepted (not an array, Map, Set, Date or other
// built-in).
//
//   const engine = new PlainEngine(policy, { locale: 'en' });
//   engine.evaluate(order, now);        // the answer, or throws an Error {code, path}
//   engine.evaluateMany(orders, now);   // answers and {orderId, error} slots

const DAY = 86_400_000;
const MIN_MS = -62_135_596_800_000; // 0001-01-01T00:00:00Z
const MAX_MS = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z
const MAX_DAYS = 36_525; // 100 years
const MAX_MONTHS = 1_200;

const INVALID_POLICY = 'INVALID_POLICY';
const INVALID_ORDER = 'INVALID_ORDER';
const INVALID_ARGUMENT = 'INVALID_ARGUMENT';

// ---------------------------------------------------------------------------
// Faults. Inside the engine a fault is a plain object (cheap to throw: no
// stack trace); the public methods turn it into an Error or an error slot.

class Fault {
  constructor(code, path, message) {
    this.code = code;
    this.path = path;
    this.message = message;
  }
}

// One fault per call: the first found, reading each field whole (type, form,
// range) in the contract's order (docs/contract.md §8). `rangeFault` stays
// null; it is kept so the reading code reads the same either way.
let rangeFault = null;
function outOfRange(code, path, message) {
  throw new Fault(code, path, message);
}

function toError(f) {
  const e = new Error(f.message);
  e.name = 'EngineError';
  e.code = f.code;
  e.path = f.path;
  return e;
}

/**
 * The built-in kinds of object that are not ordinary objects, each with a
 * brand check: a call that throws unless `v` has that kind's internal slots.
 * None of them reads a property of `v` or calls anything on it (a Proxy fails
 * every check without a trap being run).
 * @type {Array<[string, (v: object) => unknown]>}
 */
const BUILT_IN_KINDS = [
  ['a Map', (v) => Map.prototype.has.call(v, undefined)],
  ['a Set', (v) => Set.prototype.has.call(v, undefined)],
  ['a Date', (v) => Date.prototype.getTime.call(v)],
  ['a WeakMap', (v) => WeakMap.prototype.has.call(v, {})],
  ['a WeakSet', (v) => WeakSet.prototype.has.call(v, {})],
  ['a RegExp', (v) => regExpSource.call(v)],
  ['a typed array', (v) => typedArrayLength.call(v)],
  ['a DataView', (v) => dataViewLength.call(v)],
  ['an ArrayBuffer', (v) => arrayBufferLength.call(v)],
  ['a boxed string', (v) => String.prototype.valueOf.call(v)],
  ['a boxed number', (v) => Number.prototype.valueOf.call(v)],
  ['a boxed boolean', (v) => Boolean.prototype.valueOf.call(v)],
];
const regExpSource = /** @type {() => string} */ (Object.getOwnPropertyDescriptor(RegExp.prototype, 'source')?.get);
const typedArrayLength = /** @type {() => number} */ (
  Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), 'length')?.get
);
const dataViewLength = /** @type {() => number} */ (
  Object.getOwnPropertyDescriptor(DataView.prototype, 'byteLength')?.get
);
const arrayBufferLength = /** @type {() => number} */ (
  Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')?.get
);

/**
 * Which built-in `v` (an object, not an array, whose prototype is not
 * Object.prototype or null) is, as "a Map"; null when it is none of them (an
 * instance of the caller's own class, or an object of another realm): an
 * ordinary object.
 */
function builtInKind(v) {
  for (const [kind, check] of BUILT_IN_KINDS) {
    try {
      check(v);
      return kind;
    } catch {
      // not this kind
    }
  }
  return null;
}

/**
 * Whether `v` is an ordinary object (§3, §4): an object that is not an array
 * and not a built-in with internal slots (Map, Set, Date, …). The common case,
 * a plain object, is decided by its prototype alone.
 */
function isObject(v) {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null || builtInKind(v) === null;
}

/** What a value is, for error messages: "null", "a number", "an array", "a Map", "an object". */
function describe(v) {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'undefined':
      return 'nothing';
    case 'string':
      return 'a string';
    case 'number':
      return Number.isFinite(v) ? 'a number' : 'a non-finite number';
    case 'boolean':
      return 'a boolean';
    case 'bigint':
      return 'a BigInt';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      break;
  }
  if (Array.isArray(v)) return 'an array';
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) return 'an object';
  return builtInKind(v) ?? 'an object';
}

/**
 * A key under a path (§7, Paths): `.key`, or `["key"]` (a JSON string) when
 * the key is empty or holds `.`, `[`, `]` or `"`.
 */
function keyPath(path, key) {
  return key === '' || /[.[\]"]/.test(key) ? `${path}[${JSON.stringify(key)}]` : `${path}.${key}`;
}

// ---------------------------------------------------------------------------
// Calendar arithmetic on day numbers (proleptic Gregorian, H. Hinnant's
// algorithms). civil() leaves its answer in cy/cm/cd to allocate nothing.

let cy = 0;
let cm = 0;
let cd = 0;

function civil(z) {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  cd = doy - Math.floor((153 * mp + 2) / 5) + 1;
  cm = mp < 10 ? mp + 3 : mp - 9;
  cy = yoe + era * 400 + (cm <= 2 ? 1 : 0);
}

function dayNumber(y, m, d) {
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const isLeap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (y, m) => (m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m]);

/** The day M months after day `day`, or the last day of that month (contract §2). */
function addMonths(day, months) {
  civil(day);
  const total = cy * 12 + (cm - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const dim = daysInMonth(y, m);
  return dayNumber(y, m, cd <= dim ? cd : dim);
}

// ---------------------------------------------------------------------------
// Small, strict parsers for RFC 3339 instants and YYYY-MM-DD dates.

/** Two ASCII digits at i, or -1. */
function d2(s, i) {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Four ASCII digits at i, or -1. */
function d4(s, i) {
  const a = d2(s, i);
  const b = d2(s, i + 2);
  return a < 0 || b < 0 ? -1 : a * 100 + b;
}

/** `YYYY-MM-DD` (exactly) as a day number; NaN when malformed or impossible. */
function parseDate(s) {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const y = d4(s, 0);
  const m = d2(s, 5);
  const d = d2(s, 8);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN; // years 0001–9999
  return dayNumber(y, m, d);
}

const MALFORMED = 1;
const OUT_OF_RANGE = 2;
let parseStatus = 0;

/**
 * An RFC 3339 date-time with an offset as epoch ms (parseStatus 0), or sets
 * parseStatus to MALFORMED or OUT_OF_RANGE. `T`/`t`/space separator, `Z`/`z`,
 * any number of fraction digits (kept to the millisecond, truncated).
 */
function parseInstant(s) {
  parseStatus = MALFORMED;
  const n = s.length;
  if (n < 20) return 0;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return 0;
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 116 && sep !== 32) return 0;
  const y = d4(s, 0);
  const mo = d2(s, 5);
  const d = d2(s, 8);
  const h = d2(s, 11);
  const mi = d2(s, 14);
  const se = d2(s, 17);
  if (
    y < 0 ||
    mo < 1 ||
    mo > 12 ||
    d < 1 ||
    d > daysInMonth(y, mo) ||
    h < 0 ||
    h > 23 ||
    mi < 0 ||
    mi > 59 ||
    se < 0 ||
    se > 59
  )
    return 0;
  let i = 19;
  let ms = 0;
  let c = s.charCodeAt(i);
  if (c === 46) {
    const start = ++i;
    for (; i < n; i++) {
      const v = s.charCodeAt(i) - 48;
      if (v < 0 || v > 9) break;
      if (i - start < 3) ms = ms * 10 + v;
    }
    const digits = i - start;
    if (digits === 0) return 0;
    if (digits === 1) ms *= 100;
    else if (digits === 2) ms *= 10;
    c = s.charCodeAt(i);
  }
  let offset;
  if (c === 90 || c === 122) {
    if (i + 1 !== n) return 0;
    offset = 0;
  } else if (c === 43 || c === 45) {
    if (i + 6 !== n || s.charCodeAt(i + 3) !== 58) return 0;
    const oh = d2(s, i + 1);
    const om = d2(s, i + 4);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return 0;
    offset = c === 45 ? -(oh * 60 + om) : oh * 60 + om;
  } else {
    return 0;
  }
  const t = (dayNumber(y, mo, d) * 86400 + h * 3600 + mi * 60 + se) * 1000 + ms - offset * 60000;
  parseStatus = t < MIN_MS || t > MAX_MS ? OUT_OF_RANGE : 0;
  return t;
}

/** An instant field (string or epoch ms) as epoch ms; faults name `path`. */
function readInstant(v, path, code) {
  if (typeof v === 'string') {
    const t = parseInstant(v);
    if (parseStatus === 0) return t;
    if (parseStatus === MALFORMED) throw new Fault(code, path, `\`${v}\` is not an RFC 3339 instant with an offset`);
    outOfRange(code, path, `\`${v}\` is outside years 0001–9999`);
    return 0;
  }
  if (typeof v === 'number') {
    const t = Math.floor(v);
    if (t >= MIN_MS && t <= MAX_MS) return t + 0;
    outOfRange(code, path, `${v} is outside years 0001–9999`);
    return 0;
  }
  throw new Fault(code, path, `expected an instant, found ${describe(v)}`);
}

/** Whole days or months: an integer, 0 to max. */
function readWhole(v, path, code, max, unit) {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new Fault(code, path, `expected a whole number of ${unit}, found ${typeof v === 'number' ? v : describe(v)}`);
  }
  if (v < 0) outOfRange(code, path, `${v} ${unit} is negative`);
  else if (v > max) outOfRange(code, path, `${v} ${unit} is more than 100 years`);
  return v + 0;
}

/** Plain string order as Rust has it: by code point (UTF-8 bytes), not UTF-16 units. */
function compareStrings(a, b) {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length;
}

// ---------------------------------------------------------------------------
// Reason sentences (data: they mirror the engine's own wording).

const PART_NAMES_ZH = {
  battery: '电池',
  charger: '充电器',
  headset: '耳机',
  main_parts: '主要部件',
  compressor: '压缩机',
  frame: '车架',
  mobile_terminal_card: '移动终端卡',
  data_interface_card: '数据接口卡',
  motor: '电机',
  program_controller: '程序控制器',
};
const SERVICE_ZH = { return: '退货', exchange: '换货', repair: '保修' };
const SERVICE_EN = { return: 'returns', exchange: 'exchanges', repair: 'repairs' };
const enDays = (n) => (n === 1 ? '1 day' : `${n} days`);
const enMonths = (n) => (n === 1 ? '1 month' : `${n} months`);

const TEXT = {
  'zh-CN': {
    entryDefault: (n) => `交易成功后${n}天内可自助申请售后`,
    entryCategory: (n) => `该类目交易成功后${n}天内可自助申请售后`,
    noReason: (n) => `签收后${n}天内支持无理由退货`,
    tgReturn: (n) => `三包期内：开票后${n}天内出现性能故障可退货，请联系官方客服`,
    tgExchange: (n) => `三包期内：开票后${n}天内出现性能故障可换货，请联系官方客服`,
    tgWarranty: (n) => `在三包保修期（${n}个月）内，可通过官方客服申请维修`,
    tgPart: (part, n) =>
      `${Object.hasOwn(PART_NAMES_ZH, part) ? PART_NAMES_ZH[part] : part}在三包保修期（${n}个月）内，可通过官方客服申请维修`,
    promise: (service, n, months) =>
      `商家承诺${n}${months ? '个月' : '天'}${SERVICE_ZH[service]}，可通过官方客服申请售后`,
    longDiscovery: (n) => `该类目问题发现周期较长，签收后${n}天内可通过官方客服申请售后`,
    expired: '售后期已结束',
    pending: '交易尚未成功，交易成功后可申请售后',
    closed: '交易已关闭，无法申请售后',
  },
  en: {
    entryDefault: (n) =>
      `You can request after-sales service yourself within ${enDays(n)} of the transaction's success`,
    entryCategory: (n) =>
      `For this category you can request after-sales service yourself within ${enDays(n)} of the transaction's success`,
    noReason: (n) => `You can return this item without giving a reason within ${enDays(n)} of delivery`,
    tgReturn: (n) =>
      `Under the Three Guarantees, a performance fault within ${enDays(n)} of the invoice can be returned: contact official customer service`,
    tgExchange: (n) =>
      `Under the Three Guarantees, a performance fault within ${enDays(n)} of the invoice can be exchanged: contact official customer service`,
    tgWarranty: (n) =>
      `Within the Three Guarantees warranty (${enMonths(n)}), official customer service can arrange a repair`,
    tgPart: (part, n) =>
      `The ${part.replaceAll('_', ' ')} is within its Three Guarantees warranty (${enMonths(n)}): official customer service can arrange a repair`,
    promise: (service, n, months) =>
      `The merchant promised ${SERVICE_EN[service]} for ${months ? enMonths(n) : enDays(n)}: claim it through official customer service`,
    longDiscovery: (n) =>
      `Problems in this category take long to show: claim within ${enDays(n)} of delivery through official customer service`,
    expired: 'The after-sales period has ended',
    pending: 'The transaction has not succeeded yet; after-sales opens once it does',
    closed: 'The order is closed; no after-sales service applies',
  },
};

// Each window's label and its basis's counting line (docs/contract.md §8,
// "Labels and counting lines").
const WORDS = {
  'zh-CN': {
    label: {
      ENTRY_DEFAULT: () => '售后入口',
      ENTRY_CATEGORY: () => '类目售后入口',
      NO_REASON_RETURN: (n) => (n === 7 ? '七天无理由退货' : `${n}天无理由退货`),
      THREE_GUARANTEES_RETURN: () => '三包退货',
      THREE_GUARANTEES_EXCHANGE: () => '三包换货',
      THREE_GUARANTEES_WARRANTY: () => '三包保修',
      THREE_GUARANTEES_PART: (n, part) =>
        `三包保修 · ${Object.hasOwn(PART_NAMES_ZH, part) ? PART_NAMES_ZH[part] : part}`,
      MERCHANT_PROMISE: (n, part, service) =>
        `商家承诺 · ${{ any: '售后', return: '退货', exchange: '换货', repair: '维修' }[service]}`,
      LONG_DISCOVERY: () => '长周期问题发现',
    },
    anchor: { success: '交易成功', delivery: '签收', invoice: '开票', exchange: '换货' },
    counting: {
      elapsed: (n, anchor) => `${anchor}起满 ${n}×24 小时`,
      days: (n, anchor) => `${anchor}起 ${n} 个自然日（起算日不计）`,
      months: (n, anchor) => `${anchor}起 ${n} 个月`,
    },
    repair: (r) => ` · 维修顺延 ${r} 天`,
    roll: (k, why) => ` · 顺延 ${k} 天（${why}）`,
    why: (h, w) => (h === 0 ? '周末' : w === 0 ? '节假日' : `节假日 ${h} 天、周末 ${w} 天`),
  },
  en: {
    label: {
      ENTRY_DEFAULT: () => 'After-sales entry',
      ENTRY_CATEGORY: () => 'Category after-sales entry',
      NO_REASON_RETURN: (n) => `${n}-day no-reason return`,
      THREE_GUARANTEES_RETURN: () => 'Three Guarantees return',
      THREE_GUARANTEES_EXCHANGE: () => 'Three Guarantees exchange',
      THREE_GUARANTEES_WARRANTY: () => 'Three Guarantees warranty',
      THREE_GUARANTEES_PART: (n, part) => `Three Guarantees warranty: ${part.replaceAll('_', ' ')}`,
      MERCHANT_PROMISE: (n, part, service) => `Merchant promise: ${service === 'any' ? 'any service' : service}`,
      LONG_DISCOVERY: () => 'Long discovery period',
    },
    anchor: {
      success: "the transaction's success",
      delivery: 'delivery',
      invoice: 'the invoice',
      exchange: 'the exchange',
    },
    counting: {
      elapsed: (n, anchor) => `${n} × 24 hours from ${anchor}`,
      days: (n, anchor) => `${n} calendar ${n === 1 ? 'day' : 'days'} from ${anchor} (the first not counted)`,
      months: (n, anchor) => `${n} ${n === 1 ? 'month' : 'months'} from ${anchor}`,
    },
    repair: (r) => ` · +${r} repair ${r === 1 ? 'day' : 'days'}`,
    roll: (k, why) => ` · rolled ${k} ${k === 1 ? 'day' : 'days'} (${why})`,
    why: (h, w) => (h === 0 ? 'weekend' : w === 0 ? 'holiday' : `${h} holiday, ${w} weekend`),
  },
};

/** The counting line of `basis` in `words` (one locale of WORDS). */
function basisText(words, basis) {
  let line = words.counting[basis.counting](basis.count, words.anchor[basis.anchor]);
  if (basis.repairDays > 0) line += words.repair(basis.repairDays);
  if (basis.rolledDays > 0) line += words.roll(basis.rolledDays, words.why(basis.holidayDays, basis.weekendDays));
  return line;
}

// ---------------------------------------------------------------------------
// Policy snapshot: checked once, then every category resolved through its
// ancestors into a flat record (settings inherited whole, contract §3).

/**
 * A policy date field (`holidaysPublishedFrom`, `holidaysPublishedThrough`):
 * absent or null → `absent`, else a real YYYY-MM-DD date as a day number.
 */
function readPolicyDate(v, path, absent) {
  if (v == null) return absent;
  const day = typeof v === 'string' ? parseDate(v) : NaN;
  if (Number.isNaN(day)) {
    throw new Fault(
      INVALID_POLICY,
      path,
      typeof v === 'string'
        ? `\`${v}\` is not a real date written YYYY-MM-DD`
        : `expected a date YYYY-MM-DD, found ${describe(v)}`,
    );
  }
  return day;
}

/** An optional boolean field: absent or null → `absent`. */
function readBoolean(v, path, absent) {
  if (v == null) return absent;
  if (typeof v !== 'boolean') throw new Fault(INVALID_POLICY, path, `expected a boolean, found ${describe(v)}`);
  return v;
}

/**
 * The policy, read field by field in the contract's order (§8, with version
 * 3's holidaysPublishedFrom just before holidaysPublishedThrough), each named
 * field read once; nothing else of it is read.
 */
function readPolicy(p) {
  rangeFault = null;
  const P = INVALID_POLICY;
  if (!isObject(p)) throw new Fault(P, '', `expected an object, found ${describe(p)}`);

  const version = p.version;
  if (version == null) throw new Fault(P, 'version', 'missing field `version`');
  if (typeof version !== 'string') throw new Fault(P, 'version', `expected a string, found ${describe(version)}`);

  let offset = 480;
  const offsetField = p.utcOffsetMinutes;
  if (offsetField != null) {
    const v = offsetField;
    if (typeof v !== 'number' || !Number.isInteger(v))
      throw new Fault(
        P,
        'utcOffsetMinutes',
        `expected a whole number of minutes, found ${typeof v === 'number' ? v : describe(v)}`,
      );
    if (v < -720 || v > 840) outOfRange(P, 'utcOffsetMinutes', `${v} is outside −720 to 840 minutes`);
    offset = v + 0;
  }

  const holidays = readDateList(p.holidays, 'holidays', 'a holiday', null);
  // A date in both lists: at the first workdays[i] that is a holiday, as that entry is read.
  const workdays = readDateList(p.workdays, 'workdays', 'a workday', holidays.length ? new Set(holidays) : null);
  const weekends = readBoolean(p.weekends, 'weekends', true);
  // The published holiday data: absent bounds never make a window provisional.
  const publishedFrom = readPolicyDate(p.holidaysPublishedFrom, 'holidaysPublishedFrom', -Infinity);
  const publishedThrough = readPolicyDate(p.holidaysPublishedThrough, 'holidaysPublishedThrough', Infinity);
  if (publishedFrom > publishedThrough) {
    throw new Fault(P, 'holidaysPublishedFrom', 'holidaysPublishedFrom is later than holidaysPublishedThrough');
  }

  const entryDaysField = p.entryDays;
  if (entryDaysField == null) throw new Fault(P, 'entryDays', 'missing field `entryDays`');
  const entryDays = readWhole(entryDaysField, 'entryDays', P, MAX_DAYS, 'days');
  const noReasonField = p.noReasonReturnDays;
  const noReasonReturnDays =
    noReasonField == null ? 7 : readWhole(noReasonField, 'noReasonReturnDays', P, MAX_DAYS, 'days');

  const raw = new Map();
  const categories = p.categories;
  if (categories != null) {
    if (!isObject(categories)) throw new Fault(P, 'categories', `expected an object, found ${describe(categories)}`);
    // A map: its own enumerable string keys. The limit by the count alone, before any category is read (§8, Limits).
    const keys = Object.keys(categories);
    if (keys.length > MAX_CATEGORIES) {
      throw new Fault(P, 'categories', `lists ${keys.length} categories, more than the limit of ${MAX_CATEGORIES}`);
    }
    for (const name of keys) raw.set(name, readCategory(categories[name], keyPath('categories', name)));
  }
  if (rangeFault !== null) {
    const f = rangeFault;
    rangeFault = null;
    throw f;
  }

  const tree = checkTree(raw);
  return {
    version,
    offset,
    holidays,
    workdays,
    weekends,
    publishedFrom,
    publishedThrough,
    entryDays,
    noReasonReturnDays,
    tree,
  };
}

/** One category: `parent`, `entryDays`, `noReasonReturn`, `threeGuarantees`, `longDiscoveryDays`, in that order. */
function readCategory(c, at) {
  const P = INVALID_POLICY;
  if (!isObject(c)) throw new Fault(P, at, `expected an object, found ${describe(c)}`);
  const r = { parent: null, entryDays: null, noReasonReturn: null, threeGuarantees: null, longDiscoveryDays: null };
  const parent = c.parent;
  if (parent != null) {
    if (typeof parent !== 'string') throw new Fault(P, `${at}.parent`, `expected a string, found ${describe(parent)}`);
    r.parent = parent;
  }
  const entryDays = c.entryDays;
  if (entryDays != null) r.entryDays = readWhole(entryDays, `${at}.entryDays`, P, MAX_DAYS, 'days');
  r.noReasonReturn = readBoolean(c.noReasonReturn, `${at}.noReasonReturn`, null);
  const g = c.threeGuarantees;
  if (g != null) r.threeGuarantees = readThreeGuarantees(g, `${at}.threeGuarantees`);
  const longDiscoveryDays = c.longDiscoveryDays;
  if (longDiscoveryDays != null)
    r.longDiscoveryDays = readWhole(longDiscoveryDays, `${at}.longDiscoveryDays`, P, MAX_DAYS, 'days');
  return r;
}

/** A category's `threeGuarantees`: `returnDays`, `exchangeDays`, `warrantyMonths` (required), `parts` (a map of months). */
function readThreeGuarantees(g, at) {
  const P = INVALID_POLICY;
  if (!isObject(g)) throw new Fault(P, at, `expected an object, found ${describe(g)}`);
  const need = (value, key, max, unit) => {
    if (value == null) throw new Fault(P, `${at}.${key}`, `missing field \`${key}\``);
    return readWhole(value, `${at}.${key}`, P, max, unit);
  };
  const returnDays = need(g.returnDays, 'returnDays', MAX_DAYS, 'days');
  const exchangeDays = need(g.exchangeDays, 'exchangeDays', MAX_DAYS, 'days');
  const warrantyMonths = need(g.warrantyMonths, 'warrantyMonths', MAX_MONTHS, 'months');
  const parts = [];
  const partMap = g.parts;
  if (partMap != null) {
    const partsAt = `${at}.parts`;
    if (!isObject(partMap)) throw new Fault(P, partsAt, `expected an object, found ${describe(partMap)}`);
    for (const part of Object.keys(partMap)) {
      parts.push({ name: part, months: readWhole(partMap[part], keyPath(partsAt, part), P, MAX_MONTHS, 'months') });
    }
    parts.sort((a, b) => compareStrings(a.name, b.name));
  }
  return { returnDays, exchangeDays, warrantyMonths, parts };
}

const MAX_CATEGORIES = 200_000; // categories in a snapshot (§8, Limits)
const MAX_LINE = 64; // a category's line: itself and its ancestors
const CYCLIC = 0x7fffffff; // the line of a category on a parent cycle or leading into one

/**
 * The checks between categories (§8): unknown parents, then parent cycles,
 * then lines longer than MAX_LINE; each reported at `categories.X.parent` for
 * the X that sorts first among those at fault in that way. Linear time: every
 * category is walked up from once, stopping at the first one already known.
 * Gives the names, records and parent indices (-1 for a root) in document order.
 */
function checkTree(raw) {
  const P = INVALID_POLICY;
  const names = [...raw.keys()];
  const recs = [...raw.values()];
  const n = names.length;
  const index = new Map();
  for (let i = 0; i < n; i++) index.set(names[i], i);
  const parent = new Int32Array(n);
  let unknown = -1;
  for (let i = 0; i < n; i++) {
    const up = recs[i].parent;
    const k = up === null ? -1 : index.get(up);
    if (k === undefined) {
      if (unknown < 0 || compareStrings(names[i], names[unknown]) < 0) unknown = i;
      parent[i] = -1;
    } else {
      parent[i] = k;
    }
  }
  if (unknown >= 0)
    throw new Fault(
      P,
      `${keyPath('categories', names[unknown])}.parent`,
      `unknown parent category \`${recs[unknown].parent}\``,
    );

  // line[i]: 0 not yet seen, -1 on the current walk, else the length of its line (CYCLIC on a parent cycle or leading into one).
  const line = new Int32Array(n);
  const stack = new Int32Array(n);
  let cycleAt = null;
  for (let s = 0; s < n; s++) {
    if (line[s] !== 0) continue;
    let top = 0;
    let at = s;
    while (at >= 0 && line[at] === 0) {
      line[at] = -1;
      stack[top++] = at;
      at = parent[at];
    }
    let base = at < 0 ? 0 : line[at];
    if (base === -1) {
      // `at` is on this walk: the cycle is at → parent → … → at; name it by the member that sorts first.
      let first = names[at];
      for (let m = parent[at]; m !== at; m = parent[m]) if (compareStrings(names[m], first) < 0) first = names[m];
      if (cycleAt === null || compareStrings(first, cycleAt) < 0) cycleAt = first;
      base = CYCLIC;
    }
    while (top > 0) {
      if (base !== CYCLIC) base++;
      line[stack[--top]] = base;
    }
  }
  if (cycleAt !== null)
    throw new Fault(P, `${keyPath('categories', cycleAt)}.parent`, `the category \`${cycleAt}\` is its own ancestor`);

  let deep = -1;
  for (let i = 0; i < n; i++) {
    if (line[i] > MAX_LINE && (deep < 0 || compareStrings(names[i], names[deep]) < 0)) deep = i;
  }
  if (deep >= 0) {
    throw new Fault(
      P,
      `${keyPath('categories', names[deep])}.parent`,
      `the category \`${names[deep]}\` has a line of ${line[deep]} categories (itself and its ancestors), more than the limit of ${MAX_LINE}`,
    );
  }
  return { names, recs, parent };
}

const MAX_LIST = 100_000; // entries in `holidays` and in `workdays` (§8)

/**
 * `holidays` or `workdays`: absent/null → [], else an array of at most
 * MAX_LIST real YYYY-MM-DD dates (duplicates allowed), as day numbers. Each
 * entry is read whole: its form, then (for workdays) whether it is a holiday.
 */
function readDateList(list, path, what, holidaySet) {
  const days = [];
  if (list == null) return days;
  if (!Array.isArray(list)) throw new Fault(INVALID_POLICY, path, `expected an array, found ${describe(list)}`);
  const n = list.length;
  if (n > MAX_LIST) throw new Fault(INVALID_POLICY, path, `lists ${n} dates, more than the limit of ${MAX_LIST}`);
  for (let i = 0; i < n; i++) {
    const v = list[i];
    const day = typeof v === 'string' ? parseDate(v) : NaN;
    if (Number.isNaN(day)) {
      throw new Fault(
        INVALID_POLICY,
        `${path}[${i}]`,
        typeof v === 'string'
          ? `${what} is a real date written YYYY-MM-DD`
          : `expected a date YYYY-MM-DD, found ${describe(v)}`,
      );
    }
    if (holidaySet !== null && holidaySet.has(day)) {
      throw new Fault(INVALID_POLICY, `${path}[${i}]`, `\`${v}\` is listed as a holiday too`);
    }
    days.push(day);
  }
  return days;
}

/**
 * Every category's effective settings (§3: its own, else its nearest
 * ancestor's, else the defaults), parents before children, each from its
 * parent's already resolved record: `defaults` for a root, and a category that
 * sets nothing itself shares its parent's record. `prepare` finishes a new
 * record (its sentences). Gives the records in document order.
 */
function resolveTree(tree, defaults, prepare) {
  const { recs, parent } = tree;
  const n = recs.length;
  const out = new Array(n).fill(null);
  const stack = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    let top = 0;
    for (let at = s; at >= 0 && out[at] === null; at = parent[at]) stack[top++] = at;
    while (top > 0) {
      const i = stack[--top];
      const up = parent[i] < 0 ? defaults : out[parent[i]];
      const r = recs[i];
      out[i] =
        r.entryDays === null && r.noReasonReturn === null && r.threeGuarantees === null && r.longDiscoveryDays === null
          ? up
          : prepare({
              entryCategory: r.entryDays !== null || up.entryCategory,
              entryDays: r.entryDays !== null ? r.entryDays : up.entryDays,
              noReasonReturn: r.noReasonReturn !== null ? r.noReasonReturn : up.noReasonReturn,
              tg: r.threeGuarantees !== null ? r.threeGuarantees : up.tg,
              longDiscoveryDays: r.longDiscoveryDays !== null ? r.longDiscoveryDays : up.longDiscoveryDays,
            });
    }
  }
  return out;
}

// Kinds of listed days in the rest-day table (0: not listed).
const HOLIDAY = 1;
const WORKDAY = 2;

/** Whether day number `day` is a Saturday or Sunday (day 0, 1970-01-01, was a Thursday). */
function isWeekend(day) {
  let w = (day + 4) % 7; // 0 Sunday … 6 Saturday
  if (w < 0) w += 7;
  return w === 0 || w === 6;
}

// Codes in plain string order, for the window sort.
const CODE_RANK = {
  ENTRY_CATEGORY: 0,
  ENTRY_DEFAULT: 1,
  LONG_DISCOVERY: 2,
  MERCHANT_PROMISE: 3,
  NO_REASON_RETURN: 4,
  THREE_GUARANTEES_EXCHANGE: 5,
  THREE_GUARANTEES_PART: 6,
  THREE_GUARANTEES_RETURN: 7,
  THREE_GUARANTEES_WARRANTY: 8,
};

const MAX_PROMISES = 100; // merchant promises of an order (§8, Limits)
const MAX_ORDERS = 1_000_000; // orders of one evaluateMany call (§7, Limits)
/** @type {Record<string, boolean>} */
const PROMISE_SERVICES = { __proto__: null, return: true, exchange: true, repair: true };
const ANCHOR_SUCCESS = 0;
const ANCHOR_DELIVERY = 1;
const ANCHOR_INVOICE = 2;
const ANCHOR_EXCHANGE = 3;
const ANCHOR_NAMES = ['success', 'delivery', 'invoice', 'exchange'];

// Scratch buffers, reused by every evaluation (evaluations are synchronous).
let wins = new Array(32);
let dls = new Float64Array(32);
let ranks = new Int32Array(32);
let order = new Int32Array(32);
let nWin = 0;

function grow() {
  const size = wins.length * 2;
  wins.length = size;
  const d = new Float64Array(size);
  d.set(dls);
  dls = d;
  const r = new Int32Array(size);
  r.set(ranks);
  ranks = r;
  order = new Int32Array(size);
}

const TWO = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : `${i}`));
const THREE = Array.from({ length: 1000 }, (_, i) => (i < 10 ? `00${i}` : i < 100 ? `0${i}` : `${i}`));

/**
 * A year, four digits at least. Only reachable past 9999 (a deadline or a
 * local date after the last accepted instant): then signed, ISO 8601's
 * expanded form as ECMAScript reads it ("+010000-01-09T00:00:00+08:00", anchorDate "+010000-01-01").
 */
function yearText(y) {
  if (y >= 1000 && y <= 9999) return `${y}`;
  if (y >= 0 && y < 1000) return THREE[y].padStart(4, '0');
  return y > 9999 ? `+${String(y).padStart(6, '0')}` : `-${String(-y).padStart(6, '0')}`;
}

/** @typedef {{ service: string, count: number, months: boolean, from: number }} MerchantPromise */

const NO_PROMISES = Object.freeze([]);

/**
 * An order's `merchantPromises`: absent or null → none, else an array of at
 * most MAX_PROMISES promises, each read by name — `service`, `days`,
 * `months`, exactly one of the two, `from` (§4, §8).
 * @returns {ReadonlyArray<MerchantPromise>}
 */
function readPromises(list) {
  const O = INVALID_ORDER;
  if (list == null) return NO_PROMISES;
  if (!Array.isArray(list)) throw new Fault(O, 'merchantPromises', `expected an array, found ${describe(list)}`);
  const n = list.length;
  // The limit by the count alone, before any promise is read (§8, Limits).
  if (n > MAX_PROMISES)
    throw new Fault(O, 'merchantPromises', `lists ${n} promises, more than the limit of ${MAX_PROMISES}`);
  const promises = new Array(n);
  for (let i = 0; i < n; i++) {
    const p = list[i];
    const at = `merchantPromises[${i}]`;
    if (!isObject(p)) throw new Fault(O, at, `expected a promise object, found ${describe(p)}`);
    const service = p.service;
    if (typeof service !== 'string' || PROMISE_SERVICES[service] !== true) {
      throw new Fault(
        O,
        `${at}.service`,
        service == null ? 'missing field `service`' : 'the service is "return", "exchange" or "repair"',
      );
    }
    const daysField = p.days;
    const hasDays = daysField != null;
    const days = hasDays ? readWhole(daysField, `${at}.days`, O, MAX_DAYS, 'days') : 0;
    const monthsField = p.months;
    const hasMonths = monthsField != null;
    const months = hasMonths ? readWhole(monthsField, `${at}.months`, O, MAX_MONTHS, 'months') : 0;
    if (hasDays === hasMonths) throw new Fault(O, at, 'a promise has exactly one of `days` and `months`');
    const from = p.from;
    const fromCode =
      from === 'success'
        ? ANCHOR_SUCCESS
        : from === 'delivery'
          ? ANCHOR_DELIVERY
          : from === 'invoice'
            ? ANCHOR_INVOICE
            : -1;
    if (fromCode < 0) {
      throw new Fault(
        O,
        `${at}.from`,
        from == null ? 'missing field `from`' : 'the anchor is "success", "delivery" or "invoice"',
      );
    }
    promises[i] = { service, count: hasDays ? days : months, months: !hasDays, from: fromCode };
  }
  return promises;
}

export class PlainEngine {
  /** A policy snapshot (required unless PlainEngine.defaultPolicy is set) and { locale: "zh-CN" | "en" }. */
  constructor(policy, options) {
    if (policy == null) {
      policy = PlainEngine.defaultPolicy;
      if (policy == null)
        throw toError(
          new Fault(INVALID_ARGUMENT, 'policy', 'no policy given and PlainEngine.defaultPolicy is not set'),
        );
    }
    let locale = 'zh-CN';
    if (options != null && options.locale != null) {
      locale = options.locale;
      if (locale !== 'zh-CN' && locale !== 'en')
        throw toError(new Fault(INVALID_ARGUMENT, 'options.locale', 'the locale is "zh-CN" or "en"'));
    }
    let pol;
    try {
      pol = readPolicy(policy);
    } catch (f) {
      if (f instanceof Fault) throw toError(f);
      throw f;
    }
    const t = TEXT[locale];
    this.version = pol.version;
    this.offsetMs = pol.offset * 60000;
    const abs = Math.abs(pol.offset);
    this.offsetText = `${pol.offset < 0 ? '-' : '+'}${TWO[Math.floor(abs / 60)]}:${TWO[abs % 60]}`;
    // The rest-day calendar: each listed day's kind (HOLIDAY or WORKDAY) in a
    // table over the span of both lists (a Map when the span is huge); every
    // other day is a rest day exactly when weekends count and it is a
    // Saturday or Sunday.
    let lo = Infinity;
    let hi = -Infinity;
    for (const list of [pol.holidays, pol.workdays]) {
      for (const d of list) {
        if (d < lo) lo = d;
        if (d > hi) hi = d;
      }
    }
    const listed = pol.holidays.length + pol.workdays.length > 0;
    this.dayLo = listed ? lo : 0;
    this.dayHi = listed ? hi : -1;
    this.dayMap = listed && hi - lo > 400_000 ? new Map() : null;
    this.dayKinds = new Uint8Array(listed && this.dayMap === null ? hi - lo + 1 : 0);
    for (const [list, kind] of [
      [pol.workdays, WORKDAY],
      [pol.holidays, HOLIDAY],
    ]) {
      for (const d of list) {
        if (this.dayMap !== null) this.dayMap.set(d, kind);
        else this.dayKinds[d - lo] = kind;
      }
    }
    this.weekends = pol.weekends;
    this.publishedFrom = pol.publishedFrom;
    this.publishedThrough = pol.publishedThrough;
    this.t = t;
    this.words = WORDS[locale];
    this.noReasonReturnDays = pol.noReasonReturnDays;
    this.noReasonText = t.noReason(pol.noReasonReturnDays);
    // Every category resolved, its sentences made once (shared down the tree).
    this.categories = new Map();
    const prepare = (c) => {
      c.entryText = c.entryCategory ? t.entryCategory(c.entryDays) : t.entryDefault(c.entryDays);
      c.entryCode = c.entryCategory ? 'ENTRY_CATEGORY' : 'ENTRY_DEFAULT';
      c.longDiscoveryText = c.longDiscoveryDays >= 0 ? t.longDiscovery(c.longDiscoveryDays) : null;
      if (c.tg !== null) {
        const g = c.tg;
        c.tgTexts = {
          ret: t.tgReturn(g.returnDays),
          exc: t.tgExchange(g.exchangeDays),
          war: t.tgWarranty(g.warrantyMonths),
          parts: g.parts.map((p) => t.tgPart(p.name, p.months)),
        };
      }
      return c;
    };
    this.unknownCategory = prepare({
      entryCategory: false,
      entryDays: pol.entryDays,
      noReasonReturn: true,
      tg: null,
      longDiscoveryDays: -1,
    });
    const resolved = resolveTree(pol.tree, this.unknownCategory, prepare);
    const names = pol.tree.names;
    for (let i = 0; i < names.length; i++) this.categories.set(names[i], resolved[i]);
    this.dateCache = new Map();
    this.midnightCache = new Map();
    this.clockOffset = 0;
  }

  get policyVersion() {
    return this.version;
  }

  /** Device clock correction for calls without `now`. */
  syncClock(serverNowMs) {
    if (typeof serverNowMs !== 'number' || !Number.isFinite(serverNowMs)) {
      throw toError(new Fault(INVALID_ARGUMENT, 'serverNowMs', 'not an instant'));
    }
    this.clockOffset = Math.floor(serverNowMs) - Date.now();
  }

  free() {}

  evaluate(order, now) {
    const t = this.now(now);
    try {
      return this.answer(order, t);
    } catch (f) {
      if (f instanceof Fault) throw toError(f);
      throw f;
    }
  }

  evaluateMany(orders, now) {
    if (!Array.isArray(orders))
      throw toError(
        new Fault(INVALID_ARGUMENT, 'orders', `evaluateMany takes an array of orders, found ${describe(orders)}`),
      );
    // The limit by the length alone, before any order is read (§7, Limits).
    const n = orders.length;
    if (n > MAX_ORDERS)
      throw toError(new Fault(INVALID_ARGUMENT, 'orders', `${n} orders, more than the limit of ${MAX_ORDERS}`));
    const t = this.now(now);
    const out = new Array(n);
    // The id each order gave, read once (an error slot names it).
    const read = { id: null };
    for (let i = 0; i < n; i++) {
      const o = orders[i];
      read.id = null;
      try {
        out[i] = this.answer(o, t, read);
      } catch (f) {
        if (!(f instanceof Fault)) throw f;
        out[i] = {
          ok: false,
          orderId: read.id,
          error: { code: f.code, path: f.path === '' ? `[${i}]` : `[${i}].${f.path}`, message: f.message },
        };
      }
    }
    return out;
  }

  now(now) {
    if (now == null) return Date.now() + this.clockOffset;
    const t = typeof now === 'number' ? Math.floor(now) : NaN;
    if (!(t >= MIN_MS && t <= MAX_MS)) {
      throw toError(
        new Fault(
          INVALID_ARGUMENT,
          'now',
          'not an instant: epoch milliseconds must be finite and within years 0001–9999',
        ),
      );
    }
    return t + 0;
  }

  // --- formatting ------------------------------------------------------------

  /** YYYY-MM-DD of a day number. */
  date(day) {
    let s = this.dateCache.get(day);
    if (s === undefined) {
      civil(day);
      s = `${yearText(cy)}-${TWO[cm]}-${TWO[cd]}`;
      if (this.dateCache.size > 50000) this.dateCache.clear();
      this.dateCache.set(day, s);
    }
    return s;
  }

  /** RFC 3339 in the policy's offset, to the second, .sss only when not zero. */
  instant(ms) {
    const local = ms + this.offsetMs;
    const day = Math.floor(local / DAY);
    let rest = local - day * DAY;
    if (rest === 0) {
      let s = this.midnightCache.get(day);
      if (s === undefined) {
        s = `${this.date(day)}T00:00:00${this.offsetText}`;
        if (this.midnightCache.size > 50000) this.midnightCache.clear();
        this.midnightCache.set(day, s);
      }
      return s;
    }
    const h = Math.floor(rest / 3600000);
    rest -= h * 3600000;
    const m = Math.floor(rest / 60000);
    rest -= m * 60000;
    const sec = Math.floor(rest / 1000);
    const milli = rest - sec * 1000;
    return milli === 0
      ? `${this.date(day)}T${TWO[h]}:${TWO[m]}:${TWO[sec]}${this.offsetText}`
      : `${this.date(day)}T${TWO[h]}:${TWO[m]}:${TWO[sec]}.${THREE[milli]}${this.offsetText}`;
  }

  /** A date field (YYYY-MM-DD or any instant) as a day number in the policy's offset. */
  readDate(v, path) {
    if (typeof v === 'string' && v.length === 10) {
      const d = parseDate(v);
      if (Number.isNaN(d))
        throw new Fault(INVALID_ORDER, path, `\`${v}\` is not a date (YYYY-MM-DD) or an RFC 3339 instant`);
      return d;
    }
    return Math.floor((readInstant(v, path, INVALID_ORDER) + this.offsetMs) / DAY);
  }

  /**
   * End day rolled forward to the first day that is not a rest day (§2);
   * sets this.rolledHolidays and this.rolledWeekends to the days passed over
   * (a holiday on a Saturday or Sunday counts as a holiday).
   */
  roll(day) {
    let holidays = 0;
    let weekendDays = 0;
    const lo = this.dayLo;
    const hi = this.dayHi;
    const kinds = this.dayKinds;
    const map = this.dayMap;
    const weekends = this.weekends;
    for (;;) {
      const kind = day >= lo && day <= hi ? (map === null ? kinds[day - lo] : (map.get(day) ?? 0)) : 0;
      if (kind === HOLIDAY) holidays++;
      else if (kind === 0 && weekends && isWeekend(day)) weekendDays++;
      else break;
      day++;
    }
    this.rolledHolidays = holidays;
    this.rolledWeekends = weekendDays;
    return day;
  }

  // --- one order ------------------------------------------------------------

  /**
   * One order's answer at `now` (or throws a Fault). The order's fields are
   * read by name, each once, in the contract's order (§4, §8); `read`, when
   * given, gets the order's id as soon as it is read (for an error slot).
   */
  answer(o, now, read) {
    const O = INVALID_ORDER;
    if (!isObject(o)) throw new Fault(O, '', `expected an object, found ${describe(o)}`);
    rangeFault = null;

    const id = o.id;
    if (typeof id !== 'string')
      throw new Fault(O, 'id', id == null ? 'missing field `id`' : `expected a string, found ${describe(id)}`);
    if (read) read.id = id;
    const category = o.category;
    if (typeof category !== 'string') {
      throw new Fault(
        O,
        'category',
        category == null ? 'missing field `category`' : `expected a string, found ${describe(category)}`,
      );
    }
    const status = o.status;
    if (status !== 'success' && status !== 'pending' && status !== 'closed') {
      throw new Fault(
        O,
        'status',
        status == null ? 'missing field `status`' : 'the status is "pending", "success" or "closed"',
      );
    }

    const successField = o.successAt;
    const hasSuccess = successField != null;
    const success = hasSuccess ? readInstant(successField, 'successAt', O) : 0;
    const deliveredField = o.deliveredAt;
    const hasDelivered = deliveredField != null;
    const delivered = hasDelivered ? readInstant(deliveredField, 'deliveredAt', O) : 0;
    const invoiceField = o.invoiceAt;
    const hasInvoice = invoiceField != null;
    const invoiceDay = hasInvoice ? this.readDate(invoiceField, 'invoiceAt') : 0;
    const repairField = o.repairDays;
    const repairDays = repairField == null ? 0 : readWhole(repairField, 'repairDays', O, MAX_DAYS, 'days');
    const exchangeField = o.exchangedAt;
    const hasExchange = exchangeField != null;
    const exchangeDay = hasExchange ? this.readDate(exchangeField, 'exchangedAt') : 0;

    // Each promise: service, days, months, days-or-months, from. Kept per
    // call (a getter may call the engine again while this order is read).
    const promises = readPromises(o.merchantPromises);
    if (rangeFault !== null) {
      const f = rangeFault;
      rangeFault = null;
      throw f;
    }
    // Checks between fields come after every field's own checks.
    if (status === 'success' && !hasSuccess) {
      throw new Fault(O, 'successAt', 'missing field `successAt` (required when the status is "success")');
    }
    const categoryKnown = this.categories.has(category);

    if (status !== 'success') {
      return {
        ok: true,
        orderId: id,
        status: 'pending' === status ? 'pending' : 'closed',
        deadline: null,
        deadlineMs: null,
        remainingMs: null,
        remainingDays: null,
        reason:
          status === 'pending'
            ? { code: 'TRANSACTION_PENDING', text: this.t.pending }
            : { code: 'ORDER_CLOSED', text: this.t.closed },
        windows: [],
        nextChangeAt: null,
        nextChangeAtMs: null,
        provisional: false,
        categoryKnown,
        policyVersion: this.version,
      };
    }

    // --- windows ---------------------------------------------------------------
    let cat = this.categories.get(category);
    if (cat === undefined) cat = this.unknownCategory;
    const off = this.offsetMs;
    const successDay = Math.floor((success + off) / DAY);
    const deliveryDay = hasDelivered ? Math.floor((delivered + off) / DAY) : successDay;
    const deliveryAnchor = hasDelivered ? ANCHOR_DELIVERY : ANCHOR_SUCCESS;
    const invDay = hasInvoice ? invoiceDay : deliveryDay;
    const invAnchor = hasInvoice ? ANCHOR_INVOICE : deliveryAnchor;
    const nPromises = promises.length;
    nWin = 0;
    const needed = 4 + nPromises + (cat.tg !== null ? cat.tg.parts.length : 0);
    while (wins.length < needed) grow();

    // Generation order: ENTRY, NO_REASON_RETURN, then the support windows in
    // their tie order (WARRANTY, PART by name, EXCHANGE, RETURN, MERCHANT_PROMISE
    // by index, LONG_DISCOVERY), so the binding choice can scan in order and
    // keep the first of a tie, the one listed first in `windows` (§6).
    const entryDeadline = success + cat.entryDays * DAY;
    this.push(cat.entryCode, 'any', entryDeadline, ANCHOR_SUCCESS, successDay, 'elapsed', cat.entryDays, 0, null, -1);
    // A window of n calendar days from delivery, ending at 24:00 of the last (§5).
    const daysFromDelivery = (code, service, n) =>
      this.push(code, service, (deliveryDay + n + 1) * DAY - off, deliveryAnchor, deliveryDay, 'days', n, 0, null, -1);
    const hasNoReason = cat.noReasonReturn;
    if (hasNoReason) daysFromDelivery('NO_REASON_RETURN', 'return', this.noReasonReturnDays);
    const firstSupport = nWin;
    const g = cat.tg;
    if (g !== null) {
      const wAnchor = hasExchange ? ANCHOR_EXCHANGE : invAnchor;
      const wDay = hasExchange ? exchangeDay : invDay;
      // Count, add repair days, roll forward over rest days (§2).
      const parts = g.parts;
      this.pushRolled(
        'THREE_GUARANTEES_WARRANTY',
        'repair',
        addMonths(wDay, g.warrantyMonths) + repairDays,
        wAnchor,
        wDay,
        'months',
        g.warrantyMonths,
        repairDays,
        null,
        -1,
      );
      for (let i = 0; i < parts.length; i++) {
        this.pushRolled(
          'THREE_GUARANTEES_PART',
          'repair',
          addMonths(wDay, parts[i].months) + repairDays,
          wAnchor,
          wDay,
          'months',
          parts[i].months,
          repairDays,
          parts[i].name,
          i,
        );
      }
      this.pushRolled(
        'THREE_GUARANTEES_EXCHANGE',
        'exchange',
        invDay + g.exchangeDays,
        invAnchor,
        invDay,
        'days',
        g.exchangeDays,
        0,
        null,
        -1,
      );
      this.pushRolled(
        'THREE_GUARANTEES_RETURN',
        'return',
        invDay + g.returnDays,
        invAnchor,
        invDay,
        'days',
        g.returnDays,
        0,
        null,
        -1,
      );
    }
    // Merchant promises roll over rest days too (version 3, §5: 民法典 art. 204).
    for (let i = 0; i < nPromises; i++) {
      const promise = promises[i];
      const from = promise.from;
      const anchor = from === ANCHOR_SUCCESS ? ANCHOR_SUCCESS : from === ANCHOR_DELIVERY ? deliveryAnchor : invAnchor;
      const day = from === ANCHOR_SUCCESS ? successDay : from === ANCHOR_DELIVERY ? deliveryDay : invDay;
      const months = promise.months;
      const count = promise.count;
      const end = months ? addMonths(day, count) : day + count;
      this.pushRolled(
        'MERCHANT_PROMISE',
        promise.service,
        end,
        anchor,
        day,
        months ? 'months' : 'days',
        count,
        0,
        null,
        i,
      );
    }
    if (cat.longDiscoveryDays >= 0) daysFromDelivery('LONG_DISCOVERY', 'any', cat.longDiscoveryDays);

    // Active windows, their remaining days, and the earliest next day tick
    // among them: deadline − (remainingDays − 1) days, the deadline itself on
    // the last day (§6, nextChangeAt).
    let nextChange = Infinity;
    for (let i = 0; i < nWin; i++) {
      const d = dls[i];
      if (now < d) {
        const w = wins[i];
        const days = Math.ceil((d - now) / DAY);
        w.active = true;
        w.remainingDays = days;
        const tick = d - (days - 1) * DAY;
        if (tick < nextChange) nextChange = tick;
      }
    }

    // The binding window (contract §6).
    let bind = -1;
    let status2;
    const entryActive = now < entryDeadline;
    const noReasonActive = hasNoReason && now < dls[1];
    if (entryActive || noReasonActive) {
      status2 = 'open';
      bind = entryActive && (!noReasonActive || entryDeadline >= dls[1]) ? 0 : 1;
    } else {
      let best = -Infinity;
      for (let i = firstSupport; i < nWin; i++) {
        const d = dls[i];
        if (now < d && d > best) {
          best = d;
          bind = i;
        }
      }
      status2 = bind >= 0 ? 'support' : 'closed';
    }

    // Sorted windows: deadline, code, part, promise index (insertion sort, stable).
    const sorted = new Array(nWin);
    for (let i = 0; i < nWin; i++) {
      let j = i;
      const d = dls[i];
      const r = ranks[i];
      while (j > 0) {
        const k = order[j - 1];
        const dk = dls[k];
        if (dk < d || (dk === d && (ranks[k] < r || (ranks[k] === r && !this.after(k, i))))) break;
        order[j] = k;
        j--;
      }
      order[j] = i;
    }
    for (let i = 0; i < nWin; i++) {
      sorted[i] = wins[order[i]];
    }

    if (bind < 0) {
      return {
        ok: true,
        orderId: id,
        status: 'closed',
        deadline: wins[order[nWin - 1]].deadline,
        deadlineMs: wins[order[nWin - 1]].deadlineMs,
        remainingMs: 0,
        remainingDays: 0,
        reason: { code: 'EXPIRED', text: this.t.expired },
        windows: sorted,
        nextChangeAt: null,
        nextChangeAtMs: null,
        provisional: false,
        categoryKnown,
        policyVersion: this.version,
      };
    }
    const bw = wins[bind];
    const bd = dls[bind];
    return {
      ok: true,
      orderId: id,
      status: status2,
      deadline: bw.deadline,
      deadlineMs: bd,
      remainingMs: bd - now,
      remainingDays: bw.remainingDays,
      reason: { code: bw.code, text: this.reasonText(cat, bind, bw) },
      windows: sorted,
      nextChangeAt: this.instant(nextChange),
      nextChangeAtMs: nextChange,
      // open answers are bound by a self-service window, which never is provisional
      provisional: bw.provisional,
      categoryKnown,
      policyVersion: this.version,
    };
  }

  /** Whether window k sorts after window i when deadline and code are equal. */
  after(k, i) {
    const a = wins[k];
    const b = wins[i];
    if (a.code === 'THREE_GUARANTEES_PART') return compareStrings(a.part, b.part) > 0;
    if (a.code === 'MERCHANT_PROMISE') return a.promise > b.promise;
    return false;
  }

  /** A window that does not roll: its deadline as given; never provisional; roll counts 0. */
  push(code, service, deadline, anchor, anchorDay, counting, count, repairDays, part, index) {
    this.add(code, service, deadline, anchor, anchorDay, counting, count, repairDays, 0, 0, false, part, index);
  }

  /**
   * A window that rolls over rest days, from its end day after counting and
   * repair days: rolled forward, deadline 00:00 of the next day; provisional
   * when the rolled end day is past holidaysPublishedThrough or the end day
   * before the roll is before holidaysPublishedFrom (§5).
   */
  pushRolled(code, service, endDay, anchor, anchorDay, counting, count, repairDays, part, index) {
    const end = this.roll(endDay);
    this.add(
      code,
      service,
      (end + 1) * DAY - this.offsetMs,
      anchor,
      anchorDay,
      counting,
      count,
      repairDays,
      this.rolledHolidays,
      this.rolledWeekends,
      end > this.publishedThrough || endDay < this.publishedFrom,
      part,
      index,
    );
  }

  add(
    code,
    service,
    deadline,
    anchor,
    anchorDay,
    counting,
    count,
    repairDays,
    holidayDays,
    weekendDays,
    provisional,
    part,
    index,
  ) {
    const basis = {
      anchor: ANCHOR_NAMES[anchor],
      anchorDate: this.date(anchorDay),
      counting,
      count,
      repairDays,
      rolledDays: holidayDays + weekendDays,
      holidayDays,
      weekendDays,
      text: '',
    };
    basis.text = basisText(this.words, basis);
    const label = this.words.label[code](count, part, service);
    let w;
    if (code === 'THREE_GUARANTEES_PART') {
      w = {
        code,
        label,
        service,
        deadline: this.instant(deadline),
        deadlineMs: deadline,
        remainingDays: 0,
        active: false,
        provisional,
        part,
        basis,
      };
    } else if (code === 'MERCHANT_PROMISE') {
      w = {
        code,
        label,
        service,
        deadline: this.instant(deadline),
        deadlineMs: deadline,
        remainingDays: 0,
        active: false,
        provisional,
        promise: index,
        basis,
      };
    } else {
      w = {
        code,
        label,
        service,
        deadline: this.instant(deadline),
        deadlineMs: deadline,
        remainingDays: 0,
        active: false,
        provisional,
        basis,
      };
    }
    wins[nWin] = w;
    dls[nWin] = deadline;
    ranks[nWin] = CODE_RANK[code];
    nWin++;
  }

  reasonText(cat, bind, w) {
    switch (w.code) {
      case 'ENTRY_DEFAULT':
      case 'ENTRY_CATEGORY':
        return cat.entryText;
      case 'NO_REASON_RETURN':
        return this.noReasonText;
      case 'THREE_GUARANTEES_WARRANTY':
        return cat.tgTexts.war;
      case 'THREE_GUARANTEES_PART':
        return cat.tgTexts.parts[cat.tg.parts.findIndex((p) => p.name === w.part)];
      case 'THREE_GUARANTEES_EXCHANGE':
        return cat.tgTexts.exc;
      case 'THREE_GUARANTEES_RETURN':
        return cat.tgTexts.ret;
      case 'MERCHANT_PROMISE':
        return this.t.promise(w.service, w.basis.count, w.basis.counting === 'months');
      default:
        return cat.longDiscoveryText;
    }
  }
}

PlainEngine.defaultPolicy = undefined;
