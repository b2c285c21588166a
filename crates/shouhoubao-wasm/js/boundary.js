// The path values take across the wasm boundary, on the JS side (imported by
// src/glue.rs; wasm-bindgen ships it with the package as a snippet).
//
// In: `encode*` reads the fields the contract names from a JS value, by
// name (the shapes of the engine's src/input/shape.rs), onto a flat tape —
// numbers in a Float64Array, strings as UTF-8 in a Uint8Array — that the
// module copies in one go and reads back as a JSON value whose strings
// borrow from it (the engine's src/json/tape.rs). Nothing else of the value is enumerated, read or
// called: a page's order may carry its items, shop, back-references and
// getters at no cost. A getter or Proxy trap that throws on a named field
// becomes an UNREADABLE mark, so the module can name the field at fault.
//
// Out: `decode` builds the plain answer objects from the compact record the
// module writes (src/record.rs): numbers, and ids into a table of
// strings that the module fills as it first uses each one. Every name and
// sentence comes from the module; this file knows the record's layout only.
//
// Plain ES2017, no dependencies, no TextEncoder/TextDecoder: it runs as is
// in browsers, Node and mini-programs (the CommonJS build converts the
// `export function` lines).

// ----------------------------------------------------------------- the tape

// Tags and shapes, from the module (configure). A shape says what is read
// at a place (the engine's src/input/shape.rs): a value; a record, read by
// its field names only; a list or a map, refused by its length before any item is read.

/**
 * The tape's tags by name (the engine's src/json/tape_tags.rs, TAGS).
 * @typedef {Record<'NULL' | 'FALSE' | 'TRUE' | 'NUMBER' | 'STRING' | 'ARRAY' | 'OBJECT' | 'BIGINT' | 'SYMBOL'
 *   | 'FUNCTION' | 'UNREADABLE' | 'BUILT_IN' | 'TOO_LONG' | 'LONG_STRING' | 'LONG_KEY', number>} Tags
 */

/**
 * A shape as the module declares it (build.rs, shape_json): 0, a value;
 * `{ record: [[name, shape], …] }`; `{ list: max, item }`; `{ map: max, value }`.
 * @typedef {0
 *   | { record: Array<[string, DeclaredShape]>, list?: undefined }
 *   | { record?: undefined, list: number, item: DeclaredShape }
 *   | { record?: undefined, list?: undefined, map: number, value: DeclaredShape }} DeclaredShape
 */

/**
 * A shape made ready to read with (compileShape): a value; a record, its
 * field names (and as ASCII bytes) and their shapes, with the position of
 * the order's `id` (-1 elsewhere); a list or a map, its limit and its items'
 * shape.
 * @typedef {{ kind: typeof VALUE }} ValueShape
 * @typedef {{ kind: typeof RECORD, idIndex: number, names: string[], nameBytes: Uint8Array[], shapes: Shape[] }} RecordShape
 * @typedef {{ kind: typeof LIST | typeof MAP, max: number, item: Shape }} ItemsShape
 * @typedef {ValueShape | RecordShape | ItemsShape} Shape
 */

/**
 * What `configure` takes: JSON written by the module's build (build.rs,
 * glue_configuration).
 * @typedef {object} Configuration
 * @property {Tags} tags
 * @property {string[]} builtIns
 * @property {{ order: DeclaredShape, policy: DeclaredShape, options: DeclaredShape }} shapes
 * @property {number} maxString
 * @property {number} maxOrders
 * @property {number} maxCallsInsideCalls
 * @property {string[]} answerSlots
 * @property {string[]} windowSlots
 */

/**
 * The tags, null until `configure` (isConfigured). Typed as configured: the
 * encoder and the tape reader run only after it (the module configures the
 * glue before its first call).
 * @type {Tags}
 */
let TAG = /** @type {Tags} */ (/** @type {unknown} */ (null));
/** @type {string[]} */
let BUILT_IN_NAMES = [];
let MAX_STRING = 0;
let MAX_ORDERS = 0;
let MAX_CALLS_INSIDE_CALLS = 0;
/**
 * The shapes by what is read: order, policy, options.
 * @type {{ order: RecordShape | null, policy: Shape | null, options: Shape | null }}
 */
const SHAPES = { order: null, policy: null, options: null };

const VALUE = 0;
const RECORD = 1;
const LIST = 2;
const MAP = 3;

/**
 * A shape as the module declares it, made ready to read with.
 * @param {DeclaredShape} declared
 * @returns {Shape}
 */
function compileShape(declared) {
  if (declared === 0) return { kind: VALUE };
  if (declared.record) {
    return {
      kind: RECORD,
      idIndex: -1,
      names: declared.record.map((field) => field[0]),
      nameBytes: declared.record.map((field) => asciiBytes(field[0])),
      shapes: declared.record.map((field) => compileShape(field[1])),
    };
  }
  if (declared.list !== undefined) return { kind: LIST, max: declared.list, item: compileShape(declared.item) };
  return { kind: MAP, max: declared.map, item: compileShape(declared.value) };
}

/** @param {string} name @returns {Uint8Array} */
function asciiBytes(name) {
  const out = new Uint8Array(name.length);
  for (let i = 0; i < name.length; i++) out[i] = name.charCodeAt(i);
  return out;
}

/**
 * Takes the tape's tags, the shapes and the limits from the module (once):
 * JSON text written by the module's build (src/glue.rs, GLUE_CONFIGURATION).
 * @param {string} configurationJson
 */
