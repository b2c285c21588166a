//! Counting periods the way the Civil Code (民法典 arts. 200–204) does.
//!
//! - **Elapsed** counting: N days after an instant is that instant plus N × DAY.
//! - **Calendar** counting from an anchor date: the anchor day is not counted;
//!   N days end on day anchor + N; M months end on the same day M months
//!   later, or that month's last day where it has no such day
//!   (2024-01-31 + 1 month → 2024-02-29). The period ends at 24:00 of its end
//!   day, which is 00:00 of the next day in the policy's zone.
//! - Then, where a window takes them: repair days move the end day later,
//!   and an end day on a holiday rolls forward to the first day that is not
//!   one (art. 203). Always in that order: count, repair, roll forward.
//!
//! This module knows dates, not orders or rules. Every step is checked: a
//! result beyond chrono's calendar is `None`, never a panic.

use crate::time::{Instant, Zone, DAY_MS};
use chrono::{Days, Months, NaiveDate};

/// How long a calendar period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Days(u32),
    Months(u32),
}

/// A set of holiday dates (法定节假日), for the roll-forward step.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holidays {
    sorted: Vec<NaiveDate>,
}

impl Holidays {
    pub fn new(dates: Vec<NaiveDate>) -> Holidays {
        let mut dates = crate::sorting::sorted_by(dates, &|a, b| a.cmp(b));
        dates.dedup();
        Holidays { sorted: dates }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.sorted.binary_search(&date).is_ok()
    }

    /// The first day on or after `day` that is not a holiday, and how many
    /// days it moved.
    pub fn roll_forward(&self, day: NaiveDate) -> Option<(NaiveDate, u32)> {
        let mut current = day;
        let mut moved = 0u32;
        while self.contains(current) {
            current = current.succ_opt()?;
            moved = moved.checked_add(1)?;
        }
        Some((current, moved))
    }
}

/// The extra steps a window's counting takes after the count itself.
#[derive(Debug, Clone, Copy)]
pub struct Extensions<'a> {
    /// Days spent under repair or waiting for parts, added to the end day.
    pub repair_days: u32,
    /// Holidays to roll the end day past; `None` for windows that do not roll.
    pub holidays: Option<&'a Holidays>,
}

impl Extensions<'_> {
    pub const NONE: Extensions<'static> = Extensions {
        repair_days: 0,
        holidays: None,
    };
}

/// The result of a calendar counting, with how it got there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reckoning {
    /// The last day of the period, after repair days and roll-forward.
    pub end_day: NaiveDate,
    /// 24:00 of the end day: 00:00 of the next day in the zone.
    pub deadline: Instant,
    /// How many days the roll-forward moved the end day.
    pub holiday_days: u32,
}

/// Elapsed counting: `days` whole days of 86,400,000 ms after `from`.
pub fn elapsed(from: Instant, days: u32) -> Option<Instant> {
    from.checked_add_millis(i64::from(days).checked_mul(DAY_MS)?)
}

/// The end day of `period` counted from `anchor`, the anchor day not counted.
pub fn end_day(anchor: NaiveDate, period: Period) -> Option<NaiveDate> {
    match period {
        Period::Days(n) => anchor.checked_add_days(Days::new(u64::from(n))),
        // chrono clamps to the month's last day, as art. 202 asks.
        Period::Months(n) => anchor.checked_add_months(Months::new(n)),
    }
}

/// Calendar counting of `period` from `anchor`, then the extensions, with
/// the deadline at 24:00 of the end day in `zone`.
pub fn calendar(
    anchor: NaiveDate,
    period: Period,
    extensions: Extensions<'_>,
    zone: Zone,
) -> Option<Reckoning> {
    let counted = end_day(anchor, period)?;
    let repaired = counted.checked_add_days(Days::new(u64::from(extensions.repair_days)))?;
    let (end_day, holiday_days) = match extensions.holidays {
        Some(holidays) => holidays.roll_forward(repaired)?,
        None => (repaired, 0),
    };
    let deadline = zone.start_of_day(end_day.succ_opt()?)?;
    Some(Reckoning {
        end_day,
        deadline,
        holiday_days,
    })
}
