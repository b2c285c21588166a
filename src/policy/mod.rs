//! The policy snapshot, checked once and resolved into the [`Policy`] the
//! rules read: a zone, the rest days, top-level defaults, and every category with
//! its inherited settings already looked up.

mod categories;
#[cfg(feature = "schema")]
pub mod check;

use crate::calendar::{Published, RestDays};
use crate::error::EngineError;
use crate::input::PolicySnapshot;
use crate::json::{Document, Value};
use crate::time::Zone;

pub use categories::MAX_DEPTH as MAX_LINE;
pub use categories::{CategoryRules, EntrySetting, Part};

/// The embedded default policy snapshot (sources: `docs/default-policy.md`).
pub const DEFAULT_POLICY_JSON: &str = include_str!("default.json");

/// The same snapshot as a tape (`json::tape`), written by build.rs: read
/// without a JSON parser (none is linked into the wasm module).
mod default_tape {
    include!(concat!(env!("OUT_DIR"), "/default_policy_tape.rs"));
}

/// The embedded default snapshot's tape: its numbers and its (ASCII) text.
pub(crate) fn default_tape() -> (Vec<f64>, &'static str) {
    let ops = default_tape::OPS.iter().map(|&op| f64::from(op)).collect();
    (ops, default_tape::TEXT)
}

#[cfg(all(test, feature = "json"))]
mod tests {
    use crate::json::Reader;

    #[test]
    fn the_default_tape_reads_as_the_default_json_text() {
        let (ops, text) = super::default_tape();
        assert_eq!(
            Reader::new(&ops, text.as_bytes()).next_value(),
            Some(
                crate::json::parse(super::DEFAULT_POLICY_JSON)
                    .unwrap()
                    .value()
            )
        );
    }
}

/// A checked policy snapshot: its zone, rest days, top-level defaults and
/// every category with its inherited settings looked up. Made by
/// [`Policy::from_input`] or [`Policy::default_policy`]; an
/// [`Engine`](crate::Engine) answers with one.
#[derive(Debug, Clone)]
pub struct Policy {
    pub(crate) version: String,
    pub(crate) zone: Zone,
    /// Holidays, make-up workdays and weekends (法定休假日), for the roll-forward.
    pub(crate) rest_days: RestDays,
    /// The top-level entry period (ENTRY_DEFAULT), in days.
    pub(crate) entry_days: u32,
    /// The no-reason return period (七天无理由退货), in days.
    pub(crate) no_reason_return_days: u32,
    /// The rules of a category not in the snapshot: the top-level defaults.
    pub(crate) defaults: CategoryRules,
    /// Every category with its resolved rules, sorted by name.
    categories: Vec<(String, CategoryRules)>,
    /// Every part name of the policy, sorted: a [`Part`]'s `number` is its
    /// position here.
    pub(crate) part_names: Vec<String>,
}

impl Policy {
    /// Checks a snapshot from any serde input and resolves its category
    /// tree. Faults are `INVALID_POLICY` at their path.
    pub fn from_input<'de, D: serde::Deserializer<'de>>(
        snapshot: D,
    ) -> Result<Policy, EngineError> {
        let document =
            Document::from_serde(snapshot).map_err(|e| EngineError::policy("", e.to_string()))?;
        Policy::from_value(document.value())
    }

    /// The embedded default snapshot ([`DEFAULT_POLICY_JSON`]), checked.
    pub fn default_policy() -> Result<Policy, EngineError> {
        let (ops, text) = default_tape();
        let snapshot = crate::json::Reader::new(&ops, text.as_bytes())
            .next_value()
            .ok_or_else(|| {
                EngineError::policy("", "the embedded default policy's tape is malformed")
            })?;
        Policy::from_value(snapshot)
    }

    /// The snapshot's `version`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Reads and checks a snapshot, and resolves its category tree.
    pub(crate) fn from_value(value: Value<'_>) -> Result<Policy, EngineError> {
        Policy::from_snapshot(PolicySnapshot::read(value)?)
    }

    /// Checks a snapshot's categories and resolves their tree.
    pub(crate) fn from_snapshot(snapshot: PolicySnapshot) -> Result<Policy, EngineError> {
        let zone = snapshot.utc_offset_minutes.unwrap_or_else(Zone::beijing);
        let resolved = categories::resolve(snapshot.categories.unwrap_or_default())?;
        Ok(Policy {
            version: snapshot.version,
            zone,
            rest_days: RestDays::new(
                snapshot.holidays.unwrap_or_default(),
                snapshot.workdays.unwrap_or_default(),
                snapshot.weekends.unwrap_or(true),
                Published {
                    from: snapshot.holidays_published_from,
                    through: snapshot.holidays_published_through,
                },
            ),
            entry_days: snapshot.entry_days,
            no_reason_return_days: snapshot.no_reason_return_days.unwrap_or(7),
            defaults: CategoryRules::default(),
            categories: resolved.categories,
            part_names: resolved.part_names,
        })
    }

    /// The rules for `category`, and whether the snapshot names it: an
    /// unknown category gets the defaults (and `categoryKnown: false`).
    pub(crate) fn category(&self, category: &str) -> (&CategoryRules, bool) {
        let known = self
            .categories
            .binary_search_by(|(name, _)| name.as_str().cmp(category))
            .ok()
            .and_then(|i| self.categories.get(i));
        match known {
            Some((_, rules)) => (rules, true),
            None => (&self.defaults, false),
        }
    }
}
