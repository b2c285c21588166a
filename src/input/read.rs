//! Reading a tape's [`Value`]s field by field: each reader checks one
//! value's form and names the field's path in its error
//! (`merchantPromises[0].months`).

use super::shape::MAX_STRING;
use super::values::{DateInput, WholeNumber};
use crate::error::{EngineError, ErrorCode};
use crate::json::{Items, Value};
use crate::time::{parse_plain_date, Instant};
use chrono::NaiveDate;
use std::cell::Cell;

/// The largest integer a JS number holds exactly (2^53 − 1).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Where a value sits and which error code its faults carry. The path is a
/// chain of steps from the root, written out only when an error needs it:
/// reading a snapshot of 100,000 categories builds no path strings.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    code: ErrorCode,
    step: Step<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Step<'a> {
    Root,
    Member(&'a Place<'a>, &'a str),
    Item(&'a Place<'a>, usize),
}

impl<'a> Place<'a> {
    /// The whole value, whose faults are `code`.
    pub fn root(code: ErrorCode) -> Place<'static> {
        Place {
            code,
            step: Step::Root,
        }
    }

    /// The place of member `key` inside this one.
    pub fn at(&'a self, key: &'a str) -> Place<'a> {
        Place {
            code: self.code,
            step: Step::Member(self, key),
        }
    }

    /// The place of item `index` inside this array.
    pub fn item(&'a self, index: usize) -> Place<'a> {
        Place {
            code: self.code,
            step: Step::Item(self, index),
        }
    }

    /// `merchantPromises[0].months`: members joined by dots, items in brackets.
    pub fn path(&self) -> String {
        let mut steps = Vec::new();
        let mut current = self;
        loop {
            match &current.step {
                Step::Root => break,
                Step::Member(parent, _) | Step::Item(parent, _) => {
                    steps.push(current.step);
                    current = parent;
                }
            }
        }
        let mut path = String::new();
        for step in steps.iter().rev() {
            match step {
                Step::Member(_, key) => crate::error::push_member(&mut path, key),
                Step::Item(_, index) => path.push_str(&crate::cat!("[", *index, "]")),
                Step::Root => {}
            }
        }
        path
    }

    /// A fault at this place.
    pub fn error(&self, message: impl Into<String>) -> EngineError {
        EngineError::new(self.code, self.path(), message)
    }

    fn wrong_type(&self, expected: &str, found: &Value) -> EngineError {
        self.error(crate::cat!("expected ", expected, ", found ", found.kind()))
    }
}

/// An object's members, with its place.
pub struct Object<'a> {
    members: Items<'a>,
    place: Place<'a>,
    /// Where the next lookup looks first (a reader's position): the
    /// package's glue writes every named field, in the order the readers
    /// ask for them (`input::shape`), so each lookup reads one key instead
    /// of scanning.
    next: Cell<(usize, usize)>,
}

impl<'a> Object<'a> {
    /// An object used as a map (categories, parts): at most `max` members
    /// (`noun` names them in the error), each name at most
    /// [`MAX_STRING`] long.
    pub fn read_bounded(
        value: Value<'a>,
        place: Place<'a>,
        max: usize,
        noun: &str,
    ) -> Result<Object<'a>, EngineError> {
        let length = match value {
            Value::Long(length) => length,
            Value::Object(members) if members.len() > max => members.len(),
            _ => {
                let object = Object::read(value, place)?;
                if let Some((name, _)) = object.members.members().find(|(k, _)| too_long(k)) {
                    return Err(object.place.error(crate::cat!(
                        "a name of ",
                        noun,
                        " is ",
                        utf16_length(name),
                        " characters long, more than the limit of ",
                        MAX_STRING
                    )));
                }
                return Ok(object);
            }
        };
        Err(too_many(&place, length, max, noun))
    }

    /// `value` as an object at `place`; anything else is a fault there.
    pub fn read(value: Value<'a>, place: Place<'a>) -> Result<Object<'a>, EngineError> {
        match value {
            Value::Object(members) => Ok(Object {
                members,
                place,
                next: Cell::new((0, 0)),
            }),
            other => Err(place.wrong_type("an object", &other)),
        }
    }

    /// Where the object lies.
    pub fn place(&self) -> &Place<'a> {
        &self.place
    }

    /// Every member, with its place, in order.
    pub fn members(&self) -> impl Iterator<Item = (&'a str, Value<'a>, Place<'_>)> + '_ {
        self.members
            .members()
            .map(|(k, v)| (k, v, self.place.at(k)))
    }

    /// Member `key` unless absent or `null`.
    pub fn optional<'k>(&'k self, key: &'k str) -> Option<(Value<'a>, Place<'k>)> {
        let mut reader = self.members.reader().at(self.next.get());
        let found = match reader.next_member() {
            Some((k, v)) if k == key => Some(v),
            _ => {
                reader = self.members.reader();
                (0..self.members.len()).find_map(|_| match reader.next_member() {
                    Some((k, v)) if k == key => Some(v),
                    _ => None,
                })
            }
        };
        let value = found?;
        self.next.set(reader.position());
        Some(value)
            .filter(|v| !matches!(v, Value::Null))
            .map(|v| (v, self.place.at(key)))
    }

    /// Member `key`; absent or `null` is an error at the member's own path.
    pub fn required<'k>(&'k self, key: &'k str) -> Result<(Value<'a>, Place<'k>), EngineError> {
        self.optional(key).ok_or_else(|| {
            self.place
                .at(key)
                .error(crate::cat!("missing field `", key, "`"))
        })
    }
}

