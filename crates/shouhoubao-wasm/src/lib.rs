//! The JS boundary of the npm package `shouhoubao`: the only crate that
//! knows `JsValue`. Values come in through the glue's encoder as one tape
//! per call (`glue`, the engine's `json::tape`), holding only the fields the
//! contract names (the engine's `input::shape`); answers go out as one
//! compact record per call (`record`), which the glue's decoder turns into
//! plain objects. Errors are thrown as real `Error` objects carrying `code`,
//! `path` and `message`. No rule logic lives here.
//!
//! The engine is the plain crate at the repository's root; this crate
//! reads its insides through `shouhoubao::internals` (why: `docs/design.md`,
//! "Why crates along the seams?"). The size budget, talc and no panics:
//! `docs/design.md`.

mod glue;
mod record;
mod slots;

use js_sys::Reflect;
use record::RecordWriter;
use shouhoubao::internals::shape::MAX_ORDERS;
use shouhoubao::internals::{
    default_policy_tape, fill, now_from_millis, policy_from_value, EngineInternals, Object, Place,
    Value, Wire,
};
use shouhoubao::{Engine, EngineError, ErrorCode, Instant, Locale, Policy};
use std::cell::{Cell, RefCell};
use std::sync::Arc;
use wasm_bindgen::prelude::*;

// The allocator is the final module's choice: set only for the npm package
// (feature `package`), never for a crate that embeds the boundary.
#[cfg(all(feature = "package", target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// What a tape the glue wrote wrongly gives (a fault of the glue, never of the caller's data).
const MALFORMED_TAPE: &str = "the value could not be read from the glue's tape";

/// The TypeScript declarations of the values that cross the boundary: the
/// inputs (held to the glue's shapes by tests/js/shapes-agree.test.mjs), the
/// answer and its parts, and the wire names' unions (held to the engine's by
/// this crate's `types_declare_every_wire_name` test).
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

#[wasm_bindgen]
extern "C" {
    /// A policy snapshot object (declared in `types.d.ts`).
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
    /// Server time minus device time, from `syncClock` (a cell: a getter
    /// may call `syncClock` while another call is reading its input).
    clock_offset_ms: Cell<f64>,
    /// The record writer and the string table the glue holds a copy of.
    record: RefCell<RecordWriter>,
    /// The glue decoder's tables for this engine.
    tables: JsValue,
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
        let policy = match policy {
            None => default_policy_checked().map_err(to_js_error)?,
            Some(policy) => {
                let tape = glue::read_value(&policy, glue::Input::Policy)?;
                let value = tape
                    .reader()
                    .next_value()
                    .ok_or_else(|| to_js_error(EngineError::policy("", MALFORMED_TAPE)))?;
                Arc::new(policy_from_value(value).map_err(to_js_error)?)
            }
        };
        let record = RecordWriter::new(&policy, locale);
        Ok(JsEngine {
            engine: Engine::sharing(policy).with_locale(locale),
            clock_offset_ms: Cell::new(0.0),
            record: RefCell::new(record),
            tables: glue::tables()?,
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
        let tape = glue::read_value(&order, glue::Input::Order)?;
        let order = tape
            .reader()
            .next_value()
            .ok_or_else(|| to_js_error(EngineError::order("", MALFORMED_TAPE)))?;
        let facts = self.engine.read_order_value(order).map_err(to_js_error)?;
        let assessment = self.engine.assess_facts(&facts, now).map_err(to_js_error)?;
        self.send(&tape.order_ids, true, |record| record.answer(&assessment))
    }

    /// The answers for many orders in one call. A bad order fills its own
    /// slot with `{ orderId, error }`; the rest are answered.
    #[wasm_bindgen(js_name = evaluateMany, unchecked_return_type = "EvaluationResult[]")]
    pub fn evaluate_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "readonly Order[]")] orders: JsValue,
        now: Option<EpochMillis>,
    ) -> Result<JsValue, JsValue> {
        let now = self.now(now).map_err(to_js_error)?;
        let Some((count, tape)) = glue::read_items(&orders)? else {
            return Err(to_js_error(EngineError::argument(
                "orders",
                "evaluateMany takes an array of orders",
            )));
        };
        if count > MAX_ORDERS {
            return Err(to_js_error(EngineError::argument(
                "orders",
                fill(
                    "evaluateMany takes at most {0} orders; this array has {1}",
                    &[&MAX_ORDERS, &count],
                ),
            )));
        }
        let mut reader = tape.reader();
        self.send(&tape.order_ids, false, |record| {
            for index in 0..count {
                let answer = reader
                    .next_value()
                    .ok_or_else(|| EngineError::order("", MALFORMED_TAPE))
                    .and_then(|order| {
                        let facts = self.engine.read_order_value(order)?;
                        let assessment = self.engine.assess_facts(&facts, now)?;
                        record.answer(&assessment);
                        Ok(())
                    });
                if let Err(error) = answer {
                    record.failure(&error.within(&index_path(index)));
                }
            }
        })
    }

    /// Corrects the device clock for calls without `now`: `serverNowMs` is
    /// the server's clock, read as close to this call as possible.
    #[wasm_bindgen(js_name = syncClock)]
    pub fn sync_clock(
        &self,
        #[wasm_bindgen(js_name = serverNowMs)] server_now_ms: EpochMillis,
    ) -> Result<(), JsValue> {
        let server_now = epoch_millis(&server_now_ms, "serverNowMs").map_err(to_js_error)?;
        self.clock_offset_ms
            .set(server_now.millis() as f64 - js_sys::Date::now());
        Ok(())
    }

    /// The clock every call without `now` uses, in epoch milliseconds: the
    /// device's, corrected by `syncClock`. A countdown's timers and its
    /// HH:MM:SS count from it.
    #[wasm_bindgen(js_name = now)]
    pub fn synced_now(&self) -> f64 {
        js_sys::Date::now() + self.clock_offset_ms.get()
    }

    /// The language of the sentences, labels and counting lines of the
    /// answers to come: `"zh-CN"` or `"en"`. The synced clock is kept.
    #[wasm_bindgen(js_name = setLocale)]
    pub fn set_locale(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Locale")] locale: JsValue,
    ) -> Result<(), JsValue> {
        // Compared as JS strings: nothing is copied into the module.
        let locale = <Locale as Wire>::ALL
            .iter()
            .copied()
            .find(|known| locale == JsValue::from_str(known.as_str()))
            .ok_or_else(|| to_js_error(bad_locale("locale")))?;
        let mut record = self.record.try_borrow_mut().map_err(|_| in_use())?;
        record.set_locale(locale);
        Ok(())
    }

    fn now(&self, now: Option<EpochMillis>) -> Result<Instant, EngineError> {
        match now {
            Some(now) => epoch_millis(&now, "now"),
            None => now_from_millis(self.synced_now()),
        }
    }

    /// Writes one record with `write` and hands it to the glue's decoder,
    /// with the ids the glue kept for the call's orders.
    fn send(
        &self,
        order_ids: &JsValue,
        single: bool,
        write: impl FnOnce(&mut RecordWriter),
    ) -> Result<JsValue, JsValue> {
        let mut record = self.record.try_borrow_mut().map_err(|_| in_use())?;
        record.clear();
        write(&mut record);
        let answers = glue::answers(&self.tables, order_ids, record.finish(), single)?;
        record.taken();
        Ok(answers)
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
    let (ops, text) = default_policy_tape();
    glue::value_of_tape(&ops, text)
}

