//! The tags of the tape, by number and by name: the one declaration the
//! module (src/json/tape.rs), the build script (build.rs) and, through
//! `TAGS` and the boundary's build script (crates/shouhoubao-wasm), the
//! glue's encoder all use.

/// `null` (and, from the glue, `undefined` or an absent field).
pub const NULL: u8 = 0;
/// `false`.
pub const FALSE: u8 = 1;
/// `true`.
pub const TRUE: u8 = 2;
/// A number; its value follows.
pub const NUMBER: u8 = 3;
/// A string; its length in bytes follows, its bytes are in the text.
pub const STRING: u8 = 4;
/// An array; its item count and the ops and text bytes its items take follow.
pub const ARRAY: u8 = 5;
/// An object; its member count and the ops and text bytes its members take follow.
pub const OBJECT: u8 = 6;
/// A JS BigInt, which no field takes.
pub const BIGINT: u8 = 7;
/// A JS Symbol, which no field takes.
pub const SYMBOL: u8 = 8;
/// A JS function, which no field takes.
pub const FUNCTION: u8 = 9;
/// A value JS refused to give: a throwing getter or Proxy trap.
pub const UNREADABLE: u8 = 10;
/// An object that is not an ordinary one (a `Map`, a `Date`…) where an
/// object was expected; the index of its name in [`BUILT_INS`] follows.
pub const BUILT_IN: u8 = 11;
/// A list or map longer than its field's limit (`input::shape`), not
/// walked; its length follows.
pub const TOO_LONG: u8 = 12;
/// A string longer than any field may hold, not copied; its length in
/// UTF-16 code units follows.
pub const LONG_STRING: u8 = 13;
/// A map with a name longer than any name may be, not walked.
pub const LONG_KEY: u8 = 14;

/// The built-in objects the glue tells apart from ordinary ones, by the
/// index it writes after [`BUILT_IN`]. The glue knows them by the same
/// names (`crates/shouhoubao-wasm/js/boundary.js`, `builtInKind`).
pub const BUILT_INS: &[&str] = &[
    "a Map",
    "a Set",
    "a WeakMap",
    "a WeakSet",
    "a Date",
    "a RegExp",
    "a typed array",
    "an ArrayBuffer",
    "a DataView",
    "a boxed primitive",
    "a Promise",
    "an Error",
    "a WeakRef",
];

/// The tags by name, for the glue's encoder.
pub const TAGS: &[(&str, u8)] = &[
    ("NULL", NULL),
    ("FALSE", FALSE),
    ("TRUE", TRUE),
    ("NUMBER", NUMBER),
    ("STRING", STRING),
    ("ARRAY", ARRAY),
    ("OBJECT", OBJECT),
    ("BIGINT", BIGINT),
    ("SYMBOL", SYMBOL),
    ("FUNCTION", FUNCTION),
    ("UNREADABLE", UNREADABLE),
    ("BUILT_IN", BUILT_IN),
    ("TOO_LONG", TOO_LONG),
    ("LONG_STRING", LONG_STRING),
    ("LONG_KEY", LONG_KEY),
];
