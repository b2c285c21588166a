//! Hostile input through the `shouhoubao` command: what JSON cannot hold
//! (NaN, Infinity, 1e400), -0 and 2^53+1, years 0 / 9999 / 275760, impossible
//! dates, leap seconds, +25:00, a 1 MB string, 10,000-level nesting,
//! duplicate keys, `__proto__`, every wrong type in every field, nulls, a
//! 200,000-order input, invalid UTF-8, broken policy files, a closed stdout.
//! Every run ends with exit 0, exit 1 with an error line naming the path, or
//! exit 2 with a one-line message on stderr — never a panic or a signal.

#![allow(clippy::restriction)] // test code: a failed check panics, and that is the report
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_shouhoubao");
const NOW: &str = "2021-09-15T10:00:00+08:00";
const NOW_MS: i64 = 1_631_671_200_000;
const DAY: i64 = 86_400_000;
const SENTINEL: &str = r#"{"id":"__sentinel__","category":"-","status":"pending"}"#;

// ------------------------------------------------------------------ running

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

fn run(args: &[&str], stdin: &[u8]) -> Run {
    let started = Instant::now();
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn shouhoubao");
    let mut input = child.stdin.take().expect("stdin");
    let bytes = stdin.to_vec();
    // Written from a thread: the command may answer (or fail) before reading it all.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let output = child.wait_with_output().expect("wait for shouhoubao");
    let _ = writer.join();
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        elapsed: started.elapsed(),
    }
}

/// Problems with how a run ended, whatever its input: a status of 0, 1 or 2
/// (not a signal), no panic, and for 2 exactly one line on stderr.
fn ending_problems(label: &str, r: &Run) -> Vec<String> {
    let mut out = Vec::new();
    if r.stderr.contains("panicked") || r.stderr.contains("RUST_BACKTRACE") {
        out.push(format!("{label}: panicked: {}", clip(&r.stderr)));
    }
    match r.code {
        Some(0 | 1) => {}
        Some(2) => {
            let lines: Vec<&str> = r.stderr.trim_end_matches('\n').split('\n').collect();
            if lines.len() != 1
                || !r.stderr.starts_with("shouhoubao: ")
                || !r.stderr.ends_with('\n')
            {
                out.push(format!(
                    "{label}: exit 2 with {} stderr line(s), expected one `shouhoubao: …` line: {:?}",
                    lines.len(),
                    clip(&r.stderr)
                ));
            }
        }
        other => out.push(format!(
            "{label}: exit {other:?} (a signal or an unknown status): {}",
            clip(&r.stderr)
        )),
    }
    out
}

fn clip(s: &str) -> String {
    if s.chars().count() > 240 {
        format!("{}…", s.chars().take(240).collect::<String>())
    } else {
        s.to_owned()
    }
}

