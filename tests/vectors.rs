//! Runs every golden vector under `tests/vectors/` through the native engine.

#![allow(clippy::restriction)] // test code: a failed check panics, and that is the report
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{load_cases, run, subset_diff};
use serde_json::Value;
use std::collections::BTreeSet;

#[test]
fn golden_vectors() {
    let cases = load_cases();
    let mut failures = Vec::new();
    for case in &cases {
        let label = format!("{} / {}", case.file, case.name);
        match (run(case), &case.expect, &case.error) {
            (Ok(actual), Some(expected), _) => {
                let mut diff = Vec::new();
                subset_diff(expected, &actual, "", &mut diff);
                if !diff.is_empty() {
                    failures.push(format!("{label}:\n    {}", diff.join("\n    ")));
                }
            }
            (Err(error), _, Some(expected)) => {
                let got = serde_json::to_value(&error).unwrap();
                if got["code"] != expected["code"] || got["path"] != expected["path"] {
                    failures.push(format!(
                        "{label}: error {} at `{}` ({}), expected {} at {}",
                        got["code"], error.path, error.message, expected["code"], expected["path"]
                    ));
                }
            }
            (Ok(actual), None, Some(expected)) => failures.push(format!(
                "{label}: answered {}, expected error {expected}",
                actual["status"]
            )),
            (Err(error), Some(_), _) => failures.push(format!("{label}: unexpected error {error}")),
            (_, None, None) => failures.push(format!("{label}: neither expect nor error")),
        }
    }
    println!("{} golden vectors, {} failed", cases.len(), failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn vector_names_are_unique() {
    let cases = load_cases();
    let mut seen = BTreeSet::new();
    for case in &cases {
        assert!(
            seen.insert(case.name.clone()),
            "duplicate vector name {}",
            case.name
        );
    }
}

/// The vectors must keep covering every window code, every status and every
/// error code, so a deleted file cannot silently shrink what is tested.
#[test]
fn vectors_cover_the_contract() {
    let cases = load_cases();
    assert!(cases.len() >= 80, "only {} golden vectors", cases.len());
    let mut codes = BTreeSet::new();
    let mut statuses = BTreeSet::new();
    let mut errors = BTreeSet::new();
    for case in &cases {
        if let Some(expect) = &case.expect {
            if let Some(code) = expect.pointer("/reason/code").and_then(Value::as_str) {
                codes.insert(code.to_owned());
            }
            if let Some(status) = expect["status"].as_str() {
                statuses.insert(status.to_owned());
            }
            for window in expect["windows"].as_array().into_iter().flatten() {
                codes.insert(window["code"].as_str().unwrap_or_default().to_owned());
            }
        }
        if let Some(error) = &case.error {
            errors.insert(error["code"].as_str().unwrap_or_default().to_owned());
        }
    }
    for code in [
        "ENTRY_DEFAULT",
        "ENTRY_CATEGORY",
        "NO_REASON_RETURN",
        "THREE_GUARANTEES_RETURN",
        "THREE_GUARANTEES_EXCHANGE",
        "THREE_GUARANTEES_WARRANTY",
        "THREE_GUARANTEES_PART",
        "MERCHANT_PROMISE",
        "LONG_DISCOVERY",
        "TRANSACTION_PENDING",
        "ORDER_CLOSED",
        "EXPIRED",
    ] {
        assert!(codes.contains(code), "no vector shows {code}");
    }
    for status in ["pending", "open", "support", "closed"] {
        assert!(statuses.contains(status), "no vector has status {status}");
    }
    for code in ["INVALID_POLICY", "INVALID_ORDER", "INVALID_ARGUMENT"] {
        assert!(errors.contains(code), "no vector expects {code}");
    }
}

/// Contract 2's rest days and provisional deadlines stay covered: rolls over
/// weekends, holidays and both; provisional and firm windows and answers.
#[test]
fn vectors_cover_rest_days_and_provisional() {
    let mut seen = BTreeSet::new();
    for case in load_cases() {
        let Some(expect) = &case.expect else { continue };
        if let Some(p) = expect["provisional"].as_bool() {
            seen.insert(format!("answer provisional {p}"));
        }
        for window in expect["windows"].as_array().into_iter().flatten() {
            if let Some(p) = window["provisional"].as_bool() {
                seen.insert(format!("window provisional {p}"));
            }
            let weekend = window.pointer("/basis/weekendDays").and_then(Value::as_u64);
            let holiday = window.pointer("/basis/holidayDays").and_then(Value::as_u64);
            match (holiday.unwrap_or(0) > 0, weekend.unwrap_or(0) > 0) {
                (true, true) => seen.insert("roll over both".to_owned()),
                (true, false) => seen.insert("roll over holidays".to_owned()),
                (false, true) => seen.insert("roll over weekends".to_owned()),
                (false, false) => false,
            };
        }
    }
    for what in [
        "answer provisional true",
        "answer provisional false",
        "window provisional true",
        "window provisional false",
        "roll over both",
        "roll over holidays",
        "roll over weekends",
    ] {
        assert!(seen.contains(what), "no vector shows {what}");
    }
}

/// The wasm runner compiles the vector files in; it must list every one.
#[test]
fn web_runner_lists_every_vector_file() {
    let web = std::fs::read_to_string(
        common::vector_dir().join("../../crates/shouhoubao-wasm/tests/web.rs"),
    )
    .unwrap();
    for entry in std::fs::read_dir(common::vector_dir()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".json") {
            assert!(
                web.contains(&format!("include_str!(\"../../../tests/vectors/{name}\")")),
                "crates/shouhoubao-wasm/tests/web.rs does not run {name}"
            );
        }
    }
}

/// An order as a page holds it, in JSON: the vector's fields plus items,
/// a shop, logistics with a megabyte of trace and buttons (contract 3, §4:
/// none of it is read). Objects only; other values stay as they are.
fn as_page_holds(order: &Value, trace: &str) -> Value {
    let Value::Object(fields) = order else {
        return order.clone();
    };
    let mut page = serde_json::json!({
        "items": [
            { "itemId": "I1", "title": "2024 新款 智能手机 旗舰 5G 全网通", "sku": { "color": "星河银", "storage": "12GB+256GB" },
              "price": { "original": "5999.00", "paid": "5499.00" }, "quantity": 1, "tags": ["七天无理由", "官方正品"] },
            { "itemId": "I2", "title": "原装快充充电器", "sku": { "power": "120W" }, "price": { "paid": "199.00" }, "quantity": 1 }
        ],
        "shop": { "shopId": "S1", "name": "官方旗舰店", "orders": [{ "id": "SIBLING", "status": "pending" }] },
        "logistics": { "company": "顺丰速运", "trace": [{ "at": "2021-07-28 15:02", "text": "已签收" }], "rawTrace": trace },
        "buttons": [{ "key": "confirm", "text": "确认收货" }, { "key": "refund", "text": "申请售后" }],
        "nested": [[[[[[[[[[1]]]]]]]]]]
    });
    if let Value::Object(extra) = &mut page {
        for (key, value) in fields {
            extra.insert(key.clone(), value.clone());
        }
    }
    page
}

/// Every vector again natively with its order as a page holds it: the same
/// outcome (only the JS runtimes have getters and back-references; this
/// checks that unknown JSON fields — large, and nested deeper than the
/// contract's own fields — change nothing).
#[test]
fn golden_vectors_as_a_page_holds_the_order() {
    let trace = "x".repeat(1 << 20);
    let mut compared = 0;
    for case in load_cases() {
        let mut paged = case.clone();
        paged.order = as_page_holds(&case.order, &trace);
        let plain = run(&case).map_err(|e| (e.code, e.path));
        let page = run(&paged).map_err(|e| (e.code, e.path));
        assert_eq!(plain, page, "{} / {}", case.file, case.name);
        compared += 1;
    }
    assert!(compared >= 200, "{compared} vectors");
}

/// `policy` with fields the contract does not name (§3) added where a
/// record is read — the top level, each category, each `threeGuarantees` —
/// holding a megabyte of text and nested data. Maps (`categories`, `parts`)
/// get no new keys: their keys are names the contract reads.
fn with_unknown_policy_fields(policy: &Value, trace: &str) -> Value {
    let junk = serde_json::json!({
        "changelog": trace,
        "editor": { "user": "运营", "history": [[[[[[[[1]]]]]]]], "tags": ["3c", "大促"] },
        "nested": [[[[[[[[[[{ "entryDays": -1, "parent": "nowhere" }]]]]]]]]]]
    });
    let add = |record: &mut serde_json::Map<String, Value>| {
        if let Value::Object(extra) = &junk {
            for (key, value) in extra {
                record.entry(key.clone()).or_insert_with(|| value.clone());
            }
        }
    };
    let mut policy = policy.clone();
    let Value::Object(top) = &mut policy else {
        return policy;
    };
    add(top);
    if let Some(Value::Object(categories)) = top.get_mut("categories") {
        for category in categories.values_mut() {
            if let Value::Object(category) = category {
                add(category);
                if let Some(Value::Object(guarantees)) = category.get_mut("threeGuarantees") {
                    add(guarantees);
                }
            }
        }
    }
    policy
}

/// Every vector again natively with unknown fields in its policy and its
/// order as a page holds it: the same outcome.
#[test]
fn golden_vectors_with_unknown_policy_fields() {
    let trace = "x".repeat(1 << 20);
    let mut changed = 0;
    for case in load_cases() {
        let mut padded = case.clone();
        padded.policy = with_unknown_policy_fields(&case.policy, &trace);
        padded.order = as_page_holds(&case.order, &trace);
        if padded.policy != case.policy {
            changed += 1;
        }
        let plain = run(&case).map_err(|e| (e.code, e.path));
        let page = run(&padded).map_err(|e| (e.code, e.path));
        assert_eq!(plain, page, "{} / {}", case.file, case.name);
    }
    assert!(
        changed >= 100,
        "only {changed} vectors have a policy of their own"
    );
}
