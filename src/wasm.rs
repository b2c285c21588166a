//! The JS boundary: the only module that knows `JsValue`. It decodes with
//! serde-wasm-bindgen, calls the core engine, and encodes the answers; errors
//! are thrown as real `Error` objects carrying `code`, `path` and `message`.
//! No rule logic lives here.

use crate::engine::{now_from_millis, Engine};
use crate::error::EngineError;
use crate::policy::DEFAULT_POLICY_JSON;
use crate::text::Locale;
use crate::time::Instant;
use js_sys::{Array, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_EXTRA: &str = r#"
/** Options for a new Engine. */
export interface EngineOptions {
    /** The language of `reason.text`: "zh-CN" (the default) or "en". */
    locale?: "zh-CN" | "en";
}

/** The slot of an order that could not be answered in `evaluateMany`. */
export interface EvaluationFailure {
    orderId: string | null;
    error: EngineError;
}

/** What `evaluateMany` returns for each order, in order. */
export type EvaluationResult = Eligibility | EvaluationFailure;
"#;

#[wasm_bindgen]
extern "C" {
    /// A policy snapshot object (declared by tsify from the Rust type).
    #[wasm_bindgen(typescript_type = "PolicySnapshot")]
    pub type PolicySnapshotObject;
    /// An `EngineOptions` object.
    #[wasm_bindgen(typescript_type = "EngineOptions")]
    pub type EngineOptionsObject;
}

/// Evaluates orders against one validated policy snapshot.
#[wasm_bindgen(js_name = Engine)]
pub struct JsEngine {
    engine: Engine,
    /// Server time minus device time, from `syncClock`.
    clock_offset_ms: f64,
}

#[wasm_bindgen(js_class = Engine)]
impl JsEngine {
    /// Checks the policy once (no policy: the embedded default).
    #[wasm_bindgen(constructor)]
    pub fn new(
        policy: Option<PolicySnapshotObject>,
        options: Option<EngineOptionsObject>,
    ) -> Result<JsEngine, JsValue> {
        let locale = locale_option(options.as_ref()).map_err(to_js_error)?;
        let engine = make_engine(policy.as_ref())
            .map_err(to_js_error)?
            .with_locale(locale);
        Ok(JsEngine {
            engine,
            clock_offset_ms: 0.0,
        })
    }

    /// The version of the policy snapshot this engine was made from.
    #[wasm_bindgen(getter, js_name = policyVersion)]
    pub fn policy_version(&self) -> String {
        self.engine.policy_version().to_owned()
    }

    /// The answer for one order at `now` (epoch ms; default: the device
    /// clock corrected by `syncClock`).
    #[wasm_bindgen(unchecked_return_type = "Eligibility")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
        now: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        let now = self.now(now).map_err(to_js_error)?;
        let answer = self.answer(order, now).map_err(to_js_error)?;
        to_js(&answer)
    }

    /// The answers for many orders in one call. A bad order fills its own
    /// slot with `{ orderId, error }`; the rest are answered.
    #[wasm_bindgen(js_name = evaluateMany, unchecked_return_type = "EvaluationResult[]")]
    pub fn evaluate_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Order[]")] orders: JsValue,
        now: Option<f64>,
    ) -> Result<Array, JsValue> {
        let now = self.now(now).map_err(to_js_error)?;
        if !Array::is_array(&orders) {
            return Err(to_js_error(EngineError::argument(
                "orders",
                "evaluateMany takes an array of orders",
            )));
        }
        let orders = Array::from(&orders);
        let out = Array::new_with_length(orders.length());
        for (index, order) in orders.iter().enumerate() {
            let id = order_id(&order);
            let slot = self
                .answer(order, now)
                .map_err(|e| e.within(&format!("[{index}]")))
                .map_err(|error| Failure {
                    order_id: id,
                    error,
                })
                .map_or_else(|failure| to_js(&failure), |answer| to_js(&answer))?;
            out.set(u32::try_from(index).unwrap_or(u32::MAX), slot);
        }
        Ok(out)
    }

    /// Corrects the device clock for calls without `now`: `serverNowMs` is
    /// the server's clock, read as close to this call as possible.
    #[wasm_bindgen(js_name = syncClock)]
    pub fn sync_clock(
        &mut self,
        #[wasm_bindgen(js_name = serverNowMs)] server_now_ms: f64,
    ) -> Result<(), JsValue> {
        if now_from_millis(server_now_ms).is_err() {
            return Err(to_js_error(EngineError::argument(
                "serverNowMs",
                "not an instant: epoch milliseconds must be finite and within years 0001–9999",
            )));
        }
        self.clock_offset_ms = server_now_ms - js_sys::Date::now();
        Ok(())
    }

    fn answer(&self, order: JsValue, now: Instant) -> Result<crate::Eligibility, EngineError> {
        if !order.is_object() || Array::is_array(&order) {
            return Err(EngineError::order("", "an order is an object"));
        }
        self.engine
            .evaluate_input(serde_wasm_bindgen::Deserializer::from(order), now)
    }

    fn now(&self, now: Option<f64>) -> Result<Instant, EngineError> {
        now_from_millis(now.unwrap_or_else(|| js_sys::Date::now() + self.clock_offset_ms))
    }
}

