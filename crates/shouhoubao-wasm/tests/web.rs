//! The golden vectors through the wasm build and its JS boundary, run by
//! `wasm-pack test --node` and `wasm-pack test --headless --chrome`.
//!
//! A wasm test cannot read files, so the vector files are compiled in; the
//! native test `web_runner_lists_every_vector_file` keeps this list complete.

#![allow(clippy::restriction)] // test code: a failed check panics, and that is the report
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use shouhoubao_wasm::{EpochMillis, JsEngine};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

#[path = "../../../tests/common/subset.rs"]
mod subset;
use subset::subset_diff;

const VECTOR_FILES: &[(&str, &str)] = &[
    (
        "entry_status_promises.json",
        include_str!("../../../tests/vectors/entry_status_promises.json"),
    ),
    (
        "contract3.json",
        include_str!("../../../tests/vectors/contract3.json"),
    ),
    (
        "errors.json",
        include_str!("../../../tests/vectors/errors.json"),
    ),
    (
        "examples.json",
        include_str!("../../../tests/vectors/examples.json"),
    ),
    (
        "labels.json",
        include_str!("../../../tests/vectors/labels.json"),
    ),
    (
        "rest_days.json",
        include_str!("../../../tests/vectors/rest_days.json"),
    ),
    (
        "three_guarantees.json",
        include_str!("../../../tests/vectors/three_guarantees.json"),
    ),
];

/// A JS number, as the API's `now` takes it.
fn ms(n: f64) -> EpochMillis {
    JsValue::from_f64(n).unchecked_into()
}

fn js(value: &Value) -> JsValue {
    use serde::Serialize;
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).unwrap()
}

fn from_js(value: &JsValue) -> Value {
    let text: String = js_sys::JSON::stringify(value).unwrap().into();
    serde_json::from_str(&text).unwrap()
}

