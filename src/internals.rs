//! What the command (crates/shouhoubao-cli), the JS boundary
//! (crates/shouhoubao-wasm), the fuzz targets (fuzz/) and the native
//! benchmark read beyond the public API — the tape and its parser, `policy
//! --check`, a JSON tree to build inputs with, the readers, the shapes and
//! limits, and what the boundary writes an answer's record from.
//! Hidden from the documentation (`#[doc(hidden)]`), and not a stable API:
//! it follows the crate's insides. Why crates: `docs/design.md`, "Why crates
//! along the seams?".

#[cfg(feature = "schema")]
pub use crate::input::schema::policy_schema;
pub use crate::input::shape::{MAX_CATEGORIES, MAX_DATES, MAX_PROMISES};
#[cfg(feature = "json")]
pub use crate::json::ParseError;
pub use crate::json::{Document, Value, MAX_DEPTH};
pub use crate::order::OrderFacts;
#[cfg(feature = "schema")]
pub use crate::policy::check::{check as check_policy, Warning};
pub use crate::policy::MAX_LINE;
pub use crate::time::{DAY_MS, MAX_INSTANT_MS, MIN_INSTANT_MS};

// For the JS boundary (crates/shouhoubao-wasm): the shapes the glue reads
// by and the tape's tags (its build script writes them into the glue's
// configuration), the readers of a tape, and the parts of an assessment
// its record is written from.
pub use crate::answer::{Assessment, WindowState};
pub use crate::input::read::{Object, Place};
pub use crate::input::shape;
pub use crate::input::{OrderStatus, PromiseFrom, PromiseService};
pub use crate::json::tape::tag as tape_tags;
pub use crate::json::tape::UNREADABLE;
pub use crate::json::Reader;
pub use crate::labels::{basis_text, window_label};
pub use crate::strings::{fill, Piece};
pub use crate::text::reason_text;
pub use crate::time::{days_from_epoch, Zone};
pub use crate::window::{Basis, Window};
pub use crate::wire::Wire;

use crate::{
    Eligibility, Engine, EngineError, Instant, Policy, ReasonCode, StateReason, WindowCode,
};
use std::borrow::Cow;

/// A JSON value as a tree: what the fuzz targets and the native benchmark
/// build inputs with, and check parsed text against. The engine itself
/// builds no tree: it reads tapes ([`Json::document`] writes one).
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object's members, in order.
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
    /// What the JS glue writes for a value with no JSON form (`"a Map"`):
    /// a copy onto a tape keeps it unreadable.
    Foreign(&'static str),
    /// A list the JS glue did not walk, being too long: its length.
    Long(usize),
    /// A string the JS glue did not copy, being too long: its length.
    LongString(usize),
}

impl Json<'_> {
    /// The member `key` of an object; `None` when absent, `null`, or `self`
    /// is not an object.
    pub fn get(&self, key: &str) -> Option<&Self> {
        match self {
            Json::Object(members) => members
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v)
                .filter(|v| !matches!(v, Json::Null)),
            _ => None,
        }
    }

    /// The value written on a tape, as the engine reads it.
    pub fn document(&self) -> Document {
        let mut document = Document::default();
        self.write(&mut document);
        document
    }

    fn write(&self, document: &mut Document) {
        match self {
            Json::Null => document.null(),
            Json::Bool(b) => document.boolean(*b),
            Json::Number(n) => document.number(*n),
            Json::String(s) => document.string(s),
            Json::Array(items) => {
                let open = document.open_array();
                items.iter().for_each(|item| item.write(document));
                document.close(open, items.len());
            }
            Json::Object(members) => {
                let open = document.open_object();
                for (key, value) in members {
                    document.string(key);
                    value.write(document);
                }
                document.close(open, members.len());
            }
            Json::Foreign(kind) => document.copy(Value::Foreign(kind)),
            Json::Long(length) => document.copy(Value::Long(*length)),
            Json::LongString(length) => document.copy(Value::LongString(*length)),
        }
    }

    /// The tree of a tape's value.
    pub fn of(value: Value<'_>) -> Json<'static> {
        match value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(b),
            Value::Number(n) => Json::Number(n),
            Value::String(s) => Json::String(Cow::Owned(s.to_owned())),
            Value::Array(items) => Json::Array(items.values().map(Json::of).collect()),
            Value::Object(members) => Json::Object(
                members
                    .members()
                    .map(|(k, v)| (Cow::Owned(k.to_owned()), Json::of(v)))
                    .collect(),
            ),
            Value::Foreign(kind) => Json::Foreign(kind),
            Value::Long(length) => Json::Long(length),
            Value::LongString(length) => Json::LongString(length),
        }
    }
}

