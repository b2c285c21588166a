//! The order as the page sends it (contract §4), read with each field's own
//! checks; what depends on the policy's zone is resolved in `order`.

use super::read::{self, Object, Place};
use super::shape::{order as field, promise as promise_field, MAX_PROMISES};
use super::values::DateInput;
use crate::error::EngineError;
use crate::json::{Items, Value};
use crate::time::Instant;

crate::wire_enum! {
    /// Where an order stands in its transaction.
    pub enum OrderStatus {
        /// Paid or shipped, not yet 交易成功.
        Pending = "pending",
        /// 交易成功 — transaction success.
        Success = "success",
        /// 交易关闭 — closed, or fully refunded.
        Closed = "closed",
    }
}

/// An order, as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    /// The order number, as a string (Taobao's exceed 2^53).
    pub id: String,
    /// The category, as the policy names it: the default policy's are
    /// `DefaultCategory` (`apparel`, `mobile_phone`, `tv`, `pets`, …). Any
    /// other string is allowed and gets the top-level rules
    /// (`categoryKnown: false`).
    pub category: String,
    pub status: OrderStatus,
    /// 交易成功: an RFC 3339 instant with an offset, or epoch ms. Required for `"success"`.
    pub success_at: Option<Instant>,
    /// 签收 (delivery): falls back to `successAt`.
    pub delivered_at: Option<Instant>,
    /// The invoice date (`YYYY-MM-DD` or an instant): falls back to delivery, then success.
    pub invoice_at: Option<DateInput>,
    /// Days under repair or waiting for parts, added to the 三包 warranty.
    pub repair_days: Option<u32>,
    /// The date of a 三包 exchange, which restarts the warranty.
    pub exchanged_at: Option<DateInput>,
    pub merchant_promises: Option<Vec<MerchantPromise>>,
}

crate::wire_enum! {
    /// The service a merchant promise grants.
    pub enum PromiseService {
        /// 退货 — return for a refund.
        Return = "return",
        /// 换货 — exchange.
        Exchange = "exchange",
        /// 维修 — repair.
        Repair = "repair",
    }
}

crate::wire_enum! {
    /// Which date a merchant promise counts from.
    pub enum PromiseFrom {
        /// 交易成功 — transaction success.
        Success = "success",
        /// 签收 — delivery.
        Delivery = "delivery",
        /// The invoice date.
        Invoice = "invoice",
    }
}

/// How long a merchant promise lasts: days or months, exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromiseLength {
    Days(u32),
    Months(u32),
}

/// A merchant promise (商家承诺), as sent: `days` or `months`, not both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MerchantPromise {
    pub service: PromiseService,
    pub length: PromiseLength,
    pub from: PromiseFrom,
}

impl Order {
    /// Reads an order; errors are `INVALID_ORDER` at the field's path.
    pub fn read(value: Value) -> Result<Order, EngineError> {
        let order = Object::read(value, Place::root(crate::ErrorCode::InvalidOrder))?;
        let text = |key: &str| -> Result<String, EngineError> {
            let (value, at) = order.required(key)?;
            read::string(value, &at)
        };
        let id = text(field::ID)?;
        let category = text(field::CATEGORY)?;
        let (status, at) = order.required(field::STATUS)?;
        let status = read::one_of(status, &at)?;
        let instant = |key: &str| match order.optional(key) {
            Some((value, at)) => read::instant(value, &at).map(Some),
            None => Ok(None),
        };
        let date = |key: &str| match order.optional(key) {
            Some((value, at)) => read::date(value, &at).map(Some),
            None => Ok(None),
        };
        let success_at = instant(field::SUCCESS_AT)?;
        let delivered_at = instant(field::DELIVERED_AT)?;
        let invoice_at = date(field::INVOICE_AT)?;
        let repair_days = match order.optional(field::REPAIR_DAYS) {
            Some((value, at)) => Some(read::whole(value, &at)?.days(&at)?),
            None => None,
        };
        let exchanged_at = date(field::EXCHANGED_AT)?;
        let merchant_promises = match order.optional(field::MERCHANT_PROMISES) {
            None => None,
            Some((value, at)) => Some(
                promises(value, &at)?
                    .values()
                    .enumerate()
                    .map(|(i, promise)| MerchantPromise::read(promise, at.item(i)))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        Ok(Order {
            id,
            category,
            status,
            success_at,
            delivered_at,
            invoice_at,
            repair_days,
            exchanged_at,
            merchant_promises,
        })
    }
}

impl MerchantPromise {
    fn read(value: Value, place: Place<'_>) -> Result<MerchantPromise, EngineError> {
        let promise = Object::read(value, place)?;
        let (service, at) = promise.required(promise_field::SERVICE)?;
        let service = read::one_of(service, &at)?;
        let days = match promise.optional(promise_field::DAYS) {
            Some((value, at)) => Some(read::whole(value, &at)?.days(&at)?),
            None => None,
        };
        let months = match promise.optional(promise_field::MONTHS) {
            Some((value, at)) => Some(read::whole(value, &at)?.months(&at)?),
            None => None,
        };
        let length = match (days, months) {
            (Some(days), None) => PromiseLength::Days(days),
            (None, Some(months)) => PromiseLength::Months(months),
            (Some(_), Some(_)) => {
                return Err(promise
                    .place()
                    .error("a promise takes `days` or `months`, not both"))
            }
            (None, None) => {
                return Err(promise.place().error("a promise needs `days` or `months`"))
            }
        };
        let (from, at) = promise.required(promise_field::FROM)?;
        let from = read::one_of(from, &at)?;
        Ok(MerchantPromise {
            service,
            length,
            from,
        })
    }
}

/// The `merchantPromises` array, within [`MAX_PROMISES`].
fn promises<'a>(value: Value<'a>, at: &Place<'_>) -> Result<Items<'a>, EngineError> {
    read::list(value, at, MAX_PROMISES, "promises")
}