fn error_of(error: &JsValue) -> (String, String) {
    let get = |key: &str| {
        js_sys::Reflect::get(error, &key.into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    assert!(
        error.is_instance_of::<js_sys::Error>(),
        "not an Error: {error:?}"
    );
    (get("code"), get("path"))
}

// The order as a page holds it (issue 16), from the module every JS runner
// shares: items, a shop referring back, itself, a throwing getter, a
// Symbol key, a megabyte of trace, and a `category` getter that calls back.
#[wasm_bindgen::prelude::wasm_bindgen(module = "/../../tests/js/lib/page-order.js")]
extern "C" {
    #[wasm_bindgen(js_name = asPageHolds)]
    fn as_page_holds(order: &JsValue, reenter: &JsValue) -> JsValue;
}

/// How a case's order is handed to the engine.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// As the vector gives it.
    Bare,
    /// As a page holds it, with a call into the engine from inside the read.
    AsAPageHoldsIt,
}

fn run_case(policies: &Value, case: &Value, shape: Shape) -> Result<Value, (String, String)> {
    let policy = match &case["policy"] {
        Value::String(name) if name == "default" => None,
        Value::String(name) => Some(js(&policies[name.as_str()])),
        inline => Some(js(inline)),
    };
    let options = case
        .get("locale")
        .map(|locale| js(&serde_json::json!({ "locale": locale })));
    let engine = JsEngine::new(
        policy.map(JsCast::unchecked_into),
        options.map(JsCast::unchecked_into),
    )
    .map_err(|e| error_of(&e))?;
    let now = case["now"].as_f64();
    if shape == Shape::Bare {
        return engine
            .evaluate(js(&case["order"]), now.map(ms))
            .map(|answer| from_js(&answer))
            .map_err(|e| error_of(&e));
    }
    let engine = std::rc::Rc::new(engine);
    let inner_engine = engine.clone();
    let reenter = wasm_bindgen::closure::Closure::<dyn FnMut(JsValue) -> JsValue>::new(move |_| {
        let inner = serde_json::json!({ "id": "INNER", "category": "apparel", "status": "success",
            "successAt": "2021-09-20T20:15:00+08:00" });
        inner_engine
            .evaluate(js(&inner), now.map(ms))
            .unwrap_or_else(|e| e)
    });
    let order = as_page_holds(&js(&case["order"]), reenter.as_ref());
    let answer = engine
        .evaluate(order.clone(), now.map(ms))
        .map(|answer| from_js(&answer))
        .map_err(|e| error_of(&e));
    // The call from inside the read got INNER's own answer.
    if let Ok(reentered) = js_sys::Reflect::get(&order, &"reentered".into()) {
        if !reentered.is_undefined() {
            let id = js_sys::Reflect::get(&reentered, &"orderId".into()).unwrap();
            assert_eq!(id.as_string().as_deref(), Some("INNER"), "{}", case["name"]);
        }
    }
    answer
}

/// Every vector again with its order as a page holds it: the same outcome.
#[wasm_bindgen_test]
fn golden_vectors_as_a_page_holds_the_order() {
    let mut count = 0;
    for (file, text) in VECTOR_FILES {
        let doc: Value = serde_json::from_str(text).unwrap();
        let policies = doc.get("policies").cloned().unwrap_or(Value::Null);
        for case in doc["cases"].as_array().unwrap() {
            count += 1;
            let bare = run_case(&policies, case, Shape::Bare);
            let paged = run_case(&policies, case, Shape::AsAPageHoldsIt);
            assert_eq!(bare, paged, "{file} / {}", case["name"]);
        }
    }
    assert!(count >= 200, "only {count} vectors");
}

#[wasm_bindgen_test]
fn golden_vectors_through_the_js_boundary() {
    let mut count = 0;
    let mut failures = Vec::new();
    for (file, text) in VECTOR_FILES {
        let doc: Value = serde_json::from_str(text).unwrap();
        let policies = doc.get("policies").cloned().unwrap_or(Value::Null);
        for case in doc["cases"].as_array().unwrap() {
            count += 1;
            let label = format!("{file} / {}", case["name"]);
            match (
                run_case(&policies, case, Shape::Bare),
                case.get("expect"),
                case.get("error"),
            ) {
                (Ok(actual), Some(expected), _) => {
                    let mut diff = Vec::new();
                    subset_diff(expected, &actual, "", &mut diff);
                    if !diff.is_empty() {
                        failures.push(format!("{label}: {}", diff.join("; ")));
                    }
                }
                (Err((code, path)), _, Some(expected)) => {
                    if expected["code"] != code.as_str() || expected["path"] != path.as_str() {
                        failures.push(format!(
                            "{label}: error {code} at {path}, expected {expected}"
                        ));
                    }
                }
                (Ok(_), _, _) => failures.push(format!("{label}: answered, expected an error")),
                (Err(error), _, _) => failures.push(format!("{label}: unexpected error {error:?}")),
            }
        }
    }
    assert!(count >= 80, "only {count} vectors");
    assert!(
        failures.is_empty(),
        "{} of {count} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[wasm_bindgen_test]
fn evaluate_many_fills_bad_slots() {
    let engine = JsEngine::new(None, None).unwrap();
    let orders = js(&serde_json::json!([
        { "id": "A", "category": "apparel", "status": "pending" },
        { "id": "B", "category": "apparel", "status": "success", "successAt": "2021-02-30T10:00:00+08:00" },
        7,
        { "id": "D", "category": "apparel", "status": "closed" }
    ]));
    let answers = from_js(&engine.evaluate_many(orders, Some(ms(1.6e12))).unwrap());
    assert_eq!(answers[0]["status"], "pending");
    assert_eq!(answers[1]["orderId"], "B");
    assert_eq!(answers[1]["error"]["code"], "INVALID_ORDER");
    assert_eq!(answers[1]["error"]["path"], "[1].successAt");
    assert_eq!(answers[2]["orderId"], Value::Null);
    assert_eq!(answers[2]["error"]["path"], "[2]");
    assert_eq!(answers[3]["reason"]["code"], "ORDER_CLOSED");
}

#[wasm_bindgen_test]
fn bad_now_is_an_argument_error() {
    let engine = JsEngine::new(None, None).unwrap();
    let order = js(&serde_json::json!({ "id": "A", "category": "apparel", "status": "pending" }));
    for now in [f64::NAN, f64::INFINITY, -1e300] {
        let error = engine.evaluate(order.clone(), Some(ms(now))).unwrap_err();
        assert_eq!(error_of(&error), ("INVALID_ARGUMENT".into(), "now".into()));
    }
}

#[wasm_bindgen_test]
fn the_clock_comes_from_js_and_sync_clock() {
    let engine = JsEngine::new(None, None).unwrap();
    let order = js(&serde_json::json!({
        "id": "A", "category": "apparel", "status": "success", "successAt": "2021-07-30T11:43:30+08:00"
    }));
    // Without now, the device clock (years after 2021): the entry has expired.
    let answer = from_js(&engine.evaluate(order.clone(), None).unwrap());
    assert_eq!(answer["reason"]["code"], "EXPIRED");
    // A server clock two days after success: the entry is open, 13 days left.
    engine
        .sync_clock(ms(1_627_616_610_000.0 + 2.0 * 86_400_000.0 + 3_600_000.0))
        .unwrap();
    let answer = from_js(&engine.evaluate(order, None).unwrap());
    assert_eq!(answer["status"], "open");
    assert_eq!(answer["remainingDays"], 13);
    assert!(engine.sync_clock(ms(f64::NAN)).is_err());
    // A numeric string is not a number: refused, not coerced.
    let text: EpochMillis = JsValue::from_str("1631671200000").unchecked_into();
    assert!(engine.sync_clock(text).is_err());
}

// Proxies that count what is read (issue 16): every trap call, by kind.
// Prototype lookups are left out of `other`: the glue may ask what kind of
// object a value is.
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
export function countedProxy(target) {
  const calls = { get: 0, other: 0 };
  const handler = {};
  for (const trap of ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'set', 'defineProperty', 'deleteProperty', 'getPrototypeOf']) {
    handler[trap] = (...args) => {
      if (trap === 'get') calls.get++;
      else if (trap !== 'getPrototypeOf') calls.other++;
      return Reflect[trap](...args);
    };
  }
  return { proxy: new Proxy(target, handler), calls };
}
export function arrayOfLength(length) {
  const list = [];
  list.length = length;
  return list;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = countedProxy)]
    fn counted_proxy(target: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = arrayOfLength)]
    fn array_of_length(length: f64) -> JsValue;
}

