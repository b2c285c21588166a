//! The engine: a validated policy and a locale, evaluating orders at a
//! moment. JSON (or any serde input) in, [`Eligibility`] out.

use crate::answer::{self, Assessment, StateReason};
use crate::eligibility::Eligibility;
use crate::error::EngineError;
use crate::json::{self, Json};
use crate::order::{OrderFacts, OrderState};
use crate::policy::Policy;
use crate::rules::{self, Facts};
use crate::text::Locale;
use crate::time::Instant;
use crate::window::Window;
use serde::{Deserialize, Deserializer};

/// Evaluates orders against one validated policy.
#[derive(Debug, Clone)]
pub struct Engine {
    policy: Policy,
    locale: Locale,
}

impl Engine {
    /// An engine for a validated policy, answering in zh-CN.
    pub fn new(policy: Policy) -> Engine {
        Engine {
            policy,
            locale: Locale::default(),
        }
    }

    /// The embedded default policy.
    pub fn with_default_policy() -> Result<Engine, EngineError> {
        // The tape build.rs wrote from the same file: no JSON text parsing.
        let value = crate::policy::default_snapshot()?;
        Engine::from_policy_value(&value)
    }

    /// Parses and checks a policy snapshot written as JSON.
    pub fn from_policy_json(text: &str) -> Result<Engine, EngineError> {
        let value = json::parse(text).map_err(|e| {
            EngineError::policy(
                "",
                crate::cat!("the policy is not valid JSON: ", e.to_string()),
            )
        })?;
        Engine::from_policy_value(&value)
    }

    /// Checks a policy snapshot given as a JSON value.
    pub fn from_policy_value(value: &Json) -> Result<Engine, EngineError> {
        Policy::from_json(value).map(Engine::new)
    }

    /// Checks a policy snapshot from any serde input.
    pub fn from_policy<'de, D: Deserializer<'de>>(snapshot: D) -> Result<Engine, EngineError> {
        let value =
            Json::deserialize(snapshot).map_err(|e| EngineError::policy("", e.to_string()))?;
        Engine::from_policy_value(&value)
    }

    /// The same engine answering in `locale`.
    pub fn with_locale(mut self, locale: Locale) -> Engine {
        self.locale = locale;
        self
    }

    pub fn locale(&self) -> Locale {
        self.locale
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    pub fn policy_version(&self) -> &str {
        &self.policy.version
    }

    /// Reads and checks an order given as a JSON value.
    pub fn read_order(&self, value: &Json) -> Result<OrderFacts, EngineError> {
        OrderFacts::from_json(value, self.policy.zone)
    }

    /// Decodes and checks an order from any serde input.
    pub fn decode_order<'de, D: Deserializer<'de>>(
        &self,
        order: D,
    ) -> Result<OrderFacts, EngineError> {
        let value = Json::deserialize(order).map_err(|e| EngineError::order("", e.to_string()))?;
        self.read_order(&value)
    }

    /// Reads an order given as a JSON value and evaluates it at `now`.
    pub fn evaluate_json(&self, order: &Json, now: Instant) -> Result<Eligibility, EngineError> {
        self.evaluate(&self.read_order(order)?, now)
    }

    /// Decodes an order from any serde input and evaluates it at `now`.
    pub fn evaluate_input<'de, D: Deserializer<'de>>(
        &self,
        order: D,
        now: Instant,
    ) -> Result<Eligibility, EngineError> {
        self.evaluate(&self.decode_order(order)?, now)
    }

    /// Every window an order has, in the contract's listing order; none for a
    /// pending or closed order.
    pub fn windows(&self, order: &OrderFacts) -> Result<Vec<Window<'_>>, EngineError> {
        match &order.state {
            OrderState::Pending | OrderState::Closed => Ok(Vec::new()),
            OrderState::Succeeded(purchase) => rules::windows(&Facts {
                policy: &self.policy,
                category: self.policy.category(&order.category),
                purchase,
            }),
        }
    }

    /// The answer for a checked order at `now`, as numbers and codes.
    pub fn assess(&self, order: &OrderFacts, now: Instant) -> Result<Assessment<'_>, EngineError> {
        Ok(match order.state {
            OrderState::Pending => Assessment::without_windows(StateReason::TransactionPending),
            OrderState::Closed => Assessment::without_windows(StateReason::OrderClosed),
            OrderState::Succeeded(_) => answer::assess(self.windows(order)?, now),
        })
    }

    /// The answer for a checked order at `now`.
    pub fn evaluate(&self, order: &OrderFacts, now: Instant) -> Result<Eligibility, EngineError> {
        let assessment = self.assess(order, now)?;
        Ok(Eligibility::new(
            &order.id,
            &assessment,
            self.policy.zone,
            &self.policy.version,
            self.locale,
        ))
    }
}

/// `now` from a JS-style number of epoch milliseconds: floored; NaN,
/// infinite or out of range is `INVALID_ARGUMENT` at `now`.
pub fn now_from_millis(ms: f64) -> Result<Instant, EngineError> {
    Instant::from_f64_millis(ms).ok_or_else(|| {
        EngineError::argument(
            "now",
            "not an instant: epoch milliseconds must be finite and within years 0001–9999",
        )
    })
}
