//! The policy snapshot as the server sends it (contract §3), read with each
//! field's own checks; relations between categories are checked in `policy`.

use super::read::{self, Object, Place};
use crate::error::EngineError;
use crate::json::Json;
use chrono::NaiveDate;

/// A versioned policy snapshot, as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    serde(rename_all = "camelCase")
)]
pub struct PolicySnapshot {
    pub version: String,
    /// Minutes east of UTC in which dates are reckoned: −720 to 840; default 480 (Beijing).
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "number | null"))]
    pub utc_offset_minutes: Option<i32>,
    /// Dates (`YYYY-MM-DD`) that 三包 periods roll over (法定节假日).
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string[] | null"))]
    pub holidays: Option<Vec<NaiveDate>>,
    /// The self-service entry's days after 交易成功.
    pub entry_days: u32,
    /// 七天无理由退货 days after delivery; default 7.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "number | null"))]
    pub no_reason_return_days: Option<u32>,
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "Record<string, CategorySettings> | null")
    )]
    pub categories: Option<Vec<(String, CategorySettings)>>,
}

/// One category's own settings; what it leaves out it inherits.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    serde(rename_all = "camelCase")
)]
pub struct CategorySettings {
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "string | null"))]
    pub parent: Option<String>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "number | null"))]
    pub entry_days: Option<u32>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "boolean | null"))]
    pub no_reason_return: Option<bool>,
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "ThreeGuarantees | null")
    )]
    pub three_guarantees: Option<ThreeGuarantees>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "number | null"))]
    pub long_discovery_days: Option<u32>,
}

/// 三包 periods as sent: return and exchange days, warranty and part months.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    serde(rename_all = "camelCase")
)]
pub struct ThreeGuarantees {
    pub return_days: u32,
    pub exchange_days: u32,
    pub warranty_months: u32,
    /// Part name → warranty months (an object, as sent).
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "Record<string, number> | null")
    )]
    pub parts: Option<Vec<(String, u32)>>,
}

impl PolicySnapshot {
    /// Reads a snapshot; errors are `INVALID_POLICY` at the field's path.
    pub fn read(value: &Json) -> Result<PolicySnapshot, EngineError> {
        let policy = Object::read(value, Place::root(crate::ErrorCode::InvalidPolicy))?;
        let (version, at) = policy.required("version")?;
        let version = read::string(version, &at)?;
        let utc_offset_minutes = match policy.optional("utcOffsetMinutes") {
            None => None,
            Some((value, at)) => {
                let minutes = read::whole(value, &at)?.0;
                if !(-720..=840).contains(&minutes) {
                    return Err(at.error(crate::cat!(
                        minutes,
                        " is not an offset between -720 and 840 minutes"
                    )));
                }
                i32::try_from(minutes).ok()
            }
        };
        let holidays = match policy.optional("holidays") {
            None => None,
            Some((value, at)) => Some(
                read::array(value, &at)?
                    .iter()
                    .enumerate()
                    .map(|(i, day)| read::plain_date(day, &at.at(&crate::cat!("[", i, "]"))))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        let (entry, at) = policy.required("entryDays")?;
        let entry_days = read::whole(entry, &at)?.days(&at)?;
        let no_reason_return_days = days(&policy, "noReasonReturnDays")?;
        let categories = match policy.optional("categories") {
            None => None,
            Some((value, at)) => {
                let categories = Object::read(value, at)?
                    .members()
                    .map(|(name, settings, at)| {
                        Ok((name.to_owned(), CategorySettings::read(settings, at)?))
                    })
                    .collect::<Result<Vec<_>, EngineError>>()?;
                Some(categories)
            }
        };
        Ok(PolicySnapshot {
            version,
            utc_offset_minutes,
            holidays,
            entry_days,
            no_reason_return_days,
            categories,
        })
    }
}

impl CategorySettings {
    fn read(value: &Json, place: Place) -> Result<CategorySettings, EngineError> {
        let category = Object::read(value, place)?;
        Ok(CategorySettings {
            parent: match category.optional("parent") {
                Some((value, at)) => Some(read::string(value, &at)?),
                None => None,
            },
            entry_days: days(&category, "entryDays")?,
            no_reason_return: match category.optional("noReasonReturn") {
                Some((value, at)) => Some(read::boolean(value, &at)?),
                None => None,
            },
            three_guarantees: match category.optional("threeGuarantees") {
                Some((value, at)) => Some(ThreeGuarantees::read(value, at)?),
                None => None,
            },
            long_discovery_days: days(&category, "longDiscoveryDays")?,
        })
    }
}

impl ThreeGuarantees {
    fn read(value: &Json, place: Place) -> Result<ThreeGuarantees, EngineError> {
        let tg = Object::read(value, place)?;
        let required_days = |key: &str| -> Result<u32, EngineError> {
            let (value, at) = tg.required(key)?;
            read::whole(value, &at)?.days(&at)
        };
        let return_days = required_days("returnDays")?;
        let exchange_days = required_days("exchangeDays")?;
        let (value, at) = tg.required("warrantyMonths")?;
        let warranty_months = read::whole(value, &at)?.months(&at)?;
        let parts = match tg.optional("parts") {
            None => None,
            Some((value, at)) => {
                let parts = Object::read(value, at)?
                    .members()
                    .map(|(name, months, at)| {
                        Ok((name.to_owned(), read::whole(months, &at)?.months(&at)?))
                    })
                    .collect::<Result<Vec<_>, EngineError>>()?;
                Some(parts)
            }
        };
        Ok(ThreeGuarantees {
            return_days,
            exchange_days,
            warranty_months,
            parts,
        })
    }
}

/// An optional day count.
fn days(object: &Object<'_>, key: &str) -> Result<Option<u32>, EngineError> {
    match object.optional(key) {
        None => Ok(None),
        Some((value, at)) => read::whole(value, &at)?.days(&at).map(Some),
    }
}
