//! Shared helpers of the fuzz targets: reading `now` from raw bytes, the
//! invariants every successful answer must hold, the JSON-shape checks, and
//! the structured policy/order description used by `order_policy`.
//!
//! Every check here panics on a violation — in a fuzz target, a panic is the
//! finding. The library under test must never panic by itself.

pub mod structured;

use shouhoubao::answer::{ReasonCode, Status};
use shouhoubao::json::{Json, MAX_DEPTH};
use shouhoubao::order::OrderFacts;
use shouhoubao::time::{DAY_MS, MAX_INSTANT_MS, MIN_INSTANT_MS};
use shouhoubao::{Eligibility, Engine, Instant};

/// Set `SHOUHOUBAO_FUZZ_BASIC=1` to keep only the invariants the brief names
/// (no panic, remainingDays ≥ 0, nextChangeAt after now, windows sorted),
/// leaving out the stricter contract checks (nextChangeAt is the *earliest*
/// change, status/null consistency) — useful to keep fuzzing past a known
/// finding of the strict checks.
pub fn strict() -> bool {
    static STRICT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *STRICT.get_or_init(|| std::env::var_os("SHOUHOUBAO_FUZZ_BASIC").is_none())
}

/// The embedded default policy, checked once per process.
pub fn default_engine() -> &'static Engine {
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(|| Engine::with_default_policy().expect("the default policy is valid"))
}

/// Folds any i64 into the accepted instant range.
pub fn fold_instant(ms: i64) -> Instant {
    let span = MAX_INSTANT_MS - MIN_INSTANT_MS + 1;
    Instant::from_millis(MIN_INSTANT_MS + ms.rem_euclid(span)).expect("folded into range")
}

/// Splits raw fuzz bytes into `now` and the rest. The first 8 bytes (little
/// endian) are epoch ms as an i64 when that is in range; otherwise the same
/// bits are read as an f64 and go through `now_from_millis` (NaN, infinities,
/// fractions, out of range); when that refuses them, the i64 is folded into
/// range so the rest is still evaluated.
pub fn split_now(data: &[u8]) -> Option<(Instant, &[u8])> {
    let (head, rest) = data.split_first_chunk::<8>()?;
    let bits = i64::from_le_bytes(*head);
    let now = match Instant::from_millis(bits) {
        Some(now) => now,
        None => match shouhoubao::now_from_millis(f64::from_bits(bits as u64)) {
            Ok(now) => now,
            Err(error) => {
                assert_eq!(error.path, "now", "a bad now names the path `now`");
                fold_instant(bits)
            }
        },
    };
    Some((now, rest))
}

/// Parses an instant the engine wrote. RFC 3339 as `Instant::parse_rfc3339`
/// reads it, and also the forms `Zone::format` falls into beyond year 9999
/// (`+10025-…`), which RFC 3339 cannot express: deadlines may pass 9999 when
/// a late order adds long periods. Anything else is a finding.
pub fn parse_output_instant(text: &str) -> i64 {
    if let Ok(instant) = Instant::parse_rfc3339(text) {
        return instant.millis();
    }
    parse_extended(text)
        .unwrap_or_else(|| panic!("the engine wrote an unreadable instant {text:?}"))
}

fn parse_extended(text: &str) -> Option<i64> {
    use chrono::NaiveDate;
    let (sign, body) = match text.as_bytes().first()? {
        b'+' => (1, text.get(1..)?),
        b'-' => (-1, text.get(1..)?),
        _ => (1, text),
    };
    let dash = body.find('-')?;
    let year: i32 = body.get(..dash)?.parse().ok()?;
    let rest = body.get(dash..)?; // "-MM-DDTHH:MM:SS[.sss]±HH:MM"
    let b = rest.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> { rest.get(r)?.parse().ok() };
    if b.len() < 21 || b[0] != b'-' || b[3] != b'-' || b[6] != b'T' {
        return None;
    }
    let (month, day, hour, minute, second) = (
        num(1..3)?,
        num(4..6)?,
        num(7..9)?,
        num(10..12)?,
        num(13..15)?,
    );
    let (milli, zone_at) = if b[15] == b'.' {
        (num(16..19)?, 19)
    } else {
        (0, 15)
    };
    let zone = rest.get(zone_at..)?;
    let zb = zone.as_bytes();
    if zb.len() != 6 || zb[3] != b':' {
        return None;
    }
    let zsign = match zb[0] {
        b'+' => 1i64,
        b'-' => -1,
        _ => return None,
    };
    let offset_min = zsign
        * i64::from(
            zone.get(1..3)?.parse::<u32>().ok()? * 60 + zone.get(4..6)?.parse::<u32>().ok()?,
        );
    let local = NaiveDate::from_ymd_opt(sign * year, month, day)?
        .and_hms_milli_opt(hour, minute, second, milli)?;
    Some(local.and_utc().timestamp_millis() - offset_min * 60_000)
}

