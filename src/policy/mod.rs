//! The policy snapshot, checked once and resolved into the [`Policy`] the
//! rules read: a zone, holidays, top-level defaults, and every category with
//! its inherited settings already looked up.

mod categories;

use crate::calendar::Holidays;
use crate::error::{EngineError, ErrorCode};
use crate::input::PolicySnapshot;
use crate::time::Zone;
use std::collections::HashMap;

pub use categories::{CategoryRules, EntrySetting, ThreeGuaranteePeriods};

/// The embedded default policy snapshot (sources: `docs/default-policy.md`).
pub const DEFAULT_POLICY_JSON: &str = include_str!("default.json");

const CODE: ErrorCode = ErrorCode::InvalidPolicy;

/// A validated policy, ready to evaluate many orders.
#[derive(Debug, Clone)]
pub struct Policy {
    pub version: String,
    pub zone: Zone,
    pub holidays: Holidays,
    /// The top-level entry period (ENTRY_DEFAULT), in days.
    pub entry_days: u32,
    /// The no-reason return period (七天无理由退货), in days.
    pub no_reason_return_days: u32,
    /// The rules of a category not in the snapshot: the top-level defaults.
    pub defaults: CategoryRules,
    categories: HashMap<String, CategoryRules>,
}

impl Policy {
    /// Checks a snapshot and resolves its category tree.
    pub fn from_snapshot(snapshot: PolicySnapshot) -> Result<Policy, EngineError> {
        let minutes = snapshot
            .utc_offset_minutes
            .map_or(Ok(Zone::BEIJING_MINUTES), |m| {
                i32::try_from(m.0).map_err(|_| offset_error(m.0))
            })?;
        let zone = Zone::from_minutes(minutes).ok_or_else(|| offset_error(i64::from(minutes)))?;
        let entry_days = snapshot.entry_days.days(CODE, "entryDays")?;
        let no_reason_return_days = match snapshot.no_reason_return_days {
            Some(days) => days.days(CODE, "noReasonReturnDays")?,
            None => 7,
        };
        let holidays = Holidays::new(
            snapshot
                .holidays
                .unwrap_or_default()
                .into_iter()
                .map(|d| d.0)
                .collect(),
        );
        let categories = categories::resolve(snapshot.categories.unwrap_or_default())?;
        Ok(Policy {
            version: snapshot.version,
            zone,
            holidays,
            entry_days,
            no_reason_return_days,
            defaults: CategoryRules::default(),
            categories,
        })
    }

    /// The rules for `category`; an unknown category gets the defaults.
    pub fn category(&self, category: &str) -> &CategoryRules {
        self.categories.get(category).unwrap_or(&self.defaults)
    }

    /// How many categories the snapshot defines.
    pub fn category_count(&self) -> usize {
        self.categories.len()
    }
}

fn offset_error(minutes: i64) -> EngineError {
    EngineError::policy(
        "utcOffsetMinutes",
        format!("{minutes} is not an offset between -720 and 840 minutes"),
    )
}