pub fn string(value: Value, place: &Place) -> Result<String, EngineError> {
    text(value, place, "a string").map(str::to_owned)
}

/// The text of a string value at most [`MAX_STRING`] long. A longer string
/// is an error naming its length; any other value, an error saying that
/// `expected` was expected.
fn text<'v>(value: Value<'v>, place: &Place, expected: &str) -> Result<&'v str, EngineError> {
    let length = match value {
        Value::String(s) if !too_long(s) => return Ok(s),
        Value::String(s) => utf16_length(s),
        Value::LongString(length) => length,
        other => return Err(place.wrong_type(expected, &other)),
    };
    Err(place.error(crate::cat!(
        "the string is ",
        length,
        " characters long, more than the limit of ",
        MAX_STRING
    )))
}

/// Whether `s` is longer than [`MAX_STRING`] UTF-16 code units. (A UTF-8
/// string has at least as many bytes as UTF-16 units: most strings are
/// settled by their byte length alone.)
fn too_long(s: &str) -> bool {
    s.len() > MAX_STRING && utf16_length(s) > MAX_STRING
}

/// The length of `s` as JavaScript counts it.
fn utf16_length(s: &str) -> usize {
    s.encode_utf16().count()
}

pub fn boolean(value: Value, place: &Place) -> Result<bool, EngineError> {
    match value {
        Value::Bool(b) => Ok(b),
        other => Err(place.wrong_type("a boolean", &other)),
    }
}

/// An array of at most `max` items (`noun` names them in the error).
pub fn list<'a>(
    value: Value<'a>,
    place: &Place,
    max: usize,
    noun: &str,
) -> Result<Items<'a>, EngineError> {
    let length = match value {
        Value::Long(length) => length,
        Value::Array(items) if items.len() > max => items.len(),
        Value::Array(items) => return Ok(items),
        other => return Err(place.wrong_type("an array", &other)),
    };
    Err(too_many(place, length, max, noun))
}

fn too_many(place: &Place, length: usize, max: usize, noun: &str) -> EngineError {
    place.error(crate::cat!(
        "lists ",
        length,
        " ",
        noun,
        ", more than the limit of ",
        max
    ))
}

/// A whole number (`15` or `15.0`); its sign and range are checked where the
/// field's limits are known.
pub fn whole(value: Value, place: &Place) -> Result<WholeNumber, EngineError> {
    match value {
        Value::Number(n) if !n.is_finite() => {
            Err(place.error("expected a whole number, found a non-finite number"))
        }
        Value::Number(n) if n.fract() != 0.0 => {
            Err(place.error("expected a whole number, found a fraction"))
        }
        Value::Number(n) if n.abs() > MAX_SAFE_INTEGER => {
            Err(place.error("the number is too large"))
        }
        // Whole and within ±2^53: the cast is exact.
        Value::Number(n) => Ok(WholeNumber(n as i64)),
        other => Err(place.wrong_type("a whole number", &other)),
    }
}

/// An instant: an RFC 3339 string with an offset, or epoch milliseconds.
pub fn instant(value: Value, place: &Place) -> Result<Instant, EngineError> {
    match value {
        Value::String(_) | Value::LongString(_) => {
            let text = text(value, place, "an RFC 3339 string or epoch milliseconds")?;
            Instant::parse_rfc3339(text).map_err(|m| place.error(m))
        }
        Value::Number(ms) => Instant::from_f64_millis(ms).ok_or_else(|| {
            place.error("epoch milliseconds must be finite and within years 0001–9999")
        }),
        other => Err(place.wrong_type("an RFC 3339 string or epoch milliseconds", &other)),
    }
}

/// A date: `YYYY-MM-DD`, or an instant standing for its date in the
/// policy's zone (resolved later, when the zone is known).
pub fn date(value: Value, place: &Place) -> Result<DateInput, EngineError> {
    match value {
        Value::String(text) if !text.contains(['T', 't', ' ']) && !too_long(text) => {
            parse_plain_date(text)
                .map(DateInput::Date)
                .map_err(|m| place.error(m))
        }
        Value::String(_) | Value::LongString(_) | Value::Number(_) => {
            instant(value, place).map(DateInput::Instant)
        }
        other => Err(place.wrong_type(
            "a date YYYY-MM-DD, an RFC 3339 string or epoch milliseconds",
            &other,
        )),
    }
}

/// A date that must be written `YYYY-MM-DD`.
pub fn plain_date(value: Value, place: &Place) -> Result<NaiveDate, EngineError> {
    parse_plain_date(text(value, place, "a date YYYY-MM-DD")?).map_err(|m| place.error(m))
}

/// A member of enum `T`, by its wire name.
pub fn one_of<T: crate::wire::Wire>(value: Value, place: &Place<'_>) -> Result<T, EngineError> {
    let text = text(value, place, "a string")?;
    if let Some(member) = T::from_wire(text) {
        return Ok(member);
    }
    let mut message = crate::cat!(
        "unknown value ",
        crate::strings::quoted(text),
        ", expected one of "
    );
    for (i, member) in T::ALL.iter().enumerate() {
        message.push_str(if i == 0 { "`" } else { ", `" });
        message.push_str(member.as_str());
        message.push('`');
    }
    Err(place.error(message))
}
