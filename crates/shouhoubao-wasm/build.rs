//! Writes the JS glue's configuration as JSON text, so that the module
//! carries one string, not code to write it: the tape's tags, the built-ins
//! the glue tells apart, the shapes it reads by (the engine's
//! `input::shape`), the limits, and the record's slot names (`src/slots.rs`).
//! Every name comes from its one declaration in Rust.

// A build script that cannot write its output must stop the build with the
// reason: panicking is its way to fail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use shouhoubao::internals::{shape, tape_tags};
use std::{env, fs, path::Path};

#[path = "src/slots.rs"]
#[allow(dead_code)] // the layouts' structs; build.rs reads their names
mod slots;

/// A shape as JSON text: `0` for a value, `{"record":[[name,shape],…]}`,
/// `{"list":max,"item":shape}` or `{"map":max,"value":shape}`.
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

/// What the JS glue is configured with: `{"tags":{name:n,…},"builtIns":[…],
/// "shapes":{"order":…,"policy":…,"options":…},"maxString":n,
/// "maxOrders":n,"maxCallsInsideCalls":n,"answerSlots":[…],"windowSlots":[…]}`.
fn glue_configuration() -> String {
    let tags: Vec<String> = tape_tags::TAGS
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
        names(tape_tags::BUILT_INS),
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

fn main() {
    println!("cargo:rerun-if-changed=src/slots.rs");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(
        Path::new(&out_dir).join("glue_configuration.json"),
        glue_configuration(),
    )
    .expect("the glue's configuration is written");
}
