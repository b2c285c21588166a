//! Shared by the native test files: loading the golden vectors and comparing
//! an answer with an expectation as a subset.

#![allow(clippy::restriction)] // test code: a failed check panics, and that is the report
#![allow(dead_code)]

use serde_json::Value;

mod subset;
use shouhoubao::{Engine, EngineError, Locale};
use std::path::{Path, PathBuf};
pub use subset::subset_diff;

/// One golden case, with the file it came from.
#[derive(Clone)]
pub struct Case {
    pub file: String,
    pub name: String,
    pub policy: Value,
    pub order: Value,
    pub now: Value,
    pub locale: Option<String>,
    pub expect: Option<Value>,
    pub error: Option<Value>,
}

pub fn vector_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

/// Every case of every `tests/vectors/*.json`, policies resolved to objects
/// (or the string "default").
pub fn load_cases() -> Vec<Case> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(vector_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let doc: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let policies = doc.get("policies").cloned().unwrap_or(Value::Null);
        for case in doc["cases"].as_array().unwrap() {
            let policy = match &case["policy"] {
                Value::String(name) if name == "default" => Value::String("default".into()),
                Value::String(name) => policies
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| panic!("{file}: no policy named {name}")),
                inline => inline.clone(),
            };
            cases.push(Case {
                file: file.clone(),
                name: case["name"].as_str().unwrap().to_owned(),
                policy,
                order: case["order"].clone(),
                now: case["now"].clone(),
                locale: case
                    .get("locale")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                expect: case.get("expect").cloned(),
                error: case.get("error").cloned(),
            });
        }
    }
    cases
}

/// Runs a case natively: the answer as JSON, or the error.
pub fn run(case: &Case) -> Result<Value, EngineError> {
    run_answer(case).map(|answer| serde_json::to_value(answer).unwrap())
}

/// Runs a case natively: the answer, or the error.
pub fn run_answer(case: &Case) -> Result<shouhoubao::Eligibility, EngineError> {
    let engine = match &case.policy {
        Value::String(name) if name == "default" => Engine::with_default_policy(),
        policy => Engine::from_policy(policy),
    }?;
    let locale = case
        .locale
        .as_deref()
        .map(|l| Locale::parse(l).unwrap())
        .unwrap_or_default();
    let engine = engine.with_locale(locale);
    let now = shouhoubao::Instant::from_f64_millis(case.now.as_f64().expect("now is a number"))
        .ok_or_else(|| EngineError::argument("now", "not an instant"))?;
    engine.evaluate_input(&case.order, now)
}
