//! The order as sent → the facts the rules need: its state and, once 交易成功,
//! the anchor dates after the contract's fallbacks (invoice → delivery →
//! success), all reckoned in the policy's zone.

use crate::calendar::Period;
use crate::error::EngineError;
use crate::input::{
    DateInput, MerchantPromise, Order, OrderStatus, PromiseFrom, PromiseLength, PromiseService,
};
use crate::json::Value;
use crate::time::{Instant, Zone};
use crate::window::{Anchor, Service};
use chrono::NaiveDate;

/// An order, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderFacts {
    /// The order's `id`.
    pub id: String,
    /// The order's `category`, as sent.
    pub category: String,
    /// Pending, closed, or 交易成功 with its facts.
    pub state: OrderState,
}

/// Where the transaction stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderState {
    /// Not yet 交易成功.
    Pending,
    /// 交易关闭 or fully refunded.
    Closed,
    /// 交易成功, with the facts the windows count from.
    Succeeded(Purchase),
}

/// The facts of a successful order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purchase {
    /// 交易成功 — when the transaction succeeded.
    pub success_at: Instant,
    pub success_date: NaiveDate,
    /// The delivery (签收) date, or the success date when not given.
    pub delivery: (Anchor, NaiveDate),
    /// The invoice date, else the delivery date, else the success date.
    pub invoice: (Anchor, NaiveDate),
    /// The date of a 三包 exchange, if one happened.
    pub exchanged: Option<NaiveDate>,
    /// Days spent under repair or waiting for parts.
    pub repair_days: u32,
    pub promises: Vec<PromiseTerms>,
}

/// A merchant promise (商家承诺), checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PromiseTerms {
    pub service: Service,
    pub period: Period,
    pub from: PromiseFrom,
}

impl Purchase {
    /// The date a merchant promise counts from, after fallbacks.
    pub fn anchor(&self, choice: PromiseFrom) -> (Anchor, NaiveDate) {
        match choice {
            PromiseFrom::Success => (Anchor::Success, self.success_date),
            PromiseFrom::Delivery => self.delivery,
            PromiseFrom::Invoice => self.invoice,
        }
    }
}

impl OrderFacts {
    /// Reads an order and resolves its dates in `zone`.
    pub fn from_value(value: Value, zone: Zone) -> Result<OrderFacts, EngineError> {
        OrderFacts::from_input(Order::read(value)?, zone)
    }

    /// Resolves an order's dates in `zone` and checks what depends on its
    /// status.
    pub fn from_input(input: Order, zone: Zone) -> Result<OrderFacts, EngineError> {
        let date_of = |instant: Instant, path: &str| {
            zone.date_of(instant)
                .ok_or_else(|| EngineError::order(path, "the instant has no calendar date"))
        };
        let resolve =
            |date: Option<DateInput>, path: &str| -> Result<Option<NaiveDate>, EngineError> {
                match date {
                    None => Ok(None),
                    Some(DateInput::Date(d)) => Ok(Some(d)),
                    Some(DateInput::Instant(t)) => date_of(t, path).map(Some),
                }
            };
        let delivered = input
            .delivered_at
            .map(|t| date_of(t, "deliveredAt"))
            .transpose()?;
        let invoice = resolve(input.invoice_at, "invoiceAt")?;
        let exchanged = resolve(input.exchanged_at, "exchangedAt")?;
        let success_date = input
            .success_at
            .map(|t| date_of(t, "successAt"))
            .transpose()?;
        let promises = input
            .merchant_promises
            .unwrap_or_default()
            .iter()
            .map(PromiseTerms::from)
            .collect();

        let state = match input.status {
            OrderStatus::Pending => OrderState::Pending,
            OrderStatus::Closed => OrderState::Closed,
            OrderStatus::Success => {
                let (Some(success_at), Some(success_date)) = (input.success_at, success_date)
                else {
                    return Err(EngineError::order(
                        "successAt",
                        "missing field `successAt`: required when status is \"success\"",
                    ));
                };
                let delivery =
                    delivered.map_or((Anchor::Success, success_date), |d| (Anchor::Delivery, d));
                OrderState::Succeeded(Purchase {
                    success_at,
                    success_date,
                    delivery,
                    invoice: invoice.map_or(delivery, |d| (Anchor::Invoice, d)),
                    exchanged,
                    repair_days: input.repair_days.unwrap_or(0),
                    promises,
                })
            }
        };
        Ok(OrderFacts {
            id: input.id,
            category: input.category,
            state,
        })
    }
}

impl From<&MerchantPromise> for PromiseTerms {
    fn from(promise: &MerchantPromise) -> Self {
        PromiseTerms {
            service: match promise.service {
                PromiseService::Return => Service::Return,
                PromiseService::Exchange => Service::Exchange,
                PromiseService::Repair => Service::Repair,
            },
            period: match promise.length {
                PromiseLength::Days(n) => Period::Days(n),
                PromiseLength::Months(n) => Period::Months(n),
            },
            from: promise.from,
        }
    }
}
