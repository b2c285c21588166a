//! The category tree: each category's settings are its own, else its nearest
//! ancestor's, else the top-level default — a setting is inherited whole,
//! never merged field by field. Unknown parents, parent cycles and lines
//! deeper than [`MAX_DEPTH`] are errors at `categories.X.parent`.

use crate::error::EngineError;
use crate::input::CategorySettings;
use std::sync::Arc;

/// 三包 (three guarantees: return, exchange, repair) periods of a category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreeGuaranteePeriods {
    pub return_days: u32,
    pub exchange_days: u32,
    pub warranty_months: u32,
    /// The main parts with their own warranty, in name order.
    pub parts: Vec<Part>,
}

/// A main part with its own 三包 warranty (the battery of a phone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub months: u32,
    /// The name's position among the policy's part names (`Policy::part_names`).
    pub number: u32,
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

/// The longest line a category may have, itself and its ancestors: real
/// trees are a handful deep, and a runaway chain must not freeze the page.
pub const MAX_DEPTH: usize = 64;

/// The categories with their rules after inheritance, sorted by name, and
/// every part name the policy uses, sorted.
pub struct Resolved {
    pub categories: Vec<(String, CategoryRules)>,
    pub part_names: Vec<String>,
}

/// Checks the parents and resolves inheritance: after the sort by name (for
/// lookups), in time linear in the number of categories — each category's
/// line is walked once, and each category is resolved from its parent's
/// already resolved rules. Where several categories are at fault, the one
/// whose name sorts first is reported.
pub fn resolve(categories: Vec<(String, CategorySettings)>) -> Result<Resolved, EngineError> {
    let mut part_names = crate::sorting::sorted_by(
        categories
            .iter()
            .filter_map(|(_, settings)| settings.three_guarantees.as_ref()?.parts.as_ref())
            .flatten()
            .map(|(name, _)| name.clone())
            .collect(),
        &|a: &String, b: &String| a.cmp(b),
    );
    part_names.dedup();
    let own = crate::sorting::sorted_by(
        categories
            .into_iter()
            .map(|(name, settings)| (name, OwnSettings::new(settings, &part_names)))
            .collect(),
        &|a: &(String, OwnSettings), b: &(String, OwnSettings)| a.0.cmp(&b.0),
    );
    let parents = parent_indices(&own)?;
    let order = parents_first(&own, &parents)?;
    let mut rules: Vec<Option<CategoryRules>> = vec![None; own.len()];
    for index in order {
        let inherited = parents
            .get(index)
            .copied()
            .flatten()
            .and_then(|p| rules.get(p).cloned().flatten())
            .unwrap_or_default();
        if let (Some((_, settings)), Some(slot)) = (own.get(index), rules.get_mut(index)) {
            *slot = Some(settings.over(inherited));
        }
    }
    let categories = own
        .into_iter()
        .zip(rules)
        .map(|((name, _), rules)| (name, rules.unwrap_or_default()))
        .collect();
    Ok(Resolved {
        categories,
        part_names,
    })
}

/// The name that sorts first among `names`, if any.
fn first_name<'a>(names: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    names.min()
}

impl OwnSettings {
    /// A category's own settings; its parts numbered among `part_names`.
    fn new(settings: CategorySettings, part_names: &[String]) -> OwnSettings {
        let number = |name: &str| {
            let index = part_names.binary_search_by(|n| n.as_str().cmp(name));
            // Every part name is in the list; at most MAX_CATEGORIES × parts.
            index.map_or(0, |i| u32::try_from(i).unwrap_or(u32::MAX))
        };
        OwnSettings {
            parent: settings.parent,
            entry_days: settings.entry_days,
            no_reason_return: settings.no_reason_return,
            three_guarantees: settings.three_guarantees.map(|tg| {
                let parts = crate::sorting::sorted_by(
                    tg.parts
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(name, months)| Part {
                            number: number(&name),
                            name,
                            months,
                        })
                        .collect(),
                    &|a: &Part, b: &Part| a.name.cmp(&b.name),
                );
                Arc::new(ThreeGuaranteePeriods {
                    return_days: tg.return_days,
                    exchange_days: tg.exchange_days,
                    warranty_months: tg.warranty_months,
                    parts,
                })
            }),
            long_discovery_days: settings.long_discovery_days,
        }
    }

    /// This category's rules: each setting its own, else the parent's
    /// (`inherited`, already resolved — so the nearest ancestor's, else the
    /// top-level default).
    fn over(&self, inherited: CategoryRules) -> CategoryRules {
        CategoryRules {
            entry: self
                .entry_days
                .map_or(inherited.entry, EntrySetting::Category),
            no_reason_return: self.no_reason_return.unwrap_or(inherited.no_reason_return),
            three_guarantees: self.three_guarantees.clone().or(inherited.three_guarantees),
            long_discovery_days: self.long_discovery_days.or(inherited.long_discovery_days),
        }
    }
}