export function configure(configurationJson) {
  /** @type {Configuration} */
  const configuration = JSON.parse(configurationJson);
  configurationText = configurationJson;
  BUILT_IN_NAMES = configuration.builtIns;
  // The order's shape is a record (the engine's src/input/shape.rs, ORDER).
  SHAPES.order = /** @type {RecordShape} */ (compileShape(configuration.shapes.order));
  SHAPES.order.idIndex = SHAPES.order.names.indexOf('id');
  SHAPES.policy = compileShape(configuration.shapes.policy);
  SHAPES.options = compileShape(configuration.shapes.options);
  MAX_STRING = configuration.maxString;
  MAX_ORDERS = configuration.maxOrders;
  MAX_CALLS_INSIDE_CALLS = configuration.maxCallsInsideCalls;
  ANSWER_SLOT = /** @type {AnswerSlotIndexes} */ (slotIndexes(configuration.answerSlots));
  WINDOW_SLOT = /** @type {WindowSlotIndexes} */ (slotIndexes(configuration.windowSlots));
  TAG = configuration.tags;
}

/** Whether `configure` has run. @returns {boolean} */
export function isConfigured() {
  return TAG !== null;
}

/** The configuration `configure` took, as its text (null before). @type {string | null} */
let configurationText = null;

/**
 * The configuration this glue took from its module, for a glue that has no
 * module of its own (a page talking to a worker, shouhoubao/worker).
 * @returns {string | null}
 */
export function configurationForPost() {
  return configurationText;
}

// The tape being written: numbers, and strings as UTF-8. A call made while
// another is reading its input (from a getter or a Proxy trap) writes a
// tape of its own: `beginTape` sets the outer one aside and `endTape` puts
// it back, so no call ever sees another's tape.
/** @type {Float64Array} */
let ops = new Float64Array(4096);
let opCount = 0;
/** @type {Uint8Array} */
let bytes = new Uint8Array(16384);
let byteCount = 0;
// The `id` of each order written, as the caller's own string (null where it
// is not a string the module reads): the answers give it back as `orderId`,
// so that it never crosses the boundary twice.
/** @type {Array<string | null>} */
let orderIds = [];
/** @type {string | null} */
let idRead = null;
let loneSurrogateSeen = false;
let tapesOpen = 0;
/**
 * A tape set aside while a call inside it writes its own.
 * @typedef {{ ops: Float64Array, opCount: number, bytes: Uint8Array, byteCount: number,
 *   orderIds: Array<string | null>, idRead: string | null }} TapeSetAside
 */
/** @type {TapeSetAside[]} */
const tapesSetAside = [];

function beginTape() {
  if (tapesOpen > 0) {
    tapesSetAside.push({ ops, opCount, bytes, byteCount, orderIds, idRead });
    ops = new Float64Array(256);
    bytes = new Uint8Array(1024);
  }
  tapesOpen++;
  opCount = 0;
  byteCount = 0;
  orderIds = [];
  idRead = null;
}

/**
 * Refuses a call opened inside more than MAX_CALLS_INSIDE_CALLS others (a
 * getter that calls the package, whose call reads the getter again…),
 * before anything is read: the module's stack stays bounded. Thrown after
 * `beginTape`, so that the module's `endTape` still balances it.
 */
function refuseEndlessCalls() {
  if (tapesOpen <= MAX_CALLS_INSIDE_CALLS) return;
  const error = new Error(
    `calls inside calls are nested more than ${MAX_CALLS_INSIDE_CALLS} deep: a getter or Proxy trap calls the package again from every call`,
  );
  error.name = 'EngineError';
  Object.assign(error, { code: 'INVALID_ARGUMENT', path: '' });
  throw error;
}

/** The module has copied the tape: the call's tape is done with. */
export function endTape() {
  if (tapesOpen === 0) return;
  tapesOpen--;
  const outer = tapesSetAside.pop();
  if (outer !== undefined) {
    ops = outer.ops;
    opCount = outer.opCount;
    bytes = outer.bytes;
    byteCount = outer.byteCount;
    orderIds = outer.orderIds;
    idRead = outer.idRead;
  }
}

/** The ids of the orders on the tape (before `endTape`), for the decoder. @returns {Array<string | null>} */
export function takeOrderIds() {
  return orderIds;
}

/** `s` with each lone surrogate as U+FFFD, as the module reads it. @param {string} s @returns {string} */
function wellFormed(s) {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
        continue;
      }
    }
    out += c >= 0xd800 && c <= 0xdfff ? '\ufffd' : s[i];
  }
  return out;
}

/** Appends `x` to the tape's numbers. @param {number} x */
function op(x) {
  if (opCount === ops.length) {
    const grown = new Float64Array(ops.length * 2);
    grown.set(ops);
    ops = grown;
  }
  ops[opCount++] = x;
}

/** Makes room for `count` more bytes of text. @param {number} count */
function reserveBytes(count) {
  if (byteCount + count <= bytes.length) return;
  let size = bytes.length * 2;
  while (size < byteCount + count) size *= 2;
  const grown = new Uint8Array(size);
  grown.set(bytes.subarray(0, byteCount));
  bytes = grown;
}

/**
 * A string as UTF-8, lone surrogates as U+FFFD (as TextEncoder writes them);
 * a string longer than any field may hold is not copied, only its length.
 * @param {string} s
 */
