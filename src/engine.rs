//! The engine: a validated policy and a locale, evaluating orders at a
//! moment. JSON (or any serde input) in, [`Eligibility`] out.

use crate::answer::{self, Assessment, StateReason};
use crate::eligibility::Eligibility;
use crate::error::EngineError;
#[cfg(feature = "json")]
use crate::json;
use crate::json::{Document, Value};
use crate::order::{OrderFacts, OrderState};
use crate::policy::Policy;
use crate::rules::{self, Facts};
use crate::text::Locale;
use crate::time::Instant;
use serde::Deserializer;
use std::sync::Arc;

/// Evaluates orders against one validated policy snapshot, in one locale.
///
/// Made once per snapshot (the snapshot is checked then, and every fault is
/// an [`EngineError`] naming its path); then answers any number of orders.
/// An engine is plain data: clone it, share it between threads.
#[derive(Debug, Clone)]
pub struct Engine {
    /// Shared, not copied, by the engines made from one policy (the wasm
    /// module's engines of the embedded default).
    policy: Arc<Policy>,
    locale: Locale,
}

impl Engine {
    /// An engine for a checked policy, answering in zh-CN.
    pub fn new(policy: Policy) -> Engine {
        Engine::sharing(Arc::new(policy))
    }

    /// An engine for a checked policy other engines use too (a server's
    /// threads, the wasm module's engines made from its default policy):
    /// the policy is shared, not copied.
    pub fn sharing(policy: Arc<Policy>) -> Engine {
        Engine {
            policy,
            locale: Locale::default(),
        }
    }

    /// The embedded default policy ([`crate::DEFAULT_POLICY_JSON`]).
    pub fn with_default_policy() -> Result<Engine, EngineError> {
        Policy::default_policy().map(Engine::new)
    }

    /// Checks a policy snapshot from any serde input (`&serde_json::Value`,
    /// a `serde_json::Deserializer`, …). Faults are `INVALID_POLICY` at
    /// their path; a value with no JSON form is an error at `""`.
    pub fn from_policy<'de, D: Deserializer<'de>>(snapshot: D) -> Result<Engine, EngineError> {
        Policy::from_input(snapshot).map(Engine::new)
    }

    /// Parses and checks a policy snapshot written as JSON text (strict:
    /// duplicate keys and nesting past 64 levels are errors at `""`).
    #[cfg(feature = "json")]
    pub fn from_json_str(text: &str) -> Result<Engine, EngineError> {
        let document = json::parse(text).map_err(|e| {
            EngineError::policy(
                "",
                crate::cat!("the policy is not valid JSON: ", e.to_string()),
            )
        })?;
        Policy::from_value(document.value()).map(Engine::new)
    }

    /// Checks a policy snapshot given as a JSON value.
    #[cfg(feature = "json")]
    pub fn from_json_value(snapshot: &serde_json::Value) -> Result<Engine, EngineError> {
        Engine::from_policy(snapshot)
    }

    /// The same engine answering in `locale`.
    pub fn with_locale(mut self, locale: Locale) -> Engine {
        self.locale = locale;
        self
    }

    /// The language of `reason.text`.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// The checked policy.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The policy snapshot's `version`.
    pub fn policy_version(&self) -> &str {
        &self.policy.version
    }

    /// Decodes an order from any serde input and answers for it at `now`.
    /// Faults are `INVALID_ORDER` at their path (`merchantPromises[0].days`).
    pub fn evaluate_input<'de, D: Deserializer<'de>>(
        &self,
        order: D,
        now: Instant,
    ) -> Result<Eligibility, EngineError> {
        let document =
            Document::from_serde(order).map_err(|e| EngineError::order("", e.to_string()))?;
        self.evaluate_value(document.value(), now)
    }

    /// Parses an order written as JSON text and answers for it at `now`.
    #[cfg(feature = "json")]
    pub fn evaluate_json_str(&self, order: &str, now: Instant) -> Result<Eligibility, EngineError> {
        let document = json::parse(order).map_err(|e| {
            EngineError::order(
                "",
                crate::cat!("the order is not valid JSON: ", e.to_string()),
            )
        })?;
        self.evaluate_value(document.value(), now)
    }

    /// Answers for an order given as a JSON value at `now`.
    #[cfg(feature = "json")]
    pub fn evaluate_json_value(
        &self,
        order: &serde_json::Value,
        now: Instant,
    ) -> Result<Eligibility, EngineError> {
        self.evaluate_input(order, now)
    }

    /// Reads and checks an order given as a tape's [`Value`].
    pub(crate) fn read_order(&self, value: Value<'_>) -> Result<OrderFacts, EngineError> {
        OrderFacts::from_value(value, self.policy.zone)
    }

    /// Reads an order given as a tape's [`Value`] and answers for it at `now`.
    pub(crate) fn evaluate_value(
        &self,
        order: Value<'_>,
        now: Instant,
    ) -> Result<Eligibility, EngineError> {
        self.evaluate(&self.read_order(order)?, now)
    }

    /// The answer for a checked order at `now`, as numbers and codes.
    pub(crate) fn assess(
        &self,
        order: &OrderFacts,
        now: Instant,
    ) -> Result<Assessment<'_>, EngineError> {
        let (category, category_known) = self.policy.category(&order.category);
        let mut assessment = match &order.state {
            OrderState::Pending => Assessment::without_windows(StateReason::TransactionPending),
            OrderState::Closed => Assessment::without_windows(StateReason::OrderClosed),
            OrderState::Succeeded(purchase) => {
                // Every window the order has, in the contract's listing order.
                let windows = rules::windows(&Facts {
                    policy: &self.policy,
                    category,
                    purchase,
                })?;
                answer::assess(windows, now)
            }
        };
        assessment.category_known = category_known;
        Ok(assessment)
    }

    /// The answer for a checked order at `now`.
    pub(crate) fn evaluate(
        &self,
        order: &OrderFacts,
        now: Instant,
    ) -> Result<Eligibility, EngineError> {
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
pub(crate) fn now_from_millis(ms: f64) -> Result<Instant, EngineError> {
    Instant::from_f64_millis(ms).ok_or_else(|| {
        EngineError::argument(
            "now",
            "not an instant: epoch milliseconds must be finite and within years 0001–9999",
        )
    })
}
