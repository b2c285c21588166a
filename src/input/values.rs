//! The value forms the contract accepts beyond JSON's own: whole numbers with
//! period limits, and dates that may be written as instants.

use crate::error::EngineError;
use crate::time::Instant;
use chrono::NaiveDate;

/// The longest period a day count may give: 100 years.
pub const MAX_DAYS: i64 = 36_525;
/// The longest period a month count may give: 100 years.
pub const MAX_MONTHS: i64 = 1_200;

/// A whole number as sent; its range is checked where the field is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WholeNumber(pub i64);

/// A date as sent: `YYYY-MM-DD`, or an instant standing for its date in the
/// policy's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateInput {
    Date(NaiveDate),
    Instant(Instant),
}

impl WholeNumber {
    /// This number as a count of days (0 to 100 years), or an error.
    pub fn days(self, place: &super::read::Place<'_>) -> Result<u32, EngineError> {
        self.count(MAX_DAYS, "days", place)
    }

    /// This number as a count of months (0 to 100 years), or an error.
    pub fn months(self, place: &super::read::Place<'_>) -> Result<u32, EngineError> {
        self.count(MAX_MONTHS, "months", place)
    }

    fn count(
        self,
        max: i64,
        unit: &str,
        place: &super::read::Place<'_>,
    ) -> Result<u32, EngineError> {
        if self.0 < 0 {
            return Err(place.error(crate::cat!(self.0, " ", unit, " is negative")));
        }
        if self.0 > max {
            return Err(place.error(crate::cat!(
                self.0,
                " ",
                unit,
                " is over 100 years (at most ",
                max,
                ")"
            )));
        }
        u32::try_from(self.0).map_err(|_| place.error("out of range"))
    }
}