function writeString(s) {
  const n = s.length;
  if (n > MAX_STRING) {
    op(TAG.LONG_STRING);
    op(n);
    return;
  }
  op(TAG.STRING);
  const lengthAt = opCount;
  op(0); // its length in bytes, known below
  reserveBytes(3 * n);
  const end = encodeUtf8(s, bytes, byteCount);
  ops[lengthAt] = end - byteCount;
  byteCount = end;
}

/**
 * The package's one UTF-8 encoder (the mini-program build's TextEncoder,
 * miniprogram/text-codec.js, uses it too): writes the UTF-8 of `s` into
 * `destination` from `at`, lone surrogates as U+FFFD, and returns where it
 * ended. `destination` must have room for it (3 bytes per UTF-16 unit is
 * always enough). Sets `loneSurrogateSeen` when it met a lone surrogate.
 * @param {string} s
 * @param {Uint8Array} destination
 * @param {number} at
 * @returns {number}
 */
export function encodeUtf8(s, destination, at) {
  const n = s.length;
  let b = at;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      destination[b++] = c;
    } else if (c < 0x800) {
      destination[b++] = 0xc0 | (c >> 6);
      destination[b++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const point = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          destination[b++] = 0xf0 | (point >> 18);
          destination[b++] = 0x80 | ((point >> 12) & 0x3f);
          destination[b++] = 0x80 | ((point >> 6) & 0x3f);
          destination[b++] = 0x80 | (point & 0x3f);
          i++;
          continue;
        }
        c = 0xfffd;
        loneSurrogateSeen = true;
      }
      destination[b++] = 0xe0 | (c >> 12);
      destination[b++] = 0x80 | ((c >> 6) & 0x3f);
      destination[b++] = 0x80 | (c & 0x3f);
    }
  }
  return b;
}

/**
 * Starts an array or object: its tag, then its item count and how many ops
 * and text bytes its items take, filled in by `closeItems` (the module
 * steps over what it does not read). Returns where the header is.
 * @param {number} tag
 * @returns {number}
 */
function openItems(tag) {
  op(tag);
  const header = opCount;
  op(0);
  op(0);
  op(byteCount); // where its text starts, until closeItems
  return header;
}

/**
 * Ends the array or object whose header is at `header`, of `count` items.
 * @param {number} header
 * @param {number} count
 */
function closeItems(header, count) {
  ops[header] = count;
  ops[header + 1] = opCount - (header + 3);
  ops[header + 2] = byteCount - ops[header + 2];
}

/** An empty array or object: its tag and a header of zeros. @param {number} tag */
function writeEmpty(tag) {
  op(tag);
  op(0);
  op(0);
  op(0);
}

/** A field name of the module's own (ASCII), already in bytes. @param {Uint8Array} nameBytes */
function writeName(nameBytes) {
  op(TAG.STRING);
  op(nameBytes.length);
  reserveBytes(nameBytes.length);
  bytes.set(nameBytes, byteCount);
  byteCount += nameBytes.length;
}

/**
 * The descriptor of a built-in's accessor property: it has a getter in every
 * ES2015 runtime.
 * @typedef {{ get(): unknown }} Accessor
 */

/**
 * Built-ins by a method that works only on them (a brand check: it reads no
 * property, so a Proxy's traps are not called; it also knows a built-in
 * from another realm, an iframe's Map) and their names in the module's list.
 */
/** @type {Array<{ check: Function, name: string }>} */
const BRAND_CHECKS = [
  { check: Map.prototype.has, name: 'a Map' },
  { check: Set.prototype.has, name: 'a Set' },
  { check: WeakMap.prototype.has, name: 'a WeakMap' },
  { check: WeakSet.prototype.has, name: 'a WeakSet' },
  { check: Date.prototype.getTime, name: 'a Date' },
  {
    check: /** @type {Accessor} */ (Object.getOwnPropertyDescriptor(RegExp.prototype, 'source')).get,
    name: 'a RegExp',
  },
  {
    check: /** @type {Accessor} */ (
      Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Int8Array.prototype), 'length')
    ).get,
    name: 'a typed array',
  },
  {
    check: /** @type {Accessor} */ (Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')).get,
    name: 'an ArrayBuffer',
  },
  {
    check: /** @type {Accessor} */ (Object.getOwnPropertyDescriptor(DataView.prototype, 'byteLength')).get,
    name: 'a DataView',
  },
  { check: Number.prototype.valueOf, name: 'a boxed primitive' },
  { check: String.prototype.valueOf, name: 'a boxed primitive' },
  { check: Boolean.prototype.valueOf, name: 'a boxed primitive' },
];

/**
 * The prototypes of built-ins, for what a brand check cannot tell: a Proxy
 * over a built-in (Vue 3's `reactive(new Map())`), and built-ins without a
 * brand check that reads nothing (a Promise, an Error). An object whose
 * prototype chain reaches one of these is that built-in.
 */
