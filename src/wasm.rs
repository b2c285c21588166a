//! The JS boundary: the only module that knows `JsValue`. It decodes with
//! serde-wasm-bindgen, calls the core engine, and encodes the answers; errors
//! are thrown as real `Error` objects carrying `code`, `path` and `message`.
//! No rule logic lives here.

use crate::engine::{now_from_millis, Engine};
use crate::error::EngineError;
use crate::json::{Json, Writer, MAX_DEPTH};
use crate::policy::DEFAULT_POLICY_JSON;
use crate::text::Locale;
use crate::time::Instant;
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

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
    /// A number of epoch milliseconds. Taken as a JS value, not as `f64`, so
    /// that a string is refused instead of being coerced.
    #[wasm_bindgen(typescript_type = "number")]
    pub type EpochMillis;
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
        now: Option<EpochMillis>,
    ) -> Result<JsValue, JsValue> {
        let now = self.now(now).map_err(to_js_error)?;
        let order = read_order(&order).map_err(to_js_error)?;
        let answer = self
            .engine
            .evaluate_json(&order, now)
            .map_err(to_js_error)?;
        parse_answer(answer.to_json())
    }

    /// The answers for many orders in one call. A bad order fills its own
    /// slot with `{ orderId, error }`; the rest are answered.
    #[wasm_bindgen(js_name = evaluateMany, unchecked_return_type = "EvaluationResult[]")]
    pub fn evaluate_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Order[]")] orders: JsValue,
        now: Option<EpochMillis>,
    ) -> Result<JsValue, JsValue> {
        let now = self.now(now).map_err(to_js_error)?;
        if !is_array(&orders).unwrap_or(false) {
            return Err(to_js_error(EngineError::argument(
                "orders",
                "evaluateMany takes an array of orders",
            )));
        }
        let length = array_length(&orders).ok_or_else(|| {
            to_js_error(EngineError::argument(
                "orders",
                "the array's length could not be read",
            ))
        })?;
        // All answers leave as one JSON text, parsed by one JSON.parse.
        // About 1.5 KB of JSON per answer.
        let mut w =
            Writer::with_capacity(usize::try_from(length).unwrap_or(0).saturating_mul(1536));
        w.begin_array();
        for index in 0..length {
            let order = Reflect::get_u32(&orders, index)
                .map_err(|_| EngineError::order("", "the order could not be read"))
                .and_then(|order| read_order(&order));
            let answer = order
                .as_ref()
                .map_err(Clone::clone)
                .and_then(|order| self.engine.evaluate_json(order, now));
            match answer {
                Ok(answer) => answer.write_json(&mut w),
                Err(error) => {
                    let id = order.ok().and_then(|o| match o.get("id") {
                        Some(Json::String(id)) => Some(id.clone()),
                        _ => None,
                    });
                    w.begin_object();
                    w.key("orderId");
                    w.opt_string(id.as_deref());
                    w.key("error");
                    error.within(&index_path(index)).write_json(&mut w);
                    w.end_object();
                }
            }
        }
        w.end_array();
        parse_answer(w.finish())
    }

    /// Corrects the device clock for calls without `now`: `serverNowMs` is
    /// the server's clock, read as close to this call as possible.
    #[wasm_bindgen(js_name = syncClock)]
    pub fn sync_clock(
        &mut self,
        #[wasm_bindgen(js_name = serverNowMs)] server_now_ms: EpochMillis,
    ) -> Result<(), JsValue> {
        let server_now = epoch_millis(&server_now_ms, "serverNowMs").map_err(to_js_error)?;
        self.clock_offset_ms = server_now.millis() as f64 - js_sys::Date::now();
        Ok(())
    }

    fn now(&self, now: Option<EpochMillis>) -> Result<Instant, EngineError> {
        match now {
            Some(now) => epoch_millis(&now, "now"),
            None => now_from_millis(js_sys::Date::now() + self.clock_offset_ms),
        }
    }
}

