//! `shouhoubao policy --check`: what a policy producer should hear about a
//! snapshot. First the engine's own checks, which refuse a snapshot at its
//! first fault — run here on each part that does not depend on another, so
//! that every such fault is listed at once; then, for a snapshot the engine
//! accepts, the warnings: things the contract allows but that are almost
//! certainly mistakes (a misspelt field, which the contract ignores; a
//! make-up workday on a weekday, which changes nothing; holidays listed past
//! `holidaysPublishedThrough`, or a published range that runs past the
//! listed years; an offset that looks like hours; months that look like
//! days).

use super::Policy;
use crate::error::{join_path, member_path, EngineError};
use crate::input::schema::policy_schema;
use crate::json::{Document, Value};
use crate::time::{format_date, parse_plain_date};
use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::BTreeMap;

/// A warning about an accepted snapshot, at the path it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where, as the engine writes paths (`categories.tv.parent`).
    pub path: String,
    /// What looks wrong.
    pub message: String,
}

/// Checks a snapshot: every fault the engine would refuse it for (each
/// part checked on its own: the top-level fields, each category's own
/// settings, then the category tree), or the warnings about a snapshot it
/// accepts, in reading order.
pub fn check(value: Value) -> Result<Vec<Warning>, Vec<EngineError>> {
    if let Err(first) = Policy::from_value(value) {
        return Err(every_fault(value, first));
    }
    let mut warnings = Vec::new();
    let known = KnownFields::from_schema();
    known.unknown(value, "", "", &mut warnings);
    if let Some(Value::Object(categories)) = value.get("categories") {
        for (name, settings) in categories.members() {
            let at = member_path("categories", name);
            known.unknown(settings, "CategorySettings", &at, &mut warnings);
            if let Some(tg) = settings.get("threeGuarantees") {
                let at = join_path(&at, "threeGuarantees");
                known.unknown(tg, "ThreeGuarantees", &at, &mut warnings);
            }
        }
    }
    let published = value.get("holidaysPublishedThrough").and_then(as_date);
    let holidays = dated_entries(value, "holidays");
    let workdays = dated_entries(value, "workdays");
    repeats("holidays", &holidays, &mut warnings);
    repeats("workdays", &workdays, &mut warnings);
    for (path, date) in &workdays {
        if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            warnings.push(warning(
                path,
                crate::cat!(
                    format_date(*date),
                    " is a weekday: a make-up workday on a weekday changes nothing"
                ),
            ));
        }
    }
    if let Some(last) = published {
        for (path, date) in holidays.iter().chain(&workdays) {
            if *date > last {
                warnings.push(warning(
                    path,
                    crate::cat!(
                        format_date(*date),
                        " is after holidaysPublishedThrough (",
                        format_date(last),
                        "): the published arrangement is said to end before it"
                    ),
                ));
            }
        }
    } else if !holidays.is_empty() {
        warnings.push(warning(
            "holidaysPublishedThrough",
            "absent: deadlines after the last listed holiday are shown as certain, \
             though next year's arrangement may move them",
        ));
    }
    if let Some(last) = published {
        let covered = holidays
            .iter()
            .chain(&workdays)
            .map(|(_, d)| d.year())
            .max();
        if covered.map_or(true, |year| year < last.year()) {
            warnings.push(warning(
                "holidaysPublishedThrough",
                crate::cat!(
                    format_date(last),
                    " runs past the last year the holidays and workdays list: every deadline in ",
                    i64::from(last.year()),
                    " is shown as certain, though that year's arrangement is missing"
                ),
            ));
        }
    }
    if let Some(Value::Number(minutes)) = value.get("utcOffsetMinutes") {
        if minutes != 0.0 && minutes.abs() <= 14.0 {
            warnings.push(warning(
                "utcOffsetMinutes",
                "looks like hours: the offset is in minutes (480 for Beijing)",
            ));
        }
    }
    months_like_days(value, &mut warnings);
    if matches!(value.get("weekends"), Some(Value::Bool(false))) {
        warnings.push(warning(
            "weekends",
            "false: deadlines do not roll over Saturdays and Sundays, which \
             民法典 art. 203 counts as rest days",
        ));
    }
    Ok(warnings)
}

