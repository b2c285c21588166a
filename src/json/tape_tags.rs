//! The tags of the tape, by number and by name: the one declaration the
//! module (src/json/tape.rs), the build script (build.rs) and, through
//! [`TAGS`], the glue's encoder all use.

pub const NULL: u8 = 0;
pub const FALSE: u8 = 1;
pub const TRUE: u8 = 2;
pub const NUMBER: u8 = 3;
pub const STRING: u8 = 4;
pub const ARRAY: u8 = 5;
pub const OBJECT: u8 = 6;
pub const BIGINT: u8 = 7;
pub const SYMBOL: u8 = 8;
pub const FUNCTION: u8 = 9;
/// A value JS refused to give: a throwing getter or Proxy trap.
pub const UNREADABLE: u8 = 10;
/// Nesting deeper than [`MAX_DEPTH`](crate::json::MAX_DEPTH).
pub const TOO_DEEP: u8 = 11;
/// An array longer than [`MAX_ITEMS`](crate::json::tape::MAX_ITEMS), or a
/// top-level field's list longer than its limit, not walked; its length follows.
pub const TOO_LONG: u8 = 12;

/// The tags by name, for the glue's encoder.
#[allow(dead_code)] // read by the glue (feature `wasm`)
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
    ("TOO_DEEP", TOO_DEEP),
    ("TOO_LONG", TOO_LONG),
];
