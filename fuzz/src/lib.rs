//! Shared helpers of the fuzz targets: reading `now` from raw bytes, the
//! invariants every successful answer must hold, the JSON-shape checks, the
//! structured policy/order description used by `order_policy`, and the
//! targets' bodies themselves ([`targets`]), so that they also run natively
//! (`cargo test --release` in `fuzz/`, on stable: see the tests at the end).
//!
//! Every check here panics on a violation — in a fuzz target, a panic is the
//! finding. The library under test must never panic by itself.

pub mod structured;

use shouhoubao::internals::OrderFacts;
use shouhoubao::internals::{EngineInternals, Json, MAX_CATEGORIES, MAX_DATES, MAX_DEPTH};
use shouhoubao::internals::{DAY_MS, MAX_INSTANT_MS, MIN_INSTANT_MS};
use shouhoubao::{Eligibility, Engine, EngineError, ErrorCode, Instant};
use shouhoubao::{ReasonCode, StateReason, Status};
use std::borrow::Cow;

/// Set `SHOUHOUBAO_FUZZ_BASIC=1` to keep only the basic invariants
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
        None => match shouhoubao::internals::now_from_millis(f64::from_bits(bits as u64)) {
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

/// Everything `nextChangeAt` watches (contract 3, §6): the answer's
/// status, reason, deadline and remaining days, and each window's `active`
/// and remaining days.
#[allow(clippy::type_complexity)]
fn key(
    answer: &Eligibility,
) -> (
    Status,
    ReasonCode,
    Option<String>,
    Option<i64>,
    Vec<(bool, i64)>,
) {
    (
        answer.status,
        answer.reason.code,
        answer.deadline.clone(),
        answer.remaining_days,
        answer
            .windows
            .iter()
            .map(|w| (w.active, w.remaining_days))
            .collect(),
    )
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
        (Status::Pending, ReasonCode::State(StateReason::TransactionPending))
        | (Status::Closed, ReasonCode::State(StateReason::OrderClosed)) => {
            assert!(
                deadline.is_none()
                    && answer.remaining_ms.is_none()
                    && answer.remaining_days.is_none()
            );
            assert!(next.is_none() && answer.windows.is_empty());
        }
        (Status::Closed, ReasonCode::State(StateReason::Expired)) => {
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
                .evaluate_facts(facts, at_next)
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
                    .evaluate_facts(facts, before)
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
            let mut keys: Vec<&str> = members.iter().map(|(k, _)| k.as_ref()).collect();
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
        Some(Json::Object(members)) => members.iter().map(|(k, _)| k.to_string()).collect(),
        _ => Vec::new(),
    }
}

fn object(members: Vec<(&'static str, Json<'static>)>) -> Json<'static> {
    Json::Object(
        members
            .into_iter()
            .map(|(k, v)| (Cow::Borrowed(k), v))
            .collect(),
    )
}

fn text(s: &str) -> Json<'static> {
    Json::String(Cow::Owned(s.to_owned()))
}