/** @type {Array<[object, string]>} */
const BUILT_IN_PROTOTYPES = [
  [Map.prototype, 'a Map'],
  [Set.prototype, 'a Set'],
  [WeakMap.prototype, 'a WeakMap'],
  [WeakSet.prototype, 'a WeakSet'],
  [Date.prototype, 'a Date'],
  [RegExp.prototype, 'a RegExp'],
  [Object.getPrototypeOf(Int8Array.prototype), 'a typed array'],
  [ArrayBuffer.prototype, 'an ArrayBuffer'],
  [DataView.prototype, 'a DataView'],
  [Number.prototype, 'a boxed primitive'],
  [String.prototype, 'a boxed primitive'],
  [Boolean.prototype, 'a boxed primitive'],
  [Promise.prototype, 'a Promise'],
  [Error.prototype, 'an Error'],
];
if (typeof WeakRef === 'function') {
  BRAND_CHECKS.push({ check: WeakRef.prototype.deref, name: 'a WeakRef' });
  BUILT_IN_PROTOTYPES.push([WeakRef.prototype, 'a WeakRef']);
}

/** How far up a prototype chain the kind check looks (a Proxy may make one up as it goes). */
const MAX_PROTOTYPE_CHAIN = 32;

/**
 * The prototype of `v`, or undefined where a Proxy trap refuses it.
 * @param {unknown} v
 * @returns {object | null | undefined}
 */
function prototypeOf(v) {
  try {
    return Object.getPrototypeOf(v);
  } catch (_) {
    return undefined;
  }
}

/**
 * Which built-in object `v` is, as an index into the module's names;
 * ORDINARY for an ordinary object. An object whose prototype is Object.prototype or null
 * (object literals, JSON.parse's objects, Vue's and MobX's proxies over
 * them) is ordinary at once; any other is brand-checked, then known by the
 * built-in prototype its chain reaches. Anything else (an instance of the
 * caller's own class) is read like an ordinary object.
 * @param {object} v
 * @returns {number}
 */
function builtInKind(v) {
  let prototype = prototypeOf(v);
  if (prototype === Object.prototype || prototype === null) return ORDINARY;
  for (let i = 0; i < BRAND_CHECKS.length; i++) {
    try {
      BRAND_CHECKS[i].check.call(v);
    } catch (_) {
      continue;
    }
    // A built-in's prototype passes some of these checks; it is not a built-in.
    if (isBuiltInPrototype(v)) return ORDINARY;
    return BUILT_IN_NAMES.indexOf(BRAND_CHECKS[i].name);
  }
  for (let step = 0; step < MAX_PROTOTYPE_CHAIN && prototype !== null && prototype !== undefined; step++) {
    if (prototype === Object.prototype) return ORDINARY;
    for (let i = 0; i < BUILT_IN_PROTOTYPES.length; i++) {
      if (BUILT_IN_PROTOTYPES[i][0] === prototype) return BUILT_IN_NAMES.indexOf(BUILT_IN_PROTOTYPES[i][1]);
    }
    prototype = prototypeOf(prototype);
  }
  return ORDINARY;
}

/**
 * Whether `v` is one of the built-ins' own prototypes (RegExp.prototype passes RegExp's brand check).
 * @param {object} v
 * @returns {boolean}
 */
function isBuiltInPrototype(v) {
  for (let i = 0; i < BUILT_IN_PROTOTYPES.length; i++) {
    if (BUILT_IN_PROTOTYPES[i][0] === v) return true;
  }
  return false;
}

// What kind of object a value is (objectKind): an index into the module's
// built-in names (0 and up), or one of these.
const ORDINARY = -1;
const AN_ARRAY = -2;
const UNREADABLE_KIND = -3;

/**
 * What kind of object `v` is, from brand checks only (no property read).
 * @param {object} v
 * @returns {number}
 */
function objectKind(v) {
  try {
    if (Array.isArray(v)) return AN_ARRAY;
  } catch (_) {
    return UNREADABLE_KIND; // a revoked Proxy
  }
  return builtInKind(v);
}

/**
 * An object of kind `kind` where it is not read further: written as its
 * kind only, for the readers to refuse by kind.
 * @param {number} kind
 */
function writeKind(kind) {
  if (kind === AN_ARRAY) {
    writeEmpty(TAG.ARRAY);
  } else if (kind === UNREADABLE_KIND) {
    op(TAG.UNREADABLE);
  } else if (kind === ORDINARY) {
    writeEmpty(TAG.OBJECT);
  } else {
    op(TAG.BUILT_IN);
    op(kind);
  }
}

/**
 * A value where the contract expects a string, number or boolean: an object
 * or an array is written as its kind only (the readers refuse it by kind),
 * never walked.
 * @param {unknown} v
 */
function writeValue(v) {
  switch (typeof v) {
    case 'string':
      writeString(v);
      return;
    case 'number':
      op(TAG.NUMBER);
      op(v);
      return;
    case 'boolean':
      op(v ? TAG.TRUE : TAG.FALSE);
      return;
    case 'undefined':
      op(TAG.NULL);
      return;
    case 'bigint':
      op(TAG.BIGINT);
      return;
    case 'symbol':
      op(TAG.SYMBOL);
      return;
    case 'function':
      op(TAG.FUNCTION);
      return;
    default:
  }
  if (v === null) {
    op(TAG.NULL);
    return;
  }
  writeKind(objectKind(/** @type {object} */ (v))); // every other typeof has returned
}

/** What a read gives when a getter or Proxy trap throws (a private mark). */
const THREW = {};

/**
 * `holder[key]`, or THREW when reading it throws.
 * @param {object} holder
 * @param {string | number} key
 * @returns {unknown}
 */
function readMember(holder, key) {
  try {
    return /** @type {Record<string | number, unknown>} */ (holder)[key];
  } catch (_) {
    return THREW;
  }
}

