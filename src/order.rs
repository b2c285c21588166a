//! The order as sent → the facts the rules need: its state and, once 交易成功,
//! the anchor dates after the contract's fallbacks (invoice → delivery →
//! success), all reckoned in the policy's zone.

use crate::calendar::Period;
use crate::error::{EngineError, ErrorCode};
use crate::input::{DateInput, MerchantPromise, Order, OrderStatus, PromiseFrom, PromiseService};
use crate::time::{Instant, Zone};
use crate::window::{Anchor, Service};
use chrono::NaiveDate;

const CODE: ErrorCode = ErrorCode::InvalidOrder;

/// An order, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderFacts {
    pub id: String,
    pub category: String,
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
    /// Checks an order and resolves its dates in `zone`.
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
        // Check every given field, whatever the status.
        let success_at = input.success_at.map(|t| t.0);
        let delivered = input
            .delivered_at
            .map(|t| date_of(t.0, "deliveredAt"))
            .transpose()?;
        let invoice = resolve(input.invoice_at, "invoiceAt")?;
        let exchanged = resolve(input.exchanged_at, "exchangedAt")?;
        let repair_days = input
            .repair_days
            .map_or(Ok(0), |d| d.days(CODE, "repairDays"))?;
        let promises = input
            .merchant_promises
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(i, p)| check_promise(i, &p.0))
            .collect::<Result<Vec<_>, _>>()?;
        let success_date = success_at.map(|t| date_of(t, "successAt")).transpose()?;

        let state = match input.status {
            OrderStatus::Pending => OrderState::Pending,
            OrderStatus::Closed => OrderState::Closed,
            OrderStatus::Success => {
                let (Some(success_at), Some(success_date)) = (success_at, success_date) else {
                    return Err(EngineError::order(
                        "successAt",
                        "missing field `successAt`: required when status is \"success\"",
                    ));
                };
                let delivery =
                    delivered.map_or((Anchor::Success, success_date), |d| (Anchor::Delivery, d));
                Purchase {
                    success_at,
                    success_date,
                    delivery,
                    invoice: invoice.map_or(delivery, |d| (Anchor::Invoice, d)),
                    exchanged,
                    repair_days,
                    promises,
                }
                .into()
            }
        };
        Ok(OrderFacts {
            id: input.id,
            category: input.category,
            state,
        })
    }
}

impl From<Purchase> for OrderState {
    fn from(purchase: Purchase) -> Self {
        OrderState::Succeeded(purchase)
    }
}

fn check_promise(index: usize, promise: &MerchantPromise) -> Result<PromiseTerms, EngineError> {
    let path = format!("merchantPromises[{index}]");
    let period = match (promise.days, promise.months) {
        (Some(days), None) => Period::Days(days.days(CODE, &format!("{path}.days"))?),
        (None, Some(months)) => Period::Months(months.months(CODE, &format!("{path}.months"))?),
        (Some(_), Some(_)) => {
            return Err(EngineError::order(
                path,
                "a promise takes `days` or `months`, not both",
            ))
        }
        (None, None) => {
            return Err(EngineError::order(
                path,
                "a promise needs `days` or `months`",
            ))
        }
    };
    let service = match promise.service {
        PromiseService::Return => Service::Return,
        PromiseService::Exchange => Service::Exchange,
        PromiseService::Repair => Service::Repair,
    };
    Ok(PromiseTerms {
        service,
        period,
        from: promise.from,
    })
}
