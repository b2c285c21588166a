//! Writes the embedded default policy (src/policy/default.json) as a tape
//! (src/json/tape.rs), so that the wasm module reads it with no JSON parser
//! and no walk through JS values: `new Engine()` with the default policy
//! starts from data already laid out. Also writes the JS glue's
//! configuration (the tape's tags and the shapes of src/input/shape.rs) as
//! JSON text, so that the module carries one string, not code to write it.

// A build script that cannot read src/policy/default.json must stop the
// build with the reason: panicking is its way to fail.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::fmt::Write as _;
use std::{env, fs, path::Path};

#[path = "src/json/tape_tags.rs"]
#[allow(dead_code)]
mod tag;

#[path = "src/input/shape.rs"]
mod shape;

#[path = "src/wasm/slots.rs"]
#[allow(dead_code)] // the layouts' structs; build.rs reads their names
mod slots;

/// A shape as JSON text, as `input::GLUE_CONFIGURATION` describes it.
fn shape_json(shape: &shape::Shape) -> String {
    use shape::Shape;
    match shape {
        Shape::Value => "0".to_owned(),
        Shape::Record(fields) => {
            let fields: Vec<String> = fields
                .iter()
                .map(|f| format!("[{:?},{}]", f.name, shape_json(&f.shape)))
                .collect();
            format!("{{\"record\":[{}]}}", fields.join(","))
        }
        Shape::List { max, item } => format!("{{\"list\":{max},\"item\":{}}}", shape_json(item)),
        Shape::Map { max, value } => format!("{{\"map\":{max},\"value\":{}}}", shape_json(value)),
    }
}

/// What the JS glue is configured with: the tape's tags, the built-ins it
/// tells apart, the shapes it reads by, the limits and the record's slot
/// names (`input::GLUE_CONFIGURATION`).
fn glue_configuration() -> String {
    let tags: Vec<String> = tag::TAGS
        .iter()
        .map(|(name, n)| format!("{name:?}:{n}"))
        .collect();
    let names = |list: &[&str]| -> String {
        let quoted: Vec<String> = list.iter().map(|name| format!("{name:?}")).collect();
        quoted.join(",")
    };
    format!(
        "{{\"tags\":{{{}}},\"builtIns\":[{}],\"shapes\":{{\"order\":{},\"policy\":{},\"options\":{}}},\"maxString\":{},\"maxOrders\":{},\"maxCallsInsideCalls\":{},\"answerSlots\":[{}],\"windowSlots\":[{}]}}",
        tags.join(","),
        names(tag::BUILT_INS),
        shape_json(&shape::ORDER),
        shape_json(&shape::POLICY),
        shape_json(&shape::OPTIONS),
        shape::MAX_STRING,
        shape::MAX_ORDERS,
        shape::MAX_CALLS_INSIDE_CALLS,
        names(slots::AnswerSlots::NAMES),
        names(slots::WindowSlots::NAMES),
    )
}

fn string(s: &str, ops: &mut Vec<f64>, text: &mut String) {
    ops.push(f64::from(tag::STRING));
    ops.push(s.len() as f64);
    text.push_str(s);
}

/// An array or object's header: its tag, its item count, then how many
/// ops and text bytes its items take (filled in by `close`).
fn open(tag: u8, count: usize, ops: &mut Vec<f64>, text: &str) -> (usize, usize) {
    ops.extend([f64::from(tag), count as f64, 0.0, 0.0]);
    (ops.len(), text.len())
}

fn close((first_op, first_byte): (usize, usize), ops: &mut [f64], text: &str) {
    ops[first_op - 2] = (ops.len() - first_op) as f64;
    ops[first_op - 1] = (text.len() - first_byte) as f64;
}

fn push(value: &serde_json::Value, ops: &mut Vec<f64>, text: &mut String) {
    use serde_json::Value;
    match value {
        Value::Null => ops.push(f64::from(tag::NULL)),
        Value::Bool(b) => ops.push(f64::from(if *b { tag::TRUE } else { tag::FALSE })),
        Value::Number(n) => {
            ops.push(f64::from(tag::NUMBER));
            ops.push(n.as_f64().expect("a number of the default policy"));
        }
        Value::String(s) => string(s, ops, text),
        Value::Array(items) => {
            let open = open(tag::ARRAY, items.len(), ops, text);
            for item in items {
                push(item, ops, text);
            }
            close(open, ops, text);
        }
        Value::Object(members) => {
            let open = open(tag::OBJECT, members.len(), ops, text);
            for (key, item) in members {
                string(key, ops, text);
                push(item, ops, text);
            }
            close(open, ops, text);
        }
    }
}

fn main() {
    let source = "src/policy/default.json";
    println!("cargo:rerun-if-changed={source}");
    println!("cargo:rerun-if-changed=src/json/tape_tags.rs");
    println!("cargo:rerun-if-changed=src/input/shape.rs");
    println!("cargo:rerun-if-changed=src/wasm/slots.rs");
    let out_dir = env::var("OUT_DIR").unwrap();
    fs::write(
        Path::new(&out_dir).join("glue_configuration.json"),
        glue_configuration(),
    )
    .unwrap();
    let json = fs::read_to_string(source).expect("src/policy/default.json");
    // preserve_order: the members keep the file's order.
    let value: serde_json::Value = serde_json::from_str(&json).expect("the default policy is JSON");
    let (mut ops, mut text) = (Vec::new(), String::new());
    push(&value, &mut ops, &mut text);
    // The glue reads this text back by UTF-16 offsets (tapeValue): ASCII only.
    assert!(
        text.is_ascii(),
        "the default policy's strings must be ASCII"
    );
    let mut out = String::from("// Generated by build.rs from src/policy/default.json.\n");
    // Every op of this snapshot (tags, counts, lengths and its numbers) is a
    // small whole number: stored as u16, a quarter of the module's bytes.
    write!(out, "pub static OPS: [u16; {}] = [", ops.len()).unwrap();
    for op in &ops {
        assert!(
            op.fract() == 0.0 && (0.0..=65535.0).contains(op),
            "{op} is not a u16"
        );
        write!(out, "{},", *op as u16).unwrap();
    }
    writeln!(out, "];\npub static TEXT: &str = {text:?};").unwrap();
    let path = Path::new(&env::var("OUT_DIR").unwrap()).join("default_policy_tape.rs");
    fs::write(path, out).unwrap();
}