/// Whole days left, the last partial day counting as one (contract §6).
fn ceil_days(ms: i64) -> i64 {
    if ms <= 0 {
        0
    } else {
        ms / DAY_MS + i64::from(ms % DAY_MS != 0)
    }
}

fn key(answer: &Eligibility) -> (Status, ReasonCode, Option<i64>) {
    (answer.status, answer.reason.code, answer.remaining_days)
}

/// Evaluates `order` at `now` with `engine`; when it answers, checks the
/// invariants. An error is a fine outcome (it must just not panic).
pub fn evaluate_and_check(engine: &Engine, order: &Json, now: Instant) {
    let Ok(answer) = engine.evaluate_json(order, now) else {
        return;
    };
    let facts = engine
        .read_order(order)
        .expect("read_order accepts what evaluate_json accepted");
    check_answer(engine, &facts, &answer, now);
}

/// The invariants of one answer (contract §6).
pub fn check_answer(engine: &Engine, facts: &OrderFacts, answer: &Eligibility, now: Instant) {
    let now_ms = now.millis();
    // The answer serialises (the CLI and the JS boundary both do this).
    serde_json::to_string(answer).expect("the answer serialises");

    // remainingDays ≥ 0, remainingMs ≥ 0, and each window's remainingDays ≥ 0.
    if let Some(days) = answer.remaining_days {
        assert!(days >= 0, "remainingDays {days} < 0");
    }
    if let Some(ms) = answer.remaining_ms {
        assert!(ms >= 0, "remainingMs {ms} < 0");
    }
    for (i, w) in answer.windows.iter().enumerate() {
        assert!(
            w.remaining_days >= 0,
            "windows[{i}].remainingDays {} < 0",
            w.remaining_days
        );
    }

    // nextChangeAt, when given, is after now.
    let next = answer.next_change_at.as_deref().map(parse_output_instant);
    if let Some(next) = next {
        assert!(
            next > now_ms,
            "nextChangeAt {next} is not after now {now_ms}"
        );
    }

    // Windows sorted by deadline, then code, then part, then promise index.
    let sort_keys: Vec<_> = answer
        .windows
        .iter()
        .map(|w| {
            (
                parse_output_instant(&w.deadline),
                w.code.as_str(),
                w.part.clone(),
                w.promise,
            )
        })
        .collect();
    for (i, pair) in sort_keys.windows(2).enumerate() {
        assert!(
            pair[0] <= pair[1],
            "windows[{i}] and windows[{}] out of order: {:?} > {:?}",
            i + 1,
            pair[0],
            pair[1]
        );
    }

    if !strict() {
        return;
    }

    // Status and nulls (contract §6).
    let deadline = answer.deadline.as_deref().map(parse_output_instant);
    match (answer.status, answer.reason.code) {
        (Status::Pending, ReasonCode::TransactionPending)
        | (Status::Closed, ReasonCode::OrderClosed) => {
            assert!(
                deadline.is_none()
                    && answer.remaining_ms.is_none()
                    && answer.remaining_days.is_none()
            );
            assert!(next.is_none() && answer.windows.is_empty());
        }
        (Status::Closed, ReasonCode::Expired) => {
            assert_eq!(answer.remaining_ms, Some(0));
            assert_eq!(answer.remaining_days, Some(0));
            assert!(next.is_none(), "an expired answer has no nextChangeAt");
            assert!(answer
                .windows
                .iter()
                .all(|w| !w.active && w.remaining_days == 0));
            let latest = sort_keys.iter().map(|k| k.0).max();
            assert_eq!(
                deadline, latest,
                "the expired deadline is the latest deadline"
            );
        }
        (Status::Open | Status::Support, ReasonCode::Window(_)) => {
            let deadline = deadline.expect("an open or support answer has a deadline");
            let ms = answer.remaining_ms.expect("remainingMs");
            assert!(ms > 0, "an active binding window has time left");
            assert_eq!(
                deadline.checked_sub(now_ms),
                Some(ms),
                "remainingMs = deadline − now"
            );
            assert_eq!(answer.remaining_days, Some(ceil_days(ms)));
            assert!(next.is_some(), "an open or support answer will change");
        }
        other => panic!("inconsistent status and reason {other:?}"),
    }

    // nextChangeAt is the earliest change: the answer differs there, and not
    // one millisecond before.
    if let Some(next) = next {
        if let Some(at_next) = Instant::from_millis(next) {
            let later = engine
                .evaluate(facts, at_next)
                .expect("evaluates at nextChangeAt");
            assert_ne!(
                key(&later),
                key(answer),
                "nothing changes at nextChangeAt {next}"
            );
        }
        if next - 1 > now_ms {
            if let Some(before) = Instant::from_millis(next - 1) {
                let earlier = engine
                    .evaluate(facts, before)
                    .expect("evaluates before nextChangeAt");
                assert_eq!(
                    key(&earlier),
                    key(answer),
                    "the answer changes before nextChangeAt {next}"
                );
            }
        }
    }
}

