//! A small JSON value, the form every input takes before it is read field by
//! field with paths (`input`).
//!
//! Inputs arrive as JSON text (the CLI, a server; `text.rs`, feature
//! `json`), as any serde input (`de.rs`), or as JS values walked by the
//! package's glue onto a tape (`tape.rs`); all become a [`Json`] with the
//! same limits: nesting at most [`MAX_DEPTH`] levels and no duplicate keys.

use std::borrow::Cow;

mod de;
pub mod tape;
#[cfg(feature = "json")]
mod text;

#[cfg(feature = "json")]
pub use text::parse;

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
    /// `null` (and, from JS, `undefined`).
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as JavaScript holds it.
    Number(f64),
    /// A string.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object's members, in order.
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
    /// A JS value with no JSON form, or an object that is not an ordinary
    /// one: `"a BigInt"`, `"a symbol"`, `"a function"`, `"a Map"`. Only the
    /// JS boundary makes these; every reader refuses them.
    Foreign(&'static str),
    /// An array or map the JS glue did not walk, being longer than its
    /// field may be (`input::shape`): its length. Only the boundary makes
    /// these; the readers refuse them with the field's limit.
    Long(usize),
    /// A string the JS glue did not copy, being longer than any field may
    /// hold ([`MAX_STRING`](crate::input::shape::MAX_STRING)): its length
    /// in UTF-16 code units. Only the boundary makes these.
    LongString(usize),
}

impl<'a> Json<'a> {
    /// The member `key` of an object; `None` when absent, `null`, or `self`
    /// is not an object.
    #[cfg(any(
        feature = "wasm",
        feature = "cli",
        feature = "schema",
        feature = "fuzzing"
    ))]
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
            Json::LongString(_) => "a string too long to read",
        }
    }
}

#[cfg(all(test, feature = "json"))]
mod tests {
    use super::{parse, Json, MAX_DEPTH};

    #[test]
    fn values() {
        assert_eq!(parse(" null "), Ok(Json::Null));
        assert_eq!(
            parse("[true,false]"),
            Ok(Json::Array(vec![Json::Bool(true), Json::Bool(false)]))
        );
        assert_eq!(parse("-1.5e2"), Ok(Json::Number(-150.0)));
        assert_eq!(
            parse(r#""a\"\u00e9\ud83d\ude00""#),
            Ok(Json::String("a\"é😀".into()))
        );
        assert_eq!(parse(r#""\ud800x""#), Ok(Json::String("\u{FFFD}x".into())));
        assert_eq!(
            parse(r#"{"a":{"b":[]}}"#),
            Ok(Json::Object(vec![(
                "a".into(),
                Json::Object(vec![("b".into(), Json::Array(vec![]))])
            )]))
        );
    }

    #[test]
    fn refusals() {
        for bad in [
            "",
            "nul",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            ".5",
            "1e",
            "+1",
            "\"\t\"",
            "\"a",
            "[1 2]",
            "{\"a\" 1}",
            "{1:2}",
            "1e400",
            "{\"a\":1,\"a\":2}",
            "[] []",
            "\"\\x\"",
            "\"\\u12\"",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert_eq!(parse(&deep).unwrap_err().message, "nested too deeply");
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn errors_say_where() {
        let error = parse("{\n  \"a\": ]\n}").unwrap_err();
        assert_eq!((error.line, error.column), (2, 8));
        let error = parse("{\"a\":1,\"a\":2}").unwrap_err();
        assert_eq!(error.message, "duplicate key `a`");
    }
}