fn parent_path(name: &str) -> String {
    crate::cat!(crate::error::member_path("categories", name), ".parent")
}

/// Each category's parent as an index; an unknown parent is an error at the
/// first category (by name) that names one.
fn parent_indices(own: &[(String, OwnSettings)]) -> Result<Vec<Option<usize>>, EngineError> {
    let index = |name: &str| own.binary_search_by(|(k, _)| k.as_str().cmp(name)).ok();
    let unknown = own.iter().filter_map(|(name, settings)| {
        let parent = settings.parent.as_deref()?;
        index(parent).is_none().then_some(name.as_str())
    });
    if let Some(name) = first_name(unknown) {
        let parent = own
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, s)| s.parent.as_deref())
            .unwrap_or_default();
        return Err(EngineError::policy(
            parent_path(name),
            crate::cat!(
                "parent ",
                crate::strings::quoted(parent),
                " is not a category of this policy"
            ),
        ));
    }
    Ok(own
        .iter()
        .map(|(_, settings)| settings.parent.as_deref().and_then(index))
        .collect())
}

/// Where a category stands in the walk.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    New,
    /// On the line being walked now.
    OnLine,
    /// Its depth is known.
    Done(usize),
}

/// Every category's index, each after its parent; or the first fault: a
/// parent cycle (reported at the member that sorts first, of the cycle
/// holding the first such name), else a line deeper than [`MAX_DEPTH`]
/// (reported at the first category, by name, that is too deep).
fn parents_first(
    own: &[(String, OwnSettings)],
    parents: &[Option<usize>],
) -> Result<Vec<usize>, EngineError> {
    let mut visit = vec![Visit::New; own.len()];
    let mut order = Vec::with_capacity(own.len());
    let mut cycle_first: Option<&str> = None;
    let mut line = Vec::new();
    for start in 0..own.len() {
        // Walk up from `start` until a category already placed, a root, or a
        // category of this very line (a cycle).
        let mut current = Some(start);
        let mut depth_above = 0usize;
        while let Some(index) = current {
            match visit.get(index).copied() {
                Some(Visit::New) => {
                    if let Some(v) = visit.get_mut(index) {
                        *v = Visit::OnLine;
                    }
                    line.push(index);
                    current = parents.get(index).copied().flatten();
                }
                Some(Visit::OnLine) => {
                    // The line from `index` on is the cycle.
                    let from = line.iter().position(|&i| i == index).unwrap_or(0);
                    let members = line.get(from..).into_iter().flatten();
                    let names = members.filter_map(|&i| own.get(i)).map(|(n, _)| n.as_str());
                    cycle_first = first_name(names.chain(cycle_first));
                    // Mark the line as placed so no later walk re-enters it.
                    for &i in &line {
                        if let Some(v) = visit.get_mut(i) {
                            *v = Visit::Done(MAX_DEPTH);
                        }
                    }
                    line.clear();
                    current = None;
                }
                Some(Visit::Done(depth)) => {
                    depth_above = depth;
                    current = None;
                }
                None => current = None,
            }
        }
        // Place the line's categories from the top down.
        while let Some(index) = line.pop() {
            // At most the number of categories.
            #[allow(clippy::arithmetic_side_effects)]
            {
                depth_above += 1;
            }
            if let Some(v) = visit.get_mut(index) {
                *v = Visit::Done(depth_above);
            }
            order.push(index);
        }
    }
    if let Some(name) = cycle_first {
        return Err(EngineError::policy(
            parent_path(name),
            crate::cat!(
                "category ",
                crate::strings::quoted(name),
                " is its own ancestor (a parent cycle)"
            ),
        ));
    }
    let too_deep = visit
        .iter()
        .zip(own)
        .filter(|(v, _)| matches!(v, Visit::Done(depth) if *depth > MAX_DEPTH))
        .map(|(_, (name, _))| name.as_str());
    if let Some(name) = first_name(too_deep) {
        return Err(EngineError::policy(
            parent_path(name),
            crate::cat!(
                "category ",
                crate::strings::quoted(name),
                " has more than ",
                MAX_DEPTH,
                " levels of parents and itself"
            ),
        ));
    }
    Ok(order)
}
