//! Reading a [`Json`] field by field: each reader checks one value's form and
//! names the field's path in its error (`merchantPromises[0].months`).

use super::values::{DateInput, WholeNumber};
use crate::error::{join_path, EngineError, ErrorCode};
use crate::json::Json;
use crate::time::{parse_plain_date, Instant};
use chrono::NaiveDate;

/// The largest integer a JS number holds exactly (2^53 − 1).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Where a value sits and which error code its faults carry.
#[derive(Debug, Clone)]
pub struct Place {
    pub path: String,
    pub code: ErrorCode,
}

impl Place {
    pub fn root(code: ErrorCode) -> Place {
        Place {
            path: String::new(),
            code,
        }
    }

    /// The place of member `key` (or `[i]`) inside this one.
    pub fn at(&self, key: &str) -> Place {
        Place {
            path: join_path(&self.path, key),
            code: self.code,
        }
    }

    pub fn error(&self, message: impl Into<String>) -> EngineError {
        EngineError::new(self.code, self.path.clone(), message)
    }

    fn wrong_type(&self, expected: &str, found: &Json) -> EngineError {
        self.error(crate::cat!("expected ", expected, ", found ", found.kind()))
    }
}

/// An object's members, with its place.
pub struct Object<'a> {
    members: &'a [(String, Json)],
    place: Place,
}

impl<'a> Object<'a> {
    pub fn read(value: &'a Json, place: Place) -> Result<Object<'a>, EngineError> {
        match value {
            Json::Object(members) => Ok(Object { members, place }),
            other => Err(place.wrong_type("an object", other)),
        }
    }

    pub fn place(&self) -> &Place {
        &self.place
    }

    /// Every member, with its place, in order.
    pub fn members(&self) -> impl Iterator<Item = (&'a str, &'a Json, Place)> + '_ {
        self.members
            .iter()
            .map(|(k, v)| (k.as_str(), v, self.place.at(k)))
    }

    /// Member `key` unless absent or `null`.
    pub fn optional(&self, key: &str) -> Option<(&'a Json, Place)> {
        self.members
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| !matches!(v, Json::Null))
            .map(|v| (v, self.place.at(key)))
    }

    /// Member `key`; absent or `null` is an error at the member's own path.
    pub fn required(&self, key: &str) -> Result<(&'a Json, Place), EngineError> {
        self.optional(key).ok_or_else(|| {
            self.place
                .at(key)
                .error(crate::cat!("missing field `", key, "`"))
        })
    }
}

pub fn string(value: &Json, place: &Place) -> Result<String, EngineError> {
    match value {
        Json::String(s) => Ok(s.clone()),
        other => Err(place.wrong_type("a string", other)),
    }
}

pub fn boolean(value: &Json, place: &Place) -> Result<bool, EngineError> {
    match value {
        Json::Bool(b) => Ok(*b),
        other => Err(place.wrong_type("a boolean", other)),
    }
}

pub fn array<'a>(value: &'a Json, place: &Place) -> Result<&'a [Json], EngineError> {
    match value {
        Json::Array(items) => Ok(items),
        other => Err(place.wrong_type("an array", other)),
    }
}

/// A whole number (`15` or `15.0`); its sign and range are checked where the
/// field's limits are known.
pub fn whole(value: &Json, place: &Place) -> Result<WholeNumber, EngineError> {
    match value {
        Json::Number(n) if !n.is_finite() => {
            Err(place.error("expected a whole number, found a non-finite number"))
        }
        Json::Number(n) if n.fract() != 0.0 => {
            Err(place.error("expected a whole number, found a fraction"))
        }
        Json::Number(n) if n.abs() > MAX_SAFE_INTEGER => {
            Err(place.error("the number is too large"))
        }
        // Whole and within ±2^53: the cast is exact.
        Json::Number(n) => Ok(WholeNumber(*n as i64)),
        other => Err(place.wrong_type("a whole number", other)),
    }
}

/// An instant: an RFC 3339 string with an offset, or epoch milliseconds.
pub fn instant(value: &Json, place: &Place) -> Result<Instant, EngineError> {
    match value {
        Json::String(text) => Instant::parse_rfc3339(text).map_err(|m| place.error(m)),
        Json::Number(ms) => Instant::from_f64_millis(*ms).ok_or_else(|| {
            place.error("epoch milliseconds must be finite and within years 0001–9999")
        }),
        other => Err(place.wrong_type("an RFC 3339 string or epoch milliseconds", other)),
    }
}

/// A date: `YYYY-MM-DD`, or an instant standing for its date in the
/// policy's zone (resolved later, when the zone is known).
pub fn date(value: &Json, place: &Place) -> Result<DateInput, EngineError> {
    match value {
        Json::String(text) if !text.contains(['T', 't', ' ']) => parse_plain_date(text)
            .map(DateInput::Date)
            .map_err(|m| place.error(m)),
        Json::String(_) | Json::Number(_) => instant(value, place).map(DateInput::Instant),
        other => Err(place.wrong_type(
            "a date YYYY-MM-DD, an RFC 3339 string or epoch milliseconds",
            other,
        )),
    }
}

/// A date that must be written `YYYY-MM-DD`.
pub fn plain_date(value: &Json, place: &Place) -> Result<NaiveDate, EngineError> {
    match value {
        Json::String(text) => parse_plain_date(text).map_err(|m| place.error(m)),
        other => Err(place.wrong_type("a date YYYY-MM-DD", other)),
    }
}

/// One of the `names`, as its value.
pub fn one_of<T: Copy>(
    value: &Json,
    place: &Place,
    names: &[(&'static str, T)],
) -> Result<T, EngineError> {
    let index = choice(value, place, &|i| names.get(i).map(|(name, _)| *name))?;
    names
        .get(index)
        .map(|(_, v)| *v)
        .ok_or_else(|| place.error("unknown value"))
}

/// The index of the name `value` holds, among `name_at(0)`, `name_at(1)`, …
/// (one copy of this code, whatever the enum).
fn choice(
    value: &Json,
    place: &Place,
    name_at: &dyn Fn(usize) -> Option<&'static str>,
) -> Result<usize, EngineError> {
    let text = string(value, place)?;
    let names = (0..).map_while(name_at);
    if let Some(index) = names.clone().position(|name| name == text) {
        return Ok(index);
    }
    let mut message = crate::cat!(
        "unknown value ",
        crate::strings::quoted(&text),
        ", expected one of"
    );
    for (i, name) in names.enumerate() {
        message.push_str(if i == 0 { " `" } else { ", `" });
        message.push_str(name);
        message.push('`');
    }
    Err(place.error(message))
}
