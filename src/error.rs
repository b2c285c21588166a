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
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
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
