//! What the fuzz targets (fuzz/) read beyond the public API — the JSON value
//! every input becomes, the readers, the limits (feature `fuzzing`). Not a
//! stable API: it follows the crate's insides.

pub use crate::input::shape::{MAX_CATEGORIES, MAX_DATES, MAX_PROMISES};
pub use crate::json::{parse, Json, MAX_DEPTH};
pub use crate::order::OrderFacts;
pub use crate::policy::MAX_LINE;
pub use crate::time::{DAY_MS, MAX_INSTANT_MS, MIN_INSTANT_MS};

use crate::{Eligibility, Engine, EngineError, Instant, Policy};

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
    /// The answer for a checked order.
    fn evaluate_facts(&self, order: &OrderFacts, now: Instant) -> Result<Eligibility, EngineError>;
}

impl EngineInternals for Engine {
    fn from_policy_value(value: &Json<'_>) -> Result<Engine, EngineError> {
        Policy::from_json(value).map(Engine::new)
    }

    fn read_order(&self, value: &Json<'_>) -> Result<OrderFacts, EngineError> {
        Engine::read_order(self, value)
    }

    fn evaluate_json(&self, order: &Json<'_>, now: Instant) -> Result<Eligibility, EngineError> {
        Engine::evaluate_json(self, order, now)
    }

    fn evaluate_facts(&self, order: &OrderFacts, now: Instant) -> Result<Eligibility, EngineError> {
        Engine::evaluate(self, order, now)
    }
}
