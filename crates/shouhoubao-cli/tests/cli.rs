//! The `shouhoubao` command: input forms, answers, errors and exit statuses.

#![allow(clippy::restriction)] // test code: a failed check panics, and that is the report
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn cli(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shouhoubao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The command may exit before reading (a bad argument): a broken pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn lines(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

const PHONE: &str = r#"{"id":"T1","category":"mobile_phone","status":"success","successAt":"2021-07-30T11:43:30+08:00","deliveredAt":"2021-07-28T15:02:00+08:00","invoiceAt":"2021-07-27"}"#;
const PENDING: &str = r#"{"id":"T3","category":"flowers","status":"pending"}"#;
const NOW: &str = "2021-09-15T10:00:00+08:00";

#[test]
fn one_order_one_answer() {
    let out = cli(&["eval", "--now", NOW], PHONE);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let answers = lines(&out);
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0]["status"], "open");
    assert_eq!(answers[0]["reason"]["code"], "ENTRY_CATEGORY");
    assert_eq!(answers[0]["remainingDays"], 134);
    assert_eq!(answers[0]["deadline"], "2022-01-26T11:43:30+08:00");
    assert_eq!(
        answers[0]["reason"]["text"],
        "该类目交易成功后180天内可自助申请售后"
    );
}

#[test]
fn now_as_epoch_ms_equals_now_as_rfc3339() {
    let a = cli(&["eval", "--now", NOW], PHONE);
    let b = cli(&["eval", "--now", "1631671200000"], PHONE);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn arrays_and_json_lines() {
    let array = format!("[{PHONE},{PENDING}]");
    let jsonl = format!("{PHONE}\n\n{PENDING}\n");
    let a = cli(&["eval", "--now", NOW], &array);
    let b = cli(&["eval", "--now", NOW], &jsonl);
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(a.stdout, b.stdout);
    let answers = lines(&a);
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[1]["reason"]["code"], "TRANSACTION_PENDING");
}

#[test]
fn compact_answers_are_the_answers_without_their_windows() {
    // The package's { windows: false }: every other field, in the same order.
    let input =
        format!("{PHONE}\n{PENDING}\n{{\"id\":\"B\",\"category\":\"x\",\"status\":\"success\"}}\n");
    let full = cli(&["eval", "--now", NOW], &input);
    let compact = cli(&["eval", "--now", NOW, "--compact"], &input);
    assert_eq!(compact.status.code(), full.status.code());
    let full_lines = String::from_utf8(full.stdout).unwrap();
    let compact_lines = String::from_utf8(compact.stdout).unwrap();
    assert_eq!(compact_lines.lines().count(), 3);
    for (full, compact) in full_lines.lines().zip(compact_lines.lines()) {
        let full: serde_json::Map<String, Value> = serde_json::from_str(full).unwrap();
        let expected: Vec<(&String, &Value)> =
            full.iter().filter(|(name, _)| *name != "windows").collect();
        let compact: serde_json::Map<String, Value> = serde_json::from_str(compact).unwrap();
        assert_eq!(compact.iter().collect::<Vec<_>>(), expected);
    }
    assert!(full_lines.contains("\"windows\""));
    assert!(!compact_lines.contains("\"windows\""));
}

