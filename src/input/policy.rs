//! The policy snapshot as the server sends it (contract §3), read with each
//! field's own checks; relations between categories are checked in `policy`.

use super::read::{self, Object, Place};
#[cfg(feature = "schema")]
use super::schema;
use super::shape::{policy as field, MAX_CATEGORIES, MAX_DATES, MAX_PARTS};
use crate::error::EngineError;
use crate::json::Value;
use crate::time::Zone;
use chrono::NaiveDate;

// schemars derives the published JSON Schema from these types
// (`shouhoubao policy --schema`), reading the `serde` attributes for the
// wire names; its own attributes give a field's wire form where the Rust
// type differs from it. (The package's TypeScript declarations are written
// in crates/shouhoubao-wasm/src/types.d.ts; tests/js/shapes-agree.test.mjs
// holds them to the fields `input::shape` names.)

/// A versioned policy snapshot, as the server sends it (contract §3).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", serde(rename_all = "camelCase"))]
pub struct PolicySnapshot {
    /// The snapshot's version, echoed in every answer (`policyVersion`).
    pub version: String,
    /// Minutes east of UTC in which dates are reckoned: −720 to 840; default 480 (Beijing).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<i32>", range(min = Zone::MIN_MINUTES, max = Zone::MAX_MINUTES))
    )]
    pub utc_offset_minutes: Option<Zone>,
    /// Holidays (法定节假日, `YYYY-MM-DD`) that 三包 periods roll over.
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<schema::PlainDate>>", length(max = MAX_DATES)))]
    pub holidays: Option<Vec<NaiveDate>>,
    /// Make-up workdays (调休上班, `YYYY-MM-DD`): weekend days that are
    /// working days, so not rest days. Never also a holiday.
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<schema::PlainDate>>", length(max = MAX_DATES)))]
    pub workdays: Option<Vec<NaiveDate>>,
    /// Whether Saturdays and Sundays that are not workdays are rest days; default true.
    pub weekends: Option<bool>,
    /// The first date the published holiday arrangement covers
    /// (`YYYY-MM-DD`, `X-01-01` for the State Council's notice of year X);
    /// a period whose end day before the roll is earlier is provisional.
    /// Not later than `holidaysPublishedThrough`. Absent: no bound.
    #[cfg_attr(feature = "schema", schemars(with = "Option<schema::PlainDate>"))]
    pub holidays_published_from: Option<NaiveDate>,
    /// The last date the published holiday arrangement covers (`YYYY-MM-DD`,
    /// `Y-12-31` for the State Council's notice of year Y); a rolled end day
    /// after it is provisional. Absent: no bound.
    #[cfg_attr(feature = "schema", schemars(with = "Option<schema::PlainDate>"))]
    pub holidays_published_through: Option<NaiveDate>,
    /// The self-service entry's days after 交易成功.
    #[cfg_attr(feature = "schema", schemars(with = "schema::DayCount"))]
    pub entry_days: u32,
    /// 七天无理由退货 days after delivery; default 7.
    #[cfg_attr(feature = "schema", schemars(with = "Option<schema::DayCount>"))]
    pub no_reason_return_days: Option<u32>,
    /// Category name → its own settings; what a category leaves out it
    /// inherits from its `parent`, else from the top level.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<std::collections::BTreeMap<String, CategorySettings>>")
    )]
    pub categories: Option<Vec<(String, CategorySettings)>>,
}

/// One category's own settings; what it leaves out it inherits.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", serde(rename_all = "camelCase"))]
pub struct CategorySettings {
    /// The category this one inherits from; it must be in the snapshot.
    pub parent: Option<String>,
    /// The entry's days after 交易成功 for this category (ENTRY_CATEGORY).
    #[cfg_attr(feature = "schema", schemars(with = "Option<schema::DayCount>"))]
    pub entry_days: Option<u32>,
    /// `false` where 七天无理由退货 does not apply (fresh food, made to order…).
    pub no_reason_return: Option<bool>,
    /// The category's 三包 periods, inherited whole.
    pub three_guarantees: Option<ThreeGuarantees>,
    /// Days after delivery for problems that take long to show (苗木, 花卉, 宠物).
    #[cfg_attr(feature = "schema", schemars(with = "Option<schema::DayCount>"))]
    pub long_discovery_days: Option<u32>,
}