/// The answer for one order under `policy` (default: the embedded one).
#[wasm_bindgen(js_name = evaluate, unchecked_return_type = "Eligibility")]
pub fn evaluate_once(
    #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    policy: Option<PolicySnapshotObject>,
    now: Option<f64>,
) -> Result<JsValue, JsValue> {
    JsEngine::new(policy, None)?.evaluate(order, now)
}

/// The embedded default policy snapshot.
#[wasm_bindgen(js_name = defaultPolicy, unchecked_return_type = "PolicySnapshot")]
pub fn default_policy() -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(DEFAULT_POLICY_JSON)
}

/// The crate's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_owned()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Failure {
    order_id: Option<String>,
    error: EngineError,
}

fn make_engine(policy: Option<&PolicySnapshotObject>) -> Result<Engine, EngineError> {
    match policy {
        // JSON.parse, so serde_json need not be linked into the module.
        None => js_sys::JSON::parse(DEFAULT_POLICY_JSON)
            .map_err(|_| EngineError::policy("", "the embedded default policy is not JSON"))
            .and_then(|policy| Engine::from_policy(serde_wasm_bindgen::Deserializer::from(policy))),
        Some(policy) => Engine::from_policy(serde_wasm_bindgen::Deserializer::from(JsValue::from(
            policy,
        ))),
    }
}

fn locale_option(options: Option<&EngineOptionsObject>) -> Result<Locale, EngineError> {
    let Some(options) = options else {
        return Ok(Locale::default());
    };
    let value = Reflect::get(options, &JsValue::from_str("locale")).unwrap_or(JsValue::UNDEFINED);
    if value.is_undefined() || value.is_null() {
        return Ok(Locale::default());
    }
    value
        .as_string()
        .and_then(|text| Locale::parse(&text))
        .ok_or_else(|| EngineError::argument("options.locale", "the locale is \"zh-CN\" or \"en\""))
}

/// The order's `id` when it is a string, for the slot of a failed order.
fn order_id(order: &JsValue) -> Option<String> {
    if !order.is_object() {
        return None;
    }
    Reflect::get(order, &JsValue::from_str("id"))
        .ok()
        .and_then(|id| id.as_string())
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true))
        .map_err(JsValue::from)
}

/// A real JS `Error` carrying `code`, `path` and `message`.
fn to_js_error(error: EngineError) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name("EngineError");
    let _ = Reflect::set(&js, &"code".into(), &error.code.as_str().into());
    let _ = Reflect::set(&js, &"path".into(), &error.path.as_str().into());
    let _ = Reflect::set(&js, &"message".into(), &error.message.as_str().into());
    js.into()
}