fn assert_no_problems(problems: &[String]) {
    let shown: Vec<&String> = problems.iter().take(60).collect();
    assert!(
        problems.is_empty(),
        "{} problem(s):\n  {}{}",
        problems.len(),
        shown
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  "),
        if problems.len() > 60 { "\n  …" } else { "" }
    );
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A file that removes itself.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, contents: &[u8]) -> TempFile {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "shouhoubao-cli-hostile-{}-{n}-{name}",
            std::process::id()
        ));
        std::fs::write(&path, contents).expect("write a temporary file");
        TempFile(path)
    }
    fn path(&self) -> &str {
        self.0.to_str().expect("a UTF-8 temporary path")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

// ------------------------------------------------------------------ orders as text

/// An order as (key, raw JSON text) members, so that any text — `NaN`,
/// `-0`, duplicate keys, deep nesting — can be put in any field.
#[derive(Clone)]
struct Members(Vec<(String, String)>);

impl Members {
    fn text(&self) -> String {
        let inner: Vec<String> = self
            .0
            .iter()
            .map(|(k, v)| format!("{}:{v}", json_string(k)))
            .collect();
        format!("{{{}}}", inner.join(","))
    }
    fn set(&self, key: &str, raw: &str) -> Members {
        let mut out = self.clone();
        match out.0.iter_mut().find(|(k, _)| k == key) {
            Some(member) => member.1 = raw.to_owned(),
            None => out.0.push((key.to_owned(), raw.to_owned())),
        }
        out
    }
    fn without(&self, key: &str) -> Members {
        Members(self.0.iter().filter(|(k, _)| k != key).cloned().collect())
    }
    fn push(&self, key: &str, raw: &str) -> Members {
        let mut out = self.clone();
        out.0.push((key.to_owned(), raw.to_owned()));
        out
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

fn members(pairs: &[(&str, &str)]) -> Members {
    Members(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    )
}

fn promise0() -> Members {
    members(&[
        ("service", r#""repair""#),
        ("days", "400"),
        ("from", r#""invoice""#),
    ])
}
fn promise1() -> Members {
    members(&[
        ("service", r#""exchange""#),
        ("months", "24"),
        ("from", r#""delivery""#),
    ])
}

/// A phone with every optional field set.
fn order() -> Members {
    order_with_promises(&promise0(), &promise1())
}

fn order_with_promises(p0: &Members, p1: &Members) -> Members {
    members(&[
        ("id", r#""H1""#),
        ("category", r#""mobile_phone""#),
        ("status", r#""success""#),
        ("successAt", r#""2021-09-01T12:00:00+08:00""#),
        ("deliveredAt", r#""2021-08-31T18:00:00+08:00""#),
        ("invoiceAt", r#""2021-08-30""#),
        ("repairDays", "3"),
        ("exchangedAt", r#""2021-09-05""#),
    ])
    .push(
        "merchantPromises",
        &format!("[{},{}]", p0.text(), p1.text()),
    )
}

/// The order with `raw` at `path` (`successAt`, `merchantPromises[0].days`), or without it.
fn order_at(path: &str, raw: Option<&str>) -> String {
    let put = |m: &Members, key: &str| match raw {
        Some(raw) => m.set(key, raw),
        None => m.without(key),
    };
    if let Some(key) = path.strip_prefix("merchantPromises[0].") {
        return order_with_promises(&put(&promise0(), key), &promise1()).text();
    }
    if let Some(key) = path.strip_prefix("merchantPromises[1].") {
        return order_with_promises(&promise0(), &put(&promise1(), key)).text();
    }
    match path {
        "merchantPromises[0]" => order()
            .set(
                "merchantPromises",
                &format!("[{},{}]", raw.unwrap_or(""), promise1().text()),
            )
            .text(),
        _ => put(&order(), path).text(),
    }
}

// ------------------------------------------------------------------ answers

enum Expect {
    /// An answer (checked for sanity).
    Answer,
    /// The same answer as another line of the batch (its index among the orders).
    SameAs(usize),
    /// INVALID_ORDER at this path.
    Error(String),
    /// The line is not JSON: an error for that line (`line N` in its message).
    NotJson,
}

/// Runs `orders` (JSON texts) as JSON Lines after a sentinel; checks every line.
fn batch(label: &str, orders: &[(String, String, Expect)], extra_args: &[&str]) -> Vec<String> {
    let mut input = String::from(SENTINEL);
    input.push('\n');
    for (_, text, _) in orders {
        input.push_str(text);
        input.push('\n');
    }
    let mut args = vec!["eval", "--now", NOW];
    args.extend_from_slice(extra_args);
    let r = run(&args, input.as_bytes());
    let mut problems = ending_problems(label, &r);
    let lines: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str(l)
                .unwrap_or_else(|e| Value::String(format!("not JSON ({e}): {l}")))
        })
        .collect();
    if lines.len() != orders.len() + 1 {
        problems.push(format!(
            "{label}: {} lines for {} orders (exit {:?}): {}",
            lines.len(),
            orders.len() + 1,
            r.code,
            clip(&r.stderr)
        ));
        return problems;
    }
    let any_error = orders
        .iter()
        .any(|(_, _, e)| matches!(e, Expect::Error(_) | Expect::NotJson));
    if r.code != Some(if any_error { 1 } else { 0 }) {
        problems.push(format!(
            "{label}: exit {:?}, expected {}",
            r.code,
            if any_error { 1 } else { 0 }
        ));
    }
    for (i, (what, _, expect)) in orders.iter().enumerate() {
        let line = &lines[i + 1];
        match expect {
            Expect::Answer => problems.extend(
                insanity(line, NOW_MS)
                    .into_iter()
                    .take(3)
                    .map(|p| format!("{what}: {p}")),
            ),
            Expect::SameAs(j) => {
                if line != &lines[j + 1] {
                    problems.push(format!(
                        "{what}: the answer differs from `{}`'s",
                        orders[*j].0
                    ));
                }
            }
            Expect::Error(path) => {
                if let Some(p) = error_line_problem(line, "INVALID_ORDER", path) {
                    problems.push(format!("{what}: {p}"));
                }
            }
            Expect::NotJson => {
                let message = line["error"]["message"].as_str().unwrap_or("");
                if line["error"]["code"] != "INVALID_ORDER"
                    || !message.contains(&format!("line {}", i + 2))
                {
                    problems.push(format!(
                        "{what}: expected the line's own JSON error, got {}",
                        clip(&line.to_string())
                    ));
                }
            }
        }
    }
    problems
}

fn error_line_problem(line: &Value, code: &str, path: &str) -> Option<String> {
    let keys: Vec<&String> = line
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    let ok = line["error"]["code"] == code
        && line["error"]["path"] == path
        && line["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
        && keys.len() == 3
        && line["ok"] == false
        && keys.iter().any(|k| *k == "orderId");
    (!ok).then(|| {
        format!(
            "expected {code} at {path:?}, got {}",
            clip(&line.to_string())
        )
    })
}

/// A year as the contract writes it (§8): four digits, or past 9999 an
/// expanded year, a sign and six digits (`+010000`); the year and the rest.
fn split_year(text: &str) -> Option<(i32, &str)> {
    let (digits, expanded) = match text.strip_prefix('+') {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    let end = digits.find('-')?;
    let year_text = &digits[..end];
    if !year_text.bytes().all(|b| b.is_ascii_digit()) || year_text.is_empty() {
        return None;
    }
    let year: i32 = year_text.parse().ok()?;
    let well_formed = if expanded {
        year > 9999 && year_text.len() == 6
    } else {
        year_text.len() == 4
    };
    well_formed.then_some((year, &digits[end..]))
}

/// Epoch ms of an output instant (RFC 3339, or an expanded year past 9999).
fn parse_instant(s: &Value) -> Result<i64, String> {
    let text = s.as_str().ok_or_else(|| format!("{s} is not a string"))?;
    let (year, rest) = split_year(text)
        .ok_or_else(|| format!("{text:?} has no four-digit (or +expanded) year"))?;
    // Parse the rest in a leap year of the same 400-year cycle, then move the year.
    let proxy = 2000 + year.rem_euclid(400);
    let parsed = chrono::DateTime::parse_from_rfc3339(&format!("{proxy:04}{rest}"))
        .map_err(|e| format!("{text:?} is not an RFC 3339 instant: {e}"))?;
    let years_moved = i64::from(year - proxy);
    // 400 Gregorian years are exactly 146,097 days.
    Ok(parsed.timestamp_millis() + years_moved / 400 * 146_097 * DAY)
}

/// Reasons an answer is not sane at `now` (contract §6).
fn insanity(answer: &Value, now: i64) -> Vec<String> {
    let mut p = Vec::new();
    if answer.get("error").is_some() || !answer.is_object() {
        return vec![format!("not an answer: {}", clip(&answer.to_string()))];
    }
    let mut last = i64::MIN;
    for (i, w) in answer["windows"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        match parse_instant(&w["deadline"]) {
            Ok(d) => {
                if d < last {
                    p.push(format!("windows[{i}] out of deadline order"));
                }
                last = last.max(d);
                if w["active"] != (d > now) {
                    p.push(format!("windows[{i}].active is {}", w["active"]));
                }
                let days = if d > now {
                    (d - now + DAY - 1) / DAY
                } else {
                    0
                };
                if w["remainingDays"] != days {
                    p.push(format!(
                        "windows[{i}].remainingDays {}, expected {days}",
                        w["remainingDays"]
                    ));
                }
            }
            Err(e) => p.push(format!("windows[{i}].deadline: {e}")),
        }
        let anchor = w["basis"]["anchorDate"].as_str().unwrap_or("");
        let date_ok = split_year(anchor).is_some_and(|(year, rest)| {
            rest.len() == 6
                && chrono::NaiveDate::parse_from_str(
                    &format!("{:04}{rest}", 2000 + year.rem_euclid(400)),
                    "%Y-%m-%d",
                )
                .is_ok()
        });
        if !date_ok {
            p.push(format!(
                "windows[{i}].basis.anchorDate {anchor:?} is not YYYY-MM-DD (or +YYYYY-MM-DD past 9999)"
            ));
        }
    }
    match answer["status"].as_str() {
        Some("open" | "support") => match parse_instant(&answer["deadline"]) {
            Ok(d) => {
                if answer["remainingMs"] != d - now {
                    p.push(format!(
                        "remainingMs {}, deadline − now is {}",
                        answer["remainingMs"],
                        d - now
                    ));
                }
            }
            Err(e) => p.push(format!("deadline: {e}")),
        },
        Some("closed" | "pending") => {}
        other => p.push(format!("status {other:?}")),
    }
    p
}

// ------------------------------------------------------------------ the fields

struct Field {
    path: &'static str,
    required: bool,
    /// Where a null or absent value is reported, when not at the field itself.
    null_path: Option<&'static str>,
    /// A valid raw value for each JSON kind the field accepts.
    accepts: &'static [(&'static str, &'static str)],
}

const KINDS: &[(&str, &str)] = &[
    ("null", "null"),
    ("boolean", "true"),
    ("boolean", "false"),
    ("number", "3"),
    ("string", r#""text""#),
    ("array", "[1]"),
    ("object", r#"{"a":1}"#),
];

const ORDER_FIELDS: &[Field] = &[
    Field {
        path: "id",
        required: true,
        null_path: None,
        accepts: &[("string", r#""Z9""#)],
    },
    Field {
        path: "category",
        required: true,
        null_path: None,
        accepts: &[("string", r#""apparel""#)],
    },
    Field {
        path: "status",
        required: true,
        null_path: None,
        accepts: &[("string", r#""closed""#)],
    },
    Field {
        path: "successAt",
        required: true,
        null_path: None,
        accepts: &[
            ("string", r#""2021-09-02T00:00:00Z""#),
            ("number", "1630540800000"),
        ],
    },
    Field {
        path: "deliveredAt",
        required: false,
        null_path: None,
        accepts: &[
            ("string", r#""2021-09-02T00:00:00-05:00""#),
            ("number", "1630540800000"),
        ],
    },
    Field {
        path: "invoiceAt",
        required: false,
        null_path: None,
        accepts: &[("string", r#""2021-08-29""#), ("number", "1630540800000")],
    },
    Field {
        path: "repairDays",
        required: false,
        null_path: None,
        accepts: &[("number", "0")],
    },
    Field {
        path: "exchangedAt",
        required: false,
        null_path: None,
        accepts: &[
            ("string", r#""2021-09-06T23:30:00+08:00""#),
            ("number", "1630540800000"),
        ],
    },
    Field {
        path: "merchantPromises",
        required: false,
        null_path: None,
        accepts: &[("array", "[]")],
    },
    Field {
        path: "merchantPromises[0]",
        required: true,
        null_path: None,
        accepts: &[(
            "object",
            r#"{"service":"return","days":30,"from":"success"}"#,
        )],
    },
    Field {
        path: "merchantPromises[0].service",
        required: true,
        null_path: None,
        accepts: &[("string", r#""return""#)],
    },
    Field {
        path: "merchantPromises[0].days",
        required: true,
        null_path: Some("merchantPromises[0]"),
        accepts: &[("number", "10")],
    },
    Field {
        path: "merchantPromises[0].from",
        required: true,
        null_path: None,
        accepts: &[("string", r#""success""#)],
    },
    Field {
        path: "merchantPromises[1].months",
        required: true,
        null_path: Some("merchantPromises[1]"),
        accepts: &[("number", "6")],
    },
];

#[test]
fn every_order_field_with_every_json_type_and_null() {
    let mut problems = Vec::new();
    for field in ORDER_FIELDS {
        let mut orders: Vec<(String, String, Expect)> = Vec::new();
        // Absent first: the reference for null on optional fields.
        let absent_expect = if field.required {
            Expect::Error(field.null_path.unwrap_or(field.path).to_owned())
        } else {
            Expect::Answer
        };
        // (An array element cannot be absent without shifting the others.)
        if !field.path.ends_with(']') {
            orders.push((
                format!("{} absent", field.path),
                order_at(field.path, None),
                absent_expect,
            ));
        }
        for (kind, raw) in KINDS {
            let accepted = field
                .accepts
                .iter()
                .find(|(k, _)| k == kind)
                .map(|(_, v)| *v);
            let value = accepted.unwrap_or(raw);
            let expect = if *kind == "null" {
                if field.required {
                    Expect::Error(field.null_path.unwrap_or(field.path).to_owned())
                } else {
                    Expect::SameAs(0)
                }
            } else if accepted.is_some() {
                Expect::Answer
            } else {
                Expect::Error(field.path.to_owned())
            };
            orders.push((
                format!("{} = {value}", field.path),
                order_at(field.path, Some(value)),
                expect,
            ));
        }
        problems.extend(batch(field.path, &orders, &[]));
    }
    assert_no_problems(&problems);
}

struct PolicyField {
    path: &'static str,
    required: bool,
    /// null may be either absent or an error at the path.
    null_either: bool,
    accepts: &'static [(&'static str, &'static str)],
}

const POLICY_FIELDS: &[PolicyField] = &[
    PolicyField {
        path: "version",
        required: true,
        null_either: false,
        accepts: &[("string", r#""v2""#)],
    },
    PolicyField {
        path: "utcOffsetMinutes",
        required: false,
        null_either: false,
        accepts: &[("number", "0")],
    },
    PolicyField {
        path: "holidays",
        required: false,
        null_either: false,
        accepts: &[("array", "[]")],
    },
    PolicyField {
        path: "holidays[0]",
        required: true,
        null_either: false,
        accepts: &[("string", r#""2021-10-03""#)],
    },
    PolicyField {
        path: "entryDays",
        required: true,
        null_either: false,
        accepts: &[("number", "10")],
    },
    PolicyField {
        path: "noReasonReturnDays",
        required: false,
        null_either: false,
        accepts: &[("number", "3")],
    },
    PolicyField {
        path: "categories",
        required: false,
        null_either: false,
        accepts: &[("object", "{}")],
    },
    PolicyField {
        path: "categories.c",
        required: false,
        null_either: true,
        accepts: &[("object", "{}")],
    },
    PolicyField {
        path: "categories.c.parent",
        required: false,
        null_either: false,
        accepts: &[("string", r#""root""#)],
    },
    PolicyField {
        path: "categories.c.entryDays",
        required: false,
        null_either: false,
        accepts: &[("number", "40")],
    },
    PolicyField {
        path: "categories.c.noReasonReturn",
        required: false,
        null_either: false,
        accepts: &[("boolean", "false")],
    },
    PolicyField {
        path: "categories.c.threeGuarantees",
        required: false,
        null_either: false,
        accepts: &[(
            "object",
            r#"{"returnDays":1,"exchangeDays":2,"warrantyMonths":3}"#,
        )],
    },
    PolicyField {
        path: "categories.c.threeGuarantees.returnDays",
        required: true,
        null_either: false,
        accepts: &[("number", "1")],
    },
    PolicyField {
        path: "categories.c.threeGuarantees.exchangeDays",
        required: true,
        null_either: false,
        accepts: &[("number", "2")],
    },
    PolicyField {
        path: "categories.c.threeGuarantees.warrantyMonths",
        required: true,
        null_either: false,
        accepts: &[("number", "3")],
    },
    PolicyField {
        path: "categories.c.threeGuarantees.parts",
        required: false,
        null_either: false,
        accepts: &[("object", "{}")],
    },
    PolicyField {
        path: "categories.c.threeGuarantees.parts.battery",
        required: false,
        null_either: true,
        accepts: &[("number", "9")],
    },
    PolicyField {
        path: "categories.c.longDiscoveryDays",
        required: false,
        null_either: false,
        accepts: &[("number", "30")],
    },
];

/// The base policy with `raw` at `path` (or without it), as text.
fn policy_at(path: &str, raw: Option<&str>) -> String {
    let put = |m: Members, key: &str| match raw {
        Some(raw) => m.set(key, raw),
        None => m.without(key),
    };
    let parts = members(&[("battery", "6")]);
    let tg = members(&[
        ("returnDays", "7"),
        ("exchangeDays", "15"),
        ("warrantyMonths", "12"),
    ]);
    let c = members(&[
        ("parent", r#""root""#),
        ("entryDays", "20"),
        ("noReasonReturn", "true"),
        ("longDiscoveryDays", "90"),
    ]);
    let top = members(&[
        ("version", r#""hostile-1""#),
        ("utcOffsetMinutes", "480"),
        ("entryDays", "15"),
        ("noReasonReturnDays", "7"),
    ]);
    let holidays = |first: Option<&str>| match first {
        Some(first) => format!(r#"[{first},"2021-10-02"]"#),
        None => r#"["2021-10-02"]"#.to_owned(),
    };
    let (parts, tg, c, top, hol) = match path {
        p if p.starts_with("categories.c.threeGuarantees.parts.") => (
            put(parts, &p[35..]),
            tg,
            c,
            top,
            holidays(Some(r#""2021-10-01""#)),
        ),
        p if p.starts_with("categories.c.threeGuarantees.")
            && p != "categories.c.threeGuarantees.parts" =>
        {
            (
                parts,
                put(tg, &p[29..]),
                c,
                top,
                holidays(Some(r#""2021-10-01""#)),
            )
        }
        "holidays[0]" => (parts, tg, c, top, holidays(raw)),
        _ => (parts, tg, c, top, holidays(Some(r#""2021-10-01""#))),
    };
    let tg = if path == "categories.c.threeGuarantees.parts" {
        put(tg, "parts")
    } else {
        tg.push("parts", &parts.text())
    };
    let c = if path == "categories.c.threeGuarantees" {
        put(c, "threeGuarantees")
    } else {
        c.push("threeGuarantees", &tg.text())
    };
    let c =
        if path.starts_with("categories.c.") && !path.starts_with("categories.c.threeGuarantees") {
            put(c, &path[13..])
        } else {
            c
        };
    let categories = members(&[("root", r#"{"entryDays":30}"#)]);
    let categories = if path == "categories.c" {
        put(categories, "c")
    } else {
        categories.push("c", &c.text())
    };
    let top = top
        .push("holidays", &hol)
        .push("categories", &categories.text());
    let top = match path {
        "categories" | "holidays" => put(top, path),
        p if !p.contains('.') && !p.contains('[') => put(top, p),
        _ => top,
    };
    top.text()
}

const POLICY_ORDER: &str = r#"{"id":"P1","category":"c","status":"success","successAt":"2021-09-01T12:00:00+08:00","invoiceAt":"2021-08-30"}"#;

fn eval_with_policy(policy: &str) -> (Run, Vec<String>) {
    let file = TempFile::new("policy.json", policy.as_bytes());
    let r = run(
        &["eval", "--now", NOW, "--policy", file.path()],
        POLICY_ORDER.as_bytes(),
    );
    let problems = ending_problems(&format!("policy {}", clip(policy)), &r);
    (r, problems)
}

#[test]
fn every_policy_field_with_every_json_type_and_null() {
    let mut problems = Vec::new();
    let (base, p) = eval_with_policy(&policy_at("", None));
    problems.extend(p);
    assert_eq!(
        base.code,
        Some(0),
        "the base policy answers: {}",
        base.stderr
    );
    for field in POLICY_FIELDS {
        let (absent, p) = eval_with_policy(&policy_at(field.path, None));
        problems.extend(p);
        let absent_kind: &[(&str, &str)] = if field.path.ends_with(']') {
            &[]
        } else {
            &[("absent", "")]
        };
        for (kind, raw) in KINDS.iter().chain(absent_kind).copied() {
            let accepted = field
                .accepts
                .iter()
                .find(|(k, _)| *k == kind)
                .map(|(_, v)| *v);
            let value = if kind == "absent" {
                None
            } else {
                Some(accepted.unwrap_or(raw))
            };
            let label = format!("policy {} = {}", field.path, value.unwrap_or("(absent)"));
            let (r, p) = if kind == "absent" {
                (eval_with_policy(&policy_at(field.path, None)).0, Vec::new())
            } else {
                eval_with_policy(&policy_at(field.path, value))
            };
            problems.extend(p);
            let error_prefix =
                format!("shouhoubao: bad policy: INVALID_POLICY at {}: ", field.path);
            let is_error = r.code == Some(2) && r.stderr.starts_with(&error_prefix);
            if kind == "null" || kind == "absent" {
                if field.required {
                    if !is_error {
                        problems.push(format!(
                            "{label}: exit {:?} {}, expected `{error_prefix}…`",
                            r.code,
                            clip(&r.stderr)
                        ));
                    }
                } else if field.null_either {
                    if r.code != Some(0) && !is_error {
                        problems.push(format!("{label}: exit {:?} {}", r.code, clip(&r.stderr)));
                    }
                } else if r.code != Some(0) || r.stdout != absent.stdout {
                    problems.push(format!(
                        "{label}: exit {:?}, not the answer without the field: {}",
                        r.code,
                        clip(&r.stderr)
                    ));
                }
            } else if accepted.is_some() {
                if r.code != Some(0) {
                    problems.push(format!("{label}: exit {:?}: {}", r.code, clip(&r.stderr)));
                } else {
                    let line: Value = serde_json::from_str(r.stdout.trim()).unwrap_or(Value::Null);
                    problems.extend(
                        insanity(&line, NOW_MS)
                            .into_iter()
                            .map(|p| format!("{label}: {p}")),
                    );
                }
            } else if !is_error {
                problems.push(format!(
                    "{label}: exit {:?} {}, expected `{error_prefix}…`",
                    r.code,
                    clip(&r.stderr)
                ));
            }
        }
    }
    assert_no_problems(&problems);
}

// ------------------------------------------------------------------ numbers

#[test]
fn nan_infinity_and_1e400_are_not_json_and_fail_only_their_line() {
    let mut orders = Vec::new();
    for raw in [
        "NaN",
        "Infinity",
        "-Infinity",
        "+1",
        "1e400",
        "-1e400",
        "0x10",
        ".5",
        "1.",
        "01",
        "-",
        "1e",
        "nan",
        "inf",
    ] {
        for path in [
            "successAt",
            "invoiceAt",
            "repairDays",
            "merchantPromises[0].days",
        ] {
            orders.push((
                format!("{path} = {raw}"),
                order_at(path, Some(raw)),
                Expect::NotJson,
            ));
        }
        orders.push((
            format!("good order after {raw}"),
            order().text(),
            Expect::Answer,
        ));
    }
    assert_no_problems(&batch("non-JSON numbers", &orders, &[]));
}

#[test]
fn huge_finite_numbers_negative_zero_and_2_pow_53_plus_1() {
    let mut orders = vec![(
        String::from("successAt = 0"),
        order_at("successAt", Some("0")),
        Expect::Answer,
    )];
    for raw in ["-0", "-0.0", "0e5", "-0e-5", "0.0"] {
        orders.push((
            format!("successAt = {raw}"),
            order_at("successAt", Some(raw)),
            Expect::SameAs(0),
        ));
    }
    orders.push((
        String::from("repairDays = 0"),
        order_at("repairDays", Some("0")),
        Expect::Answer,
    ));
    let zero_repair = orders.len() - 1;
    for raw in ["-0", "-0.0", "0e0"] {
        orders.push((
            format!("repairDays = {raw}"),
            order_at("repairDays", Some(raw)),
            Expect::SameAs(zero_repair),
        ));
    }
    for raw in [
        "9007199254740993",
        "9007199254740992",
        "-9007199254740993",
        "1e308",
        "-1e308",
        "8.64e15",
        "8640000000000001",
        "253402300800000",
        "-62135596800001",
        "4.9e-324",
    ] {
        for path in ["successAt", "deliveredAt", "invoiceAt", "exchangedAt"] {
            // 4.9e-324 is a valid instant (floored to 0); the others are out of range.
            let expect = if raw == "4.9e-324" {
                Expect::SameAs(0)
            } else {
                Expect::Error(path.to_owned())
            };
            let expect = if raw == "4.9e-324" && path != "successAt" {
                Expect::Answer
            } else {
                expect
            };
            orders.push((format!("{path} = {raw}"), order_at(path, Some(raw)), expect));
        }
        for path in [
            "repairDays",
            "merchantPromises[0].days",
            "merchantPromises[1].months",
        ] {
            orders.push((
                format!("{path} = {raw}"),
                order_at(path, Some(raw)),
                Expect::Error(path.to_owned()),
            ));
        }
        orders.push((
            format!("id = {raw}"),
            order_at("id", Some(raw)),
            Expect::Error("id".to_owned()),
        ));
    }
    for raw in ["253402300799999", "-62135596800000", "253402300799999.9"] {
        orders.push((
            format!("successAt = {raw}"),
            order_at("successAt", Some(raw)),
            Expect::Answer,
        ));
    }
    assert_no_problems(&batch("numbers", &orders, &[]));
}

// ------------------------------------------------------------------ dates and instants

const INSTANT_FIELDS: &[&str] = &["successAt", "deliveredAt"];
const DATE_FIELDS: &[&str] = &["invoiceAt", "exchangedAt"];

#[test]
fn years_0_9999_275760_bad_dates_leap_seconds_and_offsets() {
    let bad = [
        "0000-01-01T00:00:00Z",
        "0000-12-31T23:59:59Z",
        "0001-01-01T00:00:00+08:00",
        "10000-01-01T00:00:00Z",
        "+275760-09-13T00:00:00Z",
        "275760-09-13T00:00:00Z",
        "+010000-01-01T00:00:00Z",
        "-000001-01-01T00:00:00Z",
        "2021-02-30T00:00:00+08:00",
        "2021-02-29T00:00:00Z",
        "2021-13-01T00:00:00Z",
        "2021-04-31T00:00:00Z",
        "2021-12-31T23:59:60+08:00",
        "2021-12-31T23:59:60Z",
        "2016-12-31T23:59:60Z",
        "2021-06-30T23:59:60.5Z",
        "2021-07-30T11:43:30+25:00",
        "2021-07-30T11:43:30+24:00",
        "2021-07-30T11:43:30-24:00",
        "2021-07-30T11:43:30+08:60",
        "2021-07-30T24:00:00+08:00",
        "2021-07-30T11:60:00+08:00",
        "2021-07-30T11:43:30",
        "2021-07-30 11:43:30",
        " 2021-07-30T11:43:30Z",
        "2021-07-30T11:43:30Z ",
        "2021-07-30T11:43:30+08",
        "",
        "NaN",
        "Infinity",
        "-0",
        "2021-02-30",
        "2021-02-29",
        "0000-01-01",
        "10000-01-01",
        "2021-1-01",
        "2021-00-10",
        "2021-12-32",
        "+2021-01-01",
    ];
    let good = [
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "9999-12-31T23:59:59.999Z",
        "9999-12-31T15:59:59+08:00",
        "9999-12-31T11:59:59-12:00",
        "2021-07-30T11:43:30+23:59",
        "2021-07-30T11:43:30-23:59",
        "2021-07-30t11:43:30z",
        "2021-07-30 11:43:30+08:00",
        "2021-07-30T11:43:30.123456789+08:00",
        "2024-02-29T12:00:00+08:00",
    ];
    let mut orders = Vec::new();
    for path in INSTANT_FIELDS.iter().chain(DATE_FIELDS) {
        for value in bad {
            orders.push((
                format!("{path} = {value:?}"),
                order_at(path, Some(&json_string(value))),
                Expect::Error((*path).to_owned()),
            ));
        }
        for value in good {
            orders.push((
                format!("{path} = {value:?}"),
                order_at(path, Some(&json_string(value))),
                Expect::Answer,
            ));
        }
        if DATE_FIELDS.contains(path) {
            for value in ["0001-01-01", "9999-12-31", "2024-02-29"] {
                orders.push((
                    format!("{path} = {value:?}"),
                    order_at(path, Some(&json_string(value))),
                    Expect::Answer,
                ));
            }
        } else {
            orders.push((
                format!("{path} = a bare date"),
                order_at(path, Some(r#""2021-07-30""#)),
                Expect::Error((*path).to_owned()),
            ));
        }
    }
    assert_no_problems(&batch("dates", &orders, &[]));
}

#[test]
fn hostile_now() {
    let mut problems = Vec::new();
    let order = order().text();
    for now in [
        "NaN",
        "nan",
        "inf",
        "Infinity",
        "-Infinity",
        "1e400",
        "-1e400",
        "8.64e15",
        "9007199254740993",
        "253402300800000",
        "-62135596800001",
        "0000-01-01T00:00:00Z",
        "+275760-09-13T00:00:00Z",
        "2021-02-30T00:00:00Z",
        "2021-12-31T23:59:60+08:00",
        "2021-07-30T11:43:30+25:00",
        "",
        "now",
        "2021-09-15",
    ] {
        let r = run(&["eval", "--now", now], order.as_bytes());
        problems.extend(ending_problems(&format!("--now {now:?}"), &r));
        if r.code != Some(2) || !r.stderr.starts_with("shouhoubao: --now: ") {
            problems.push(format!(
                "--now {now:?}: exit {:?} {}",
                r.code,
                clip(&r.stderr)
            ));
        }
    }
    let zero = run(&["eval", "--now", "0"], order.as_bytes());
    for now in [
        "-0",
        "0.0",
        "-0.0",
        "0.9",
        "1970-01-01T00:00:00Z",
        "1970-01-01T08:00:00+08:00",
    ] {
        let r = run(&["eval", "--now", now], order.as_bytes());
        problems.extend(ending_problems(&format!("--now {now:?}"), &r));
        if r.code != Some(0) || r.stdout != zero.stdout {
            problems.push(format!(
                "--now {now:?}: not the answer at 0 ({:?}) {}",
                r.code,
                clip(&r.stderr)
            ));
        }
    }
    for now in [
        "253402300799999",
        "-62135596800000",
        "9999-12-31T23:59:59.999Z",
        "0001-01-01T00:00:00Z",
    ] {
        let r = run(&["eval", "--now", now], order.as_bytes());
        problems.extend(ending_problems(&format!("--now {now:?}"), &r));
        if r.code != Some(0) {
            problems.push(format!(
                "--now {now:?}: exit {:?} {}",
                r.code,
                clip(&r.stderr)
            ));
        }
    }
    assert_no_problems(&problems);
}

// ------------------------------------------------------------------ sizes and nesting

/// Contract 3, §8: a string longer than 4,096 UTF-16 code units is refused
/// at its field, natively as in the package.
#[test]
fn a_one_megabyte_string_in_every_string_field() {
    let mb = "x".repeat(1 << 20);
    let raw = json_string(&mb);
    let mut orders = Vec::new();
    for path in [
        "id",
        "category",
        "status",
        "successAt",
        "deliveredAt",
        "invoiceAt",
        "exchangedAt",
        "merchantPromises[0].service",
        "merchantPromises[0].from",
    ] {
        orders.push((
            path.to_owned(),
            order_at(path, Some(&raw)),
            Expect::Error(path.to_owned()),
        ));
    }
    let fraction = format!(r#""2021-09-01T12:00:00.{}+08:00""#, "1".repeat(1 << 20));
    orders.push((
        String::from("successAt with 1 MB of fraction digits"),
        order_at("successAt", Some(&fraction)),
        Expect::Error(String::from("successAt")),
    ));
    // The limit itself: 4,096 units (here 2,048 astral characters, two
    // units each) are kept; one more unit is refused.
    let longest = json_string(&"😀".repeat(2048));
    orders.push((
        String::from("a 4,096-unit id"),
        order_at("id", Some(&longest)),
        Expect::Answer,
    ));
    let over = json_string(&format!("{}x", "😀".repeat(2048)));
    orders.push((
        String::from("a 4,097-unit id"),
        order_at("id", Some(&over)),
        Expect::Error(String::from("id")),
    ));
    let started = Instant::now();
    let mut problems = batch("1 MB strings", &orders, &[]);
    // A 1 MB version, category name, part name and holiday in the policy:
    // each an error at its field (a name: at its map).
    let order =
        r#"{"id":"B","category":"c","status":"success","successAt":"2021-09-10T10:00:00+08:00"}"#;
    for (label, policy, path) in [
        (
            "version",
            format!(r#"{{"version":{raw},"entryDays":15}}"#),
            "version",
        ),
        (
            "category name",
            format!(
                r#"{{"version":"v","entryDays":15,"categories":{{{raw}:{{"entryDays":44}}}}}}"#
            ),
            "categories",
        ),
        (
            "part name",
            format!(
                r#"{{"version":"v","entryDays":15,"categories":{{"c":{{"threeGuarantees":{{"returnDays":1,"exchangeDays":2,"warrantyMonths":3,"parts":{{{raw}:5}}}}}}}}}}"#
            ),
            "categories.c.threeGuarantees.parts",
        ),
        (
            "holiday",
            format!(r#"{{"version":"h","entryDays":15,"holidays":[{raw}]}}"#),
            "holidays[0]",
        ),
    ] {
        let file = TempFile::new("mb-policy.json", policy.as_bytes());
        let r = run(
            &["eval", "--now", NOW, "--policy", file.path()],
            order.as_bytes(),
        );
        problems.extend(ending_problems(label, &r));
        let expected = format!("shouhoubao: bad policy: INVALID_POLICY at {path}: ");
        if !r.stderr.starts_with(&expected) {
            problems.push(format!(
                "1 MB {label}: exit {:?} {}",
                r.code,
                clip(&r.stderr)
            ));
        }
    }
    if started.elapsed() > Duration::from_secs(60) {
        problems.push(format!("1 MB strings took {:?}", started.elapsed()));
    }
    assert_no_problems(&problems);
}

fn nested(open: &str, close: &str, depth: usize, leaf: &str) -> String {
    let mut s = String::with_capacity(depth * (open.len() + close.len()) + leaf.len());
    for _ in 0..depth {
        s.push_str(open);
    }
    s.push_str(leaf);
    for _ in 0..depth {
        s.push_str(close);
    }
    s
}

#[test]
fn ten_thousand_levels_of_nesting_are_an_error_not_a_stack_overflow() {
    let mut problems = Vec::new();
    for depth in [10_000, 100_000, 1_000_000] {
        let arrays = nested("[", "]", depth, "1");
        let objects = nested(r#"{"a":"#, "}", depth, "1");
        // In an order field, and as an unknown field: that line's error (or, unknown, ignored).
        let mut orders = Vec::new();
        for (name, value) in [("arrays", &arrays), ("objects", &objects)] {
            for path in ["successAt", "merchantPromises", "id"] {
                orders.push((
                    format!("{depth} {name} in {path}"),
                    order_at(path, Some(value)),
                    Expect::NotJson,
                ));
            }
            orders.push((
                format!("{depth} {name} as the order"),
                value.clone(),
                Expect::NotJson,
            ));
        }
        orders.push((
            String::from("a good order after them"),
            order().text(),
            Expect::Answer,
        ));
        problems.extend(batch(&format!("nesting {depth}"), &orders, &[]));
        // As the whole input (an array, one object), and as the policy.
        for (name, input) in [("an array input", &arrays), ("one object input", &objects)] {
            let r = run(&["eval", "--now", NOW], input.as_bytes());
            problems.extend(ending_problems(&format!("{depth} levels, {name}"), &r));
            if r.code == Some(0) {
                problems.push(format!("{depth} levels, {name}: exit 0"));
            }
        }
        for (name, policy) in [("arrays", &arrays), ("objects", &objects)] {
            let file = TempFile::new("deep-policy.json", policy.as_bytes());
            let r = run(
                &["eval", "--now", NOW, "--policy", file.path()],
                order().text().as_bytes(),
            );
            problems.extend(ending_problems(
                &format!("{depth} levels of {name} as the policy"),
                &r,
            ));
            if r.code != Some(2) || !r.stderr.starts_with("shouhoubao: bad policy: ") {
                problems.push(format!(
                    "{depth} levels of {name} as the policy: exit {:?} {}",
                    r.code,
                    clip(&r.stderr)
                ));
            }
            let inside = format!(
                r#"{{"version":"d","entryDays":15,"categories":{{"c":{{"threeGuarantees":{policy}}}}}}}"#
            );
            let file = TempFile::new("deep-policy-field.json", inside.as_bytes());
            let r = run(
                &["eval", "--now", NOW, "--policy", file.path()],
                order().text().as_bytes(),
            );
            problems.extend(ending_problems(
                &format!("{depth} levels of {name} inside the policy"),
                &r,
            ));
            if r.code != Some(2) {
                problems.push(format!(
                    "{depth} levels of {name} inside the policy: exit {:?}",
                    r.code
                ));
            }
        }
    }
    assert_no_problems(&problems);
}

// ------------------------------------------------------------------ keys

#[test]
fn duplicate_keys_are_an_error_naming_the_key() {
    let mut orders = Vec::new();
    for key in ["id", "successAt", "merchantPromises", "extra"] {
        let base = if key == "extra" {
            order().push("extra", "1")
        } else {
            order()
        };
        let raw = base
            .0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let text = base.push(key, &raw).text();
        orders.push((format!("duplicate {key}"), text, Expect::NotJson));
    }
    let promise = promise0().push("days", "5");
    orders.push((
        String::from("duplicate days in a promise"),
        order_with_promises(&promise, &promise1()).text(),
        Expect::NotJson,
    ));
    // Keys that differ only in case or by an escape are different keys... except an escape of the same text.
    orders.push((
        String::from("id and Id"),
        order().push("Id", r#""other""#).text(),
        Expect::Answer,
    ));
    let escaped = order().text();
    let escaped = format!(r#"{},"\u0069d":"H2"}}"#, &escaped[..escaped.len() - 1]);
    orders.push((
        String::from(r#"id and "\u0069d""#),
        escaped,
        Expect::NotJson,
    ));
    let mut problems = batch("duplicate keys", &orders, &[]);
    // Each error names its key.
    let input: String = orders.iter().map(|(_, t, _)| format!("{t}\n")).collect();
    let r = run(&["eval", "--now", NOW], input.as_bytes());
    let messages: Vec<String> = r.stdout.lines().map(|l| l.to_owned()).collect();
    for (i, key) in ["id", "successAt", "merchantPromises", "extra", "days"]
        .iter()
        .enumerate()
    {
        if !messages
            .get(i)
            .is_some_and(|m| m.contains(&format!("duplicate key `{key}`")))
        {
            problems.push(format!(
                "duplicate {key}: the error does not name the key: {}",
                clip(messages.get(i).map_or("", |m| m.as_str()))
            ));
        }
    }
    // In the policy: exit 2, naming the key.
    for (key, policy) in [
        (
            "entryDays",
            r#"{"version":"d","entryDays":15,"entryDays":16}"#,
        ),
        (
            "c",
            r#"{"version":"d","entryDays":15,"categories":{"c":{},"c":{"entryDays":3}}}"#,
        ),
        (
            "battery",
            r#"{"version":"d","entryDays":15,"categories":{"c":{"threeGuarantees":{"returnDays":1,"exchangeDays":1,"warrantyMonths":1,"parts":{"battery":1,"battery":2}}}}}"#,
        ),
    ] {
        let file = TempFile::new("dup-policy.json", policy.as_bytes());
        let r = run(
            &["eval", "--now", NOW, "--policy", file.path()],
            order().text().as_bytes(),
        );
        problems.extend(ending_problems(
            &format!("duplicate {key} in the policy"),
            &r,
        ));
        if r.code != Some(2) || !r.stderr.contains(&format!("duplicate key `{key}`")) {
            problems.push(format!(
                "duplicate {key} in the policy: exit {:?} {}",
                r.code,
                clip(&r.stderr)
            ));
        }
    }
    assert_no_problems(&problems);
}

#[test]
fn proto_constructor_and_prototype_as_keys_and_category_names() {
    let policy = r#"{
      "version": "proto-1", "entryDays": 15,
      "categories": {
        "__proto__":   { "entryDays": 31, "polluted": true },
        "constructor": { "parent": "__proto__", "threeGuarantees": { "returnDays": 7, "exchangeDays": 15, "warrantyMonths": 12,
                         "parts": { "__proto__": 3, "constructor": 4, "prototype": 5 } } },
        "prototype":   { "parent": "constructor", "entryDays": 33 },
        "toString":    { "entryDays": 34 }
      },
      "__proto__": { "polluted": true }
    }"#;
    let file = TempFile::new("proto-policy.json", policy.as_bytes());
    let extra = r#","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true}"#;
    let want = [
        ("__proto__", "ENTRY_CATEGORY", 31),
        ("constructor", "ENTRY_CATEGORY", 31),
        ("prototype", "ENTRY_CATEGORY", 33),
        ("toString", "ENTRY_CATEGORY", 34),
        ("hasOwnProperty", "ENTRY_DEFAULT", 15),
        ("valueOf", "ENTRY_DEFAULT", 15),
    ];
    let mut input = String::new();
    for (category, _, _) in want {
        for tail in ["", extra] {
            input.push_str(&format!(
                r#"{{"id":"PR-{category}","category":"{category}","status":"success","successAt":"2021-09-10T10:00:00+08:00","invoiceAt":"2021-09-09"{tail}}}"#
            ));
            input.push('\n');
        }
    }
    let r = run(
        &["eval", "--now", NOW, "--policy", file.path()],
        input.as_bytes(),
    );
    let mut problems = ending_problems("__proto__", &r);
    if r.code != Some(0) {
        problems.push(format!("exit {:?}: {}", r.code, clip(&r.stderr)));
    }
    let lines: Vec<Value> = r
        .stdout
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    for (i, (category, code, days)) in want.iter().enumerate() {
        for j in 0..2 {
            let Some(line) = lines.get(2 * i + j) else {
                problems.push(format!("{category}: no answer"));
                continue;
            };
            let entry = line["windows"].as_array().and_then(|ws| {
                ws.iter()
                    .find(|w| w["code"].as_str().is_some_and(|c| c.starts_with("ENTRY_")))
                    .cloned()
            });
            if line["reason"]["code"] != *code
                || entry.as_ref().map(|e| e["basis"]["count"].clone()) != Some(Value::from(*days))
            {
                problems.push(format!(
                    "{category}{}: {} with {:?}, expected {code} {days} days",
                    if j == 1 { " (extra keys)" } else { "" },
                    line["reason"]["code"],
                    entry.map(|e| e["basis"]["count"].clone())
                ));
            }
            if j == 1 && line != &lines[2 * i] {
                problems.push(format!(
                    "{category}: the extra __proto__ keys changed the answer"
                ));
            }
        }
    }
    if let Some(line) = lines.get(4) {
        let mut parts: Vec<(String, i64)> = line["windows"]
            .as_array()
            .map(|ws| {
                ws.iter()
                    .filter(|w| w["code"] == "THREE_GUARANTEES_PART")
                    .map(|w| {
                        (
                            w["part"].as_str().unwrap_or("").to_owned(),
                            w["basis"]["count"].as_i64().unwrap_or(-1),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        parts.sort();
        let want: Vec<(String, i64)> = vec![
            ("__proto__".into(), 3),
            ("constructor".into(), 4),
            ("prototype".into(), 5),
        ];
        if parts != want {
            problems.push(format!("part windows {parts:?}"));
        }
    }
    // A parent cycle through these names is reported at the member that sorts first.
    let cycle = TempFile::new("proto-cycle.json", br#"{"version":"c","entryDays":15,"categories":{"__proto__":{"parent":"constructor"},"constructor":{"parent":"__proto__"}}}"#);
    let r = run(
        &["eval", "--now", NOW, "--policy", cycle.path()],
        order().text().as_bytes(),
    );
    problems.extend(ending_problems("cycle", &r));
    if !r
        .stderr
        .starts_with("shouhoubao: bad policy: INVALID_POLICY at categories.__proto__.parent: ")
    {
        problems.push(format!("cycle: exit {:?} {}", r.code, clip(&r.stderr)));
    }
    assert_no_problems(&problems);
}

// ------------------------------------------------------------------ volume

#[test]
fn two_hundred_thousand_orders_as_json_lines() {
    const N: usize = 200_000;
    let mut input = String::with_capacity(N * 80);
    for i in 0..N {
        if i % 10 == 0 {
            input.push_str(&format!(
                r#"{{"id":"S{i}","category":"mobile_phone","status":"success","successAt":"2021-09-01T12:00:00+08:00","invoiceAt":"2021-08-30","merchantPromises":[{{"service":"repair","months":24,"from":"invoice"}}]}}"#
            ));
        } else {
            input.push_str(&format!(
                r#"{{"id":"P{i}","category":"apparel","status":"pending"}}"#
            ));
        }
        input.push('\n');
    }
    let r = run(&["eval", "--now", NOW], input.as_bytes());
    let mut problems = ending_problems("200,000 orders", &r);
    if r.code != Some(0) {
        problems.push(format!("exit {:?}: {}", r.code, clip(&r.stderr)));
    }
    let lines: Vec<&str> = r.stdout.lines().collect();
    if lines.len() != N {
        problems.push(format!("{} lines for {N} orders", lines.len()));
    }
    for i in [0, 1, 9, 10, N / 2, N - 1] {
        let want = if i % 10 == 0 {
            format!(r#"{{"ok":true,"orderId":"S{i}","status":"open""#)
        } else {
            format!(r#"{{"ok":true,"orderId":"P{i}","status":"pending""#)
        };
        if !lines.get(i).is_some_and(|l| l.starts_with(&want)) {
            problems.push(format!(
                "line {i}: {}",
                clip(lines.get(i).copied().unwrap_or(""))
            ));
        }
    }
    // Debug build, shared machine: generous, but bounded.
    if r.elapsed > Duration::from_secs(180) {
        problems.push(format!("took {:?}", r.elapsed));
    }
    assert_no_problems(&problems);
}

#[test]
fn a_closed_stdout_ends_the_run_cleanly() {
    let line = format!("{}\n", order().text());
    let input = line.repeat(20_000);
    let mut child = Command::new(BIN)
        .args(["eval", "--now", NOW])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn shouhoubao");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    // Read one line's worth, then close our end of the pipe.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 64];
    let _ = stdout.read(&mut first);
    drop(stdout);
    let mut stderr = String::new();
    let _ = child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr);
    let status = child.wait().expect("wait");
    let _ = writer.join();
    assert!(!stderr.contains("panicked"), "panicked: {stderr}");
    assert!(
        matches!(status.code(), Some(2)),
        "a closed stdout: exit {:?} (a signal?), stderr {stderr:?}",
        status.code()
    );
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr:?}");
}

// ------------------------------------------------------------------ unreadable input

#[test]
fn invalid_utf8_is_exit_2_with_a_message() {
    let mut problems = Vec::new();
    let mut bad = order().text().into_bytes();
    bad.extend_from_slice(b"\n{\"id\":\"\xff\xfe\",\"category\":\"x\",\"status\":\"pending\"}\n");
    let r = run(&["eval", "--now", NOW], &bad);
    problems.extend(ending_problems("invalid UTF-8 on stdin", &r));
    if r.code != Some(2) {
        problems.push(format!("invalid UTF-8 on stdin: exit {:?}", r.code));
    }
    let file = TempFile::new("bad-utf8.jsonl", &bad);
    let r = run(&["eval", "--now", NOW, file.path()], b"");
    problems.extend(ending_problems("invalid UTF-8 in a file", &r));
    if r.code != Some(2) {
        problems.push(format!("invalid UTF-8 in a file: exit {:?}", r.code));
    }
    let policy = TempFile::new(
        "bad-utf8-policy.json",
        b"{\"version\":\"\xc3\x28\",\"entryDays\":15}",
    );
    let r = run(
        &["eval", "--now", NOW, "--policy", policy.path()],
        order().text().as_bytes(),
    );
    problems.extend(ending_problems("invalid UTF-8 in the policy", &r));
    if r.code != Some(2) {
        problems.push(format!("invalid UTF-8 in the policy: exit {:?}", r.code));
    }
    // Lone surrogates as JSON escapes are valid JSON text: answered.
    let r = run(
        &["eval", "--now", NOW],
        br#"{"id":"\ud800","category":"\udfff","status":"pending"}"#,
    );
    problems.extend(ending_problems("lone surrogate escapes", &r));
    if r.code != Some(0) {
        problems.push(format!(
            "lone surrogate escapes: exit {:?} {}",
            r.code,
            clip(&r.stderr)
        ));
    }
    // No input at all, or only whitespace.
    for input in [&b""[..], b"  \n\t\n"] {
        let r = run(&["eval", "--now", NOW], input);
        problems.extend(ending_problems("an empty input", &r));
        if r.code != Some(2) {
            problems.push(format!("an empty input {input:?}: exit {:?}", r.code));
        }
    }
    assert_no_problems(&problems);
}

#[test]
fn broken_policy_files_are_exit_2_with_one_line() {
    let mut problems = Vec::new();
    for (name, text) in [
        ("an empty file", ""),
        ("whitespace", "  \n "),
        ("null", "null"),
        ("an array", "[]"),
        (
            "an array of a policy",
            r#"[{"version":"a","entryDays":15}]"#,
        ),
        ("a number", "42"),
        ("a string", r#""policy""#),
        ("true", "true"),
        ("two values", r#"{"version":"a","entryDays":15} {}"#),
        ("a trailing comma", r#"{"version":"a","entryDays":15,}"#),
        ("a comment", r#"{"version":"a","entryDays":15} // x"#),
        ("NaN", r#"{"version":"a","entryDays":NaN}"#),
        ("1e400", r#"{"version":"a","entryDays":1e400}"#),
        ("a BOM", "\u{feff}{\"version\":\"a\",\"entryDays\":15}"),
        (
            "a newline in a holiday",
            r#"{"version":"a","entryDays":15,"holidays":["2021\n10-01"]}"#,
        ),
        (
            "a newline in a category name",
            r#"{"version":"a","entryDays":15,"categories":{"a\nb":{"parent":"zz"}}}"#,
        ),
        (
            "a newline in a parent",
            r#"{"version":"a","entryDays":15,"categories":{"a":{"parent":"z\nz"}}}"#,
        ),
    ] {
        let file = TempFile::new("broken-policy.json", text.as_bytes());
        let r = run(
            &["eval", "--now", NOW, "--policy", file.path()],
            order().text().as_bytes(),
        );
        problems.extend(ending_problems(&format!("policy: {name}"), &r));
        if r.code != Some(2) || !r.stderr.starts_with("shouhoubao: bad policy: ") {
            problems.push(format!(
                "policy: {name}: exit {:?} {}",
                r.code,
                clip(&r.stderr)
            ));
        }
    }
    for (name, path) in [
        ("a missing file", "/nonexistent/shouhoubao-policy.json"),
        ("a directory", "/"),
    ] {
        let r = run(
            &["eval", "--now", NOW, "--policy", path],
            order().text().as_bytes(),
        );
        problems.extend(ending_problems(&format!("policy: {name}"), &r));
        if r.code != Some(2) {
            problems.push(format!("policy: {name}: exit {:?}", r.code));
        }
    }
    // A newline in --now, echoed into the message, must not break the one line either.
    let r = run(&["eval", "--now", "2021\nx"], order().text().as_bytes());
    problems.extend(ending_problems("a newline in --now", &r));
    assert_no_problems(&problems);
}