/**
 * `v` read as `shape` says.
 * @param {unknown} v
 * @param {Shape} shape
 */
function writeShaped(v, shape) {
  if (v === THREW) {
    op(TAG.UNREADABLE);
    return;
  }
  if (shape.kind === VALUE || v === null || typeof v !== 'object') {
    writeValue(v);
    return;
  }
  const kind = objectKind(v);
  if (kind === AN_ARRAY && shape.kind === LIST) writeList(/** @type {unknown[]} */ (v), shape);
  else if (kind === ORDINARY && shape.kind === RECORD) writeRecord(v, shape);
  else if (kind === ORDINARY && shape.kind === MAP) writeMap(v, shape);
  else writeKind(kind);
}

/**
 * An ordinary object's named fields, each read once, every one written in
 * the order of its shape (an absent one as null): the module's readers ask
 * for them in that order, so that each lookup finds its field first.
 * @param {object} record
 * @param {RecordShape} shape
 */
function writeRecord(record, shape) {
  const header = openItems(TAG.OBJECT);
  const { names, nameBytes, shapes, idIndex } = shape;
  for (let i = 0; i < names.length; i++) {
    const field = readMember(record, names[i]);
    writeName(nameBytes[i]);
    if (field === undefined || field === null) {
      op(TAG.NULL);
      continue;
    }
    if (i === idIndex) loneSurrogateSeen = false;
    writeShaped(field, shapes[i]);
    if (i === idIndex && typeof field === 'string' && field.length <= MAX_STRING) {
      idRead = loneSurrogateSeen ? wellFormed(field) : field;
    }
  }
  closeItems(header, names.length);
}

/** A length as the module's readers take it, or -1 when it is none. @param {unknown} length @returns {number} */
function lengthOf(length) {
  return typeof length === 'number' && length >= 0 && length <= 4294967295 ? Math.floor(length) : -1;
}

/**
 * An array's items, unless it is longer than its field may be.
 * @param {unknown[]} list
 * @param {ItemsShape} shape
 */
function writeList(list, shape) {
  let length;
  try {
    length = lengthOf(list.length);
  } catch (_) {
    length = -1;
  }
  if (length < 0) {
    op(TAG.UNREADABLE);
    return;
  }
  if (length > shape.max) {
    op(TAG.TOO_LONG);
    op(length);
    return;
  }
  const header = openItems(TAG.ARRAY);
  for (let i = 0; i < length; i++) writeShaped(readMember(list, i), shape.item);
  closeItems(header, length);
}

/**
 * An ordinary object's own enumerable string keys and their values.
 * @param {object} map
 * @param {ItemsShape} shape
 */
function writeMap(map, shape) {
  let keys;
  try {
    keys = Object.keys(map);
  } catch (_) {
    op(TAG.UNREADABLE);
    return;
  }
  const count = keys.length;
  if (count > shape.max) {
    op(TAG.TOO_LONG);
    op(count);
    return;
  }
  for (let i = 0; i < count; i++) {
    if (keys[i].length > MAX_STRING) {
      op(TAG.LONG_KEY);
      return;
    }
  }
  const header = openItems(TAG.OBJECT);
  for (let i = 0; i < count; i++) {
    writeString(keys[i]);
    writeShaped(readMember(map, keys[i]), shape.item);
  }
  closeItems(header, count);
}

/**
 * Writes what the contract names of one input onto a fresh tape: `which`
 * is 'order', 'policy' or 'options'. The module copies the tape, then calls
 * `endTape`.
 * @param {unknown} value
 * @param {'order' | 'policy' | 'options'} which
 */
export function encodeInput(value, which) {
  beginTape();
  refuseEndlessCalls();
  writeShaped(value, /** @type {Shape} */ (SHAPES[which])); // set by configure
  if (which === 'order') orderIds.push(idRead);
}

/**
 * Writes each order of an array onto a fresh tape; the number of orders,
 * -1 when `orders` is not an array, -2 when its length is unreadable. An
 * array longer than the module takes is not read at all: its length comes
 * back, and the module refuses it. The module then calls `endTape`.
 * @param {unknown} orders
 * @returns {number}
 */
export function encodeOrders(orders) {
  beginTape();
  refuseEndlessCalls();
  const posted = postedTapes.get(/** @type {object} */ (orders));
  if (posted !== undefined) return usePostedTape(posted);
  let length;
  try {
    if (!Array.isArray(orders)) return -1;
    length = lengthOf(orders.length);
  } catch (_) {
    return -2;
  }
  if (length < 0) return -2;
  if (length > MAX_ORDERS) return length;
  const orderShape = /** @type {RecordShape} */ (SHAPES.order); // set by configure
  for (let i = 0; i < length; i++) {
    idRead = null;
    writeShaped(readMember(orders, i), orderShape);
    orderIds.push(idRead);
  }
  return length;
}

/**
 * Orders written onto a tape where they are, to post to a worker
 * (shouhoubao/worker): read by name exactly as `evaluateMany` reads them, so
 * that the worker's answers are the ones the page's own engine would give,
 * and nothing else the orders carry is copied. Needs `configure` first.
 * @typedef {{ count: number, ops: Float64Array, bytes: Uint8Array, ids: Array<string | null> }} PostedTape
 * @param {unknown} orders
 * @returns {PostedTape}
 */