/// A few fixed orders of `category` touching every rule family, and the
/// moments to ask at (for `policy`: an accepted policy must evaluate them
/// without panicking, and the answers must hold the invariants).
pub fn canned_orders(category: &str) -> Vec<(Json<'static>, Vec<i64>)> {
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

/// `value` (an object) with the top-level members named in `lists` replaced
/// by [`Json::Long`] of their lengths: what the JS glue hands the readers for
/// a list past its limit, without walking it.
pub fn with_long_lists<'a>(value: &Json<'a>, lists: &[(&str, usize)]) -> Json<'a> {
    match value {
        Json::Object(members) => Json::Object(
            members
                .iter()
                .map(|(k, v)| {
                    let long = lists.iter().find(|(name, _)| k == name);
                    (
                        k.clone(),
                        long.map_or_else(|| v.clone(), |(_, n)| Json::Long(*n)),
                    )
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

/// An order of `category` with `count` valid merchant promises.
pub fn promise_order(category: &str, count: usize) -> Json<'static> {
    const SERVICES: [&str; 3] = ["return", "exchange", "repair"];
    const FROM: [&str; 3] = ["success", "delivery", "invoice"];
    let promises = (0..count)
        .map(|i| {
            let (unit, n) = if i % 2 == 0 {
                ("days", i % 400)
            } else {
                ("months", i % 40)
            };
            object(vec![
                ("service", text(SERVICES[i % 3])),
                (unit, Json::Number(n as f64)),
                ("from", text(FROM[(i / 3) % 3])),
            ])
        })
        .collect();
    object(vec![
        ("id", text("M1")),
        ("category", text(category)),
        ("status", text("success")),
        ("successAt", text("2021-07-30T11:43:30+08:00")),
        ("invoiceAt", text("2021-07-27")),
        ("merchantPromises", Json::Array(promises)),
    ])
}

/// How long one check may take before it counts as a freeze (a finding):
/// `SHOUHOUBAO_FUZZ_BUDGET_MS`, default 5,000 ms — far above what the
/// largest generated input needs in a release build (libFuzzer's
/// `-timeout=10` in scripts/fuzz.sh is the backstop).
pub fn budget() -> std::time::Duration {
    static BUDGET: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    std::time::Duration::from_millis(*BUDGET.get_or_init(|| {
        std::env::var("SHOUHOUBAO_FUZZ_BUDGET_MS")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(5_000)
    }))
}

/// Runs `f`, panicking when it took longer than [`budget`].
pub fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let started = std::time::Instant::now();
    let out = f();
    let took = started.elapsed();
    assert!(
        took <= budget(),
        "{what} took {took:?}, more than {:?}",
        budget()
    );
    out
}

/// Whether two outcomes agree: both built, or the same error (code, path, message).
fn same_outcome<T>(a: &Result<T, EngineError>, b: &Result<T, EngineError>) -> bool {
    match (a, b) {
        (Ok(_), Ok(_)) => true,
        (Err(x), Err(y)) => x == y,
        _ => false,
    }
}

fn show<T>(r: &Result<T, EngineError>) -> String {
    match r {
        Ok(_) => "built".to_owned(),
        Err(e) => format!("{} at `{}`: {}", e.code.as_str(), e.path, e.message),
    }
}

/// The top-level fields of a policy in reading order (contract §8).
pub const POLICY_FIELDS: [&str; 10] = [
    "version",
    "utcOffsetMinutes",
    "holidays",
    "workdays",
    "weekends",
    "holidaysPublishedFrom",
    "holidaysPublishedThrough",
    "entryDays",
    "noReasonReturnDays",
    "categories",
];

/// The policy's top-level lists with a limit on their length: (field,
/// limit, what the message counts, the error's code), as `check_unwalked`
/// takes them.
pub const POLICY_LIMITS: [(&str, usize, &str, ErrorCode); 3] = [
    ("holidays", MAX_DATES, "dates", ErrorCode::InvalidPolicy),
    ("workdays", MAX_DATES, "dates", ErrorCode::InvalidPolicy),
    (
        "categories",
        MAX_CATEGORIES,
        "categories",
        ErrorCode::InvalidPolicy,
    ),
];

/// The fields of an order in reading order (contract §8).
pub const ORDER_FIELDS: [&str; 9] = [
    "id",
    "category",
    "status",
    "successAt",
    "deliveredAt",
    "invoiceAt",
    "repairDays",
    "exchangedAt",
    "merchantPromises",
];

/// The top-level field a path starts with.
fn top_field(path: &str) -> &str {
    path.split(['.', '[']).next().unwrap_or("")
}

/// `value` (an object) with only its members read before `fields[at]`.
fn fields_before<'a>(value: &Json<'a>, fields: &[&str], at: usize) -> Json<'a> {
    match value {
        Json::Object(members) => Json::Object(
            members
                .iter()
                .filter(|(k, _)| fields[..at].iter().any(|f| k == f))
                .cloned()
                .collect(),
        ),
        other => other.clone(),
    }
}

