//! Unit tests of the core's small modules, kept out of `src/` so that the
//! library holds no `unwrap`.

#![cfg(not(target_arch = "wasm32"))]

mod time {
    use chrono::NaiveDate;
    use shouhoubao::time::*;

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

mod calendar {
    use chrono::NaiveDate;
    use shouhoubao::calendar::*;
    use shouhoubao::time::{Instant, Zone, MAX_INSTANT_MS};

    fn d(text: &str) -> NaiveDate {
        shouhoubao::time::parse_plain_date(text).unwrap()
    }

    fn end(anchor: &str, period: Period) -> String {
        shouhoubao::time::format_date(end_day(d(anchor), period).unwrap())
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
            None,
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
        let holidays_only = RestDays::new(vec![d("2021-10-01")], vec![], false, None);
        let with_weekends = RestDays::new(vec![d("2021-10-01")], vec![], true, None);
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
}

mod json {
    use shouhoubao::json::{parse, Json, MAX_DEPTH};

    #[test]
    fn values() {
        assert_eq!(parse(" null "), Ok(Json::Null));
        assert_eq!(
            parse("[true,false]"),
            Ok(Json::Array(vec![Json::Bool(true), Json::Bool(false)]))
        );
        assert_eq!(parse("-1.5e2"), Ok(Json::Number(-150.0)));
        assert_eq!(
            parse(r#""a\"\u00e9\ud83d\ude00""#),
            Ok(Json::String("a\"é😀".into()))
        );
        assert_eq!(parse(r#""\ud800x""#), Ok(Json::String("\u{FFFD}x".into())));
        assert_eq!(
            parse(r#"{"a":{"b":[]}}"#),
            Ok(Json::Object(vec![(
                "a".into(),
                Json::Object(vec![("b".into(), Json::Array(vec![]))])
            )]))
        );
    }

    #[test]
    fn refusals() {
        for bad in [
            "",
            "nul",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            ".5",
            "1e",
            "+1",
            "\"\t\"",
            "\"a",
            "[1 2]",
            "{\"a\" 1}",
            "{1:2}",
            "1e400",
            "{\"a\":1,\"a\":2}",
            "[] []",
            "\"\\x\"",
            "\"\\u12\"",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert_eq!(parse(&deep).unwrap_err().message, "nested too deeply");
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn errors_say_where() {
        let error = parse("{\n  \"a\": tru\n}").unwrap_err();
        assert_eq!((error.line, error.column), (2, 8));
        let error = parse("{\"a\":1,\"a\":2}").unwrap_err();
        assert_eq!(error.message, "duplicate key `a`");
    }
}

mod answer {
    use shouhoubao::answer::remaining_days;

    #[test]
    fn remaining_days_counts_the_last_partial_day() {
        assert_eq!(remaining_days(0), 0);
        assert_eq!(remaining_days(-5), 0);
        assert_eq!(remaining_days(1), 1);
        assert_eq!(remaining_days(86_400_000), 1);
        assert_eq!(remaining_days(86_400_001), 2);
    }
}

mod rfc3339 {
    use shouhoubao::time::Instant;

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
        assert_eq!(ms("0001-01-01T00:00:00Z"), shouhoubao::time::MIN_INSTANT_MS);
        assert_eq!(
            ms("9999-12-31T23:59:59.999Z"),
            shouhoubao::time::MAX_INSTANT_MS
        );
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

mod strings {
    #[test]
    fn cat_joins_text_and_integers() {
        let text = "x";
        assert_eq!(
            shouhoubao::cat!("a", text, 0u32, -12i64, " ", usize::MAX),
            "ax0-12 18446744073709551615"
        );
        assert_eq!(shouhoubao::cat!(i64::MIN), i64::MIN.to_string());
        assert_eq!(shouhoubao::cat!(), "");
    }
}

mod sorting {
    use shouhoubao::sorting::sorted_by;

    #[test]
    fn sorts_any_list() {
        assert_eq!(sorted_by(vec![3, 1, 2], &|a, b| a.cmp(b)), vec![1, 2, 3]);
        assert_eq!(
            sorted_by(Vec::<u8>::new(), &|a, b| a.cmp(b)),
            Vec::<u8>::new()
        );
        let names = vec!["b".to_owned(), "a".to_owned(), "c".to_owned()];
        assert_eq!(sorted_by(names, &|a, b| b.cmp(a)), vec!["c", "b", "a"]);
    }
}
