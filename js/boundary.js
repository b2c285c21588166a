// The path values take across the wasm boundary, on the JS side (imported by
// src/wasm/glue.rs; wasm-bindgen ships it with the package as a snippet).
//
// In: `encode*` walks a JS value once, in JS, onto a flat tape — numbers in
// a Float64Array, strings as UTF-8 in a Uint8Array — that the module copies
// in one go and reads back as a JSON value whose strings borrow from it
// (src/json/tape.rs). The walk reads
// what the module's readers would: own enumerable string keys of objects,
// array items, primitives; a getter or Proxy trap that throws becomes an
// UNREADABLE mark, so the module can name the field at fault.
//
// Out: `decode` builds the plain answer objects from the compact record the
// module writes (src/wasm/record.rs): numbers, and ids into a table of
// strings that the module fills as it first uses each one. Every name and
// sentence comes from the module; this file knows the record's layout only.
//
// Plain ES2017, no dependencies, no TextEncoder/TextDecoder: it runs as is
// in browsers, Node and mini-programs (the CommonJS build converts the
// `export function` lines).

// ----------------------------------------------------------------- the tape

// Tags and limits, from the module (configure). LIMITS: the top-level
// fields whose list is not walked past its limit, so that a runaway list
// costs nothing (the module refuses it by its length alone).
let T = null;
let MAX_DEPTH = 0;
let MAX_ITEMS = 0;
let LIMITS = null;

let ops = new Float64Array(4096);
let nOps = 0;
let bytes = new Uint8Array(16384);
let nBytes = 0;

/** Takes the tape's tags and limits from the module (once). */
export function configure(tagsJson, maxDepth, maxItems, limitsJson) {
  T = JSON.parse(tagsJson);
  MAX_DEPTH = maxDepth;
  MAX_ITEMS = maxItems;
  LIMITS = new Map(Object.entries(JSON.parse(limitsJson)));
}

export function isConfigured() {
  return T !== null;
}

function op(x) {
  if (nOps === ops.length) {
    const grown = new Float64Array(ops.length * 2);
    grown.set(ops);
    ops = grown;
  }
  ops[nOps++] = x;
}

/** A string as UTF-8, lone surrogates as U+FFFD (as TextEncoder writes them). */
function str(s) {
  const n = s.length;
  const lengthAt = nOps;
  op(0); // its length in bytes, known below
  if (nBytes + 3 * n > bytes.length) {
    let size = bytes.length * 2;
    while (size < nBytes + 3 * n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(bytes.subarray(0, nBytes));
    bytes = grown;
  }
  let b = nBytes;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      bytes[b++] = c;
    } else if (c < 0x800) {
      bytes[b++] = 0xC0 | (c >> 6);
      bytes[b++] = 0x80 | (c & 0x3F);
    } else {
      if (c >= 0xD800 && c <= 0xDFFF) {
        const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xDBFF && next >= 0xDC00 && next <= 0xDFFF) {
          const point = 0x10000 + ((c - 0xD800) << 10) + (next - 0xDC00);
          bytes[b++] = 0xF0 | (point >> 18);
          bytes[b++] = 0x80 | ((point >> 12) & 0x3F);
          bytes[b++] = 0x80 | ((point >> 6) & 0x3F);
          bytes[b++] = 0x80 | (point & 0x3F);
          i++;
          continue;
        }
        c = 0xFFFD;
      }
      bytes[b++] = 0xE0 | (c >> 12);
      bytes[b++] = 0x80 | ((c >> 6) & 0x3F);
      bytes[b++] = 0x80 | (c & 0x3F);
    }
  }
  ops[lengthAt] = b - nBytes;
  nBytes = b;
}

/** A length as the module's readers take it, or -1 when it is none. */
function lengthOf(length) {
  return typeof length === 'number' && length >= 0 && length <= 4294967295 ? Math.floor(length) : -1;
}