export function encodeOrdersForPost(orders) {
  try {
    const count = encodeOrders(orders);
    return { count, ops: ops.slice(0, opCount), bytes: bytes.slice(0, byteCount), ids: orderIds };
  } finally {
    endTape();
  }
}

/** The tapes a worker received, by the stand-in arrays that name them. @type {WeakMap<object, PostedTape>} */
const postedTapes = new WeakMap();

/**
 * A stand-in for the orders of a tape written on the page: `evaluateMany`
 * (and a watch) given the stand-in reads that tape. A WeakMap lookup, so
 * that no property of the caller's own arrays is read.
 * @param {PostedTape} posted
 * @returns {unknown[]}
 */
export function ordersFromPost(posted) {
  const standIn = /** @type {unknown[]} */ ([]);
  postedTapes.set(standIn, posted);
  return standIn;
}

/**
 * Copies a posted tape onto the tape being written (the posted one is kept
 * as it is, for a watch to read again). Returns its order count.
 * @param {PostedTape} posted
 * @returns {number}
 */
function usePostedTape(posted) {
  if (ops.length < posted.ops.length) ops = new Float64Array(posted.ops.length);
  ops.set(posted.ops);
  opCount = posted.ops.length;
  reserveBytes(posted.bytes.length);
  bytes.set(posted.bytes);
  byteCount = posted.bytes.length;
  orderIds = posted.ids.slice();
  return posted.count;
}

/** The tape's numbers, to copy into the module. @returns {Float64Array} */
export function tapeOps() {
  return ops.subarray(0, opCount);
}

/** The tape's UTF-8, to copy into the module. @returns {Uint8Array} */
export function tapeText() {
  return bytes.subarray(0, byteCount);
}

/** A value read back from a tape (`ops` numbers, `text` its strings): the
 * embedded default policy, which the module keeps as a tape.
 * @param {Float64Array} tapeOps
 * @param {string} text
 * @returns {unknown}
 */
export function tapeValue(tapeOps, text) {
  let p = 0;
  let at = 0;
  /** @type {() => unknown} */
  const read = () => {
    const tag = tapeOps[p++];
    switch (tag) {
      case TAG.NULL:
        return null;
      case TAG.FALSE:
        return false;
      case TAG.TRUE:
        return true;
      case TAG.NUMBER:
        return tapeOps[p++];
      case TAG.STRING: {
        const length = tapeOps[p++];
        at += length;
        return text.slice(at - length, at);
      }
      case TAG.ARRAY: {
        /** @type {unknown[]} */
        const out = new Array(tapeOps[p]);
        p += 3; // the count, then the spans the module steps over by
        for (let i = 0; i < out.length; i++) out[i] = read();
        return out;
      }
      case TAG.OBJECT: {
        const n = tapeOps[p];
        p += 3;
        const out = {};
        for (let i = 0; i < n; i++) {
          const key = /** @type {string} */ (read()); // an object's keys are strings
          Object.defineProperty(out, key, { value: read(), enumerable: true, writable: true, configurable: true });
        }
        return out;
      }
      default:
        throw new Error(`shouhoubao: a tape holds the tag ${tag}`);
    }
  };
  return read();
}

// --------------------------------------------------------------- the record

const DAY = 86400000;
/**
 * 0 to 99 as two digits ('00' … '99'): the hours, minutes and seconds of instants.
 * @type {string[]}
 */
const TWO_DIGITS = [];
for (let i = 0; i < 100; i++) TWO_DIGITS.push(i < 10 ? `0${i}` : String(i));

/**
 * Calendar dates by day number (days since 1970-01-01), shared by every engine.
 * @type {Map<number, string>}
 */
const dates = new Map();

/** The calendar date of day number `day`, `YYYY-MM-DD`. @param {number} day @returns {string} */
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

/**
 * Midnights in the current engine's offset, by day number: most deadlines.
 * Null until the first `decode`, which sets it before anything reads it.
 * @type {Map<number, string>}
 */
let MIDNIGHTS = /** @type {Map<number, string>} */ (/** @type {unknown} */ (null));

/**
 * An instant given as local epoch ms (the policy's offset added), in RFC 3339
 * with the offset `suffix`; null for NaN.
 * @param {number} local
 * @param {string} suffix
 * @returns {string | null}
 */
function instantText(local, suffix) {
  if (local !== local) return null; // NaN: none
  const day = Math.floor(local / DAY) | 0;
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
  let text = `${dateText(day)}T${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}`;
  if (milli !== 0) text += milli < 10 ? `.00${milli}` : milli < 100 ? `.0${milli}` : `.${milli}`;
  return text + suffix;
}

const CHUNK = 8192;

/**
 * The string at units [off, off + len) of `u`. (`apply` takes any array-like
 * of arguments, a Uint16Array too: ES5.1 §15.3.4.3; TypeScript types it as an array.)
 * @param {Uint16Array} u
 * @param {number} off
 * @param {number} len
 * @returns {string}
 */
function text(u, off, len) {
  if (len <= CHUNK)
    return String.fromCharCode.apply(
      null,
      /** @type {number[]} */ (/** @type {unknown} */ (u.subarray(off, off + len))),
    );
  /** @type {string[]} */
  const parts = [];
  for (let at = 0; at < len; at += CHUNK) {
    parts.push(
      String.fromCharCode.apply(
        null,
        /** @type {number[]} */ (/** @type {unknown} */ (u.subarray(off + at, off + Math.min(len, at + CHUNK)))),
      ),
    );
  }
  return parts.join('');
}