/// A list past its limit, as the JS glue hands it over without walking it
/// ([`Json::Long`]), must be refused by its length alone, in reading order:
/// `read` of `value` with `field` replaced by a `Json::Long` of `limit + 1`
/// gives the first fault read before `field` — what `read` gives for the
/// fields before it alone, when that fault's field comes earlier in
/// `fields` and `later` (a check between fields, made after every field)
/// does not hold for it — else `code` at `field`, "lists N `noun`, more
/// than the limit of `limit`". Checked when `field` is present (an array,
/// or the categories object).
pub fn check_unwalked<T>(
    value: &Json<'_>,
    fields: &[&str],
    (field, limit, noun, code): (&str, usize, &str, ErrorCode),
    read: impl Fn(&Json<'_>) -> Result<T, EngineError>,
    later: impl Fn(&EngineError) -> bool,
) {
    if !matches!(value.get(field), Some(Json::Array(_) | Json::Object(_))) {
        return;
    }
    let n = limit + 1;
    let position = |name: &str| fields.iter().position(|f| *f == name);
    let Some(at) = position(field) else {
        panic!("`{field}` is not among {fields:?}");
    };
    let expected = match read(&fields_before(value, fields, at)) {
        Err(e) if !later(&e) && position(top_field(&e.path)).is_some_and(|p| p < at) => e,
        _ => EngineError::new(
            code,
            field,
            format!("lists {n} {noun}, more than the limit of {limit}"),
        ),
    };
    let got = timed("reading an unwalked list", || {
        read(&with_long_lists(value, &[(field, n)]))
    });
    assert!(
        matches!(&got, Err(e) if *e == expected),
        "`{field}` past its limit, unwalked: expected {}, got {}",
        show::<()>(&Err(expected.clone())),
        show(&got)
    );
}

/// The fuzz targets' bodies (`fuzz_targets/*.rs` call these).
pub mod targets {
    use super::*;
    use crate::structured::Case;
    use shouhoubao::internals::now_from_millis;
    use shouhoubao::internals::MAX_PROMISES;
    use shouhoubao::internals::{self as json, parse, EngineInternals};
    use shouhoubao::Locale;

    /// `json`: arbitrary bytes → `json::parse`: never panics; when it
    /// accepts a text, the value holds no duplicate key and nests at most
    /// `MAX_DEPTH` containers — and the limits really are errors: the same
    /// text wrapped to exactly the limit parses, one level more does not,
    /// and an object repeating a key around it does not.
    pub fn json(data: &[u8]) {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let Ok(value) = parse(text) else {
            return;
        };
        let d = depth(&value);
        assert!(d <= MAX_NESTING, "accepted {d} levels of nesting");
        assert!(!has_duplicate_keys(&value), "accepted a duplicate key");

        let wrap = |levels: usize| format!("{}{text}{}", "[".repeat(levels), "]".repeat(levels));
        let at_limit = parse(&wrap(MAX_NESTING - d));
        assert!(
            at_limit.is_ok(),
            "{} levels refused: {at_limit:?}",
            MAX_NESTING
        );
        assert!(
            parse(&wrap(MAX_NESTING - d + 1)).is_err(),
            "{} levels accepted",
            MAX_NESTING + 1
        );

        assert!(
            parse(&format!("{{\"k\":{text},\"k\":{text}}}")).is_err(),
            "a duplicate key accepted"
        );
        if d < MAX_NESTING {
            let two = parse(&format!("{{\"k\":{text},\"l\":{text}}}"));
            assert!(two.is_ok(), "distinct keys refused: {two:?}");
        }
    }

    /// `policy`: arbitrary bytes → (if UTF-8) `Engine::from_json_str`: Ok
    /// or Err, never a panic; an error of a text that is JSON is
    /// `INVALID_POLICY`, and `from_policy_value` gives the same outcome. An
    /// accepted policy then evaluates a few fixed orders of each of its
    /// categories (and of an unknown one) at several moments, and each
    /// answer must hold the invariants; an order with 100 merchant promises
    /// (the limit) answers, one with 101 is `INVALID_ORDER` at
    /// `merchantPromises`.
    pub fn policy(data: &[u8]) {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let built = timed("checking a policy", || Engine::from_json_str(text));
        if let Ok(value) = json::parse(text) {
            let again = Engine::from_policy_value(&value);
            assert!(
                same_outcome(&built, &again),
                "from_policy_value disagrees: {} vs {}",
                show(&built),
                show(&again)
            );
            if let Err(e) = &built {
                assert_eq!(e.code, ErrorCode::InvalidPolicy, "{e:?}");
            }
        }
        let Ok(engine) = built else {
            return;
        };
        let value = json::parse(text).expect("an accepted policy is JSON");
        let mut names = category_names(&value);
        names.truncate(4);
        names.push("no_such_category".to_owned());
        for (i, name) in names.iter().enumerate() {
            let engine = if i % 2 == 0 {
                engine.clone()
            } else {
                engine.clone().with_locale(Locale::En)
            };
            for (order, moments) in canned_orders(name) {
                for ms in moments {
                    if let Some(now) = Instant::from_millis(ms) {
                        evaluate_and_check(&engine, &order, now);
                    }
                }
            }
        }
        let name = &names[0];
        let at_limit = promise_order(name, MAX_PROMISES);
        let now = Instant::from_millis(1_631_671_200_000).expect("2021-09-15");
        assert!(
            engine.evaluate_json(&at_limit, now).is_ok(),
            "{MAX_PROMISES} promises refused"
        );
        evaluate_and_check(&engine, &at_limit, now);
        let past = promise_order(name, MAX_PROMISES + 1);
        match engine.read_order(&past) {
            Err(e) if e.code == ErrorCode::InvalidOrder && e.path == "merchantPromises" => {}
            other => panic!("{} promises: {}", MAX_PROMISES + 1, show(&other)),
        }
    }

    /// `order_default`: arbitrary bytes → `now` (the first 8 bytes, see
    /// `split_now`) and an order as JSON text → `json::parse` → the default
    /// policy's `evaluate_json`. Never a panic; an answer must hold the
    /// invariants (remainingDays ≥ 0, nextChangeAt after now, windows
    /// sorted, …).
    pub fn order_default(data: &[u8]) {
        let Some((now, rest)) = split_now(data) else {
            return;
        };
        let Ok(text) = std::str::from_utf8(rest) else {
            return;
        };
        let Ok(order) = json::parse(text) else {
            return;
        };
        evaluate_and_check(default_engine(), &order, now);
    }

    /// `order_policy`: a structured case (see [`crate::structured`]) rendered
    /// to JSON text, then checked and evaluated — so the fuzzer works in the
    /// rules rather than in JSON syntax. Never a panic, never a check longer
    /// than [`budget`]. A rendered policy is JSON (a repeated name aside, on
    /// purpose) and builds, or fails with `INVALID_POLICY` at a path; the
    /// text and the value give the same outcome; lists past their limit give
    /// the same error when the glue does not walk them ([`Json::Long`]); the
    /// large parts give exactly the outcome predicted when the case without
    /// them builds. Orders: `INVALID_ORDER` at a path, or an answer holding
    /// the invariants; many promises give the predicted outcome.
    pub fn order_policy(case: &Case) {
        order_policy_capped(case, crate::structured::large_cap());
    }

    /// [`order_policy`] with the large lists at most `cap` long.
    pub fn order_policy_capped(case: &Case, cap: usize) {
        let rendered = case.render_capped(cap);
        let policy = json::parse(&rendered.policy);
        // The renderer writes JSON (a repeated name aside, on purpose).
        let order = json::parse(&rendered.order)
            .unwrap_or_else(|e| panic!("rendered order is not JSON: {e}\n{}", rendered.order));
        let built = timed("checking the policy", || {
            Engine::from_json_str(&rendered.policy)
        });
        match &policy {
            Err(_) => assert!(built.is_err(), "a policy that is not JSON was accepted"),
            Ok(value) => {
                let again = timed("checking the policy value", || {
                    Engine::from_policy_value(value)
                });
                assert!(
                    same_outcome(&built, &again),
                    "text and value disagree: {} vs {}",
                    show(&built),
                    show(&again)
                );
                if let Err(e) = &built {
                    assert!(
                        e.code == ErrorCode::InvalidPolicy && !e.path.is_empty(),
                        "a rendered policy refused without a path: {e:?}"
                    );
                }
                if !rendered.long_policy_lists.is_empty() {
                    assert!(built.is_err(), "a list past its limit was accepted");
                    let long = with_long_lists(value, &rendered.long_policy_lists);
                    let unwalked = timed("checking unwalked lists", || {
                        Engine::from_policy_value(&long)
                    });
                    assert!(
                        same_outcome(&built, &unwalked),
                        "lists past their limit {:?}: walked {}, not walked {}",
                        rendered.long_policy_lists,
                        show(&built),
                        show(&unwalked)
                    );
                }
            }
        }
        if let Ok(value) = &policy {
            for limit in POLICY_LIMITS {
                check_unwalked(
                    value,
                    &POLICY_FIELDS,
                    limit,
                    Engine::from_policy_value,
                    |_| false,
                );
            }
        }
        if let (Some(base), Some(expect)) = (&rendered.base_policy, &rendered.policy_expect) {
            if Engine::from_json_str(base).is_ok() {
                let ok = match (expect, &built) {
                    (None, Ok(_)) => true,
                    (Some(path), Err(e)) => e.code == ErrorCode::InvalidPolicy && e.path == *path,
                    _ => false,
                };
                assert!(
                    ok,
                    "large parts: expected {}, got {}",
                    expect
                        .as_deref()
                        .map_or("built".to_owned(), |p| format!("INVALID_POLICY at `{p}`")),
                    show(&built)
                );
            }
        }
        let Ok(engine) = built else {
            return;
        };
        let engine = if case.english {
            engine.with_locale(Locale::En)
        } else {
            engine
        };

        let read = timed("reading the order", || engine.read_order(&order));
        // successAt required for "success" is checked after every field.
        let success_at_given = order.get("successAt").is_some();
        check_unwalked(
            &order,
            &ORDER_FIELDS,
            (
                "merchantPromises",
                MAX_PROMISES,
                "promises",
                ErrorCode::InvalidOrder,
            ),
            |o| engine.read_order(o),
            |e| e.path == "successAt" && !success_at_given,
        );
        if let Err(e) = &read {
            assert!(
                e.code == ErrorCode::InvalidOrder && !e.path.is_empty(),
                "a rendered order refused without a path: {e:?}"
            );
        }
        if let Some(many) = &rendered.promises {
            let base = json::parse(&many.base_order).expect("the order without promises is JSON");
            let base_fault = engine.read_order(&base).err();
            let expect = many.expect(
                base_fault.as_ref().map(|e| e.path.as_str()),
                success_at_given,
            );
            let ok = match (&expect, &read) {
                (None, Ok(_)) => true,
                (Some(path), Err(e)) => e.code == ErrorCode::InvalidOrder && e.path == *path,
                _ => false,
            };
            assert!(
                ok,
                "{} promises (first malformed: {}): expected {expect:?}, got {}",
                many.count,
                many.first_bad,
                show(&read)
            );
            if many.count > MAX_PROMISES {
                let long = with_long_lists(&order, &[("merchantPromises", many.count)]);
                let unwalked = engine.read_order(&long);
                assert!(
                    same_outcome(&read, &unwalked),
                    "{} promises: walked {}, not walked {}",
                    many.count,
                    show(&read),
                    show(&unwalked)
                );
            }
        }

        let Some(now) = rendered.now else {
            return;
        };
        let Ok(now) = now_from_millis(now) else {
            return;
        };
        timed("evaluating the order", || {
            evaluate_and_check(&engine, &order, now)
        });
    }
}

#[cfg(test)]
mod tests {
    //! Each target's body over generated inputs, natively (stable Rust, no
    //! libFuzzer): `cargo test --release` in `fuzz/`.
    use super::targets;
    use crate::structured::Case;
    use arbitrary::{Arbitrary, Unstructured};

    /// A small deterministic generator (xorshift64*), for input bytes.
    struct Bytes(u64);

    impl Bytes {
        fn fill(&mut self, n: usize) -> Vec<u8> {
            (0..n)
                .map(|_| {
                    self.0 ^= self.0 >> 12;
                    self.0 ^= self.0 << 25;
                    self.0 ^= self.0 >> 27;
                    (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8
                })
                .collect()
        }
    }

    const DEFAULT_POLICY: &str = shouhoubao::DEFAULT_POLICY_JSON;

    fn order_texts() -> Vec<String> {
        vec![
            r#"{"id":"T1","category":"mobile_phone","status":"success","successAt":"2021-07-30T11:43:30+08:00","deliveredAt":"2021-07-28T15:02:00+08:00","invoiceAt":"2021-07-27","repairDays":3,"merchantPromises":[{"service":"repair","months":24,"from":"invoice"}]}"#.to_owned(),
            r#"{"id":"T2","category":"apparel","status":"pending"}"#.to_owned(),
            r#"{"id":"T3","category":"flowers","status":"success","successAt":1627616610000}"#.to_owned(),
            r#"{"id":"T4","category":"x","status":"success"}"#.to_owned(),
            r#"{"id":5}"#.to_owned(),
            "[[[[]]]]".to_owned(),
            "{\"a\":1,\"a\":2}".to_owned(),
            "not json".to_owned(),
        ]
    }

    #[test]
    fn json_target_runs() {
        for text in
            order_texts()
                .iter()
                .map(String::as_str)
                .chain([DEFAULT_POLICY, "[]", "{}", "0"])
        {
            targets::json(text.as_bytes());
        }
        let mut g = Bytes(7);
        for n in 0..200 {
            targets::json(&g.fill(n % 64));
        }
    }

    #[test]
    fn policy_target_runs() {
        let policies = [
            DEFAULT_POLICY.to_owned(),
            r#"{"version":"p","entryDays":15,"categories":{"a":{"entryDays":180},"b":{"parent":"a","threeGuarantees":{"returnDays":7,"exchangeDays":15,"warrantyMonths":12,"parts":{"battery":6}}}}}"#.to_owned(),
            r#"{"version":"p","entryDays":15,"categories":{"a":{"parent":"b"},"b":{"parent":"a"}}}"#.to_owned(),
            r#"{"version":"p","entryDays":15,"holidays":["2021-10-01"],"workdays":["2021-10-01"]}"#.to_owned(),
            "{\"version\":1}".to_owned(),
            "garbage".to_owned(),
        ];
        for p in &policies {
            targets::policy(p.as_bytes());
        }
        let mut g = Bytes(11);
        for n in 0..100 {
            targets::policy(&g.fill(n));
        }
    }

    #[test]
    fn order_default_target_runs() {
        for (i, text) in order_texts().iter().enumerate() {
            let now: i64 = 1_631_671_200_000 + i as i64 * 86_400_000 * 40;
            let mut data = now.to_le_bytes().to_vec();
            data.extend_from_slice(text.as_bytes());
            targets::order_default(&data);
        }
        let mut g = Bytes(13);
        for n in 0..100 {
            targets::order_default(&g.fill(8 + n));
        }
    }

    /// `order_policy` over `count` random cases: how many there were, had
    /// large parts, predicted their outcome, had many promises, and had the
    /// prediction checked (the policy without large parts built).
    fn structured_cases(seed: u64, count: usize, len: usize, bias: Option<u8>) -> [usize; 5] {
        let mut g = Bytes(seed);
        let mut seen = [0; 5];
        for _ in 0..count {
            let mut bytes = g.fill(len);
            if let Some(b) = bias {
                // Push selectors up, so large parts and many promises occur.
                for x in bytes.iter_mut().step_by(3) {
                    *x |= b;
                }
            }
            let Ok(case) = Case::arbitrary(&mut Unstructured::new(&bytes)) else {
                continue;
            };
            let rendered = case.render();
            seen[0] += 1;
            seen[1] += usize::from(rendered.base_policy.is_some());
            seen[2] += usize::from(rendered.policy_expect.is_some());
            seen[3] += usize::from(rendered.promises.is_some());
            let checked = rendered.policy_expect.is_some()
                && rendered
                    .base_policy
                    .as_deref()
                    .is_some_and(|base| Engine::from_json_str(base).is_ok());
            seen[4] += usize::from(checked);
            targets::order_policy(&case);
        }
        seen
    }

    use crate::structured::{ChainDesc, LargeDesc, ListSize, TreeDesc};
    use shouhoubao::internals::{self as json, EngineInternals};
    use shouhoubao::Engine;

    /// A valid case: a policy of two categories (`apparel`, and
    /// `3c_digital` under it), a successful order of the second, `now` a
    /// month after; the all-zero draw, adjusted.
    fn clean_case() -> Case {
        let zeros = [0u8; 4096];
        let mut case = Case::arbitrary(&mut Unstructured::new(&zeros)).expect("a case from zeros");
        case.policy.entry_days.value = 15;
        let cat = |parent: Option<u8>| {
            let mut c = crate::structured::CategoryDesc::arbitrary(&mut Unstructured::new(&zeros))
                .expect("a category from zeros");
            c.parent = parent.map(|index| crate::structured::Parent { selector: 0, index });
            c
        };
        case.policy.categories = Some(vec![cat(None), cat(Some(0))]);
        case.order.status = 2;
        case.order.category.index = 1;
        case.now.days = 30;
        case
    }

    fn large(
        chain: Option<ChainDesc>,
        tree: Option<TreeDesc>,
        h: Option<ListSize>,
        w: Option<ListSize>,
    ) -> Option<LargeDesc> {
        Some(LargeDesc {
            selector: 255,
            chain,
            tree,
            holidays: h,
            workdays: w,
        })
    }

    /// A chain of exactly `len` (selector < 160: 58 + len % 13).
    fn chain(len: u16, attach: u8, reversed: bool) -> Option<ChainDesc> {
        assert!((58..=70).contains(&len));
        Some(ChainDesc {
            selector: 0,
            len: len - 58,
            attach,
            reversed,
            settings: true,
        })
    }

    /// A list of exactly `limit + delta` (selector < 96: limit − 3 + value % 7).
    fn near(delta: i32, first_bad: bool) -> Option<ListSize> {
        Some(ListSize {
            selector: 0,
            value: (delta + 3) as u32,
            first_bad,
        })
    }

    /// The large parts at and past each limit, by hand: the outcome of the
    /// policy (and of the order with many promises), the prediction the
    /// target checks, and how long one whole iteration took.
    #[test]
    fn large_parts_give_their_limits() {
        let wide = |over: u8| {
            Some(TreeDesc {
                roots: 19,
                fan: [9, 9, 49],
                levels: 3,
                settings: 7,
                over,
            })
        };
        let cases: Vec<(&str, Option<LargeDesc>, Option<&str>)> = vec![
            (
                "a chain of 64 (a root)",
                large(chain(64, 0, false), None, None, None),
                None,
            ),
            (
                "a chain of 65",
                large(chain(65, 0, false), None, None, None),
                Some("categories[\"\u{2603}chain.00064\"].parent"),
            ),
            (
                "a chain of 65, children first",
                large(chain(65, 0, true), None, None, None),
                Some("categories[\"\u{2603}chain.00064\"].parent"),
            ),
            (
                "a chain of 62 under 3c_digital (line 2)",
                large(chain(62, 129, false), None, None, None),
                None,
            ),
            (
                "a chain of 63 under 3c_digital (line 2)",
                large(chain(63, 129, false), None, None, None),
                Some("categories[\"\u{2603}chain.00062\"].parent"),
            ),
            (
                "a chain of 5,000",
                large(
                    Some(ChainDesc {
                        selector: 255,
                        len: 4999,
                        attach: 0,
                        reversed: false,
                        settings: false,
                    }),
                    None,
                    None,
                    None,
                ),
                Some("categories[\"\u{2603}chain.00064\"].parent"),
            ),
            (
                "a wide tree of 5,000",
                large(None, wide(0), None, None),
                None,
            ),
            (
                "a wide tree and a chain of 70",
                large(chain(70, 0, false), wide(0), None, None),
                Some("categories[\"\u{2603}chain.00064\"].parent"),
            ),
            (
                "200,001 categories and a chain of 70",
                large(chain(70, 0, false), wide(250), None, None),
                Some("categories"),
            ),
            (
                "100,000 holidays and 100,000 workdays",
                large(None, None, near(0, false), near(0, false)),
                None,
            ),
            (
                "100,001 holidays",
                large(None, None, near(1, false), near(0, false)),
                Some("holidays"),
            ),
            (
                "100,001 holidays, the first malformed",
                large(None, None, near(1, true), None),
                Some("holidays"),
            ),
            (
                "100,000 holidays, the first malformed",
                large(None, None, near(0, true), None),
                Some("holidays[0]"),
            ),
            (
                "100,001 workdays",
                large(None, None, near(-3, false), near(1, false)),
                Some("workdays"),
            ),
        ];
        for (label, large, expect) in cases {
            let mut case = clean_case();
            case.policy.large = large;
            let started = std::time::Instant::now();
            targets::order_policy_capped(&case, usize::MAX);
            let took = started.elapsed();
            let rendered = case.render_capped(usize::MAX);
            let built = Engine::from_json_str(&rendered.policy);
            let got = built.as_ref().err().map(|e| e.path.as_str());
            assert_eq!(got, expect, "{label}: {}", super::show(&built));
            assert_eq!(
                rendered.policy_expect,
                Some(expect.map(str::to_owned)),
                "{label}: the prediction"
            );
            assert!(
                Engine::from_json_str(rendered.base_policy.as_deref().expect("a base")).is_ok()
            );
            eprintln!(
                "{label}: {} categories, {} KB of policy text, {}; one iteration {:.1} ms",
                rendered.category_count,
                rendered.policy.len() / 1024,
                super::show(&built),
                took.as_secs_f64() * 1e3
            );
        }
        for (count, first_bad, expect) in [
            (100, false, None),
            (101, false, Some("merchantPromises")),
            (101, true, Some("merchantPromises")),
            (97, true, Some("merchantPromises[0]")),
        ] {
            let mut case = clean_case();
            let delta = count as i32 - 100;
            case.order.many_promises = Some((200, near(delta, first_bad).expect("a size")));
            let started = std::time::Instant::now();
            targets::order_policy_capped(&case, usize::MAX);
            let took = started.elapsed();
            let rendered = case.render_capped(usize::MAX);
            let engine = Engine::from_json_str(&rendered.policy).expect("the clean policy builds");
            let order = json::parse(&rendered.order).expect("JSON");
            let read = engine.read_order(&order);
            assert_eq!(
                read.as_ref().err().map(|e| e.path.as_str()),
                expect,
                "{count} promises: {}",
                super::show(&read)
            );
            assert_eq!(rendered.promises.as_ref().map(|m| m.count), Some(count));
            eprintln!(
                "{count} promises (first malformed: {first_bad}): {}; one iteration {:.1} ms",
                super::show(&read),
                took.as_secs_f64() * 1e3
            );
        }
    }

    /// `check_unwalked` on hand-made values: the limit's own error, or the
    /// earlier fault; and it does catch a wrong expectation.
    #[test]
    fn unwalked_lists_are_checked() {
        use super::{check_unwalked, ORDER_FIELDS, POLICY_FIELDS, POLICY_LIMITS};
        use shouhoubao::internals::MAX_PROMISES;
        use shouhoubao::ErrorCode;
        let policies = [
            r#"{"version":"v","entryDays":15,"holidays":["2021-10-01"],"workdays":["2021-10-01"],"categories":{"a":{"parent":"b"}}}"#,
            r#"{"version":"v","utcOffsetMinutes":9999,"entryDays":15,"holidays":["2021-10-01"],"categories":{}}"#,
            r#"{"version":"v","entryDays":-1,"holidays":["x"],"workdays":[],"categories":{"a":5}}"#,
        ];
        for text in policies {
            let value = json::parse(text).expect("JSON");
            for limit in POLICY_LIMITS {
                check_unwalked(
                    &value,
                    &POLICY_FIELDS,
                    limit,
                    Engine::from_policy_value,
                    |_| false,
                );
            }
        }
        let engine = Engine::from_json_str(r#"{"version":"v","entryDays":15}"#).expect("builds");
        for text in [
            r#"{"id":"A","category":"c","status":"success","merchantPromises":[]}"#,
            r#"{"id":"A","category":"c","status":"success","repairDays":-1,"merchantPromises":[5]}"#,
        ] {
            let order = json::parse(text).expect("JSON");
            check_unwalked(
                &order,
                &ORDER_FIELDS,
                (
                    "merchantPromises",
                    MAX_PROMISES,
                    "promises",
                    ErrorCode::InvalidOrder,
                ),
                |o| engine.read_order(o),
                |e| e.path == "successAt" && order.get("successAt").is_none(),
            );
        }
    }

    #[test]
    #[should_panic(expected = "past its limit, unwalked")]
    fn unwalked_check_catches_a_wrong_order() {
        use shouhoubao::internals::MAX_DATES;
        use shouhoubao::ErrorCode;
        let value = json::parse(r#"{"version":"v","entryDays":-1,"holidays":[]}"#).expect("JSON");
        // entryDays listed before holidays: the check then expects the entryDays fault.
        super::check_unwalked(
            &value,
            &["version", "entryDays", "holidays"],
            ("holidays", MAX_DATES, "dates", ErrorCode::InvalidPolicy),
            Engine::from_policy_value,
            |_| false,
        );
    }

    #[test]
    fn order_policy_target_runs() {
        let plain = structured_cases(17, 300, 600, None);
        eprintln!("order_policy, plain bytes: {plain:?} (cases, large parts, predicted, many promises, prediction checked)");
        let biased = structured_cases(19, 120, 600, Some(0xe0));
        eprintln!("order_policy, biased bytes: {biased:?}");
        assert!(plain[0] > 100 && biased[1] > 0);
    }

    /// A longer run of `order_policy` over random cases:
    /// `SHOUHOUBAO_FUZZ_CASES=N cargo test --release -- --ignored soak`
    /// (default 20,000, plain and biased bytes, several input lengths).
    #[test]
    #[ignore]
    fn soak() {
        let n: usize = std::env::var("SHOUHOUBAO_FUZZ_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(20_000);
        let started = std::time::Instant::now();
        let mut total = [0; 5];
        for (k, (len, bias)) in [
            (200, None),
            (600, None),
            (1500, None),
            (600, Some(0xe0)),
            (1500, Some(0xc0)),
        ]
        .into_iter()
        .enumerate()
        {
            let seen = structured_cases(1000 + k as u64, n / 5, len, bias);
            for (t, s) in total.iter_mut().zip(seen) {
                *t += s;
            }
        }
        eprintln!(
            "soak: {total:?} (cases, large parts, predicted, many promises, prediction checked) in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
}