/** Writes `v`; `limit`: the most items or members a list there may have to be walked. */
function put(v, depth, limit) {
  switch (typeof v) {
    case 'string':
      op(T.STRING);
      str(v);
      return;
    case 'number':
      op(T.NUMBER);
      op(v);
      return;
    case 'boolean':
      op(v ? T.TRUE : T.FALSE);
      return;
    case 'undefined':
      op(T.NULL);
      return;
    case 'bigint':
      op(T.BIGINT);
      return;
    case 'symbol':
      op(T.SYMBOL);
      return;
    case 'function':
      op(T.FUNCTION);
      return;
    default:
  }
  if (v === null) {
    op(T.NULL);
    return;
  }
  if (depth >= MAX_DEPTH) {
    op(T.TOO_DEEP);
    return;
  }
  let array;
  try {
    array = Array.isArray(v);
  } catch (_) {
    op(T.UNREADABLE);
    return;
  }
  if (array) {
    let length;
    try {
      length = lengthOf(v.length);
    } catch (_) {
      length = -1;
    }
    if (length < 0) {
      op(T.UNREADABLE);
      return;
    }
    if (length > MAX_ITEMS || length > limit) {
      op(T.TOO_LONG);
      op(length);
      return;
    }
    op(T.ARRAY);
    op(length);
    for (let i = 0; i < length; i++) {
      let item;
      try {
        item = v[i];
      } catch (_) {
        op(T.UNREADABLE);
        continue;
      }
      put(item, depth + 1, MAX_ITEMS);
    }
    return;
  }
  let keys;
  try {
    keys = Object.keys(v);
  } catch (_) {
    op(T.UNREADABLE);
    return;
  }
  const n = keys.length;
  if (n > limit) {
    op(T.TOO_LONG);
    op(n);
    return;
  }
  op(T.OBJECT);
  op(n);
  for (let i = 0; i < n; i++) {
    const key = keys[i];
    op(T.STRING);
    str(key);
    let item;
    try {
      item = v[key];
    } catch (_) {
      op(T.UNREADABLE);
      continue;
    }
    const inner = depth === 0 ? LIMITS.get(key) : undefined;
    put(item, depth + 1, inner === undefined ? MAX_ITEMS : inner);
  }
}

/** Writes one value onto a fresh tape. */
export function encodeValue(value) {
  nOps = 0;
  nBytes = 0;
  put(value, 0, MAX_ITEMS);
}

/**
 * Writes each item of an array of orders onto a fresh tape; the number of
 * items, -1 when `orders` is not an array, -2 when its length is unreadable.
 */
export function encodeItems(orders) {
  nOps = 0;
  nBytes = 0;
  let length;
  try {
    if (!Array.isArray(orders)) return -1;
    length = lengthOf(orders.length);
  } catch (_) {
    return -2;
  }
  if (length < 0) return -2;
  for (let i = 0; i < length; i++) {
    let item;
    try {
      item = orders[i];
    } catch (_) {
      op(T.UNREADABLE);
      continue;
    }
    put(item, 0, MAX_ITEMS);
  }
  return length;
}

/** The tape's numbers, to copy into the module. */
export function tapeOps() {
  return ops.subarray(0, nOps);
}

/** The tape's UTF-8, to copy into the module. */
export function tapeText() {
  return bytes.subarray(0, nBytes);
}

/** A value read back from a tape (`ops` numbers, `text` its strings): the
 * embedded default policy, which the module keeps as a tape. */
export function tapeValue(tapeOps, text) {
  let p = 0;
  let at = 0;
  const read = () => {
    const tag = tapeOps[p++];
    switch (tag) {
      case T.NULL: return null;
      case T.FALSE: return false;
      case T.TRUE: return true;
      case T.NUMBER: return tapeOps[p++];
      case T.STRING: {
        const length = tapeOps[p++];
        at += length;
        return text.slice(at - length, at);
      }
      case T.ARRAY: {
        const out = new Array(tapeOps[p++]);
        for (let i = 0; i < out.length; i++) out[i] = read();
        return out;
      }
      case T.OBJECT: {
        const n = tapeOps[p++];
        const out = {};
        for (let i = 0; i < n; i++) {
          const key = read();
          Object.defineProperty(out, key, { value: read(), enumerable: true, writable: true, configurable: true });
        }
        return out;
      }
      default: throw new Error(`shouhoubao: a tape holds the tag ${tag}`);
    }
  };
  return read();
}

// --------------------------------------------------------------- the record

const DAY = 86400000;
const TWO = [];
for (let i = 0; i < 100; i++) TWO.push(i < 10 ? `0${i}` : String(i));

/** Calendar dates by day number (days since 1970-01-01), shared by every engine. */
const dates = new Map();

function dateText(day) {
  let text = dates.get(day);
  if (text === undefined) {
    // ECMAScript writes years 0–9999 with four digits, others as ±YYYYYY,
    // as the contract does.
    const iso = new Date(day * DAY).toISOString();
    text = iso.slice(0, iso.indexOf('T'));
    if (dates.size < 65536) dates.set(day, text);
  }
  return text;
}

/** Midnights in the current engine's offset, by day number: most deadlines. */
let MIDNIGHTS = null;

