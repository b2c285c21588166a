'use strict';
// UTF-8 TextEncoder and TextDecoder after the WHATWG Encoding Standard, for
// runtimes that have none (WeChat and Alipay mini-programs). Where the
// runtime has them, the native classes are exported instead. Copied into the
// package by shouhoubao-wasm/finish-pkg.mjs.

var UTF8_LABELS = ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8'];
var toTag = Object.prototype.toString;

/**
 * Whether `value` is an ArrayBuffer or a SharedArrayBuffer (of any realm).
 * @param {unknown} value
 * @returns {value is ArrayBuffer | SharedArrayBuffer}
 */
function isBufferLike(value) {
  var tag = toTag.call(value);
  return tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]';
}

/**
 * The bytes `decode` reads: a view of `input`'s own (none for undefined).
 * @param {unknown} input
 * @returns {Uint8Array}
 */
function toBytes(input) {
  if (input === undefined) return new Uint8Array(0);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (isBufferLike(input)) return new Uint8Array(input);
  throw new TypeError('TextDecoder.decode: the input must be an ArrayBuffer or an ArrayBufferView');
}

// The one UTF-8 encoder of the package is the glue's (boundary.js); this
// file only measures.
var encodeUtf8 = require('./boundary.js').encodeUtf8;

/**
 * The longest prefix of `s` whose UTF-8 fits in `capacity` bytes, whole code
 * points only (lone surrogates counted as U+FFFD, 3 bytes): its length in
 * UTF-16 units and in bytes.
 * @param {string} s
 * @param {number} capacity
 * @returns {[number, number]}
 */
function utf8Prefix(s, capacity) {
  var units = 0;
  var bytes = 0;
  while (units < s.length) {
    var c = s.charCodeAt(units);
    var width = 3;
    var unitsTaken = 1;
    if (c < 0x80) width = 1;
    else if (c < 0x800) width = 2;
    else if (c >= 0xd800 && c <= 0xdbff && units + 1 < s.length) {
      var next = s.charCodeAt(units + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        width = 4;
        unitsTaken = 2;
      }
    }
    if (bytes + width > capacity) break;
    bytes += width;
    units += unitsTaken;
  }
  return [units, bytes];
}

/** @this {unknown} anything when called without `new` (refused) */
function Utf8TextEncoder() {
  if (!(this instanceof Utf8TextEncoder)) throw new TypeError("Constructor TextEncoder requires 'new'");
}
Object.defineProperty(Utf8TextEncoder.prototype, 'encoding', {
  get: function () {
    return 'utf-8';
  },
  configurable: true,
});
/**
 * @param {string} [input]
 * @returns {Uint8Array}
 */
Utf8TextEncoder.prototype.encode = function encode(input) {
  var s = input === undefined ? '' : String(input);
  var bytes = new Uint8Array(utf8Prefix(s, Infinity)[1]);
  encodeUtf8(s, bytes, 0);
  return bytes;
};
/**
 * @param {string} source
 * @param {Uint8Array} destination
 * @returns {{ read: number, written: number }}
 */
Utf8TextEncoder.prototype.encodeInto = function encodeInto(source, destination) {
  if (toTag.call(destination) !== '[object Uint8Array]') {
    throw new TypeError('TextEncoder.encodeInto: the destination must be a Uint8Array');
  }
  var s = String(source);
  var fits = utf8Prefix(s, destination.length);
  encodeUtf8(fits[0] === s.length ? s : s.slice(0, fits[0]), destination, 0);
  return { read: fits[0], written: fits[1] };
};

/**
 * @param {string} [label]
 * @param {{ fatal?: boolean, ignoreBOM?: boolean }} [options]
 * @this {DecoderState}
 */