/// Every fault of a snapshot the engine refuses at `first`: the top level
/// checked without its categories, each category with the others reduced to
/// their `parent` (so that a fault of one does not hide another's), then
/// the tree of parents alone. Faults found twice are listed once.
fn every_fault(value: Value, first: EngineError) -> Vec<EngineError> {
    let mut faults = vec![first];
    let mut note = |snapshot: Document| {
        if let Err(fault) = Policy::from_value(snapshot.value()) {
            if !faults.iter().any(|f| f.path == fault.path) {
                faults.push(fault);
            }
        }
    };
    let Value::Object(members) = value else {
        return faults;
    };
    // Each top-level field on its own under a stand-in, with the field its
    // check relates it to (a workday to the holidays, one published bound
    // to the other).
    let partner = |key: &str| match key {
        "workdays" => Some("holidays"),
        "holidaysPublishedFrom" => Some("holidaysPublishedThrough"),
        "holidaysPublishedThrough" => Some("holidaysPublishedFrom"),
        _ => None,
    };
    for (key, field) in members.members().filter(|(k, _)| *k != "categories") {
        let related = partner(key).and_then(|p| members.members().find(|(k, _)| *k == p));
        let fields = [(key, field)].into_iter().chain(related);
        note(stand_in(fields, &mut |_| 0));
    }
    let Some(Value::Object(categories)) = value.get("categories") else {
        return faults;
    };
    // Each category's own fields, without its parent and with a stand-in
    // top level: a fault of one category, or of the top level, hides none.
    for (name, settings) in categories.members() {
        note(stand_in(std::iter::empty(), &mut |document| {
            document.string(name);
            match settings {
                Value::Object(fields) => {
                    object(document, fields.members().filter(|(k, _)| *k != "parent"))
                }
                other => document.copy(other),
            }
            1
        }));
    }
    // The tree: every category reduced to its parent.
    note(stand_in(std::iter::empty(), &mut |document| {
        for (name, settings) in categories.members() {
            document.string(name);
            object(
                document,
                settings.get("parent").map(|p| ("parent", p)).into_iter(),
            );
        }
        categories.len()
    }));
    faults
}

/// A snapshot under a valid stand-in top level, with `fields` in place of
/// its own, and the categories `categories` writes (it gives their count).
fn stand_in<'a>(
    fields: impl Iterator<Item = (&'a str, Value<'a>)> + Clone,
    categories: &mut dyn FnMut(&mut Document) -> usize,
) -> Document {
    let defaults = [
        ("version", Value::String("check")),
        ("entryDays", Value::Number(15.0)),
    ];
    let replaced = |key: &str| fields.clone().any(|(k, _)| k == key);
    let top = defaults.into_iter().filter(|(k, _)| !replaced(k));
    let mut document = Document::default();
    let open = document.open_object();
    let count = write_members(&mut document, top.chain(fields.clone()));
    document.string("categories");
    let inner = document.open_object();
    let written = categories(&mut document);
    document.close(inner, written);
    document.close(open, count.saturating_add(1));
    document
}

/// Writes an object of `members`.
fn object<'a>(document: &mut Document, members: impl Iterator<Item = (&'a str, Value<'a>)>) {
    let open = document.open_object();
    let count = write_members(document, members);
    document.close(open, count);
}

/// Writes `members` (each key, then a copy of its value) into the object
/// being written; how many they were.
fn write_members<'a>(
    document: &mut Document,
    members: impl Iterator<Item = (&'a str, Value<'a>)>,
) -> usize {
    members.fold(0usize, |count, (key, value)| {
        document.string(key);
        document.copy(value);
        count.saturating_add(1)
    })
}

