//! The `shouhoubao` command: the same engine for servers and scripts, the
//! engine crate (`shouhoubao`) with its `json` and `schema` features.
//!
//! ```text
//! shouhoubao eval [--policy FILE] [--now MS|RFC3339] [--locale zh-CN|en] [--compact] [FILE]
//! shouhoubao policy [--schema | --check FILE]
//! ```
//!
//! `eval` reads one order object, a JSON array of orders, or JSON Lines from
//! FILE or standard input (a leading UTF-8 BOM skipped), and prints one
//! answer per order as JSON Lines. An order that cannot be answered prints
//! `{"ok":false,"orderId":…,"error":{…}}` and the rest go on; in an array its error's
//! path starts with its index (`[1].id`), as in `evaluateMany`. Input that
//! is not JSON at all is reported once, with the line and column. Exit status: 0 when every order was answered, 1 when any order
//! had an error, 2 for a bad policy, argument or unreadable input.
//!
//! `policy` prints the embedded default snapshot; `--schema` the snapshot's
//! JSON Schema; `--check FILE` checks a snapshot and prints each problem as
//! `error PATH: …` or `warning PATH: …` (exit 0: none, 1: only warnings,
//! 2: the engine refuses the snapshot; every fault that does not depend on
//! another is listed).

use shouhoubao::internals::{parse_document, Document, EngineInternals, Value};
use shouhoubao::{Engine, EngineError, Instant, Locale};
use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

const USAGE: &str =
    "usage: shouhoubao eval [--policy FILE] [--now MS|RFC3339] [--locale zh-CN|en] [--compact] [FILE]
       shouhoubao policy [--schema | --check FILE]
       shouhoubao --version";

/// A failure that ends the run with status 2 and one line on stderr.
struct Fatal(String);