/** An instant given as local epoch ms (the policy's offset added), in RFC 3339. */
function instantText(local, suffix) {
  if (local !== local) return null; // NaN: none
  const day = Math.floor(local / DAY);
  const ms = local - day * DAY;
  if (ms === 0) {
    let text = MIDNIGHTS.get(day);
    if (text === undefined) {
      text = `${dateText(day)}T00:00:00${suffix}`;
      if (MIDNIGHTS.size < 65536) MIDNIGHTS.set(day, text);
    }
    return text;
  }
  const seconds = Math.floor(ms / 1000);
  const milli = ms - seconds * 1000;
  let text = `${dateText(day)}T${TWO[Math.floor(seconds / 3600)]}:${TWO[Math.floor(seconds / 60) % 60]}:${TWO[seconds % 60]}`;
  if (milli !== 0) text += milli < 10 ? `.00${milli}` : milli < 100 ? `.0${milli}` : `.${milli}`;
  return text + suffix;
}

const CHUNK = 8192;

/** The string at units [off, off + len) of `u`. */
function text(u, off, len) {
  if (len <= CHUNK) return String.fromCharCode.apply(null, u.subarray(off, off + len));
  const parts = [];
  for (let at = 0; at < len; at += CHUNK) {
    parts.push(String.fromCharCode.apply(null, u.subarray(off + at, off + Math.min(len, at + CHUNK))));
  }
  return parts.join('');
}

/** The JS side of an engine: its memory and the strings it has been sent. */
export function newTables(memory) {
  return { memory, strings: [], midnights: new Map() };
}

let F = null;
let u = null;
let P = 0;
let S = null;
let SUFFIX = '';
let VERSION = '';

/** A string given as (offset, length), or null when the offset is NaN. */
function maybeText() {
  const off = F[P];
  const len = F[P + 1];
  P += 2;
  return off !== off ? null : text(u, off, len);
}

function nullable(x) {
  return x !== x ? null : x;
}

/** The window at slot `p` of `f` (16 slots). */
function readWindow(f, p) {
  const basis = {
    anchor: S[f[p + 8]],
    anchorDate: dateText(f[p + 9]),
    counting: S[f[p + 10]],
    count: f[p + 11],
    repairDays: f[p + 12],
    rolledDays: f[p + 13],
    holidayDays: f[p + 14],
    weekendDays: f[p + 15],
  };
  const code = S[f[p]];
  const service = S[f[p + 1]];
  const deadline = instantText(f[p + 2], SUFFIX);
  const remainingDays = f[p + 3];
  const active = f[p + 4] === 1;
  const provisional = f[p + 5] === 1;
  // One object literal per shape, the fields in the contract's order. A
  // window names a part or a promise, not both (src/window.rs), but either
  // way the record says which.
  const part = f[p + 6];
  const promise = f[p + 7];
  if (part >= 0 && promise >= 0) return { code, service, deadline, remainingDays, active, provisional, part: S[part], promise, basis };
  if (part >= 0) return { code, service, deadline, remainingDays, active, provisional, part: S[part], basis };
  if (promise >= 0) return { code, service, deadline, remainingDays, active, provisional, promise, basis };
  return { code, service, deadline, remainingDays, active, provisional, basis };
}

function readResult() {
  const f = F;
  let p = P;
  const kind = f[p++];
  P = p;
  const orderId = maybeText();
  p = P;
  if (kind === 1) {
    P = p + 1;
    const code = S[f[p]];
    const path = maybeText();
    const message = maybeText();
    return { orderId, error: { code, path, message } };
  }
  const status = S[f[p]];
  const deadline = instantText(f[p + 1], SUFFIX);
  const remainingMs = nullable(f[p + 2]);
  const remainingDays = nullable(f[p + 3]);
  const reason = { code: S[f[p + 4]], text: S[f[p + 5]] };
  const nextChangeAt = instantText(f[p + 6], SUFFIX);
  const provisional = f[p + 7] === 1;
  const count = f[p + 8];
  p += 9;
  const windows = new Array(count);
  for (let i = 0; i < count; i++, p += 16) windows[i] = readWindow(f, p);
  P = p;
  return { orderId, status, deadline, remainingMs, remainingDays, reason, windows, nextChangeAt, provisional, policyVersion: VERSION };
}

/**
 * The answers of one call, from the record at (header, slots, units) in the
 * engine's memory: an array, or the one answer when `single`.
 */
export function decode(tables, headerPtr, headerLen, slotsPtr, slotsLen, charsPtr, charsLen, single) {
  const buffer = tables.memory.buffer;
  u = new Uint16Array(buffer, charsPtr, charsLen);
  S = tables.strings;
  MIDNIGHTS = tables.midnights;
  F = new Float64Array(buffer, headerPtr, headerLen);
  P = 0;
  const fresh = F[P++];
  for (let i = 0; i < fresh; i++) S.push(maybeText());
  SUFFIX = S[F[P++]];
  VERSION = S[F[P++]];
  const results = F[P++];
  F = new Float64Array(buffer, slotsPtr, slotsLen);
  P = 0;
  if (single) return readResult();
  const out = new Array(results);
  for (let i = 0; i < results; i++) out[i] = readResult();
  F = null;
  u = null;
  return out;
}
