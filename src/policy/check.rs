//! `shouhoubao policy --check`: what a policy producer should hear about a
//! snapshot. First the engine's own checks, which refuse a snapshot at its
//! first fault; then, for a snapshot the engine accepts, the warnings: things
//! the contract allows but that are almost certainly mistakes (a misspelt
//! field, which the contract ignores; a make-up workday on a weekday, which
//! changes nothing; holidays listed past `holidaysPublishedThrough`).

use super::Policy;
use crate::error::{join_path, member_path, EngineError};
use crate::input::schema::policy_schema;
use crate::json::Json;
use crate::time::{format_date, parse_plain_date};
use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::BTreeMap;

/// A warning about an accepted snapshot, at the path it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: String,
    pub message: String,
}

/// Checks a snapshot: the engine's refusal (the first fault), or the
/// warnings about a snapshot it accepts, in reading order.
pub fn check(value: &Json) -> Result<Vec<Warning>, EngineError> {
    Policy::from_json(value)?;
    let mut warnings = Vec::new();
    let known = KnownFields::from_schema();
    known.unknown(value, "", "", &mut warnings);
    if let Some(Json::Object(categories)) = value.get("categories") {
        for (name, settings) in categories {
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
    if matches!(value.get("weekends"), Some(Json::Bool(false))) {
        warnings.push(warning(
            "weekends",
            "false: deadlines do not roll over Saturdays and Sundays, which \
             民法典 art. 203 counts as rest days",
        ));
    }
    Ok(warnings)
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
    fn unknown(&self, value: &Json, kind: &str, at: &str, out: &mut Vec<Warning>) {
        let (Json::Object(members), Some(known)) = (value, self.0.get(kind)) else {
            return;
        };
        for (key, _) in members {
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

fn as_date(value: &Json<'_>) -> Option<NaiveDate> {
    match value {
        Json::String(text) => parse_plain_date(text).ok(),
        _ => None,
    }
}

/// The dates of list `key` with their paths (the engine has checked them).
fn dated_entries(value: &Json, key: &str) -> Vec<(String, NaiveDate)> {
    let Some(Json::Array(items)) = value.get(key) else {
        return Vec::new();
    };
    items
        .iter()
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
