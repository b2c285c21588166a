//! JSON values on a tape (`tape.rs`), the form every input takes before it
//! is read field by field with paths (`input`).
//!
//! Inputs arrive as JS values written onto a tape by the package's glue, as
//! JSON text (the CLI, a server; `text.rs`, feature `json`) or as any serde
//! input (`de.rs`), written onto a [`Document`] with the same limits:
//! nesting at most [`MAX_DEPTH`] levels and no duplicate keys. No tree of
//! values is built: the readers look the fields up where they lie.

mod de;
pub mod tape;
#[cfg(feature = "json")]
mod text;

pub use tape::{Document, Items, Reader, Value};
#[cfg(feature = "json")]
pub use text::parse;
#[cfg(feature = "json")]
pub use text::ParseError;

/// Deepest nesting accepted (an order is 3 levels deep; a policy 5).
pub const MAX_DEPTH: usize = 64;

/// The keys of an object being written, to refuse a duplicate: a scan while
/// the object is small, a hash set once it is large (a policy may hold
/// 200,000 categories; a scan per key would be quadratic).
#[derive(Default)]
pub(crate) struct KeySet {
    small: Vec<String>,
    large: Option<std::collections::HashSet<String>>,
}

impl KeySet {
    const SCAN_UP_TO: usize = 16;

    /// Whether `key` is new; remembers it.
    pub(crate) fn insert(&mut self, key: &str) -> bool {
        if let Some(set) = &mut self.large {
            return set.insert(key.to_owned());
        }
        if self.small.iter().any(|k| k == key) {
            return false;
        }
        self.small.push(key.to_owned());
        if self.small.len() > Self::SCAN_UP_TO {
            self.large = Some(std::mem::take(&mut self.small).into_iter().collect());
        }
        true
    }
}

#[cfg(all(test, feature = "json"))]
mod tests {
    use super::{parse, Value, MAX_DEPTH};

    #[test]
    fn values() {
        assert_eq!(parse(" null ").unwrap().value(), Value::Null);
        let list = parse("[true,false]").unwrap();
        let Value::Array(items) = list.value() else {
            panic!()
        };
        assert_eq!(
            items.values().collect::<Vec<_>>(),
            [Value::Bool(true), Value::Bool(false)]
        );
        assert_eq!(parse("-1.5e2").unwrap().value(), Value::Number(-150.0));
        assert_eq!(
            parse(r#""a\"\u00e9\ud83d\ude00""#).unwrap().value(),
            Value::String("a\"é😀")
        );
        assert_eq!(
            parse(r#""\ud800x""#).unwrap().value(),
            Value::String("\u{FFFD}x")
        );
        let nested = parse(r#"{"a":{"b":[]},"c":1}"#).unwrap();
        let inner = nested.value().get("a").unwrap();
        let Some(Value::Array(empty)) = inner.get("b") else {
            panic!()
        };
        assert_eq!(empty.len(), 0);
        assert_eq!(nested.value().get("c"), Some(Value::Number(1.0)));
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
    fn duplicate_keys_are_refused_in_small_and_large_objects() {
        let error = parse("{\"a\":1,\"a\":2}").unwrap_err();
        assert_eq!(error.message, "duplicate key `a`");
        let mut members: Vec<String> = (0..40).map(|i| format!("\"k{i}\":{i}")).collect();
        assert!(parse(&format!("{{{}}}", members.join(","))).is_ok());
        members.push("\"k3\":0".to_owned());
        let error = parse(&format!("{{{}}}", members.join(","))).unwrap_err();
        assert_eq!(error.message, "duplicate key `k3`");
    }

    #[test]
    fn errors_say_where() {
        let error = parse("{\n  \"a\": ]\n}").unwrap_err();
        assert_eq!((error.line, error.column), (2, 8));
    }
}