/// JSON text on a tape, as the engine reads it.
#[cfg(feature = "json")]
pub use crate::json::parse as parse_document;

/// JSON text as a tree (through the engine's own parser and tape).
#[cfg(feature = "json")]
pub fn parse(text: &str) -> Result<Json<'static>, ParseError> {
    crate::json::parse(text).map(|document| Json::of(document.value()))
}

/// A snapshot on a tape, checked: what `new Engine(policy)` reads.
pub fn policy_from_value(value: Value<'_>) -> Result<Policy, EngineError> {
    Policy::from_value(value)
}

/// The embedded default snapshot's tape: its numbers and its (ASCII) text,
/// as `defaultPolicy()` hands it to the glue.
pub fn default_policy_tape() -> (Vec<f64>, &'static str) {
    crate::policy::default_tape()
}

/// The zone a policy reckons dates in.
pub fn policy_zone(policy: &Policy) -> Zone {
    policy.zone
}

/// Every part name of a policy, sorted: a window's part number is its
/// position here.
pub fn policy_part_names(policy: &Policy) -> &[String] {
    &policy.part_names
}

/// What a [`ReasonCode`] names, matched in full here: `ReasonCode` is
/// `#[non_exhaustive]` to other crates, and the boundary's record must
/// write every kind (a new one fails to compile there, not at run time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReasonName {
    /// A window's code.
    Window(WindowCode),
    /// A state of the order.
    State(StateReason),
}

impl From<ReasonCode> for ReasonName {
    fn from(reason: ReasonCode) -> ReasonName {
        match reason {
            ReasonCode::Window(code) => ReasonName::Window(code),
            ReasonCode::State(state) => ReasonName::State(state),
        }
    }
}

/// `now` from a JS-style number of epoch milliseconds, as the JS API reads it.
pub fn now_from_millis(ms: f64) -> Result<Instant, EngineError> {
    crate::engine::now_from_millis(ms)
}

/// The engine's readers of [`Json`] values.
pub trait EngineInternals: Sized {
    /// An engine for a snapshot given as a [`Json`] value.
    fn from_policy_value(value: &Json<'_>) -> Result<Self, EngineError>;
    /// An order given as a [`Json`] value, checked.
    fn read_order(&self, value: &Json<'_>) -> Result<OrderFacts, EngineError>;
    /// The answer for an order given as a [`Json`] value.
    fn evaluate_json(&self, order: &Json<'_>, now: Instant) -> Result<Eligibility, EngineError>;
    /// The answer for an order given as a tape's value (what the engine
    /// reads every input as).
    fn evaluate_value(&self, order: Value<'_>, now: Instant) -> Result<Eligibility, EngineError>;
    /// The answer for a checked order.
    fn evaluate_facts(&self, order: &OrderFacts, now: Instant) -> Result<Eligibility, EngineError>;
    /// An order given as a tape's value, checked.
    fn read_order_value(&self, order: Value<'_>) -> Result<OrderFacts, EngineError>;
    /// The assessment of a checked order: what the JS boundary writes its
    /// record from.
    fn assess_facts(&self, order: &OrderFacts, now: Instant)
        -> Result<Assessment<'_>, EngineError>;
}

impl EngineInternals for Engine {
    fn from_policy_value(value: &Json<'_>) -> Result<Engine, EngineError> {
        Policy::from_value(value.document().value()).map(Engine::new)
    }

    fn read_order(&self, value: &Json<'_>) -> Result<OrderFacts, EngineError> {
        Engine::read_order(self, value.document().value())
    }

    fn evaluate_json(&self, order: &Json<'_>, now: Instant) -> Result<Eligibility, EngineError> {
        Engine::evaluate_value(self, order.document().value(), now)
    }

    fn evaluate_value(&self, order: Value<'_>, now: Instant) -> Result<Eligibility, EngineError> {
        Engine::evaluate_value(self, order, now)
    }

    fn evaluate_facts(&self, order: &OrderFacts, now: Instant) -> Result<Eligibility, EngineError> {
        Engine::evaluate(self, order, now)
    }

    fn read_order_value(&self, order: Value<'_>) -> Result<OrderFacts, EngineError> {
        Engine::read_order(self, order)
    }

    fn assess_facts(
        &self,
        order: &OrderFacts,
        now: Instant,
    ) -> Result<Assessment<'_>, EngineError> {
        Engine::assess(self, order, now)
    }
}
