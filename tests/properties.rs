//! Property tests: what must hold for every order, not just the golden ones.

#![allow(clippy::restriction)] // test code: a failed check panics, and that is the report
#![cfg(not(target_arch = "wasm32"))]

use chrono::{DateTime, FixedOffset, SecondsFormat};
use proptest::prelude::*;
use serde_json::{json, Value};
use shouhoubao::{Engine, Instant};

const DAY: i64 = 86_400_000;
/// 2020-01-01T00:00:00Z .. 2027-01-01T00:00:00Z
const FROM: i64 = 1_577_836_800_000;
const TO: i64 = 1_798_761_600_000;

/// Every category of the default policy, and one it does not know.
fn categories() -> Vec<String> {
    let policy: Value = serde_json::from_str(shouhoubao::DEFAULT_POLICY_JSON).unwrap();
    let mut names: Vec<String> = policy["categories"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    names.push("no_such_category".to_owned());
    names
}

fn engine() -> Engine {
    Engine::with_default_policy().unwrap()
}

/// An order the engine must answer, as JSON, with instants as epoch ms.
fn order() -> impl Strategy<Value = Value> {
    let promise =
        (0..3usize, prop::bool::ANY, 1..40u32, 0..3usize).prop_map(|(service, days, n, from)| {
            let service = ["return", "exchange", "repair"][service];
            let from = ["success", "delivery", "invoice"][from];
            if days {
                json!({ "service": service, "days": n * 10, "from": from })
            } else {
                json!({ "service": service, "months": n, "from": from })
            }
        });
    (
        prop::sample::select(categories()),
        FROM..TO,
        prop::option::of(0..(6 * DAY)),
        prop::option::of(0..(40 * DAY)),
        prop::option::of(0..(400 * DAY)),
        0..60u32,
        prop::collection::vec(promise, 0..3),
    )
        .prop_map(
            |(
                category,
                success,
                delivered_before,
                invoice_before,
                exchanged_after,
                repair,
                promises,
            )| {
                let mut order = json!({
                    "id": "P1", "category": category, "status": "success", "successAt": success,
                    "repairDays": repair, "merchantPromises": promises,
                });
                if let Some(before) = delivered_before {
                    order["deliveredAt"] = json!(success - before);
                }
                if let Some(before) = invoice_before {
                    order["invoiceAt"] = json!(success - before);
                }
                if let Some(after) = exchanged_after {
                    order["exchangedAt"] = json!(success + after);
                }
                order
            },
        )
}

/// What the contract calls "the answer" for nextChangeAt.
/// Everything `nextChangeAt` watches (contract 3, §6): the answer's status,
/// reason, deadline and remaining days, and every window's `active` and
/// remaining days.
fn key(answer: &shouhoubao::Eligibility) -> String {
    let windows: Vec<(bool, i64)> = answer
        .windows
        .iter()
        .map(|w| (w.active, w.remaining_days))
        .collect();
    format!(
        "{:?} {} {} {:?} {:?} {:?}",
        answer.status,
        answer.reason.code.as_str(),
        answer.reason.text,
        answer.deadline,
        answer.remaining_days,
        windows
    )
}

fn at(ms: i64) -> Instant {
    Instant::from_millis(ms).unwrap()
}

fn parse_output(text: &str) -> i64 {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .timestamp_millis()
}

fn in_offset(ms: i64, minutes: i32) -> String {
    let offset = FixedOffset::east_opt(minutes * 60).unwrap();
    DateTime::from_timestamp_millis(ms)
        .unwrap()
        .with_timezone(&offset)
        .to_rfc3339_opts(SecondsFormat::Millis, false)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// While the status holds, the remaining days only fall; each window's
    /// remaining days only fall.
    #[test]
    fn remaining_days_never_rise(order in order(), start in 0..(800 * DAY), step in 1..(30 * DAY)) {
        let engine = engine();
        let success = order["successAt"].as_i64().unwrap();
        let a = engine.evaluate_input(&order, at(success - DAY + start)).unwrap();
        let b = engine.evaluate_input(&order, at(success - DAY + start + step)).unwrap();
        if a.status == b.status {
            prop_assert!(b.remaining_days <= a.remaining_days, "{a:?} then {b:?}");
        }
        for (wa, wb) in a.windows.iter().zip(&b.windows) {
            prop_assert!(wb.remaining_days <= wa.remaining_days);
        }
    }

    /// nextChangeAt is exact: one millisecond before it the answer is the
    /// same as now, at it the answer differs; and so at points in between.
    #[test]
    fn next_change_is_exact(order in order(), start in 0..(800 * DAY), probe in 0.0f64..1.0) {
        let engine = engine();
        let now = order["successAt"].as_i64().unwrap() - DAY + start;
        let answer = engine.evaluate_input(&order, at(now)).unwrap();
        match &answer.next_change_at {
            None => {
                let later = engine.evaluate_input(&order, at(now + 3650 * DAY)).unwrap();
                prop_assert_eq!(key(&later), key(&answer));
            }
            Some(text) => {
                let next = parse_output(text);
                prop_assert!(next > now);
                let before = engine.evaluate_input(&order, at(next - 1)).unwrap();
                let inside = engine.evaluate_input(&order, at(now + ((next - now) as f64 * probe) as i64)).unwrap();
                let after = engine.evaluate_input(&order, at(next)).unwrap();
                prop_assert_eq!(key(&before), key(&answer));
                prop_assert_eq!(key(&inside), key(&answer));
                prop_assert_ne!(key(&after), key(&answer));
            }
        }
    }

    /// An instant written in any offset, or as epoch ms, gives the same answer.
    #[test]
    fn any_offset_same_answer(order in order(), minutes in -720i32..=840, now in FROM..TO) {
        let engine = engine();
        let mut written = order.clone();
        for field in ["successAt", "deliveredAt", "invoiceAt", "exchangedAt"] {
            if let Some(ms) = order[field].as_i64() {
                written[field] = json!(in_offset(ms, minutes));
            }
        }
        let a = engine.evaluate_input(&order, at(now)).unwrap();
        let b = engine.evaluate_input(&written, at(now)).unwrap();
        prop_assert_eq!(a, b);
    }

    /// Any JSON at all, in any field, gives an answer or an error — never a panic.
    #[test]
    fn never_panics(order in arbitrary_order(), now in any::<i64>()) {
        let engine = engine();
        if let Some(now) = Instant::from_millis(now) {
            let _ = engine.evaluate_input(&order, now);
        }
        let _ = Engine::from_policy(json!({ "version": "p", "entryDays": order.get("repairDays").cloned().unwrap_or(Value::Null), "categories": { "x": order.clone() } }));
    }
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        (-2i64..100_000).prop_map(Value::from),
        "[0-9T:+Z.-]{0,30}".prop_map(Value::from),
        prop::sample::select(vec![
            "2021-02-29",
            "2024-02-29",
            "2021-07-30T10:00:00+08:00",
            "9999-12-31T23:59:59.999-12:00",
            "0001-01-01T00:00:00+14:00",
            "2021-12-31T23:59:60Z",
            "success",
            "pending",
            "closed",
            "mobile_phone",
            "__proto__",
            "return",
            "invoice",
        ])
        .prop_map(Value::from),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-zA-Z]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// An order-shaped object whose fields may hold anything.
fn arbitrary_order() -> impl Strategy<Value = Value> {
    let fields = [
        "id",
        "category",
        "status",
        "successAt",
        "deliveredAt",
        "invoiceAt",
        "repairDays",
        "exchangedAt",
        "merchantPromises",
    ];
    let promise = prop::collection::btree_map(
        prop::sample::select(vec!["service", "days", "months", "from", "x"]),
        json_value(),
        0..5,
    )
    .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()));
    (
        prop::collection::btree_map(prop::sample::select(fields.to_vec()), json_value(), 0..10),
        prop::option::of(prop::collection::vec(promise, 0..3)),
    )
        .prop_map(|(fields, promises)| {
            let mut map: serde_json::Map<String, Value> =
                fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
            if let Some(promises) = promises {
                map.insert("merchantPromises".into(), Value::Array(promises));
            }
            Value::Object(map)
        })
}
