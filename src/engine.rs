//! The engine: a validated policy and a locale, evaluating orders at a
//! moment. JSON (or any serde input) in, [`Eligibility`] out.

use crate::answer::{self, ReasonCode, Status};
use crate::eligibility::{Eligibility, Reason, Window as WindowView, WindowBasis};
use crate::error::EngineError;
use crate::json::{self, Json};
use crate::order::{OrderFacts, OrderState};
use crate::policy::{Policy, DEFAULT_POLICY_JSON};
use crate::rules::{self, Facts};
use crate::text::{reason_text, Locale};
use crate::time::{format_date, Instant};
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
        Engine::from_policy_json(DEFAULT_POLICY_JSON)
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
    pub fn windows(&self, order: &OrderFacts) -> Result<Vec<Window>, EngineError> {
        match &order.state {
            OrderState::Pending | OrderState::Closed => Ok(Vec::new()),
            OrderState::Succeeded(purchase) => rules::windows(&Facts {
                policy: &self.policy,
                category: self.policy.category(&order.category),
                purchase,
            }),
        }
    }

    /// The answer for a checked order at `now`.
    pub fn evaluate(&self, order: &OrderFacts, now: Instant) -> Result<Eligibility, EngineError> {
        let (status, reason) = match order.state {
            OrderState::Pending => (Status::Pending, ReasonCode::TransactionPending),
            OrderState::Closed => (Status::Closed, ReasonCode::OrderClosed),
            OrderState::Succeeded(_) => return self.evaluate_purchase(order, now),
        };
        Ok(Eligibility {
            order_id: order.id.clone(),
            status,
            deadline: None,
            remaining_ms: None,
            remaining_days: None,
            reason: Reason {
                code: reason,
                text: reason_text(reason, None, self.locale),
            },
            windows: Vec::new(),
            next_change_at: None,
            provisional: false,
            policy_version: self.policy.version.clone(),
        })
    }

    fn evaluate_purchase(
        &self,
        order: &OrderFacts,
        now: Instant,
    ) -> Result<Eligibility, EngineError> {
        let windows = self.windows(order)?;
        let moment = answer::at(&windows, now);
        let zone = self.policy.zone;
        let views = windows
            .iter()
            .map(|w| {
                let active = w.is_active(now);
                WindowView {
                    code: w.code,
                    service: w.service,
                    deadline: zone.format(w.deadline),
                    remaining_days: if active {
                        answer::remaining_days(w.deadline.millis().saturating_sub(now.millis()))
                    } else {
                        0
                    },
                    active,
                    provisional: w.provisional,
                    part: w.part.clone(),
                    promise: w.promise,
                    basis: WindowBasis {
                        anchor: w.basis.anchor,
                        anchor_date: format_date(w.basis.anchor_date),
                        counting: w.basis.counting,
                        count: w.basis.count,
                        repair_days: w.basis.repair_days,
                        rolled_days: w.basis.roll.days(),
                        holiday_days: w.basis.roll.holiday_days,
                        weekend_days: w.basis.roll.weekend_days,
                    },
                }
            })
            .collect();
        Ok(Eligibility {
            order_id: order.id.clone(),
            status: moment.status,
            deadline: moment.deadline.map(|d| zone.format(d)),
            remaining_ms: Some(moment.remaining_ms),
            remaining_days: Some(moment.remaining_days),
            reason: Reason {
                code: moment.reason,
                text: reason_text(moment.reason, moment.binding, self.locale),
            },
            windows: views,
            next_change_at: answer::next_change(&windows, now).map(|t| zone.format(t)),
            provisional: moment.provisional(),
            policy_version: self.policy.version.clone(),
        })
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