/// A counted proxy's `proxy`, and its `calls` as (get, other).
fn counted(target: &JsValue) -> (JsValue, impl Fn() -> (f64, f64)) {
    let made = counted_proxy(target);
    let proxy = js_sys::Reflect::get(&made, &"proxy".into()).unwrap();
    let calls = js_sys::Reflect::get(&made, &"calls".into()).unwrap();
    let read = move || {
        let count = |key: &str| {
            js_sys::Reflect::get(&calls, &key.into())
                .unwrap()
                .as_f64()
                .unwrap()
        };
        (count("get"), count("other"))
    };
    (proxy, read)
}

/// What is read, counted, in each browser's own Proxy semantics (contract
/// 3, §3, §4, §7): a page-held order costs at most one get per named field
/// and is never enumerated; 2^32 − 1 orders are refused by their length;
/// a Map where the categories belong is refused at `categories`.
#[wasm_bindgen_test]
fn reads_are_bounded_by_the_named_fields() {
    let now = Some(1_632_445_200_000.0);
    let order = serde_json::json!({
        "id": "OUTER", "category": "mobile_phone", "status": "success",
        "successAt": "2021-07-30T11:43:30+08:00", "invoiceAt": "2021-07-27",
        "merchantPromises": [{ "service": "repair", "months": 24, "from": "invoice" }]
    });
    let engine = JsEngine::new(None, None).unwrap();
    let bare = from_js(&engine.evaluate(js(&order), now.map(ms)).unwrap());

    let (proxy, calls) = counted(&as_page_holds(&js(&order), &JsValue::UNDEFINED));
    let answer = from_js(&engine.evaluate(proxy.clone(), now.map(ms)).unwrap());
    assert_eq!(answer, bare);
    let (gets, other) = calls();
    assert!(gets <= 9.0, "{gets} gets for 9 named fields");
    assert_eq!(other, 0.0, "the order was enumerated or probed");
    let many = js_sys::Array::of2(&proxy, &js(&order));
    let slots = from_js(&engine.evaluate_many(many.into(), now.map(ms)).unwrap());
    assert_eq!(slots, Value::Array(vec![bare.clone(), bare.clone()]));

    let (huge, calls) = counted(&array_of_length(4_294_967_295.0));
    let error = engine.evaluate_many(huge, now.map(ms)).unwrap_err();
    assert_eq!(
        error_of(&error),
        ("INVALID_ARGUMENT".into(), "orders".into())
    );
    assert!(calls().0 <= 1.0, "items were read: {:?}", calls());

    let policy = js_sys::Object::new();
    js_sys::Reflect::set(&policy, &"version".into(), &"p".into()).unwrap();
    js_sys::Reflect::set(&policy, &"entryDays".into(), &JsValue::from_f64(15.0)).unwrap();
    js_sys::Reflect::set(&policy, &"categories".into(), &js_sys::Map::new()).unwrap();
    let error = JsEngine::new(Some(policy.unchecked_into()), None)
        .err()
        .unwrap();
    assert_eq!(
        error_of(&error),
        ("INVALID_POLICY".into(), "categories".into())
    );

    engine.sync_clock(ms(1_632_445_200_000.0)).unwrap();
    assert_eq!(
        from_js(&engine.evaluate(js(&order), now.map(ms)).unwrap()),
        bare
    );
    drop(engine);
}
