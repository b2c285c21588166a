//! Counting periods the way the Civil Code (民法典 arts. 200–204) does.
//!
//! - **Elapsed** counting: N days after an instant is that instant plus N × DAY.
//! - **Calendar** counting from an anchor date: the anchor day is not counted;
//!   N days end on day anchor + N; M months end on the same day M months
//!   later, or that month's last day where it has no such day
//!   (2024-01-31 + 1 month → 2024-02-29). The period ends at 24:00 of its end
//!   day, which is 00:00 of the next day in the policy's zone.
//! - Then, where a window takes them: repair days move the end day later,
//!   and an end day on a rest day rolls forward to the first day that is not
//!   one (art. 203). Always in that order: count, repair, roll forward.
//!
//! This module knows dates, not orders or rules. Every step is checked: a
//! result beyond chrono's calendar is `None`, never a panic.

use crate::time::{Instant, Zone, DAY_MS};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// How long a calendar period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Days(u32),
    Months(u32),
}

/// Why a day is a rest day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestKind {
    /// A date of the State Council's holiday arrangement (法定节假日).
    Holiday,
    /// An ordinary Saturday or Sunday that is not a make-up workday.
    Weekend,
}

/// The rest days (法定休假日) a period's last day rolls over: the listed
/// holidays, and — when `weekends` is on — every Saturday and Sunday that is
/// not a make-up workday (调休上班). Also knows which dates the published
/// holiday arrangement covers, outside which a rolled end day is only
/// provisional.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestDays {
    holidays: Vec<NaiveDate>,
    workdays: Vec<NaiveDate>,
    weekends: bool,
    published: Published,
}

/// The dates the published holiday arrangement covers (the State Council's
/// notices of the years the policy carries): its first and last date, each
/// absent when the policy does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Published {
    /// The first date covered (`holidaysPublishedFrom`).
    pub from: Option<NaiveDate>,
    /// The last date covered (`holidaysPublishedThrough`).
    pub through: Option<NaiveDate>,
}

impl Default for RestDays {
    /// No holidays, no workdays, weekends on, nothing published.
    fn default() -> Self {
        RestDays::new(Vec::new(), Vec::new(), true, Published::default())
    }
}

/// How far a roll-forward moved an end day, by the kind of day passed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Roll {
    /// Holidays passed over (a holiday on a weekend counts here).
    pub holiday_days: u32,
    /// Ordinary Saturdays and Sundays passed over.
    pub weekend_days: u32,
}

impl Roll {
    /// All days passed over.
    // Each count is at most the days between two of chrono's dates (< 2^28).
    #[allow(clippy::arithmetic_side_effects)]
    pub fn days(self) -> u32 {
        self.holiday_days + self.weekend_days
    }
}

impl RestDays {
    /// Holidays and workdays may come unsorted and with repeats. The two
    /// lists are expected not to share a date (the policy checks that); if
    /// they did, the holiday would win.
    pub fn new(
        holidays: Vec<NaiveDate>,
        workdays: Vec<NaiveDate>,
        weekends: bool,
        published: Published,
    ) -> RestDays {
        RestDays {
            holidays: sorted_dates(holidays),
            workdays: sorted_dates(workdays),
            weekends,
            published,
        }
    }

    /// Whether `date` is a listed holiday.
    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.holidays.binary_search(&date).is_ok()
    }

    /// Whether `date` is a listed make-up workday.
    pub fn is_workday(&self, date: NaiveDate) -> bool {
        self.workdays.binary_search(&date).is_ok()
    }

    /// Why `date` is a rest day, or `None` for a working day.
    pub fn kind(&self, date: NaiveDate) -> Option<RestKind> {
        if self.is_holiday(date) {
            return Some(RestKind::Holiday);
        }
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        (self.weekends && weekend && !self.is_workday(date)).then_some(RestKind::Weekend)
    }

    /// The first day on or after `day` that is not a rest day, and the days
    /// passed over on the way.
    pub fn roll_forward(&self, day: NaiveDate) -> Option<(NaiveDate, Roll)> {
        let mut current = day;
        let mut roll = Roll::default();
        while let Some(kind) = self.kind(current) {
            let count = match kind {
                RestKind::Holiday => &mut roll.holiday_days,
                RestKind::Weekend => &mut roll.weekend_days,
            };
            *count = count.checked_add(1)?;
            current = current.succ_opt()?;
        }
        Some((current, roll))
    }

    /// Whether a period's roll may still change because the published
    /// holiday arrangement does not cover it: its end day after the roll
    /// (`rolled`) is later than the last date covered, or its end day before
    /// the roll (`unrolled`) is earlier than the first. A bound that is
    /// absent never makes a period provisional.
    pub fn is_provisional(&self, unrolled: NaiveDate, rolled: NaiveDate) -> bool {
        self.published.through.is_some_and(|last| rolled > last)
            || self.published.from.is_some_and(|first| unrolled < first)
    }
}

