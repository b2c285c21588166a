//! The category tree: each category's settings are its own, else its nearest
//! ancestor's, else the top-level default — a setting is inherited whole,
//! never merged field by field. Unknown parents and parent cycles are errors
//! at `categories.X.parent`.

use crate::error::EngineError;
use crate::input::CategorySettings;
use std::sync::Arc;

/// 三包 (three guarantees: return, exchange, repair) periods of a category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreeGuaranteePeriods {
    pub return_days: u32,
    pub exchange_days: u32,
    pub warranty_months: u32,
    /// Part name → warranty months, in part-name order.
    pub parts: Vec<(String, u32)>,
}

/// Where a category's entry period comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EntrySetting {
    /// No category in the line sets one: the top-level `entryDays`.
    #[default]
    TopLevel,
    /// The category or an ancestor sets this many days.
    Category(u32),
}

/// A category's settings after inheritance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryRules {
    pub entry: EntrySetting,
    pub no_reason_return: bool,
    pub three_guarantees: Option<Arc<ThreeGuaranteePeriods>>,
    pub long_discovery_days: Option<u32>,
}

impl Default for CategoryRules {
    fn default() -> Self {
        CategoryRules {
            entry: EntrySetting::TopLevel,
            no_reason_return: true,
            three_guarantees: None,
            long_discovery_days: None,
        }
    }
}

/// One category's own settings, checked, before inheritance.
struct OwnSettings {
    parent: Option<String>,
    entry_days: Option<u32>,
    no_reason_return: Option<bool>,
    three_guarantees: Option<Arc<ThreeGuaranteePeriods>>,
    long_discovery_days: Option<u32>,
}

/// Checks the parents and resolves inheritance: every category with its
/// rules, sorted by name.
pub fn resolve(
    categories: Vec<(String, CategorySettings)>,
) -> Result<Vec<(String, CategoryRules)>, EngineError> {
    let own = Tree::new(
        categories
            .into_iter()
            .map(|(name, settings)| (name, OwnSettings::from(settings)))
            .collect(),
    );
    check_parents(&own)?;
    Ok(own
        .keys()
        .map(|name| (name.to_owned(), inherit(name, &own)))
        .collect())
}

/// The categories' own settings, sorted by name for lookup.
struct Tree(Vec<(String, OwnSettings)>);

impl Tree {
    fn new(categories: Vec<(String, OwnSettings)>) -> Tree {
        Tree(crate::sorting::sorted_by(categories, &|a, b| a.0.cmp(&b.0)))
    }

    fn get(&self, name: &str) -> Option<&OwnSettings> {
        let index = self
            .0
            .binary_search_by(|(k, _)| k.as_str().cmp(name))
            .ok()?;
        self.0.get(index).map(|(_, settings)| settings)
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    /// Names in order.
    fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }
}

impl From<CategorySettings> for OwnSettings {
    fn from(settings: CategorySettings) -> Self {
        OwnSettings {
            parent: settings.parent,
            entry_days: settings.entry_days,
            no_reason_return: settings.no_reason_return,
            three_guarantees: settings.three_guarantees.map(|tg| {
                Arc::new(ThreeGuaranteePeriods {
                    return_days: tg.return_days,
                    exchange_days: tg.exchange_days,
                    warranty_months: tg.warranty_months,
                    parts: crate::sorting::sorted_by(tg.parts.unwrap_or_default(), &|a, b| {
                        a.0.cmp(&b.0)
                    }),
                })
            }),
            long_discovery_days: settings.long_discovery_days,
        }
    }
}

/// Every parent must exist, and no line of parents may loop. A loop is
/// reported at the member whose name sorts first.
fn check_parents(own: &Tree) -> Result<(), EngineError> {
    for (name, settings) in &own.0 {
        if let Some(parent) = &settings.parent {
            if own.get(parent).is_none() {
                return Err(EngineError::policy(
                    crate::cat!("categories.", name, ".parent"),
                    crate::cat!(
                        "parent ",
                        crate::strings::quoted(parent),
                        " is not a category of this policy"
                    ),
                ));
            }
        }
    }
    for start in own.keys() {
        // Walk up; a walk longer than the number of categories has looped.
        let mut current = start;
        let mut steps = 0usize;
        while let Some(parent) = own.get(current).and_then(|s| s.parent.as_deref()) {
            if parent == start {
                let first = cycle_members(start, own).into_iter().min().unwrap_or(start);
                return Err(EngineError::policy(
                    crate::cat!("categories.", first, ".parent"),
                    crate::cat!(
                        "category ",
                        crate::strings::quoted(first),
                        " is its own ancestor (a parent cycle)"
                    ),
                ));
            }
            current = parent;
            steps = steps.saturating_add(1);
            if steps > own.len() {
                // The loop does not pass through `start`; it is found when
                // the walk starts at one of its members.
                break;
            }
        }
    }
    Ok(())
}

fn cycle_members<'a>(start: &'a str, own: &'a Tree) -> Vec<&'a str> {
    let mut members = vec![start];
    let mut current = start;
    while let Some(parent) = own.get(current).and_then(|s| s.parent.as_deref()) {
        if parent == start || members.len() > own.len() {
            break;
        }
        members.push(parent);
        current = parent;
    }
    members
}

/// The settings of `name` after inheritance (the tree is known acyclic).
fn inherit(name: &str, own: &Tree) -> CategoryRules {
    let line = || {
        let mut next = own.get(name);
        std::iter::from_fn(move || {
            let current = next?;
            next = current.parent.as_ref().and_then(|p| own.get(p));
            Some(current)
        })
        .take(own.len())
    };
    CategoryRules {
        entry: line()
            .find_map(|s| s.entry_days)
            .map_or(EntrySetting::TopLevel, EntrySetting::Category),
        no_reason_return: line().find_map(|s| s.no_reason_return).unwrap_or(true),
        three_guarantees: line().find_map(|s| s.three_guarantees.clone()),
        long_discovery_days: line().find_map(|s| s.long_discovery_days),
    }
}