/// Runs the command with the process's arguments; the exit status.
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(Fatal(message)) => {
            // One line, whatever the input put into the message (a path may
            // hold a category name with a newline in it).
            let line = message.replace('\n', "\\n").replace('\r', "\\r");
            eprintln!("shouhoubao: {line}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, Fatal> {
    match args.first().map(String::as_str) {
        Some("eval") => eval(args.get(1..).unwrap_or_default()),
        Some("policy") => policy(args.get(1..).unwrap_or_default()),
        Some("--version" | "-V") => {
            println!("shouhoubao {}", shouhoubao::VERSION);
            Ok(ExitCode::SUCCESS)
        }
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(Fatal(format!(
            "unknown command `{other}` (see `shouhoubao --help`)"
        ))),
        None => Err(Fatal(
            "no command given (see `shouhoubao --help`)".to_owned(),
        )),
    }
}

fn policy(args: &[String]) -> Result<ExitCode, Fatal> {
    match args {
        [] => print!("{}", shouhoubao::DEFAULT_POLICY_JSON),
        [flag] if flag == "--schema" => {
            let schema = shouhoubao::internals::policy_schema();
            let text = serde_json::to_string_pretty(&schema)
                .map_err(|e| Fatal(format!("cannot write the schema: {e}")))?;
            println!("{text}");
        }
        [flag, file] if flag == "--check" => return check_policy(file),
        _ => {
            return Err(Fatal(
                "policy takes nothing, --schema, or --check FILE (see `shouhoubao --help`)"
                    .to_owned(),
            ))
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `policy --check FILE`: one line per problem on standard output.
fn check_policy(file: &str) -> Result<ExitCode, Fatal> {
    let text = read((file != "-").then_some(file))?;
    let value =
        parse_document(&text).map_err(|e| Fatal(format!("the policy is not valid JSON: {e}")))?;
    let one_line = |s: &str| s.replace('\n', "\\n").replace('\r', "\\r");
    match shouhoubao::internals::check_policy(value.value()) {
        Err(errors) => {
            for error in &errors {
                println!(
                    "error {}: {}",
                    one_line(&error.path),
                    one_line(&error.message)
                );
            }
            Ok(ExitCode::from(2))
        }
        Ok(warnings) if warnings.is_empty() => Ok(ExitCode::SUCCESS),
        Ok(warnings) => {
            for w in &warnings {
                println!("warning {}: {}", one_line(&w.path), one_line(&w.message));
            }
            Ok(ExitCode::from(1))
        }
    }
}

struct EvalArgs {
    policy: Option<String>,
    now: Option<Instant>,
    locale: Locale,
    /// `--compact`: each answer without its window list.
    compact: bool,
    input: Option<String>,
}

fn parse_eval_args(args: &[String]) -> Result<EvalArgs, Fatal> {
    let mut parsed = EvalArgs {
        policy: None,
        now: None,
        locale: Locale::default(),
        compact: false,
        input: None,
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = |name: &str| {
            rest.next()
                .cloned()
                .ok_or_else(|| Fatal(format!("{name} needs a value")))
        };
        match arg.as_str() {
            "--policy" => parsed.policy = Some(value("--policy")?),
            "--now" => parsed.now = Some(parse_now(&value("--now")?)?),
            "--locale" => {
                let text = value("--locale")?;
                parsed.locale = Locale::parse(&text)
                    .ok_or_else(|| Fatal(format!("--locale: `{text}` is not zh-CN or en")))?;
            }
            "--compact" => parsed.compact = true,
            "-" => parsed.input = None,
            flag if flag.starts_with("--") => {
                return Err(Fatal(format!(
                    "unknown option `{flag}` (see `shouhoubao --help`)"
                )))
            }
            file => {
                if parsed.input.is_some() {
                    return Err(Fatal(format!("more than one input file given (`{file}`)")));
                }
                parsed.input = Some(file.to_owned());
            }
        }
    }
    Ok(parsed)
}

/// `--now` as epoch milliseconds or an RFC 3339 instant.
fn parse_now(text: &str) -> Result<Instant, Fatal> {
    let instant = match text.parse::<f64>() {
        Ok(ms) => shouhoubao::internals::now_from_millis(ms).map_err(|e| e.message),
        Err(_) => Instant::parse_rfc3339(text),
    };
    instant.map_err(|message| Fatal(format!("--now: {message}")))
}

fn eval(args: &[String]) -> Result<ExitCode, Fatal> {
    let args = parse_eval_args(args)?;
    let engine = match &args.policy {
        None => Engine::with_default_policy(),
        Some(path) => Engine::from_json_str(&read(Some(path))?),
    }
    .map_err(|e| Fatal(format!("bad policy: {e}")))?
    .with_locale(args.locale);
    let now = match args.now {
        Some(now) => now,
        None => system_now()?,
    };
    let text = read(args.input.as_deref())?;
    let orders = split_orders(&text)?;

    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    for (prefix, order) in orders {
        let answered = order.and_then(|value| answer(&engine, value.value(), now, args.compact));
        let line = match answered.map_err(|(id, error)| (id, error.within(&prefix))) {
            Ok(line) => line,
            Err((id, error)) => {
                failed = true;
                let failure = Failure {
                    ok: false,
                    order_id: id,
                    error,
                };
                serde_json::to_string(&failure)
                    .map_err(|e| Fatal(format!("cannot write the answers: {e}")))?
            }
        };
        writeln!(out, "{line}").map_err(|e| Fatal(format!("cannot write the answers: {e}")))?;
    }
    out.flush()
        .map_err(|e| Fatal(format!("cannot write the answers: {e}")))?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

type OrderError = (Option<String>, EngineError);

/// One order of the input: the prefix of its errors' paths (`[1]` in an
/// array, empty otherwise) and the order, or why it could not be read.
type InputOrder = (String, Result<Document, OrderError>);

/// The line for an order that could not be answered.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Failure {
    /// Always `false`: tells the line from an answer (`ok: true`).
    ok: bool,
    order_id: Option<String>,
    error: EngineError,
}

/// An answer without its window list (`--compact`), its other fields as the
/// answer writes them, in the same order.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct CompactAnswer<'a> {
    ok: bool,
    order_id: &'a str,
    status: shouhoubao::Status,
    deadline: &'a Option<String>,
    deadline_ms: Option<i64>,
    remaining_ms: Option<i64>,
    remaining_days: Option<i64>,
    reason: &'a shouhoubao::Reason,
    next_change_at: &'a Option<String>,
    next_change_at_ms: Option<i64>,
    provisional: bool,
    category_known: bool,
    policy_version: &'a str,
}

impl<'a> CompactAnswer<'a> {
    fn of(answer: &'a shouhoubao::Eligibility) -> CompactAnswer<'a> {
        CompactAnswer {
            ok: answer.ok,
            order_id: &answer.order_id,
            status: answer.status,
            deadline: &answer.deadline,
            deadline_ms: answer.deadline_ms,
            remaining_ms: answer.remaining_ms,
            remaining_days: answer.remaining_days,
            reason: &answer.reason,
            next_change_at: &answer.next_change_at,
            next_change_at_ms: answer.next_change_at_ms,
            provisional: answer.provisional,
            category_known: answer.category_known,
            policy_version: &answer.policy_version,
        }
    }
}

/// The line for one order: its answer as JSON, without the window list when
/// `compact` (the package's `{ windows: false }`).
fn answer(
    engine: &Engine,
    order: Value,
    now: Instant,
    compact: bool,
) -> Result<String, OrderError> {
    let id = match order.get("id") {
        Some(Value::String(id)) => Some(id.to_owned()),
        _ => None,
    };
    let unwritable = |e: serde_json::Error| EngineError::order("", e.to_string());
    engine
        .evaluate_value(order, now)
        .and_then(|answer| {
            if !compact {
                return serde_json::to_string(&answer).map_err(unwritable);
            }
            serde_json::to_string(&CompactAnswer::of(&answer)).map_err(unwritable)
        })
        .map_err(|error| (id, error))
}

fn system_now() -> Result<Instant, Fatal> {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| Fatal("the system clock is before 1970".to_owned()))?
        .as_millis();
    i64::try_from(ms)
        .ok()
        .and_then(Instant::from_millis)
        .ok_or_else(|| Fatal("the system clock is out of range".to_owned()))
}

fn read(path: Option<&str>) -> Result<String, Fatal> {
    let mut text = String::new();
    match path {
        Some(path) => {
            text = std::fs::read_to_string(path)
                .map_err(|e| Fatal(format!("cannot read `{path}`: {e}")))?;
        }
        None => {
            io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Fatal(format!("cannot read standard input: {e}")))?;
        }
    }
    Ok(text)
}

/// The orders in the input, each with the path prefix its errors carry:
///
/// - a JSON array (the input starts with `[`): each item is an order,
///   answered on its own; an item that is valid JSON but not a readable
///   value (a duplicate key, nesting past 64 levels) is that order's error,
///   at `[i]`. An array that is not JSON at all is reported once, with the
///   parser's line and column.
/// - one JSON value, over as many lines as it likes;
/// - JSON Lines: the first non-blank line is, by its syntax, a JSON value
///   on its own; a line that is not a readable JSON value becomes that
///   order's error.
///
/// Input that is none of these — a pretty-printed order with a syntax error,
/// say — is reported once, with the line and column of the fault. A UTF-8
/// byte order mark at the start is skipped.
fn split_orders(text: &str) -> Result<Vec<InputOrder>, Fatal> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(Fatal("the input holds no order".to_owned()));
    }
    if trimmed.starts_with('[') {
        let items: Vec<&serde_json::value::RawValue> = serde_json::from_str(text)
            .map_err(|e| Fatal(format!("the input is not valid JSON: {e}")))?;
        return Ok(items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let prefix = format!("[{index}]");
                let order = parse_document(item.get())
                    .map_err(|e| (None, EngineError::order("", format!("not valid JSON: {e}"))));
                (prefix, order)
            })
            .collect());
    }
    let whole = parse_document(text);
    if let Ok(value) = whole {
        return Ok(vec![(String::new(), Ok(value))]);
    }
    // JSON Lines when the first line is a JSON value of its own (by syntax:
    // its own faults, a duplicate key say, are that order's error).
    let first_line = text.lines().find(|line| !line.trim().is_empty());
    let lines_mode = first_line
        .is_some_and(|line| serde_json::from_str::<&serde_json::value::RawValue>(line).is_ok());
    if let (Err(e), false) = (whole, lines_mode) {
        return Err(Fatal(format!("the input is not valid JSON: {e}")));
    }
    Ok(text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(number, line)| {
            let order = parse_document(line).map_err(|e| {
                // Lines are numbered from 1; the count is far below usize::MAX.
                #[allow(clippy::arithmetic_side_effects)]
                let message = format!("line {}: not valid JSON: {e}", number + 1);
                (None, EngineError::order("", message))
            });
            (String::new(), order)
        })
        .collect())
}