/// The answer for one order under `policy` (default: the embedded one).
#[wasm_bindgen(js_name = evaluate, unchecked_return_type = "Eligibility")]
pub fn evaluate_once(
    #[wasm_bindgen(unchecked_param_type = "Order")] order: JsValue,
    policy: Option<PolicySnapshotObject>,
    now: Option<EpochMillis>,
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

/// An instant given as a JS number of epoch milliseconds (floored); any
/// other value, `NaN`, ±Infinity or out of range is `INVALID_ARGUMENT` at `path`.
fn epoch_millis(value: &EpochMillis, path: &str) -> Result<Instant, EngineError> {
    value
        .as_f64()
        .and_then(Instant::from_f64_millis)
        .ok_or_else(|| {
            EngineError::argument(
                path,
                "not an instant: epoch milliseconds must be a finite number within years 0001–9999",
            )
        })
}

/// An order as a [`Json`] value.
fn read_order(order: &JsValue) -> Result<Json, EngineError> {
    from_js(order, 0).map_err(|e| EngineError::order("", e))
}

/// `[i]`, the path of the i-th order of a batch.
fn index_path(index: u32) -> String {
    let mut path = String::from("[");
    crate::strings::Piece::push_to(&index, &mut path);
    path.push(']');
    path
}

/// Answers written as JSON text, as JS values.
fn parse_answer(text: String) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&text)
}

fn make_engine(policy: Option<&PolicySnapshotObject>) -> Result<Engine, EngineError> {
    // The default too goes through JSON.parse, so no JSON text parser need
    // be linked into the module.
    let policy = match policy {
        None => js_sys::JSON::parse(DEFAULT_POLICY_JSON)
            .map_err(|_| EngineError::policy("", "the embedded default policy is not JSON"))?,
        Some(policy) => JsValue::from(policy),
    };
    let policy = from_js(&policy, 0).map_err(|e| EngineError::policy("", e))?;
    Engine::from_policy_value(&policy)
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

// Every JS operation the walk performs that can run user code — a getter, a
// Proxy trap — is a catching import: an exception must never unwind through
// the module (it would leave wasm-bindgen's borrow flags set and the stack
// pointer moved, and the instance unusable).
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

/// What a value that JS refused to give (a throwing getter or Proxy trap)
/// reads as: the readers refuse it with the field's path.
const UNREADABLE: Json = Json::Foreign("a value that could not be read");

/// The length of an array (or of a Proxy of one), if it can be read.
fn array_length(array: &JsValue) -> Option<u32> {
    let length = Reflect::get(array, &JsValue::from_str("length"))
        .ok()?
        .as_f64()?;
    // Array lengths are whole numbers below 2^32.
    (length >= 0.0 && length <= f64::from(u32::MAX)).then_some(length as u32)
}

/// A JS value as a [`Json`] value, read in one walk: own enumerable string
/// keys of plain objects, array elements, and primitives; `undefined` is
/// `null`. A value with no JSON form (BigInt, symbol, function) or that
/// cannot be read becomes [`Json::Foreign`], which the readers refuse with
/// the field's path.
fn from_js(value: &JsValue, depth: usize) -> Result<Json, String> {
    if value.is_null() || value.is_undefined() {
        return Ok(Json::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Json::Bool(b));
    }
    if let Some(n) = value.as_f64() {
        return Ok(Json::Number(n));
    }
    if let Some(s) = value.as_string() {
        return Ok(Json::String(s));
    }
    if value.is_bigint() {
        return Ok(Json::Foreign("a BigInt"));
    }
    if value.is_symbol() {
        return Ok(Json::Foreign("a symbol"));
    }
    if value.is_function() {
        return Ok(Json::Foreign("a function"));
    }
    if depth >= MAX_DEPTH {
        return Err("nested too deeply".to_owned());
    }
    let inner = depth.saturating_add(1);
    match is_array(value) {
        Err(_) => return Ok(UNREADABLE),
        Ok(true) => {
            let Some(length) = array_length(value) else {
                return Ok(UNREADABLE);
            };
            let mut items = Vec::new();
            for index in 0..length {
                items.push(match Reflect::get_u32(value, index) {
                    Ok(item) => from_js(&item, inner)?,
                    Err(_) => UNREADABLE,
                });
            }
            return Ok(Json::Array(items));
        }
        Ok(false) => {}
    }
    let Ok(keys) = object_keys(value) else {
        return Ok(UNREADABLE);
    };
    let mut members = Vec::with_capacity(usize::try_from(keys.length()).unwrap_or(0));
    for key in keys.iter() {
        let item = match Reflect::get(value, &key) {
            Ok(item) => from_js(&item, inner)?,
            Err(_) => UNREADABLE,
        };
        members.push((key.as_string().unwrap_or_default(), item));
    }
    Ok(Json::Object(members))
}

/// A real JS `Error` carrying `code`, `path` and `message`.
fn to_js_error(error: EngineError) -> JsValue {
    let js = js_sys::Error::new(&error.message);
    js.set_name("EngineError");
    let _ = Reflect::set(&js, &"code".into(), &error.code.as_str().into());
    let _ = Reflect::set(&js, &"path".into(), &error.path.as_str().into());
    js.into()
}
