//! Instants and dates in the policy's fixed offset, and the input forms they
//! are accepted in.
//!
//! An [`Instant`] is a count of epoch milliseconds. It is accepted as an RFC
//! 3339 string with an offset or as a number; a date field also accepts
//! `YYYY-MM-DD`. Every calendar question ("which day is this?") is asked in a
//! [`Zone`], the policy's fixed UTC offset — never the machine's time zone.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Timelike};
use std::fmt::Write as _;

/// Milliseconds in a day (`DAY` in the contract).
pub const DAY_MS: i64 = 86_400_000;

/// The earliest accepted instant: 0001-01-01T00:00:00Z.
pub const MIN_INSTANT_MS: i64 = -62_135_596_800_000;
/// The latest accepted instant: 9999-12-31T23:59:59.999Z.
pub const MAX_INSTANT_MS: i64 = 253_402_300_799_999;

/// A point in time, in epoch milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(i64);

impl Instant {
    /// An instant from epoch milliseconds, if inside the accepted range.
    pub fn from_millis(ms: i64) -> Option<Instant> {
        (MIN_INSTANT_MS..=MAX_INSTANT_MS)
            .contains(&ms)
            .then_some(Instant(ms))
    }

    /// An instant from a JS-style number of milliseconds: floored, and
    /// refused when NaN, infinite or out of range.
    pub fn from_f64_millis(ms: f64) -> Option<Instant> {
        if !ms.is_finite() {
            return None;
        }
        let floored = ms.floor();
        if floored < MIN_INSTANT_MS as f64 || floored > MAX_INSTANT_MS as f64 {
            return None;
        }
        // In range, so the cast is exact.
        Instant::from_millis(floored as i64)
    }

    pub fn millis(self) -> i64 {
        self.0
    }

    /// This instant plus `ms`, or `None` on overflow.
    pub fn checked_add_millis(self, ms: i64) -> Option<Instant> {
        self.0.checked_add(ms).map(Instant)
    }

    /// Parses an RFC 3339 string with an offset. Fractions beyond the
    /// millisecond are truncated; leap seconds are refused.
    pub fn parse_rfc3339(text: &str) -> Result<Instant, String> {
        let parsed = DateTime::parse_from_rfc3339(text)
            .map_err(|e| format!("`{text}` is not an RFC 3339 instant with an offset ({e})"))?;
        if parsed.nanosecond() >= 1_000_000_000 {
            return Err(format!("`{text}` is a leap second, which is not accepted"));
        }
        let ms = parsed.timestamp_millis();
        Instant::from_millis(ms).ok_or_else(|| format!("`{text}` is outside years 0001–9999"))
    }
}

/// A fixed UTC offset in which dates are reckoned (Beijing time: +480 min).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone {
    offset_ms: i64,
    minutes: i32,
}

impl Zone {
    /// Beijing time, UTC+8.
    pub const BEIJING_MINUTES: i32 = 480;

    /// A zone from minutes east of UTC; `None` outside −720..=840.
    pub fn from_minutes(minutes: i32) -> Option<Zone> {
        (-720..=840).contains(&minutes).then_some(Zone {
            // |minutes| ≤ 840: the product is small.
            offset_ms: i64::from(minutes).saturating_mul(60_000),
            minutes,
        })
    }

    pub fn beijing() -> Zone {
        Zone {
            offset_ms: 28_800_000,
            minutes: Self::BEIJING_MINUTES,
        }
    }

    pub fn minutes(self) -> i32 {
        self.minutes
    }

    /// The calendar date of `instant` in this zone.
    pub fn date_of(self, instant: Instant) -> Option<NaiveDate> {
        let local = instant.0.checked_add(self.offset_ms)?;
        let days = local.div_euclid(DAY_MS);
        let days = i32::try_from(days).ok()?;
        // 719_163 days from 0001-01-01 (CE day 1) to 1970-01-01.
        NaiveDate::from_num_days_from_ce_opt(days.checked_add(719_163)?)
    }

    /// 00:00 of `date` in this zone.
    pub fn start_of_day(self, date: NaiveDate) -> Option<Instant> {
        let days = i64::from(date.num_days_from_ce()).checked_sub(719_163)?;
        let local = days.checked_mul(DAY_MS)?;
        local.checked_sub(self.offset_ms).map(Instant)
    }

    /// `instant` written as RFC 3339 in this zone, to the second, with
    /// `.sss` only when the milliseconds are not zero.
    pub fn format(self, instant: Instant) -> String {
        let Some(offset) = FixedOffset::east_opt(self.minutes.saturating_mul(60)) else {
            return instant.0.to_string();
        };
        let Some(utc) = DateTime::from_timestamp_millis(instant.0) else {
            return instant.0.to_string();
        };
        let local = utc.with_timezone(&offset);
        let mut out = String::with_capacity(29);
        let year = local.year();
        let _ = if (0..=9999).contains(&year) {
            write!(out, "{year:04}")
        } else {
            write!(out, "{year:+}")
        };
        let time: NaiveTime = local.time();
        let _ = write!(
            out,
            "-{:02}-{:02}T{:02}:{:02}:{:02}",
            local.month(),
            local.day(),
            time.hour(),
            time.minute(),
            time.second()
        );
        let ms = instant.0.rem_euclid(1000);
        if ms != 0 {
            let _ = write!(out, ".{ms:03}");
        }
        let sign = if self.minutes < 0 { '-' } else { '+' };
        let abs = self.minutes.unsigned_abs();
        let _ = write!(out, "{sign}{:02}:{:02}", abs / 60, abs % 60);
        out
    }
}

/// Parses exactly `YYYY-MM-DD` into a real date.
pub fn parse_plain_date(text: &str) -> Result<NaiveDate, String> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return Err(format!("`{text}` is not a date of the form YYYY-MM-DD"));
    }
    let number = |range: std::ops::Range<usize>| -> u32 {
        text.get(range)
            .and_then(|s| s.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    i32::try_from(year)
        .ok()
        .filter(|y| *y >= 1)
        .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
        .ok_or_else(|| format!("`{text}` is not a real date"))
}

/// Writes a date as `YYYY-MM-DD`.
pub fn format_date(date: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    let _ = write!(
        out,
        "{:04}-{:02}-{:02}",
        date.year(),
        date.month(),
        date.day()
    );
    out
}