/// The crate's version.
#[wasm_bindgen]
pub fn version() -> String {
    shouhoubao::VERSION.to_owned()
}

thread_local! {
    /// The embedded default policy, checked once per instance.
    static DEFAULT_POLICY: RefCell<Option<Arc<Policy>>> = const { RefCell::new(None) };
}

/// The embedded default policy, read and checked the first time only, then
/// shared by every engine made from it.
fn default_policy_checked() -> Result<Arc<Policy>, EngineError> {
    DEFAULT_POLICY.with(|cell| {
        if let Some(policy) = cell.borrow().as_ref() {
            return Ok(Arc::clone(policy));
        }
        let policy = Arc::new(Policy::default_policy()?);
        *cell.borrow_mut() = Some(Arc::clone(&policy));
        Ok(policy)
    })
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

/// `[i]`, the path of the i-th order of a batch.
fn index_path(index: usize) -> String {
    fill("[{0}]", &[&index])
}

/// The locale of `options`: absent, `null` or `undefined` is zh-CN; a value
/// that is not `"zh-CN"` or `"en"`, or that cannot be read (a throwing
/// getter), is `INVALID_ARGUMENT` at `options.locale`; options that are not
/// an object are `INVALID_ARGUMENT` at `options`.
fn locale_option(options: Option<&EngineOptionsObject>) -> Result<Locale, EngineError> {
    let Some(options) = options else {
        return Ok(Locale::default());
    };
    let tape = glue::read_value(options, glue::Input::Options)
        .map_err(|_| EngineError::argument("options", "the options could not be read"))?;
    let value = tape
        .reader()
        .next_value()
        .ok_or_else(|| EngineError::argument("options", MALFORMED_TAPE))?;
    let locale = match value {
        Value::Null => return Ok(Locale::default()),
        Value::Object(_) => {
            let place = Place::root(ErrorCode::InvalidArgument);
            Object::read(value, place)?
                .optional("locale")
                .map(|(locale, _)| locale)
        }
        _ => {
            return Err(EngineError::argument(
                "options",
                fill("expected an object, found {0}", &[&value.kind()]),
            ))
        }
    };
    match locale {
        None => Ok(Locale::default()),
        Some(Value::String(text)) => {
            Locale::parse(text).ok_or_else(|| bad_locale("options.locale"))
        }
        Some(_) => Err(bad_locale("options.locale")),
    }
}

/// The engine's record is being written: a call from inside one of its own.
fn in_use() -> JsValue {
    to_js_error(EngineError::argument(
        "",
        "the engine is already answering (a call from inside one of its own calls)",
    ))
}

/// A locale that is not `"zh-CN"` or `"en"`, at `path`.
fn bad_locale(path: &str) -> EngineError {
    EngineError::argument(path, "the locale is \"zh-CN\" or \"en\"")
}

/// A real JS `Error` carrying `code`, `path` and `message`.
fn to_js_error(error: EngineError) -> JsValue {
    let js = js_sys::Error::new(&error.message);
    js.set_name("EngineError");
    let _ = Reflect::set(&js, &"code".into(), &error.code.as_str().into());
    let _ = Reflect::set(&js, &"path".into(), &error.path.as_str().into());
    js.into()
}
