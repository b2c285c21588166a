//! The policy snapshot as the server sends it (contract §3).

use super::values::{Object, PlainDate, WholeNumber};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A versioned policy snapshot, as sent.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PolicySnapshot {
    pub version: String,
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "number | null"))]
    pub utc_offset_minutes: Option<WholeNumber>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string[] | null"))]
    pub holidays: Option<Vec<PlainDate>>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub entry_days: WholeNumber,
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "number | null"))]
    pub no_reason_return_days: Option<WholeNumber>,
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "Record<string, CategorySettings> | null")
    )]
    pub categories: Option<BTreeMap<String, Object<CategorySettings>>>,
}

/// One category's own settings; what it leaves out it inherits.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CategorySettings {
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub parent: Option<String>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "number | null"))]
    pub entry_days: Option<WholeNumber>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub no_reason_return: Option<bool>,
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "ThreeGuarantees | null")
    )]
    pub three_guarantees: Option<Object<ThreeGuarantees>>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "number | null"))]
    pub long_discovery_days: Option<WholeNumber>,
}

/// 三包 periods as sent: return and exchange days, warranty and part months.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ThreeGuarantees {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub return_days: WholeNumber,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub exchange_days: WholeNumber,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub warranty_months: WholeNumber,
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "Record<string, number> | null")
    )]
    pub parts: Option<BTreeMap<String, WholeNumber>>,
}