#[test]
fn a_bad_order_is_reported_and_the_rest_go_on() {
    let input = format!("{PHONE}\n{{\"id\":\"B\",\"category\":\"x\",\"status\":\"success\"}}\nnot json\n{PENDING}\n");
    let out = cli(&["eval", "--now", NOW], &input);
    assert_eq!(out.status.code(), Some(1));
    let answers = lines(&out);
    assert_eq!(answers.len(), 4);
    assert_eq!(answers[1]["orderId"], "B");
    assert_eq!(answers[1]["error"]["code"], "INVALID_ORDER");
    assert_eq!(answers[1]["error"]["path"], "successAt");
    assert_eq!(answers[2]["orderId"], Value::Null);
    assert!(answers[2]["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("line 3"));
    assert_eq!(answers[3]["status"], "pending");
}

#[test]
fn english_sentences() {
    let out = cli(&["eval", "--now", NOW, "--locale", "en"], PHONE);
    let text = lines(&out)[0]["reason"]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(text.contains("180 days"), "{text}");
}

#[test]
fn reads_a_file_and_a_policy_file() {
    let dir = std::env::temp_dir().join(format!("shouhoubao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let orders = dir.join("orders.json");
    let policy = dir.join("policy.json");
    std::fs::write(&orders, PHONE).unwrap();
    std::fs::write(&policy, r#"{"version":"mine-1","entryDays":20}"#).unwrap();
    let out = cli(
        &[
            "eval",
            "--now",
            NOW,
            "--policy",
            policy.to_str().unwrap(),
            orders.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let answer = &lines(&out)[0];
    assert_eq!(answer["policyVersion"], "mine-1");
    // 20-day entry from 2021-07-30 ended 2021-08-19: expired by 2021-09-15.
    assert_eq!(answer["reason"]["code"], "EXPIRED");
    assert_eq!(answer["deadline"], "2021-08-19T11:43:30+08:00");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn exit_2_for_bad_policy_argument_or_input() {
    let dir = std::env::temp_dir().join(format!("shouhoubao-cli2-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let policy = dir.join("policy.json");
    std::fs::write(
        &policy,
        r#"{"version":"p","entryDays":15,"categories":{"a":{"parent":"b"},"b":{"parent":"a"}}}"#,
    )
    .unwrap();
    let bad_policy = cli(
        &["eval", "--now", NOW, "--policy", policy.to_str().unwrap()],
        PHONE,
    );
    assert_eq!(bad_policy.status.code(), Some(2));
    assert!(
        stderr(&bad_policy).contains("categories.a.parent"),
        "{}",
        stderr(&bad_policy)
    );
    for (args, input, needle) in [
        (vec!["eval", "--now", "yesterday"], PHONE, "--now"),
        (vec!["eval", "--now", "NaN"], PHONE, "--now"),
        (
            vec!["eval", "--now", NOW, "--locale", "fr"],
            PHONE,
            "--locale",
        ),
        (
            vec!["eval", "--now", NOW, "/no/such/file.json"],
            "",
            "/no/such/file.json",
        ),
        (vec!["eval", "--now", NOW], "[1, 2", "not valid JSON"),
        (vec!["eval", "--now", NOW], "   ", "no order"),
        (vec!["eval", "--bogus"], PHONE, "--bogus"),
        (vec!["frobnicate"], "", "frobnicate"),
    ] {
        let out = cli(&args, input);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(needle), "{args:?}: {err}");
        assert_eq!(
            err.trim_end().lines().next().map(|l| l.contains(needle)),
            Some(true),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn prints_the_default_policy() {
    let out = cli(&["policy"], "");
    assert_eq!(out.status.code(), Some(0));
    let policy: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(policy["entryDays"], 15);
    assert_eq!(policy["categories"]["mobile_phone"]["parent"], "3c_digital");
}

#[test]
fn without_now_the_system_clock_is_used() {
    let out = cli(&["eval"], PHONE);
    assert_eq!(out.status.code(), Some(0));
    // A 2021 order is long past every window today.
    assert_eq!(lines(&out)[0]["reason"]["code"], "EXPIRED");
}

#[test]
fn the_published_schema_is_the_generated_one() {
    let out = cli(&["policy", "--schema"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let generated: Value = serde_json::from_slice(&out.stdout).unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/policy.schema.json");
    let published: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(
        generated, published,
        "docs/policy.schema.json is stale: run `cargo run -p shouhoubao-cli -- policy --schema > docs/policy.schema.json`"
    );
    // The schema speaks the wire's names and limits.
    let props = &generated["properties"];
    for key in [
        "workdays",
        "weekends",
        "holidaysPublishedThrough",
        "holidays",
        "entryDays",
    ] {
        assert!(props.get(key).is_some(), "no {key} in the schema");
    }
    assert_eq!(
        generated["required"],
        serde_json::json!(["version", "entryDays"])
    );
    assert_eq!(props["workdays"]["maxItems"], 100_000);
    assert_eq!(generated["$defs"]["DayCount"]["maximum"], 36_525);
}

fn check(policy: &str) -> (Option<i32>, Vec<String>) {
    let out = cli(&["policy", "--check", "-"], policy);
    let text = String::from_utf8(out.stdout).unwrap();
    (out.status.code(), text.lines().map(str::to_owned).collect())
}

#[test]
fn policy_check_accepts_the_default_policy_silently() {
    let default = cli(&["policy"], "");
    let (code, lines) = check(&String::from_utf8(default.stdout).unwrap());
    assert_eq!((code, lines), (Some(0), vec![]));
}

/// The paths of `policy --check` lines of one kind (`"error "`, `"warning "`).
fn paths_of<'a>(lines: &'a [String], kind: &str) -> Vec<&'a str> {
    lines
        .iter()
        .filter_map(|l| l.strip_prefix(kind))
        .map(|l| l.split(": ").next().unwrap())
        .collect()
}

/// Contract 3 / issue 17: `policy --check` lists every fault that does not
/// depend on another — a top-level one and one in each category — where the
/// engine itself stops at the first.
#[test]
fn policy_check_lists_every_independent_fault() {
    let (code, lines) = check(
        r#"{"version":"x","entryDays":-1,"holidaysPublishedFrom":"2027-01-01","holidaysPublishedThrough":"2026-12-31",
            "categories":{"a.b":{"parent":"nowhere"},"tv":{"entryDays":"many"},"phone":{"threeGuarantees":{"returnDays":7}}}}"#,
    );
    assert_eq!(code, Some(2));
    assert_eq!(
        paths_of(&lines, "error "),
        [
            "holidaysPublishedFrom",
            "entryDays",
            "categories.tv.entryDays",
            "categories.phone.threeGuarantees.exchangeDays",
            r#"categories["a.b"].parent"#,
        ],
        "{lines:?}"
    );
}

/// The warnings contract 3 adds: a published range past the listed years,
/// an offset that looks like hours, months that look like days.
#[test]
fn policy_check_warns_about_likely_unit_and_range_mistakes() {
    let (code, lines) = check(
        r#"{"version":"x","entryDays":15,"utcOffsetMinutes":8,
            "holidays":["2026-10-01"],"holidaysPublishedThrough":"2027-12-31",
            "categories":{"tv":{"threeGuarantees":{"returnDays":7,"exchangeDays":15,"warrantyMonths":365,"parts":{"panel":730,"remote":12}}}}}"#,
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        paths_of(&lines, "warning "),
        [
            "holidaysPublishedThrough",
            "utcOffsetMinutes",
            "categories.tv.threeGuarantees.warrantyMonths",
            "categories.tv.threeGuarantees.parts.panel",
        ],
        "{lines:?}"
    );
    assert!(lines[0].contains("2027"), "{lines:?}");
}

#[test]
fn policy_check_names_each_fault_with_its_path() {
    let (code, lines) = check(
        r#"{"version":"x","entryDays":15,"holidays":["2021-10-01"],"workdays":["2021-09-18","2021-10-01"],"weekends":"no"}"#,
    );
    assert_eq!(code, Some(2));
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("error workdays[1]: "), "{lines:?}");
    assert!(lines[1].starts_with("error weekends: "), "{lines:?}");
    let (code, lines) = check(r#"{"version":"x","entryDays":15,"weekends":"no"}"#);
    assert_eq!(code, Some(2));
    assert!(
        lines[0].starts_with("error weekends: expected a boolean"),
        "{lines:?}"
    );
    let out = cli(&["policy", "--check", "-"], "{\"version\":");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not valid JSON"));
}

#[test]
fn policy_check_lists_every_warning_with_its_path() {
    let (code, lines) = check(
        r#"{"version":"x","entryDays":15,"weekend":false,
            "holidays":["2026-10-01","2026-10-01","2027-01-01"],
            "workdays":["2026-10-14","2026-10-10"],
            "holidaysPublishedThrough":"2026-12-31",
            "categories":{"tv":{"threeGuarantees":{"returnDays":7,"exchangeDays":15,"warrantyMonths":12,"part":{}}}}}"#,
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        paths_of(&lines, "warning "),
        [
            "weekend",
            "categories.tv.threeGuarantees.part",
            "holidays[1]",
            "workdays[0]",
            "holidays[2]"
        ]
    );
    let (_, lines) =
        check(r#"{"version":"x","entryDays":15,"holidays":["2026-10-01"],"weekends":false}"#);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("warning holidaysPublishedThrough: absent"));
    assert!(lines[1].starts_with("warning weekends: false"));
}

#[path = "../../../tests/common/subset.rs"]
mod subset;

/// Contract 3, §7: each order of a JSON array is answered on its own; a bad
/// one prints its `{ orderId, error }` line with its index in the path. The
/// case was worked by hand (tests/cli-cases/array-with-bad-order.json).
#[test]
fn an_array_with_a_bad_order_answers_the_others() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/cli-cases/array-with-bad-order.json"
    );
    let case: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let now = case["now"].as_f64().unwrap().to_string();
    let out = cli(&["eval", "--now", &now], &case["input"].to_string());
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
    let answers = lines(&out);
    let expected = case["expectLines"].as_array().unwrap();
    assert_eq!(answers.len(), expected.len());
    for (i, (want, got)) in expected.iter().zip(&answers).enumerate() {
        let mut diff = Vec::new();
        let want = match want.get("error") {
            // Messages are wording: compare the code and the path.
            Some(error) => serde_json::json!({ "orderId": want["orderId"],
                "error": { "code": error["code"], "path": error["path"] } }),
            None => want.clone(),
        };
        subset::subset_diff(&want, got, "", &mut diff);
        assert!(diff.is_empty(), "line {i}: {diff:?}");
    }
}

/// An array item that is JSON but not a readable order (a duplicate key) is
/// that order's error; a pretty-printed order with a syntax fault is one
/// error with its line and column, not a guess per line; a UTF-8 BOM is
/// skipped.
#[test]
fn faults_in_documents_are_reported_once_and_a_bom_is_skipped() {
    let duplicate = r#"{"id":"D","id":"E","category":"apparel","status":"pending"}"#;
    let out = cli(&["eval", "--now", NOW], &format!("[{PHONE},\n{duplicate}]"));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let answers = lines(&out);
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[0]["orderId"], "T1");
    assert_eq!(answers[1]["error"]["path"], "[1]");
    assert!(answers[1]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("duplicate key"));

    let pretty =
        "{\n  \"id\": \"P\",\n  \"category\": \"apparel\",\n  \"status\": \"pending\",\n}\n";
    let out = cli(&["eval", "--now", NOW], pretty);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("line 5"), "{err}");
    assert!(out.stdout.is_empty());

    let out = cli(&["eval", "--now", NOW], &format!("\u{feff}{PHONE}"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(lines(&out)[0]["orderId"], "T1");
    let out = cli(&["eval", "--now", NOW], &format!("\u{feff}[{PHONE}]"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
