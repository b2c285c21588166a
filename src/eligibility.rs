//! The answer as callers receive it (contract §6): plain data, serialised
//! with camelCase names, instants as RFC 3339 strings in the policy's zone.

use crate::answer::{ReasonCode, Status};
use crate::window::{Anchor, Counting, Service, WindowCode};
use serde::Serialize;

/// The after-sales answer for one order at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Eligibility {
    pub order_id: String,
    pub status: Status,
    /// The binding window's deadline (the latest of all once expired).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub deadline: Option<String>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | null"))]
    pub remaining_ms: Option<i64>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | null"))]
    pub remaining_days: Option<i64>,
    pub reason: Reason,
    pub windows: Vec<Window>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub next_change_at: Option<String>,
    pub policy_version: String,
}

/// Which rule grants the answer, as a stable code and a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Reason {
    pub code: ReasonCode,
    pub text: String,
}

/// One window of the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Window {
    pub code: WindowCode,
    pub service: Service,
    pub deadline: String,
    pub remaining_days: i64,
    pub active: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub part: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub promise: Option<usize>,
    pub basis: WindowBasis,
}

/// How a window was derived (beyond the contract, for explaining answers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct WindowBasis {
    /// `success`, `delivery`, `invoice` or `exchange`: the anchor used after fallbacks.
    pub anchor: Anchor,
    /// The anchor's date in the policy's zone, `YYYY-MM-DD`.
    pub anchor_date: String,
    /// `elapsed`, `days` or `months`.
    pub counting: Counting,
    pub count: u32,
    pub repair_days: u32,
    pub holiday_days: u32,
}