/// Container nesting of a value: 0 for a scalar, 1 for `[]`.
pub fn depth(value: &Json) -> usize {
    match value {
        Json::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Json::Object(members) => 1 + members.iter().map(|(_, v)| depth(v)).max().unwrap_or(0),
        _ => 0,
    }
}

/// Whether any object in the value repeats a key.
pub fn has_duplicate_keys(value: &Json) -> bool {
    match value {
        Json::Array(items) => items.iter().any(has_duplicate_keys),
        Json::Object(members) => {
            let mut keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
            keys.sort_unstable();
            keys.windows(2).any(|p| p[0] == p[1])
                || members.iter().any(|(_, v)| has_duplicate_keys(v))
        }
        _ => false,
    }
}

/// The deepest nesting `json::parse` accepts, as a count of containers.
pub const MAX_NESTING: usize = MAX_DEPTH;

/// The policy's category names, read from its JSON (for `policy`).
pub fn category_names(policy: &Json) -> Vec<String> {
    match policy.get("categories") {
        Some(Json::Object(members)) => members.iter().map(|(k, _)| k.clone()).collect(),
        _ => Vec::new(),
    }
}

fn object(members: Vec<(&str, Json)>) -> Json {
    Json::Object(
        members
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
    )
}

fn text(s: &str) -> Json {
    Json::String(s.to_owned())
}

/// A few fixed orders of `category` touching every rule family, and the
/// moments to ask at (for `policy`: an accepted policy must evaluate them
/// without panicking, and the answers must hold the invariants).
pub fn canned_orders(category: &str) -> Vec<(Json, Vec<i64>)> {
    const SUCCESS: i64 = 1_627_616_610_000; // 2021-07-30T11:43:30+08:00
    const LATE: i64 = MAX_INSTANT_MS - 10 * DAY_MS;
    let promises = Json::Array(vec![
        object(vec![
            ("service", text("return")),
            ("days", Json::Number(30.0)),
            ("from", text("success")),
        ]),
        object(vec![
            ("service", text("exchange")),
            ("months", Json::Number(3.0)),
            ("from", text("delivery")),
        ]),
        object(vec![
            ("service", text("repair")),
            ("months", Json::Number(24.0)),
            ("from", text("invoice")),
        ]),
    ]);
    let full = object(vec![
        ("id", text("P1")),
        ("category", text(category)),
        ("status", text("success")),
        ("successAt", Json::Number(SUCCESS as f64)),
        ("deliveredAt", text("2021-07-28T15:02:00+08:00")),
        ("invoiceAt", text("2021-07-27")),
        ("repairDays", Json::Number(4.0)),
        ("exchangedAt", text("2021-09-30")),
        ("merchantPromises", promises),
    ]);
    let bare = object(vec![
        ("id", text("P2")),
        ("category", text(category)),
        ("status", text("success")),
        ("successAt", text("2021-09-30T23:59:59.999-12:00")),
    ]);
    let late = object(vec![
        ("id", text("P3")),
        ("category", text(category)),
        ("status", text("success")),
        ("successAt", Json::Number(LATE as f64)),
        ("repairDays", Json::Number(36_525.0)),
        (
            "merchantPromises",
            Json::Array(vec![object(vec![
                ("service", text("repair")),
                ("months", Json::Number(1_200.0)),
                ("from", text("invoice")),
            ])]),
        ),
    ]);
    let moments = |base: i64| {
        vec![
            base - DAY_MS,
            base + 1,
            base + 3 * DAY_MS,
            base + 100 * DAY_MS,
            base + 400 * DAY_MS,
            base + 1_000 * DAY_MS,
        ]
    };
    vec![
        (full, moments(SUCCESS)),
        (bare, moments(SUCCESS + 62 * DAY_MS)),
        (late, vec![LATE, LATE + 5 * DAY_MS, MAX_INSTANT_MS]),
    ]
}