/// Warns about month counts that look like day counts: a warranty or part
/// of more than 120 months (ten years).
fn months_like_days(value: Value, out: &mut Vec<Warning>) {
    const TEN_YEARS: f64 = 120.0;
    let Some(Value::Object(categories)) = value.get("categories") else {
        return;
    };
    for (name, settings) in categories.members() {
        let Some(tg) = settings.get("threeGuarantees") else {
            continue;
        };
        let at = join_path(&member_path("categories", name), "threeGuarantees");
        let mut months: Vec<(String, f64)> = Vec::new();
        if let Some(Value::Number(n)) = tg.get("warrantyMonths") {
            months.push((join_path(&at, "warrantyMonths"), n));
        }
        if let Some(Value::Object(parts)) = tg.get("parts") {
            let at = join_path(&at, "parts");
            for (part, n) in parts.members() {
                if let Value::Number(n) = n {
                    months.push((member_path(&at, part), n));
                }
            }
        }
        for (path, n) in months.into_iter().filter(|(_, n)| *n > TEN_YEARS) {
            out.push(warning(
                &path,
                crate::cat!(
                    "more than ten years (",
                    n as i64,
                    " months): a count of days given as months?"
                ),
            ));
        }
    }
}

fn warning(path: &str, message: impl Into<String>) -> Warning {
    Warning {
        path: path.to_owned(),
        message: message.into(),
    }
}

/// The field names the schema declares, per object kind ("" for the top
/// level): the input types are their one declaration.
struct KnownFields(BTreeMap<String, Vec<String>>);

impl KnownFields {
    fn from_schema() -> KnownFields {
        let schema = policy_schema();
        let names = |object: Option<&serde_json::Value>| -> Vec<String> {
            object
                .and_then(|o| o.get("properties"))
                .and_then(|p| p.as_object())
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default()
        };
        let mut known = BTreeMap::new();
        known.insert(String::new(), names(Some(schema.as_value())));
        if let Some(defs) = schema.get("$defs").and_then(|d| d.as_object()) {
            for (kind, def) in defs {
                known.insert(kind.clone(), names(Some(def)));
            }
        }
        KnownFields(known)
    }

    /// Warns about each member of `value` that `kind` does not declare.
    fn unknown(&self, value: Value, kind: &str, at: &str, out: &mut Vec<Warning>) {
        let (Value::Object(members), Some(known)) = (value, self.0.get(kind)) else {
            return;
        };
        for (key, _) in members.members() {
            if !known.iter().any(|k| k == key) {
                out.push(warning(
                    &member_path(at, key),
                    crate::cat!(
                        "unknown field, ignored (known here: ",
                        known.join(", "),
                        ")"
                    ),
                ));
            }
        }
    }
}

fn as_date(value: Value<'_>) -> Option<NaiveDate> {
    match value {
        Value::String(text) => parse_plain_date(text).ok(),
        _ => None,
    }
}

/// The dates of list `key` with their paths (the engine has checked them).
fn dated_entries(value: Value, key: &str) -> Vec<(String, NaiveDate)> {
    let Some(Value::Array(items)) = value.get(key) else {
        return Vec::new();
    };
    items
        .values()
        .enumerate()
        .filter_map(|(i, item)| as_date(item).map(|date| (crate::cat!(key, "[", i, "]"), date)))
        .collect()
}

/// Warns about each date listed a second time.
fn repeats(key: &str, entries: &[(String, NaiveDate)], out: &mut Vec<Warning>) {
    let mut first: BTreeMap<NaiveDate, &str> = BTreeMap::new();
    for (path, date) in entries {
        match first.get(date) {
            Some(earlier) => out.push(warning(
                path,
                crate::cat!(
                    "repeats ",
                    earlier,
                    " (",
                    key,
                    " may repeat a date; it changes nothing)"
                ),
            )),
            None => {
                first.insert(*date, path);
            }
        }
    }
}
