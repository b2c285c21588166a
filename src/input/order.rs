//! The order as the page sends it (contract §4).

use super::values::{DateInput, InstantInput, Object, WholeNumber};
use serde::Deserialize;

/// Where an order stands in its transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OrderStatus {
    /// Paid or shipped, not yet 交易成功.
    Pending,
    /// 交易成功 — transaction success.
    Success,
    /// 交易关闭 — closed, or fully refunded.
    Closed,
}

/// An order, as sent.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderInput {
    pub id: String,
    pub category: String,
    pub status: OrderStatus,
    pub success_at: Option<InstantInput>,
    pub delivered_at: Option<InstantInput>,
    pub invoice_at: Option<DateInput>,
    pub repair_days: Option<WholeNumber>,
    pub exchanged_at: Option<DateInput>,
    pub merchant_promises: Option<Vec<Object<MerchantPromiseInput>>>,
}

/// The service a window or a promise grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ServiceInput {
    Return,
    Exchange,
    Repair,
}

/// Which date a merchant promise counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorChoice {
    Success,
    Delivery,
    Invoice,
}

/// A merchant promise (商家承诺), as sent.
#[derive(Debug, Clone, Deserialize)]
pub struct MerchantPromiseInput {
    pub service: ServiceInput,
    pub days: Option<WholeNumber>,
    pub months: Option<WholeNumber>,
    pub from: AnchorChoice,
}
