//! The `shouhoubao` command (feature `cli`; src/bin/shouhoubao.rs calls
//! [`main`]): the same engine for servers and scripts.
//!
//! ```text
//! shouhoubao eval [--policy FILE] [--now MS|RFC3339] [--locale zh-CN|en] [FILE]
//! shouhoubao policy [--schema | --check FILE]
//! ```
//!
//! `eval` reads one order object, a JSON array of orders, or JSON Lines from
//! FILE or standard input, and prints one answer per order as JSON Lines. An
//! order that cannot be answered prints `{"orderId":…,"error":{…}}` and the
//! rest go on. Exit status: 0 when every order was answered, 1 when any order
//! had an error, 2 for a bad policy, argument or unreadable input.
//!
//! `policy` prints the embedded default snapshot; `--schema` the snapshot's
//! JSON Schema; `--check FILE` checks a snapshot and prints each problem as
//! `error PATH: …` or `warning PATH: …` (exit 0: none, 1: only warnings,
//! 2: the engine refuses the snapshot, at its first fault).

use crate::json::{self, Json};
use crate::{Engine, EngineError, Instant, Locale};
use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

const USAGE: &str =
    "usage: shouhoubao eval [--policy FILE] [--now MS|RFC3339] [--locale zh-CN|en] [FILE]
       shouhoubao policy [--schema | --check FILE]
       shouhoubao --version";

/// A failure that ends the run with status 2 and one line on stderr.
struct Fatal(String);

/// Runs the command with the process's arguments; the exit status.
pub fn main() -> ExitCode {
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
            println!("shouhoubao {}", crate::VERSION);
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
        [] => print!("{}", crate::policy::DEFAULT_POLICY_JSON),
        [flag] if flag == "--schema" => {
            let schema = crate::input::schema::policy_schema();
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
        json::parse(&text).map_err(|e| Fatal(format!("the policy is not valid JSON: {e}")))?;
    let one_line = |s: &str| s.replace('\n', "\\n").replace('\r', "\\r");
    match crate::policy::check::check(&value) {
        Err(error) => {
            println!(
                "error {}: {}",
                one_line(&error.path),
                one_line(&error.message)
            );
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
    input: Option<String>,
}

fn parse_eval_args(args: &[String]) -> Result<EvalArgs, Fatal> {
    let mut parsed = EvalArgs {
        policy: None,
        now: None,
        locale: Locale::default(),
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
        Ok(ms) => crate::engine::now_from_millis(ms).map_err(|e| e.message),
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
    for order in orders {
        let line = match order.and_then(|value| answer(&engine, &value, now)) {
            Ok(line) => line,
            Err((id, error)) => {
                failed = true;
                let failure = Failure {
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

/// The line for an order that could not be answered.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Failure {
    order_id: Option<String>,
    error: EngineError,
}

fn answer(engine: &Engine, order: &Json, now: Instant) -> Result<String, OrderError> {
    let id = match order.get("id") {
        Some(Json::String(id)) => Some(id.to_string()),
        _ => None,
    };
    engine
        .evaluate_json(order, now)
        .and_then(|answer| {
            serde_json::to_string(&answer).map_err(|e| EngineError::order("", e.to_string()))
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

/// The orders in the input: a JSON array, one JSON value, or JSON Lines (a
/// line that is not JSON becomes that order's error, and the rest go on).
fn split_orders(text: &str) -> Result<Vec<Result<Json<'static>, OrderError>>, Fatal> {
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(Fatal("the input holds no order".to_owned()));
    }
    if trimmed.starts_with('[') {
        return match json::parse(text) {
            Ok(Json::Array(orders)) => Ok(orders.into_iter().map(Ok).collect()),
            Ok(_) => Err(Fatal("the input is not a JSON array of orders".to_owned())),
            Err(e) => Err(Fatal(format!("the input is not valid JSON: {e}"))),
        };
    }
    if let Ok(value) = json::parse(text) {
        return Ok(vec![Ok(value)]);
    }
    Ok(text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(number, line)| {
            json::parse(line).map_err(|e| {
                // Lines are numbered from 1; the count is far below usize::MAX.
                #[allow(clippy::arithmetic_side_effects)]
                let message = format!("line {}: not valid JSON: {e}", number + 1);
                (None, EngineError::order("", message))
            })
        })
        .collect())
}
