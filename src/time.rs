//! Instants and dates in the policy's fixed offset, and the input forms they
//! are accepted in.
//!
//! An [`Instant`] is a count of epoch milliseconds. It is accepted as an RFC
//! 3339 string with an offset or as a number; a date field also accepts
//! `YYYY-MM-DD`. Every calendar question ("which day is this?") is asked in a
//! [`Zone`], the policy's fixed UTC offset — never the machine's time zone.
//!
//! Why the RFC 3339 parser is our own: `docs/design.md`, "Why hand-written parsers?".

use crate::strings::quoted;
use chrono::{Datelike, NaiveDate};

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

    /// Epoch milliseconds.
    pub fn millis(self) -> i64 {
        self.0
    }

    /// Milliseconds from this instant to `later` (negative when it is earlier).
    // Instants hold at most chrono's day range × DAY (|ms| < 2^53): the
    // difference of two fits in i64.
    #[allow(clippy::arithmetic_side_effects)]
    pub fn millis_until(self, later: Instant) -> i64 {
        later.0 - self.0
    }

    /// This instant plus `ms`, or `None` on overflow.
    pub fn checked_add_millis(self, ms: i64) -> Option<Instant> {
        self.0.checked_add(ms).map(Instant)
    }

    /// Parses an RFC 3339 string with an offset
    /// (`2021-07-30T11:43:30+08:00`, `2021-07-30t03:43:30.5z`,
    /// `2021-07-30 03:43:30Z`). Fractions beyond the millisecond are
    /// truncated; leap seconds (`:60`) are refused.
    // Every field is bounded — years 0000–9999, hours below 24, minutes and
    // seconds below 61, milliseconds below 1000, offsets below ±24 h — so
    // the sums stay far inside i64 (|ms| < 2^49).
    #[allow(clippy::arithmetic_side_effects)]
    pub fn parse_rfc3339(text: &str) -> Result<Instant, String> {
        let not_rfc3339 =
            || crate::cat!(quoted(text), " is not an RFC 3339 instant with an offset");
        let mut cursor = Cursor::new(text);
        let date = cursor.date().ok_or_else(not_rfc3339)?;
        if !cursor.eat_any(b"Tt ") {
            return Err(not_rfc3339());
        }
        let (hour, minute) = cursor.hours_minutes().ok_or_else(not_rfc3339)?;
        let second = cursor
            .eat(b':')
            .then(|| cursor.number(2))
            .flatten()
            .ok_or_else(not_rfc3339)?;
        if second == 60 {
            return Err(crate::cat!(
                quoted(text),
                " is a leap second, which is not accepted"
            ));
        }
        if second > 60 {
            return Err(not_rfc3339());
        }
        let millis = if cursor.eat(b'.') {
            cursor.fraction_millis().ok_or_else(not_rfc3339)?
        } else {
            0
        };
        let offset_minutes = if cursor.eat_any(b"Zz") {
            0
        } else {
            let sign: i64 = match cursor.next() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return Err(not_rfc3339()),
            };
            let (hours, minutes) = cursor.hours_minutes().ok_or_else(not_rfc3339)?;
            sign * (hours * 60 + minutes)
        };
        if !cursor.at_end() {
            return Err(not_rfc3339());
        }
        let local = days_from_epoch(date) * DAY_MS
            + hour * 3_600_000
            + minute * 60_000
            + second * 1_000
            + millis;
        let ms = local - offset_minutes * 60_000;
        Instant::from_millis(ms)
            .ok_or_else(|| crate::cat!(quoted(text), " is outside years 0001–9999"))
    }
}

/// Days from 1970-01-01 to `date`.
pub fn days_from_epoch(date: NaiveDate) -> i64 {
    // 719_163 days from 0001-01-01 (CE day 1) to 1970-01-01.
    // An i32 day count minus a constant, in i64: no overflow.
    #[allow(clippy::arithmetic_side_effects)]
    {
        i64::from(date.num_days_from_ce()) - 719_163
    }
}

/// The date with these numbers, if there is one.
fn real_date(year: i64, month: i64, day: i64) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::try_from(year).ok()?,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )
}