function Utf8TextDecoder(label, options) {
  if (!(this instanceof Utf8TextDecoder)) throw new TypeError("Constructor TextDecoder requires 'new'");
  var name =
    label === undefined
      ? 'utf-8'
      : String(label)
          .replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '')
          .toLowerCase();
  if (UTF8_LABELS.indexOf(name) < 0) {
    throw new RangeError('TextDecoder: this build decodes UTF-8 only, not ' + JSON.stringify(String(label)));
  }
  this._fatal = !!(options && options.fatal);
  this._ignoreBOM = !!(options && options.ignoreBOM);
  this._doNotFlush = false;
  this._reset();
}
Object.defineProperty(Utf8TextDecoder.prototype, 'encoding', {
  get: function () {
    return 'utf-8';
  },
  configurable: true,
});
Object.defineProperty(Utf8TextDecoder.prototype, 'fatal', {
  get: function () {
    return this._fatal;
  },
  configurable: true,
});
Object.defineProperty(Utf8TextDecoder.prototype, 'ignoreBOM', {
  get: function () {
    return this._ignoreBOM;
  },
  configurable: true,
});
/**
 * A decoder's state: its options, and where a multi-byte sequence stands
 * between `decode` calls that stream (set by `_reset`, which the constructor
 * calls).
 * @typedef {object} DecoderState
 * @property {boolean} _fatal
 * @property {boolean} _ignoreBOM
 * @property {boolean} _doNotFlush
 * @property {number} _codePoint the sequence's bits so far
 * @property {number} _needed its continuation bytes in all
 * @property {number} _seen those read so far
 * @property {number} _lower the lowest the next continuation byte may be
 * @property {number} _upper the highest the next continuation byte may be
 * @property {boolean} _bomSeen
 * @property {() => void} _reset
 */
/** @this {DecoderState} */
Utf8TextDecoder.prototype._reset = function () {
  this._codePoint = 0;
  this._needed = 0;
  this._seen = 0;
  this._lower = 0x80;
  this._upper = 0xbf;
  this._bomSeen = false;
};
/**
 * @this {DecoderState}
 * @param {ArrayBuffer | SharedArrayBuffer | ArrayBufferView} [input]
 * @param {{ stream?: boolean }} [options]
 * @returns {string}
 */
Utf8TextDecoder.prototype.decode = function decode(input, options) {
  if (!this._doNotFlush) this._reset();
  this._doNotFlush = !!(options && options.stream);
  var bytes = toBytes(input);
  var self = this;
  var out = '';
  /** @type {number[]} */
  var units = [];
  /** @param {number} c */
  function emit(c) {
    if (!self._ignoreBOM && !self._bomSeen) {
      self._bomSeen = true;
      if (c === 0xfeff) return;
    }
    if (c > 0xffff) {
      c -= 0x10000;
      units.push(0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
    } else {
      units.push(c);
    }
    if (units.length >= 8192) {
      out += String.fromCharCode.apply(null, units);
      units = [];
    }
  }
  function error() {
    if (self._fatal) {
      self._doNotFlush = false;
      self._reset();
      throw new TypeError('TextDecoder.decode: the data is not valid UTF-8');
    }
    emit(0xfffd);
  }
  var i = 0;
  var length = bytes.length;
  while (i < length) {
    var b = bytes[i];
    if (this._needed === 0) {
      i++;
      if (b <= 0x7f) {
        emit(b);
      } else if (b >= 0xc2 && b <= 0xdf) {
        this._needed = 1;
        this._codePoint = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) this._lower = 0xa0;
        if (b === 0xed) this._upper = 0x9f;
        this._needed = 2;
        this._codePoint = b & 0x0f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) this._lower = 0x90;
        if (b === 0xf4) this._upper = 0x8f;
        this._needed = 3;
        this._codePoint = b & 0x07;
      } else {
        error();
      }
      continue;
    }
    if (b < this._lower || b > this._upper) {
      // The byte is not consumed: it starts over as a lead byte.
      this._codePoint = this._needed = this._seen = 0;
      this._lower = 0x80;
      this._upper = 0xbf;
      error();
      continue;
    }
    i++;
    this._lower = 0x80;
    this._upper = 0xbf;
    this._codePoint = (this._codePoint << 6) | (b & 0x3f);
    this._seen++;
    if (this._seen === this._needed) {
      var c = this._codePoint;
      this._codePoint = this._needed = this._seen = 0;
      emit(c);
    }
  }
  if (!this._doNotFlush && this._needed !== 0) {
    this._codePoint = this._needed = this._seen = 0;
    this._lower = 0x80;
    this._upper = 0xbf;
    error();
  }
  if (units.length) out += String.fromCharCode.apply(null, units);
  return out;
};

module.exports = {
  TextEncoder: typeof TextEncoder === 'function' ? TextEncoder : Utf8TextEncoder,
  TextDecoder: typeof TextDecoder === 'function' ? TextDecoder : Utf8TextDecoder,
  // The fallbacks themselves, whatever the runtime has (for tests).
  Utf8TextEncoder: Utf8TextEncoder,
  Utf8TextDecoder: Utf8TextDecoder,
};