fn sorted_dates(dates: Vec<NaiveDate>) -> Vec<NaiveDate> {
    let mut dates = crate::sorting::sorted_by(dates, &|a, b| a.cmp(b));
    dates.dedup();
    dates
}

/// The extra steps a window's counting takes after the count itself.
#[derive(Debug, Clone, Copy)]
pub struct Extensions<'a> {
    /// Days spent under repair or waiting for parts, added to the end day.
    pub repair_days: u32,
    /// Rest days to roll the end day past; `None` for windows that do not roll.
    pub rest_days: Option<&'a RestDays>,
}

impl Extensions<'_> {
    pub const NONE: Extensions<'static> = Extensions {
        repair_days: 0,
        rest_days: None,
    };
}

/// The result of a calendar counting, with how it got there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reckoning {
    /// The last day of the period, after repair days and roll-forward.
    pub end_day: NaiveDate,
    /// 24:00 of the end day: 00:00 of the next day in the zone.
    pub deadline: Instant,
    /// How far the roll-forward moved the end day.
    pub roll: Roll,
    /// The period lies outside the published holiday arrangement.
    pub provisional: bool,
}

/// Elapsed counting: `days` whole days of 86,400,000 ms after `from`.
// u32 days × DAY < 2^59: the product fits; the sum is checked.
#[allow(clippy::arithmetic_side_effects)]
pub fn elapsed(from: Instant, days: u32) -> Option<Instant> {
    from.checked_add_millis(i64::from(days) * DAY_MS)
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
    let (end_day, roll, provisional) = match extensions.rest_days {
        Some(rest_days) => {
            let (end_day, roll) = rest_days.roll_forward(repaired)?;
            (end_day, roll, rest_days.is_provisional(repaired, end_day))
        }
        None => (repaired, Roll::default(), false),
    };
    let deadline = zone.start_of_day(end_day.succ_opt()?)?;
    Some(Reckoning {
        end_day,
        deadline,
        roll,
        provisional,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{Instant, Zone, MAX_INSTANT_MS};
    use chrono::NaiveDate;

    fn d(text: &str) -> NaiveDate {
        crate::time::parse_plain_date(text).unwrap()
    }

    fn end(anchor: &str, period: Period) -> String {
        crate::time::format_date(end_day(d(anchor), period).unwrap())
    }

    #[test]
    fn the_anchor_day_is_not_counted() {
        assert_eq!(end("2021-09-18", Period::Days(7)), "2021-09-25");
        let r = calendar(
            d("2021-09-18"),
            Period::Days(7),
            Extensions::NONE,
            Zone::beijing(),
        )
        .unwrap();
        assert_eq!(
            Zone::beijing().format(r.deadline),
            "2021-09-26T00:00:00+08:00"
        );
    }

    #[test]
    fn months_clamp_to_the_last_day() {
        assert_eq!(end("2024-01-31", Period::Months(1)), "2024-02-29");
        assert_eq!(end("2023-01-31", Period::Months(1)), "2023-02-28");
        assert_eq!(end("2024-02-29", Period::Months(12)), "2025-02-28");
        assert_eq!(end("2023-08-31", Period::Months(6)), "2024-02-29");
        assert_eq!(end("2024-03-31", Period::Months(6)), "2024-09-30");
    }

    #[test]
    fn repair_days_come_before_the_roll_forward() {
        let rest = RestDays::new(
            vec![d("2021-10-01"), d("2021-10-02"), d("2021-10-03")],
            vec![],
            true,
            Published::default(),
        );
        let ext = Extensions {
            repair_days: 2,
            rest_days: Some(&rest),
        };
        // 2021-09-29 + 2 repair days = 10-01, a holiday: rolls to 10-04. The
        // holidays on Saturday and Sunday count as holidays.
        let r = calendar(d("2021-08-29"), Period::Months(1), ext, Zone::beijing()).unwrap();
        assert_eq!(r.end_day, d("2021-10-04"));
        assert_eq!(
            r.roll,
            Roll {
                holiday_days: 3,
                weekend_days: 0
            }
        );
    }

    #[test]
    fn no_roll_without_rest_days() {
        let holidays_only =
            RestDays::new(vec![d("2021-10-01")], vec![], false, Published::default());
        let with_weekends =
            RestDays::new(vec![d("2021-10-01")], vec![], true, Published::default());
        let r = calendar(
            d("2021-09-24"),
            Period::Days(7),
            Extensions::NONE,
            Zone::beijing(),
        )
        .unwrap();
        assert_eq!(r.end_day, d("2021-10-01"));
        let ext = Extensions {
            repair_days: 0,
            rest_days: Some(&holidays_only),
        };
        let r = calendar(d("2021-09-24"), Period::Days(7), ext, Zone::beijing()).unwrap();
        assert_eq!(r.end_day, d("2021-10-02"));
        assert_eq!(r.roll.days(), 1);
        // Friday's holiday, then the weekend: Monday.
        let ext = Extensions {
            repair_days: 0,
            rest_days: Some(&with_weekends),
        };
        let r = calendar(d("2021-09-24"), Period::Days(7), ext, Zone::beijing()).unwrap();
        assert_eq!(r.end_day, d("2021-10-04"));
        assert_eq!(
            r.roll,
            Roll {
                holiday_days: 1,
                weekend_days: 2
            }
        );
        assert!(!r.provisional);
    }

    #[test]
    fn overflow_is_none_not_a_panic() {
        assert_eq!(end_day(NaiveDate::MAX, Period::Days(1)), None);
        assert_eq!(end_day(NaiveDate::MAX, Period::Months(1)), None);
        let last = Instant::from_millis(MAX_INSTANT_MS).unwrap();
        assert_eq!(last.checked_add_millis(i64::MAX), None);
        assert!(elapsed(last, u32::MAX).is_some());
    }

    /// `kind`: a holiday, an ordinary Sunday, a 调休 Saturday (a workday)
    /// and a Monday.
    #[test]
    fn kind_of_each_day() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let rest = RestDays::new(
            vec![day("2026-10-01")],
            vec![day("2026-10-10")],
            true,
            Published::default(),
        );
        assert_eq!(rest.kind(day("2026-10-01")), Some(RestKind::Holiday)); // Thursday, 国庆
        assert_eq!(rest.kind(day("2026-10-11")), Some(RestKind::Weekend)); // Sunday
        assert_eq!(rest.kind(day("2026-10-10")), None); // Saturday, a make-up workday
        assert_eq!(rest.kind(day("2026-10-12")), None); // Monday
    }

    /// `roll_forward` over a Friday holiday and the weekend after it, and
    /// over the holiday alone when weekends are not rest days.
    #[test]
    fn roll_forward_over_a_holiday_and_a_weekend() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        // A Friday holiday, then the weekend: Monday, three days later.
        let rest = RestDays::new(vec![day("2021-09-17")], vec![], true, Published::default());
        let (end, roll) = rest.roll_forward(day("2021-09-17")).unwrap();
        assert_eq!(end, day("2021-09-20"));
        assert_eq!(
            roll,
            Roll {
                holiday_days: 1,
                weekend_days: 2
            }
        );
        // With weekends off only the holiday rolls.
        let rest = RestDays::new(vec![day("2021-09-17")], vec![], false, Published::default());
        assert_eq!(
            rest.roll_forward(day("2021-09-17")).unwrap().0,
            day("2021-09-18")
        );
    }

    /// Both bounds of the published arrangement, each inclusive.
    #[test]
    fn provisional_outside_the_published_dates() {
        let published = Published {
            from: Some(d("2021-01-01")),
            through: Some(d("2026-12-31")),
        };
        let rest = RestDays::new(vec![], vec![], true, published);
        // On the last date: firm; rolled past it: provisional.
        assert!(!rest.is_provisional(d("2026-12-31"), d("2026-12-31")));
        assert!(rest.is_provisional(d("2026-12-31"), d("2027-01-01")));
        // Counted to the first date: firm; to the day before: provisional,
        // even when the roll carries it inside.
        assert!(!rest.is_provisional(d("2021-01-01"), d("2021-01-04")));
        assert!(rest.is_provisional(d("2020-12-31"), d("2021-01-04")));
        // No bounds: never.
        assert!(!RestDays::default().is_provisional(d("1999-01-01"), d("2099-01-01")));
    }

    /// `end_day`: months clamp to the last day of a shorter month (art. 202),
    /// a leap day's year ends on 28 February; days count from the day after.
    #[test]
    fn end_day_of_months_and_days() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(
            end_day(day("2024-01-31"), Period::Months(1)),
            Some(day("2024-02-29"))
        );
        assert_eq!(
            end_day(day("2024-02-29"), Period::Months(12)),
            Some(day("2025-02-28"))
        );
        assert_eq!(
            end_day(day("2021-07-30"), Period::Days(7)),
            Some(day("2021-08-06"))
        );
    }

    /// `calendar`: twelve months ending on a Saturday run on to the end of
    /// Monday, in Beijing time.
    #[test]
    fn calendar_rolls_a_saturday_end_to_monday() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        // A phone invoiced 2025-08-01: 12 months end on Saturday 2026-08-01, and
        // the warranty runs on to the end of Monday 2026-08-03.
        let rest = RestDays::default();
        let rolls = Extensions {
            repair_days: 0,
            rest_days: Some(&rest),
        };
        let r = calendar(
            day("2025-08-01"),
            Period::Months(12),
            rolls,
            Zone::beijing(),
        )
        .unwrap();
        assert_eq!(r.end_day, day("2026-08-03"));
        assert_eq!(r.roll.weekend_days, 2);
        assert_eq!(
            Zone::beijing().format(r.deadline),
            "2026-08-04T00:00:00+08:00"
        );
    }
}
