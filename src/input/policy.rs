//! The policy snapshot as the server sends it (contract §3).

use super::values::{Object, PlainDate, WholeNumber};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A versioned policy snapshot, as sent.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicySnapshot {
    pub version: String,
    pub utc_offset_minutes: Option<WholeNumber>,
    pub holidays: Option<Vec<PlainDate>>,
    pub entry_days: WholeNumber,
    pub no_reason_return_days: Option<WholeNumber>,
    pub categories: Option<BTreeMap<String, Object<CategorySettings>>>,
}

/// One category's own settings; what it leaves out it inherits.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CategorySettings {
    pub parent: Option<String>,
    pub entry_days: Option<WholeNumber>,
    pub no_reason_return: Option<bool>,
    pub three_guarantees: Option<Object<ThreeGuaranteesInput>>,
    pub long_discovery_days: Option<WholeNumber>,
}

/// 三包 periods as sent: return and exchange days, warranty and part months.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ThreeGuaranteesInput {
    pub return_days: WholeNumber,
    pub exchange_days: WholeNumber,
    pub warranty_months: WholeNumber,
    pub parts: Option<BTreeMap<String, WholeNumber>>,
}
