//! A small JSON value, the form every input takes before it is read field by
//! field with paths (`input`).
//!
//! Inputs arrive as JSON text (the CLI, a server) or as JS values (the
//! package); both become a [`Json`] — by [`parse`] or through serde's
//! [`Deserialize`](serde::Deserialize) from any deserializer — with the same
//! limits: nesting at most [`MAX_DEPTH`] levels and no duplicate keys.

use std::borrow::Cow;

mod de;
mod parse;
pub mod tape;

pub use parse::{parse, ParseError};

/// The keys of an object being read, to refuse a duplicate: a scan while
/// the object is small, a hash set once it is large (a policy may hold
/// 200,000 categories; a scan per key would be quadratic).
#[derive(Default)]
pub(crate) struct KeySet {
    large: Option<std::collections::HashSet<String>>,
}

impl KeySet {
    const SCAN_UP_TO: usize = 16;

    /// Whether `key` is new among `members` (the object's members so far,
    /// whose keys this set has seen); remembers it.
    pub(crate) fn insert(&mut self, key: &str, members: &[(Cow<'_, str>, Json<'_>)]) -> bool {
        if let Some(set) = &mut self.large {
            return set.insert(key.to_owned());
        }
        if members.iter().any(|(k, _)| k == key) {
            return false;
        }
        if members.len() >= Self::SCAN_UP_TO {
            let mut set: std::collections::HashSet<String> =
                members.iter().map(|(k, _)| k.to_string()).collect();
            set.insert(key.to_owned());
            self.large = Some(set);
        }
        true
    }
}

/// Deepest nesting accepted (an order is 3 levels deep; a policy 5).
pub const MAX_DEPTH: usize = 64;

/// A JSON value. Numbers are `f64`, as in JavaScript; object members keep
/// their order. Strings borrow from the text they were read from where they
/// can (a tape from the JS glue), and are owned otherwise.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    Number(f64),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
    /// A JS value with no JSON form: `"a BigInt"`, `"a symbol"`, `"a function"`.
    /// Only the JS boundary makes these; every reader refuses them.
    Foreign(&'static str),
    /// An array or object the JS glue did not walk, being longer than its
    /// field may be (`input::LENGTH_LIMITS`): its length. Only the boundary
    /// makes these; the readers refuse them with the field's limit.
    Long(usize),
}

impl<'a> Json<'a> {
    /// The member `key` of an object; `None` when absent, `null`, or `self`
    /// is not an object.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(members) => members
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v)
                .filter(|v| !matches!(v, Json::Null)),
            _ => None,
        }
    }

    /// What kind of value this is, for messages ("a number", "an array").
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
            Json::Foreign(kind) => kind,
            Json::Long(_) => "a list too long to read",
        }
    }
}
