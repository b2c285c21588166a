//! The value forms the contract accepts, each decoded with its own check:
//! whole numbers, instants (RFC 3339 or epoch ms), dates (`YYYY-MM-DD` or an
//! instant), and objects that must really be objects.

use crate::time::{parse_plain_date, Instant};
use chrono::NaiveDate;
use serde::de::{self, value::MapAccessDeserializer, Deserialize, Deserializer, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// The largest integer a JS number holds exactly (2^53 − 1).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A whole number (`15` or `15.0`); the sign and range are checked later,
/// where the field's limits are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WholeNumber(pub i64);

impl<'de> Deserialize<'de> for WholeNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct WholeVisitor;
        impl Visitor<'_> for WholeVisitor {
            type Value = WholeNumber;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<WholeNumber, E> {
                Ok(WholeNumber(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<WholeNumber, E> {
                i64::try_from(v)
                    .map(WholeNumber)
                    .map_err(|_| E::custom(format!("{v} is too large")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<WholeNumber, E> {
                if !v.is_finite() {
                    return Err(E::custom(format!("{v} is not a finite number")));
                }
                if v.fract() != 0.0 {
                    return Err(E::custom(format!("{v} is not a whole number")));
                }
                if v.abs() > MAX_SAFE_INTEGER {
                    return Err(E::custom(format!("{v} is too large")));
                }
                // Whole and within ±2^53: the cast is exact.
                Ok(WholeNumber(v as i64))
            }
        }
        deserializer.deserialize_any(WholeVisitor)
    }
}

/// An instant as sent: an RFC 3339 string with an offset, or epoch ms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstantInput(pub Instant);

struct InstantVisitor;

impl InstantVisitor {
    fn from_number<E: de::Error>(ms: f64) -> Result<Instant, E> {
        Instant::from_f64_millis(ms).ok_or_else(|| {
            E::custom(format!(
                "{ms} is not an instant: epoch milliseconds must be finite and within years 0001–9999"
            ))
        })
    }
    fn from_integer<E: de::Error>(ms: i64) -> Result<Instant, E> {
        Instant::from_millis(ms).ok_or_else(|| {
            E::custom(format!(
                "{ms} is not an instant: epoch milliseconds must be within years 0001–9999"
            ))
        })
    }
}

impl Visitor<'_> for InstantVisitor {
    type Value = Instant;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 string with an offset or a number of epoch milliseconds")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Instant, E> {
        Instant::parse_rfc3339(v).map_err(E::custom)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Instant, E> {
        Self::from_integer(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Instant, E> {
        i64::try_from(v)
            .map_err(|_| E::custom(format!("{v} is not an instant: out of range")))
            .and_then(Self::from_integer)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Instant, E> {
        Self::from_number(v)
    }
}

impl<'de> Deserialize<'de> for InstantInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(InstantVisitor)
            .map(InstantInput)
    }
}

/// A date as sent: `YYYY-MM-DD`, or an instant standing for its date in the
/// policy's zone (resolved later, when the zone is known).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateInput {
    Date(NaiveDate),
    Instant(Instant),
}

impl<'de> Deserialize<'de> for DateInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl Visitor<'_> for DateVisitor {
            type Value = DateInput;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date YYYY-MM-DD, an RFC 3339 string or epoch milliseconds")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateInput, E> {
                if v.contains(['T', 't', ' ']) {
                    InstantVisitor.visit_str(v).map(DateInput::Instant)
                } else {
                    parse_plain_date(v).map(DateInput::Date).map_err(E::custom)
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateInput, E> {
                InstantVisitor.visit_i64(v).map(DateInput::Instant)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateInput, E> {
                InstantVisitor.visit_u64(v).map(DateInput::Instant)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<DateInput, E> {
                InstantVisitor.visit_f64(v).map(DateInput::Instant)
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

/// A date that must be written `YYYY-MM-DD` (a policy's holidays).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlainDate(pub NaiveDate);

impl<'de> Deserialize<'de> for PlainDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PlainDateVisitor;
        impl Visitor<'_> for PlainDateVisitor {
            type Value = PlainDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PlainDate, E> {
                parse_plain_date(v).map(PlainDate).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(PlainDateVisitor)
    }
}

/// A `T` that must be sent as an object: serde's derived structs would also
/// take an array of field values, which the contract does not allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = Object<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Object<T>, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(Object)
            }
        }
        deserializer.deserialize_map(ObjectVisitor(PhantomData))
    }
}

impl<T> std::ops::Deref for Object<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// The longest period a day count may give: 100 years.
pub const MAX_DAYS: i64 = 36_525;
/// The longest period a month count may give: 100 years.
pub const MAX_MONTHS: i64 = 1_200;

impl WholeNumber {
    /// This number as a count of days (0 to 100 years), or an error at `path`.
    pub fn days(
        self,
        code: crate::error::ErrorCode,
        path: &str,
    ) -> Result<u32, crate::error::EngineError> {
        self.count(MAX_DAYS, "days", code, path)
    }

    /// This number as a count of months (0 to 100 years), or an error at `path`.
    pub fn months(
        self,
        code: crate::error::ErrorCode,
        path: &str,
    ) -> Result<u32, crate::error::EngineError> {
        self.count(MAX_MONTHS, "months", code, path)
    }

    fn count(
        self,
        max: i64,
        unit: &str,
        code: crate::error::ErrorCode,
        path: &str,
    ) -> Result<u32, crate::error::EngineError> {
        let fault = if self.0 < 0 {
            format!("{} {unit} is negative", self.0)
        } else if self.0 > max {
            format!("{} {unit} is over 100 years (at most {max})", self.0)
        } else {
            return u32::try_from(self.0)
                .map_err(|_| crate::error::EngineError::new(code, path, "out of range"));
        };
        Err(crate::error::EngineError::new(code, path, fault))
    }
}