/**
 * The JS side of an engine: its memory, the strings it has been sent (by id)
 * and its midnights (MIDNIGHTS).
 * @typedef {{ memory: WebAssembly.Memory, strings: string[], midnights: Map<number, string> }} Tables
 */

/**
 * The JS side of an engine: its memory and the strings it has been sent.
 * @param {WebAssembly.Memory} memory
 * @returns {Tables}
 */
export function newTables(memory) {
  return { memory, strings: [], midnights: new Map() };
}

// The record being decoded: its slots (the header, then the results), the
// position of the next slot to read, its UTF-16 units, and the engine's
// string table (every name and sentence, by id). The slots and units are
// views of the engine's memory during one `decode` only; the string table,
// set by the first `decode`, is typed as set.
/** @type {Float64Array | null} */
let recordSlots = null;
let slotAt = 0;
/** @type {Uint16Array | null} */
let recordUnits = null;
/** @type {string[]} */
let stringTable = /** @type {string[]} */ (/** @type {unknown} */ (null));
let SUFFIX = '';
// The policy's offset in milliseconds: the record's instants are local
// (epoch milliseconds + offset); `deadlineMs` and `nextChangeAtMs` are not.
let OFFSET_MS = 0;
let VERSION = '';

/** The milliseconds of an RFC 3339 offset suffix, `+08:00` or `-03:30`. @param {string} suffix @returns {number} */
function offsetMillis(suffix) {
  const minutes = Number(suffix.slice(1, 3)) * 60 + Number(suffix.slice(4, 6));
  return (suffix[0] === '-' ? -minutes : minutes) * 60000;
}

/**
 * A string given as (offset, length), or null when the offset is NaN. Read
 * during `decode`, which sets the record's slots and units.
 * @returns {string | null}
 */
function maybeText() {
  const off = /** @type {Float64Array} */ (recordSlots)[slotAt];
  const len = /** @type {Float64Array} */ (recordSlots)[slotAt + 1];
  slotAt += 2;
  return off !== off ? null : text(/** @type {Uint16Array} */ (recordUnits), off, len);
}

/** `x`, or null for NaN. @param {number} x @returns {number | null} */
function nullable(x) {
  return x !== x ? null : x;
}

/**
 * Each slot's position in a layout, by name (src/slots.rs), and its
 * `length` (how many slots it takes).
 * @param {string[]} names
 * @returns {Record<string, number>}
 */
function slotIndexes(names) {
  /** @type {Record<string, number>} */
  const indexes = { length: names.length };
  names.forEach((name, index) => {
    indexes[name] = index;
  });
  return indexes;
}

/**
 * The slots of an answer's layout the decoder reads (src/slots.rs, AnswerSlots).
 * @typedef {Record<'length' | 'status' | 'deadline' | 'remainingMs' | 'remainingDays' | 'reasonCode' | 'reasonText'
 *   | 'nextChangeAt' | 'provisional' | 'categoryKnown' | 'windowCount', number>} AnswerSlotIndexes
 */
/**
 * The slots of a window's layout the decoder reads (src/slots.rs, WindowSlots).
 * @typedef {Record<'length' | 'code' | 'label' | 'service' | 'deadline' | 'remainingDays' | 'active' | 'provisional'
 *   | 'part' | 'promise' | 'anchor' | 'anchorDate' | 'counting' | 'count' | 'repairDays' | 'rolledDays'
 *   | 'holidayDays' | 'weekendDays' | 'basisText', number>} WindowSlotIndexes
 */

// The record's layouts, from the module (configure): slot positions by name.
// Null until `configure`; typed as configured, as the decoder runs after it.
/** @type {AnswerSlotIndexes} */
let ANSWER_SLOT = /** @type {AnswerSlotIndexes} */ (/** @type {unknown} */ (null));
/** @type {WindowSlotIndexes} */
let WINDOW_SLOT = /** @type {WindowSlotIndexes} */ (/** @type {unknown} */ (null));

/**
 * The window at slot `p` of `f`. Ids and day numbers are read as int32
 * (`| 0`): small-integer keys keep the table and map lookups fast.
 * @param {Float64Array} f
 * @param {number} p
 */
function readWindow(f, p) {
  const strings = stringTable;
  const at = WINDOW_SLOT;
  const basis = {
    anchor: strings[f[p + at.anchor] | 0],
    anchorDate: dateText(f[p + at.anchorDate] | 0),
    counting: strings[f[p + at.counting] | 0],
    count: f[p + at.count],
    repairDays: f[p + at.repairDays],
    rolledDays: f[p + at.rolledDays],
    holidayDays: f[p + at.holidayDays],
    weekendDays: f[p + at.weekendDays],
    text: strings[f[p + at.basisText] | 0],
  };
  const label = strings[f[p + at.label] | 0];
  const code = strings[f[p + at.code] | 0];
  const service = strings[f[p + at.service] | 0];
  const deadline = instantText(f[p + at.deadline], SUFFIX);
  const deadlineMs = f[p + at.deadline] - OFFSET_MS;
  const remainingDays = f[p + at.remainingDays];
  const active = f[p + at.active] === 1;
  const provisional = f[p + at.provisional] === 1;
  // One object literal per shape, the fields in the contract's order. A
  // window names a part or a promise, not both (src/window.rs), but either
  // way the record says which.
  const part = f[p + at.part] | 0;
  const promise = f[p + at.promise] | 0;
  if (part >= 0 && promise >= 0)
    return {
      code,
      label,
      service,
      deadline,
      deadlineMs,
      remainingDays,
      active,
      provisional,
      part: strings[part],
      promise,
      basis,
    };
  if (part >= 0)
    return {
      code,
      label,
      service,
      deadline,
      deadlineMs,
      remainingDays,
      active,
      provisional,
      part: strings[part],
      basis,
    };
  if (promise >= 0)
    return { code, label, service, deadline, deadlineMs, remainingDays, active, provisional, promise, basis };
  return { code, label, service, deadline, deadlineMs, remainingDays, active, provisional, basis };
}

