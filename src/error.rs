//! One error type for every layer: a stable code, the path of the field at
//! fault (`categories.mobile_phone.parent`, `merchantPromises[0].months`, or
//! `""` for the whole value) and a readable message.

use std::fmt;

crate::wire_enum! {
    /// Which input was at fault.
    #[non_exhaustive]
    pub enum ErrorCode {
        /// The policy snapshot is malformed or inconsistent.
        InvalidPolicy = "INVALID_POLICY",
        /// The order is malformed.
        InvalidOrder = "INVALID_ORDER",
        /// Another argument (`now`, a locale, an options object) is malformed.
        InvalidArgument = "INVALID_ARGUMENT",
    }
}

/// An error naming its field path.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EngineError {
    /// Which input was at fault.
    pub code: ErrorCode,
    /// The field at fault (`categories.tv.parent`, `[3].deliveredAt`), `""`
    /// for the whole value.
    pub path: String,
    /// What is wrong, for people; one line, input quoted briefly.
    pub message: String,
}

impl EngineError {
    /// An error with `code` at `path`.
    pub fn new(code: ErrorCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        EngineError {
            code,
            path: path.into(),
            message: message.into(),
        }
    }

    /// `INVALID_POLICY` at `path`.
    pub fn policy(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidPolicy, path, message)
    }

    /// `INVALID_ORDER` at `path`.
    pub fn order(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidOrder, path, message)
    }

    /// `INVALID_ARGUMENT` at `path`.
    pub fn argument(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidArgument, path, message)
    }

    /// The same error with `prefix` put before its path: `[3]` + `deliveredAt`
    /// gives `[3].deliveredAt`.
    pub fn within(mut self, prefix: &str) -> Self {
        self.path = join_path(prefix, &self.path);
        self
    }
}

/// Joins two path pieces: `a` + `b` → `a.b`, `a` + `[0]` → `a[0]`.
/// The path of member `key` inside `prefix` (contract 3, §7): `prefix.key`,
/// or `prefix["key"]` — a JSON string in brackets — when the key is empty
/// or holds `.`, `[`, `]` or `"`, so that every path reads back one way.
pub fn member_path(prefix: &str, key: &str) -> String {
    let mut path = String::from(prefix);
    push_member(&mut path, key);
    path
}

/// Appends member `key` to `path`, as [`member_path`] writes it.
pub fn push_member(path: &mut String, key: &str) {
    if key.is_empty() || key.contains(['.', '[', ']', '"']) {
        path.push('[');
        push_json_string(path, key);
        path.push(']');
    } else {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    }
}

/// `text` as a JSON string, escaped as `JSON.stringify` escapes it.
fn push_json_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let byte = u32::from(c);
                out.push_str("\\u00");
                for nibble in [byte >> 4, byte & 0xf] {
                    let digit = HEX.get(nibble as usize).copied().unwrap_or(b'0');
                    out.push(char::from(digit));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

pub fn join_path(prefix: &str, rest: &str) -> String {
    if prefix.is_empty() {
        rest.to_owned()
    } else if rest.is_empty() {
        prefix.to_owned()
    } else if rest.starts_with('[') {
        crate::cat!(prefix, rest)
    } else {
        crate::cat!(prefix, ".", rest)
    }
}

impl EngineError {
    /// `INVALID_ORDER at successAt: …` (the `Display` form, without `std::fmt`).
    pub fn describe(&self) -> String {
        if self.path.is_empty() {
            crate::cat!(self.code.as_str(), ": ", self.message)
        } else {
            crate::cat!(self.code.as_str(), " at ", self.path, ": ", self.message)
        }
    }
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

impl std::error::Error for EngineError {}
