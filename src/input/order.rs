//! The order as the page sends it (contract §4).

use super::values::{DateInput, InstantInput, Object, WholeNumber};
use serde::Deserialize;

/// Where an order stands in its transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Order {
    pub id: String,
    pub category: String,
    pub status: OrderStatus,
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "string | number | null")
    )]
    pub success_at: Option<InstantInput>,
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "string | number | null")
    )]
    pub delivered_at: Option<InstantInput>,
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "string | number | null")
    )]
    pub invoice_at: Option<DateInput>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "number | null"))]
    pub repair_days: Option<WholeNumber>,
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "string | number | null")
    )]
    pub exchanged_at: Option<DateInput>,
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "MerchantPromise[] | null")
    )]
    pub merchant_promises: Option<Vec<Object<MerchantPromise>>>,
}

/// The service a window or a promise grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum PromiseService {
    Return,
    Exchange,
    Repair,
}

/// Which date a merchant promise counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum PromiseFrom {
    Success,
    Delivery,
    Invoice,
}

/// A merchant promise (商家承诺), as sent.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct MerchantPromise {
    pub service: PromiseService,
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "number | null"))]
    pub days: Option<WholeNumber>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "number | null"))]
    pub months: Option<WholeNumber>,
    pub from: PromiseFrom,
}