/// Reads the fixed-width fields of dates and instants.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Cursor<'a> {
        Cursor {
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    // `pos` is below the length (a byte was just read): one more cannot overflow.
    #[allow(clippy::arithmetic_side_effects)]
    fn next(&mut self) -> Option<u8> {
        let b = self.bytes.get(self.pos).copied()?;
        self.pos += 1;
        Some(b)
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.eat_any(&[byte])
    }

    #[allow(clippy::arithmetic_side_effects)] // as in `next`
    fn eat_any(&mut self, bytes: &[u8]) -> bool {
        match self.bytes.get(self.pos) {
            Some(b) if bytes.contains(b) => {
                self.pos += 1;
                true
            }
            _ => false,
        }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// Exactly `width` ASCII digits (`width` ≤ 4, so the value is below 10^4).
    #[allow(clippy::arithmetic_side_effects)]
    fn number(&mut self, width: usize) -> Option<i64> {
        let mut value = 0i64;
        for _ in 0..width {
            let digit = self.next().filter(u8::is_ascii_digit)?;
            value = value * 10 + i64::from(digit - b'0');
        }
        Some(value)
    }

    /// `HH:MM`, hours below 24 and minutes below 60 (a time, or an offset).
    fn hours_minutes(&mut self) -> Option<(i64, i64)> {
        let hours = self.number(2).filter(|h| *h < 24)?;
        let minutes = self.eat(b':').then(|| self.number(2)).flatten()?;
        (minutes < 60).then_some((hours, minutes))
    }

    /// One or more digits after the decimal point, truncated to
    /// milliseconds (three digits at most are kept: below 1000; the count
    /// of digits is at most the text's length).
    #[allow(clippy::arithmetic_side_effects)]
    fn fraction_millis(&mut self) -> Option<i64> {
        let mut millis = 0i64;
        let mut digits = 0usize;
        while let Some(b) = self.bytes.get(self.pos).copied().filter(u8::is_ascii_digit) {
            self.pos += 1;
            if digits < 3 {
                millis = millis * 10 + i64::from(b - b'0');
            }
            digits += 1;
        }
        match digits {
            0 => None,
            1 => Some(millis * 100),
            2 => Some(millis * 10),
            _ => Some(millis),
        }
    }

    /// The numbers of `YYYY-MM-DD`, not yet checked as a date.
    fn ymd(&mut self) -> Option<(i64, i64, i64)> {
        let year = self.number(4)?;
        let month = self.eat(b'-').then(|| self.number(2)).flatten()?;
        let day = self.eat(b'-').then(|| self.number(2)).flatten()?;
        Some((year, month, day))
    }

    /// `YYYY-MM-DD`, a real date.
    fn date(&mut self) -> Option<NaiveDate> {
        let (year, month, day) = self.ymd()?;
        real_date(year, month, day)
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

    /// The westernmost offset a policy may give: UTC−12:00.
    pub const MIN_MINUTES: i32 = -720;
    /// The easternmost offset a policy may give: UTC+14:00.
    pub const MAX_MINUTES: i32 = 840;

    /// A zone from minutes east of UTC; `None` outside
    /// [`MIN_MINUTES`](Zone::MIN_MINUTES)..=[`MAX_MINUTES`](Zone::MAX_MINUTES).
    /// The one place the range is checked.
    pub fn from_minutes(minutes: i32) -> Option<Zone> {
        (Self::MIN_MINUTES..=Self::MAX_MINUTES)
            .contains(&minutes)
            .then_some(Zone {
                // |minutes| ≤ 840: the product is small.
                #[allow(clippy::arithmetic_side_effects)]
                offset_ms: i64::from(minutes) * 60_000,
                minutes,
            })
    }

    /// UTC+08:00, the default.
    pub fn beijing() -> Zone {
        Zone {
            offset_ms: 28_800_000,
            minutes: Self::BEIJING_MINUTES,
        }
    }

    /// The calendar date of `instant` in this zone.
    pub fn date_of(self, instant: Instant) -> Option<NaiveDate> {
        let local = self.local_millis(instant);
        let days = i32::try_from(local.div_euclid(DAY_MS)).ok()?;
        NaiveDate::from_num_days_from_ce_opt(days.checked_add(719_163)?)
    }

    /// 00:00 of `date` in this zone. chrono's dates span ±262,143 years, so
    /// the day count times DAY stays below 2^53.
    #[allow(clippy::arithmetic_side_effects)]
    pub fn start_of_day(self, date: NaiveDate) -> Option<Instant> {
        Some(Instant(days_from_epoch(date) * DAY_MS - self.offset_ms))
    }

    /// `instant` written as RFC 3339 in this zone, to the second, with
    /// `.sss` only when the milliseconds are not zero.
    pub fn format(self, instant: Instant) -> String {
        let local = self.local_millis(instant);
        let mut out = String::with_capacity(29);
        match self.date_of(instant) {
            Some(date) => push_date(&mut out, date),
            None => return crate::cat!(instant.0),
        }
        let of_day = local.rem_euclid(DAY_MS);
        out.push('T');
        push_two(&mut out, of_day / 3_600_000);
        out.push(':');
        push_two(&mut out, of_day / 60_000 % 60);
        out.push(':');
        push_two(&mut out, of_day / 1_000 % 60);
        let ms = of_day % 1_000;
        if ms != 0 {
            out.push('.');
            push_two(&mut out, ms / 10);
            push_digit(&mut out, ms % 10);
        }
        out.push_str(&self.offset_text());
        out
    }

    /// The offset as RFC 3339 writes it: `+08:00`, `-05:30`, `+00:00`.
    pub fn offset_text(self) -> String {
        let mut out = String::with_capacity(6);
        out.push(if self.minutes < 0 { '-' } else { '+' });
        let abs = i64::from(self.minutes.unsigned_abs());
        push_two(&mut out, abs / 60);
        out.push(':');
        push_two(&mut out, abs % 60);
        out
    }

    /// `instant` as milliseconds since 1970-01-01T00:00 in this zone's clock.
    // Instants hold years 0001–9999 (or a day count of chrono's range times
    // DAY, below 2^53) and offsets ±14 h: no overflow.
    #[allow(clippy::arithmetic_side_effects)]
    pub fn local_millis(self, instant: Instant) -> i64 {
        instant.0 + self.offset_ms
    }
}

/// One decimal digit (`0 ≤ digit < 10`, as every caller gives).
fn push_digit(out: &mut String, digit: i64) {
    let digit = u8::try_from(digit).ok().filter(|d| *d < 10).unwrap_or(0);
    // Below 10: '0' + digit is an ASCII digit.
    #[allow(clippy::arithmetic_side_effects)]
    out.push(char::from(b'0' + digit));
}

/// Two digits, `0 ≤ n < 100`.
fn push_two(out: &mut String, n: i64) {
    push_digit(out, n / 10);
    push_digit(out, n % 10);
}

/// `YYYY-MM-DD`; a year outside 0–9999 as `±YYYYYY` (ECMAScript's expanded form).
fn push_date(out: &mut String, date: NaiveDate) {
    let year = i64::from(date.year());
    if (0..=9999).contains(&year) {
        push_two(out, year / 100);
        push_two(out, year % 100);
    } else {
        // Expanded years as ECMAScript reads them: a sign and six digits.
        out.push(if year < 0 { '-' } else { '+' });
        let magnitude = year.unsigned_abs();
        push_two(out, i64::try_from(magnitude / 10_000).unwrap_or(0));
        push_two(out, i64::try_from(magnitude / 100 % 100).unwrap_or(0));
        push_two(out, i64::try_from(magnitude % 100).unwrap_or(0));
    }
    out.push('-');
    push_two(out, i64::from(date.month()));
    out.push('-');
    push_two(out, i64::from(date.day()));
}

/// Parses exactly `YYYY-MM-DD` into a real date (year 0001 or later).
pub fn parse_plain_date(text: &str) -> Result<NaiveDate, String> {
    let mut cursor = Cursor::new(text);
    let fields = cursor.ymd().filter(|_| cursor.at_end());
    let Some((year, month, day)) = fields else {
        return Err(crate::cat!(
            quoted(text),
            " is not a date of the form YYYY-MM-DD"
        ));
    };
    real_date(year, month, day)
        .filter(|d| d.year() >= 1)
        .ok_or_else(|| crate::cat!(quoted(text), " is not a real date"))
}

/// Writes a date as `YYYY-MM-DD`.
pub fn format_date(date: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    push_date(&mut out, date);
    out
}

#[cfg(test)]
mod time_tests {
    use super::*;
    use chrono::NaiveDate;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn rfc3339_forms_agree() {
        let a = Instant::parse_rfc3339("2021-07-30T11:43:30+08:00").unwrap();
        let b = Instant::parse_rfc3339("2021-07-30T03:43:30Z").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.millis(), 1_627_616_610_000);
    }

    #[test]
    fn rfc3339_refuses_bad_forms() {
        for bad in [
            "2021-07-30T10:00:00",
            "2021-07-30",
            "2021-02-30T10:00:00+08:00",
            "2021-12-31T23:59:60+08:00",
            "2021-07-30T10:00:00+25:00",
            "",
        ] {
            assert!(Instant::parse_rfc3339(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn fractions_are_truncated_to_the_millisecond() {
        let a = Instant::parse_rfc3339("2021-07-30T03:43:30.1239Z").unwrap();
        assert_eq!(a.millis() % 1000, 123);
    }

    #[test]
    fn dates_in_a_zone() {
        let beijing = Zone::beijing();
        let t = Instant::parse_rfc3339("2021-06-30T16:00:00Z").unwrap();
        assert_eq!(beijing.date_of(t), Some(date(2021, 7, 1)));
        let t = Instant::parse_rfc3339("2021-06-30T15:59:59.999Z").unwrap();
        assert_eq!(beijing.date_of(t), Some(date(2021, 6, 30)));
        let west = Zone::from_minutes(-300).unwrap();
        assert_eq!(west.date_of(t), Some(date(2021, 6, 30)));
        assert_eq!(
            beijing.start_of_day(date(2021, 7, 1)),
            Instant::from_millis(1_625_068_800_000)
        );
    }

    #[test]
    fn formatting() {
        let beijing = Zone::beijing();
        assert_eq!(
            beijing.format(Instant::from_millis(1_627_616_610_000).unwrap()),
            "2021-07-30T11:43:30+08:00"
        );
        assert_eq!(
            beijing.format(Instant::from_millis(1_627_616_610_007).unwrap()),
            "2021-07-30T11:43:30.007+08:00"
        );
        let utc = Zone::from_minutes(0).unwrap();
        assert_eq!(
            utc.format(Instant::from_millis(0).unwrap()),
            "1970-01-01T00:00:00+00:00"
        );
        let nepal = Zone::from_minutes(345).unwrap();
        assert_eq!(
            nepal.format(Instant::from_millis(0).unwrap()),
            "1970-01-01T05:45:00+05:45"
        );
        let west = Zone::from_minutes(-570).unwrap();
        assert_eq!(
            west.format(Instant::from_millis(0).unwrap()),
            "1969-12-31T14:30:00-09:30"
        );
    }

    #[test]
    fn plain_dates_are_strict() {
        assert_eq!(parse_plain_date("2024-02-29"), Ok(date(2024, 2, 29)));
        for bad in [
            "2023-02-29",
            "2021-2-3",
            "2021-13-01",
            "0000-01-01",
            "20210101",
            "2021-01-01T",
        ] {
            assert!(parse_plain_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn numbers_are_floored_and_bounded() {
        assert_eq!(Instant::from_f64_millis(1.9), Instant::from_millis(1));
        assert_eq!(Instant::from_f64_millis(-0.5), Instant::from_millis(-1));
        assert_eq!(Instant::from_f64_millis(f64::NAN), None);
        assert_eq!(Instant::from_f64_millis(f64::INFINITY), None);
        assert_eq!(Instant::from_f64_millis(1e300), None);
        assert!(Instant::from_millis(MAX_INSTANT_MS).is_some());
        assert!(Instant::from_millis(MAX_INSTANT_MS + 1).is_none());
    }
}

#[cfg(test)]
mod rfc3339_tests {
    use super::Instant;

    fn ms(text: &str) -> i64 {
        Instant::parse_rfc3339(text).unwrap().millis()
    }

    #[test]
    fn accepted_forms() {
        let base = ms("2021-07-30T03:43:30Z");
        assert_eq!(ms("2021-07-30t03:43:30z"), base);
        assert_eq!(ms("2021-07-30 03:43:30Z"), base);
        assert_eq!(ms("2021-07-29T22:13:30-05:30"), base);
        assert_eq!(ms("2021-07-30T03:43:30.5Z"), base + 500);
        assert_eq!(ms("2021-07-30T03:43:30.05Z"), base + 50);
        assert_eq!(ms("2021-07-30T03:43:30.0509Z"), base + 50);
        assert_eq!(ms("0001-01-01T00:00:00Z"), crate::time::MIN_INSTANT_MS);
        assert_eq!(ms("9999-12-31T23:59:59.999Z"), crate::time::MAX_INSTANT_MS);
    }

    #[test]
    fn refused_forms() {
        for bad in [
            "2021-07-30T03:43:30",
            "2021-07-30T03:43Z",
            "2021-07-30T24:00:00Z",
            "2021-07-30T03:60:00Z",
            "2021-07-30T03:43:61Z",
            "2021-07-30T03:43:30.Z",
            "2021-07-30T03:43:30+0800",
            "2021-07-30T03:43:30+08",
            "2021-07-30T03:43:30+24:00",
            "2021-07-30T03:43:30Z ",
            " 2021-07-30T03:43:30Z",
            "21-07-30T03:43:30Z",
            "+2021-07-30T03:43:30Z",
            "0000-12-31T23:59:59Z",
            "2021-07-30T03:43:30+08:00x",
        ] {
            assert!(Instant::parse_rfc3339(bad).is_err(), "{bad}");
        }
        let leap = Instant::parse_rfc3339("2016-12-31T23:59:60Z").unwrap_err();
        assert!(leap.contains("leap second"), "{leap}");
    }
}
