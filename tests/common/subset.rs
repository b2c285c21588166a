//! Comparing an answer with an expectation as a subset (tests/vectors/README.md):
//! shared by the native runner and the wasm runner.

#![allow(clippy::restriction)] // test code: a failed check panics, and that is the report

use serde_json::Value;

/// Differences between `actual` and the subset `expected`, as paths.
pub fn subset_diff(expected: &Value, actual: &Value, path: &str, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, value) in e {
                match a.get(key) {
                    Some(actual) => subset_diff(value, actual, &format!("{path}.{key}"), out),
                    None => out.push(format!("{path}.{key}: missing, expected {value}")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                out.push(format!(
                    "{path}: {} entries, expected {}: {actual}",
                    a.len(),
                    e.len()
                ));
                return;
            }
            for (i, (e, a)) in e.iter().zip(a).enumerate() {
                subset_diff(e, a, &format!("{path}[{i}]"), out);
            }
        }
        (Value::Number(e), Value::Number(a)) if e.as_f64() == a.as_f64() => {}
        (e, a) if e == a => {}
        (e, a) => out.push(format!("{path}: got {a}, expected {e}")),
    }
}
