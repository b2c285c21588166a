//! JSON text as a [`Document`], natively: serde_json reads the text (RFC
//! 8259, strict: no comments, no trailing commas, no `NaN`), and `de.rs`
//! writes the tape with the contract's own limits — duplicate keys refused,
//! nesting at most [`MAX_DEPTH`](super::MAX_DEPTH). Errors give the line and
//! column. (The wasm module reads JS values through the glue's tape instead,
//! and links none of this.)
//!
//! One reading is the project's own (docs/contract.md §8): a lone UTF-16
//! surrogate written as an escape (`"\ud800"`) is valid JSON text and reads
//! as U+FFFD, as JavaScript's `JSON.parse` and `TextEncoder` would give it;
//! serde_json refuses it, so such a text is read again with those escapes
//! replaced.
//!
//! Why a parser of our own: `docs/design.md`, "Why hand-written parsers?".

use super::Document;
use std::fmt;

/// Why a text is not JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong.
    pub message: String,
    /// The line of the fault, from 1.
    pub line: usize,
    /// The column of the fault, from 1.
    pub column: usize,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for ParseError {}

impl From<serde_json::Error> for ParseError {
    fn from(e: serde_json::Error) -> Self {
        let text = e.to_string();
        // serde_json writes "… at line L column C": keep the message part.
        let message = text
            .rfind(" at line ")
            .and_then(|i| text.get(..i))
            .unwrap_or(&text)
            .to_owned();
        ParseError {
            message,
            line: e.line(),
            column: e.column(),
        }
    }
}

/// Parses one JSON value; only whitespace may follow it.
pub fn parse(text: &str) -> Result<Document, ParseError> {
    read(text).or_else(|e| {
        let replaced = lone_surrogates_replaced(text);
        if replaced == text {
            return Err(e);
        }
        read(&replaced).map_err(|_| e)
    })
}

fn read(text: &str) -> Result<Document, ParseError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = Document::from_serde(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// `text` with each `\uXXXX` escape of a lone surrogate (not half of a
/// pair) written `\ufffd`. Only escapes inside strings are touched.
// Offsets are below the text's length plus 12: no overflow.
#[allow(clippy::arithmetic_side_effects)]
fn lone_surrogates_replaced(text: &str) -> String {
    let hex = |s: &str| u32::from_str_radix(s, 16).ok();
    let escape_at = |i: usize| {
        text.get(i..i + 2)
            .filter(|p| *p == "\\u")
            .and_then(|_| text.get(i + 2..i + 6))
            .and_then(hex)
    };
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut i = 0;
    while let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) {
        let width = c.len_utf8();
        match c {
            '"' => in_string = !in_string,
            '\\' if in_string => {
                if let Some(unit) = escape_at(i) {
                    let next = escape_at(i + 6);
                    let high = (0xD800..0xDC00).contains(&unit);
                    let paired = high && next.is_some_and(|n| (0xDC00..0xE000).contains(&n));
                    if paired {
                        out.push_str(text.get(i..i + 12).unwrap_or_default());
                        i += 12;
                    } else {
                        if (0xD800..0xE000).contains(&unit) {
                            out.push_str("\\ufffd");
                        } else {
                            out.push_str(text.get(i..i + 6).unwrap_or_default());
                        }
                        i += 6;
                    }
                    continue;
                }
                // Another escape: keep it and the character it escapes.
                out.push('\\');
                if let Some(escaped) = text.get(i + 1..).and_then(|r| r.chars().next()) {
                    out.push(escaped);
                    i = i + 1 + escaped.len_utf8();
                } else {
                    i += 1;
                }
                continue;
            }
            _ => {}
        }
        out.push(c);
        i += width;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Value;

    /// The strings of a JSON array of strings.
    fn strings(text: &str) -> Vec<String> {
        let document = parse(text).unwrap();
        let Value::Array(items) = document.value() else {
            panic!("{text}")
        };
        items
            .values()
            .map(|v| match v {
                Value::String(s) => s.to_owned(),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn values_and_strictness() {
        assert_eq!(parse(" null ").unwrap().value(), Value::Null);
        let document = parse("[true,1.5,\"a\"]").unwrap();
        let Value::Array(items) = document.value() else {
            panic!()
        };
        assert_eq!(
            items.values().collect::<Vec<_>>(),
            [Value::Bool(true), Value::Number(1.5), Value::String("a")]
        );
        for bad in [
            "[1,]",
            "{\"a\":1,}",
            "// c\n1",
            "NaN",
            "1 2",
            "\"a",
            "1e400",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn duplicate_keys_and_depth_are_errors_with_their_position() {
        let e = parse("{\"a\":1,\n \"a\":2}").unwrap_err();
        assert!(e.message.contains("duplicate key `a`"), "{e}");
        assert_eq!(e.line, 2);
        let deep = format!("{}{}", "[".repeat(65), "]".repeat(65));
        assert!(parse(&deep)
            .unwrap_err()
            .message
            .contains("nested too deeply"));
        let ok = format!("{}{}", "[".repeat(64), "]".repeat(64));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn lone_surrogate_escapes_read_as_replacement_characters() {
        assert_eq!(strings(r#"["\ud800"]"#), ["\u{FFFD}"]);
        assert_eq!(strings(r#"["a\udc00b"]"#), ["a\u{FFFD}b"]);
        assert_eq!(strings(r#"["\ud83d\ude00"]"#), ["😀"]);
        assert_eq!(
            strings(r#"["\\ud800", "\ud800\ud800"]"#),
            ["\\ud800", "\u{FFFD}\u{FFFD}"]
        );
    }
}