/// 三包 periods as sent: return and exchange days, warranty and part months.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", serde(rename_all = "camelCase"))]
pub struct ThreeGuarantees {
    /// Days after the invoice in which a fault may be returned.
    #[cfg_attr(feature = "schema", schemars(with = "schema::DayCount"))]
    pub return_days: u32,
    /// Days after the invoice in which a fault may be exchanged.
    #[cfg_attr(feature = "schema", schemars(with = "schema::DayCount"))]
    pub exchange_days: u32,
    /// Months of whole-unit warranty from the invoice (or the exchange).
    #[cfg_attr(feature = "schema", schemars(with = "schema::MonthCount"))]
    pub warranty_months: u32,
    /// Part name → warranty months (an object, as sent).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<std::collections::BTreeMap<String, schema::MonthCount>>")
    )]
    pub parts: Option<Vec<(String, u32)>>,
}

impl PolicySnapshot {
    /// Reads a snapshot; errors are `INVALID_POLICY` at the field's path.
    pub fn read(value: Value) -> Result<PolicySnapshot, EngineError> {
        let policy = Object::read(value, Place::root(crate::ErrorCode::InvalidPolicy))?;
        let (version, at) = policy.required("version")?;
        let version = read::string(version, &at)?;
        let utc_offset_minutes = match policy.optional("utcOffsetMinutes") {
            None => None,
            Some((value, at)) => {
                let minutes = read::whole(value, &at)?.0;
                let zone = i32::try_from(minutes).ok().and_then(Zone::from_minutes);
                let Some(zone) = zone else {
                    return Err(at.error(crate::cat!(
                        minutes,
                        " is not an offset between ",
                        Zone::MIN_MINUTES,
                        " and ",
                        Zone::MAX_MINUTES,
                        " minutes"
                    )));
                };
                Some(zone)
            }
        };
        let holidays = dates(&policy, "holidays", &|_| false)?;
        let listed =
            crate::sorting::sorted_by(holidays.clone().unwrap_or_default(), &|a, b| a.cmp(b));
        let workdays = dates(&policy, "workdays", &|day| {
            listed.binary_search(&day).is_ok()
        })?;
        let weekends = match policy.optional("weekends") {
            Some((value, at)) => Some(read::boolean(value, &at)?),
            None => None,
        };
        let published_date = |key: &str| match policy.optional(key) {
            Some((value, at)) => read::plain_date(value, &at).map(Some),
            None => Ok(None),
        };
        let holidays_published_from = published_date(field::HOLIDAYS_PUBLISHED_FROM)?;
        let holidays_published_through = published_date(field::HOLIDAYS_PUBLISHED_THROUGH)?;
        if let (Some(from), Some(through)) = (holidays_published_from, holidays_published_through) {
            if from > through {
                return Err(policy
                    .place()
                    .at(field::HOLIDAYS_PUBLISHED_FROM)
                    .error(crate::cat!(
                        crate::time::format_date(from),
                        " is later than holidaysPublishedThrough ",
                        crate::time::format_date(through)
                    )));
            }
        }
        let (entry, at) = policy.required("entryDays")?;
        let entry_days = read::whole(entry, &at)?.days(&at)?;
        let no_reason_return_days = days(&policy, "noReasonReturnDays")?;
        let categories = match policy.optional("categories") {
            None => None,
            Some((value, at)) => {
                let categories = Object::read_bounded(value, at, MAX_CATEGORIES, "categories")?;
                let categories = categories
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
            workdays,
            weekends,
            holidays_published_from,
            holidays_published_through,
            entry_days,
            no_reason_return_days,
            categories,
        })
    }
}

impl CategorySettings {
    fn read(value: Value, place: Place<'_>) -> Result<CategorySettings, EngineError> {
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
    fn read(value: Value, place: Place<'_>) -> Result<ThreeGuarantees, EngineError> {
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
                let parts = Object::read_bounded(value, at, MAX_PARTS, "parts")?
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

/// An optional list of `YYYY-MM-DD` dates; an entry for which `clashes`
/// holds is an error at its own path (a workday that is also a holiday).
fn dates(
    object: &Object<'_>,
    key: &str,
    clashes: &dyn Fn(NaiveDate) -> bool,
) -> Result<Option<Vec<NaiveDate>>, EngineError> {
    let Some((value, at)) = object.optional(key) else {
        return Ok(None);
    };
    read::list(value, &at, MAX_DATES, "dates")?
        .values()
        .enumerate()
        .map(|(i, day)| {
            let at = at.item(i);
            let date = read::plain_date(day, &at)?;
            if clashes(date) {
                return Err(at.error(crate::cat!(
                    crate::time::format_date(date),
                    " is listed both as a holiday and as a workday"
                )));
            }
            Ok(date)
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}