// Compact answers (`{ windows: false }`): the decoder leaves the window list
// out, for lists, workers and batch jobs. Set around one call by the
// package's Engine (js/engine.js).
let COMPACT_ANSWERS = false;

/**
 * Sets whether the next answers leave their windows out; returns the previous setting.
 * @param {boolean} compact
 * @returns {boolean}
 */
export function setCompactAnswers(compact) {
  const before = COMPACT_ANSWERS;
  COMPACT_ANSWERS = compact === true;
  return before;
}

/**
 * The result at the record's position: an answer, or a failure (kind 1).
 * Read during `decode`, which sets the record's slots.
 * @param {string | null} orderId
 */
function readResult(orderId) {
  const f = /** @type {Float64Array} */ (recordSlots);
  const p = slotAt;
  if (f[p] === 1) {
    slotAt = p + 2;
    const code = stringTable[f[p + 1] | 0];
    const path = maybeText();
    const message = maybeText();
    return { ok: false, orderId, error: { code, path, message } };
  }
  const at = ANSWER_SLOT;
  const status = stringTable[f[p + at.status] | 0];
  const deadline = instantText(f[p + at.deadline], SUFFIX);
  const deadlineMs = nullable(f[p + at.deadline] - OFFSET_MS);
  const remainingMs = nullable(f[p + at.remainingMs]);
  const remainingDays = nullable(f[p + at.remainingDays]);
  const reason = { code: stringTable[f[p + at.reasonCode] | 0], text: stringTable[f[p + at.reasonText] | 0] };
  const nextChangeAtMs = nullable(f[p + at.nextChangeAt] - OFFSET_MS);
  const nextChangeAt = instantText(f[p + at.nextChangeAt], SUFFIX);
  const provisional = f[p + at.provisional] === 1;
  const categoryKnown = f[p + at.categoryKnown] === 1;
  const count = f[p + at.windowCount];
  const windowSlots = WINDOW_SLOT.length;
  if (COMPACT_ANSWERS) {
    slotAt = p + at.length + count * windowSlots;
    return {
      ok: true,
      orderId,
      status,
      deadline,
      deadlineMs,
      remainingMs,
      remainingDays,
      reason,
      nextChangeAt,
      nextChangeAtMs,
      provisional,
      categoryKnown,
      policyVersion: VERSION,
    };
  }
  const windows = new Array(count);
  let w = p + at.length;
  for (let i = 0; i < count; i++, w += windowSlots) windows[i] = readWindow(f, w);
  slotAt = w;
  return {
    ok: true,
    orderId,
    status,
    deadline,
    deadlineMs,
    remainingMs,
    remainingDays,
    reason,
    windows,
    nextChangeAt,
    nextChangeAtMs,
    provisional,
    categoryKnown,
    policyVersion: VERSION,
  };
}

/**
 * The answers of one call, from the record at (header, slots, units) in the
 * engine's memory: an array, or the one answer when `single`. `orderIds`:
 * each order's id as the encoder read it (`takeOrderIds`), the answers'
 * `orderId`.
 * @param {Tables} tables
 * @param {Array<string | null>} orderIds
 * @param {number} headerPtr
 * @param {number} headerLen
 * @param {number} slotsPtr
 * @param {number} slotsLen
 * @param {number} charsPtr
 * @param {number} charsLen
 * @param {boolean} single
 */
export function decode(tables, orderIds, headerPtr, headerLen, slotsPtr, slotsLen, charsPtr, charsLen, single) {
  const buffer = tables.memory.buffer;
  recordUnits = new Uint16Array(buffer, charsPtr, charsLen);
  stringTable = tables.strings;
  MIDNIGHTS = tables.midnights;
  recordSlots = new Float64Array(buffer, headerPtr, headerLen);
  slotAt = 0;
  const fresh = recordSlots[slotAt++];
  // A new string always has its text (src/record.rs, finish): never null.
  for (let i = 0; i < fresh; i++) stringTable.push(/** @type {string} */ (maybeText()));
  SUFFIX = stringTable[recordSlots[slotAt++]];
  OFFSET_MS = offsetMillis(SUFFIX);
  VERSION = stringTable[recordSlots[slotAt++]];
  const results = recordSlots[slotAt++];
  recordSlots = new Float64Array(buffer, slotsPtr, slotsLen);
  slotAt = 0;
  let out;
  if (single) {
    out = readResult(orderIds[0]);
  } else {
    out = new Array(results);
    for (let i = 0; i < results; i++) out[i] = readResult(orderIds[i]);
  }
  recordSlots = null;
  recordUnits = null;
  return out;
}
