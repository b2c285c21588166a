//! A server that answers orders, with the same engine the package runs in
//! the browser: what a back end uses to give the page's answer itself.
//!
//! ```text
//! cargo run --example server                # listens on 127.0.0.1:8040
//! cargo run --example server -- 0.0.0.0:80
//! curl -d '{"id":"T1","category":"apparel","status":"success","successAt":"2021-09-20T20:15:00+08:00"}' \
//!      'http://127.0.0.1:8040/evaluate?now=1632445200000'
//! ```
//!
//! `POST /evaluate` takes one order (contract §4) as JSON and answers with
//! the engine's answer (contract §5) as JSON; `now` (epoch milliseconds) is
//! the moment to answer at, the server's clock without it. A bad order is
//! `400` with `{"ok":false,"error":{code,path,message}}`. The policy is the
//! embedded default; a real server would build its `Engine` once from the
//! snapshot it also sends to pages (`Engine::from_policy`).
//!
//! Plain `std::net`, one request at a time: the example is the engine's
//! use, not an HTTP server to copy.

use shouhoubao::{Engine, EngineError, Instant};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};

/// The largest request body read: far above any order the contract allows.
const MAX_BODY: usize = 1 << 20;

fn main() -> std::io::Result<()> {
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8040".to_owned());
    let engine = Engine::with_default_policy().map_err(std::io::Error::other)?;
    let listener = TcpListener::bind(&address)?;
    println!("answering orders at http://{address}/evaluate");
    for stream in listener.incoming() {
        if let Err(error) = stream.and_then(|stream| serve(&engine, stream)) {
            eprintln!("a request failed: {error}");
        }
    }
    Ok(())
}

/// Reads one request from `stream` and writes its response.
fn serve(engine: &Engine, stream: TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut body_length = 0;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                body_length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; body_length.min(MAX_BODY)];
    reader.read_exact(&mut body)?;
    let (status, json) = respond(engine, &request_line, &body, now_on_this_clock());
    write!(
        &stream,
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{json}",
        json.len()
    )
}

/// The status line's code and reason, and the JSON body, for one request:
/// `request_line` is `POST /evaluate?now=… HTTP/1.1`, `body` the order.
fn respond(
    engine: &Engine,
    request_line: &str,
    body: &[u8],
    clock: Option<Instant>,
) -> (&'static str, String) {
    let mut words = request_line.split_whitespace();
    let (Some("POST"), Some(target)) = (words.next(), words.next()) else {
        return (
            "405 Method Not Allowed",
            failure(EngineError::argument("", "POST an order to /evaluate")),
        );
    };
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path != "/evaluate" {
        return (
            "404 Not Found",
            failure(EngineError::argument("", "POST an order to /evaluate")),
        );
    }
    let now = match query.strip_prefix("now=") {
        None => clock,
        Some(ms) => ms.parse().ok().and_then(Instant::from_millis),
    };
    let Some(now) = now else {
        let refusal = EngineError::argument("now", "not an instant in epoch milliseconds");
        return ("400 Bad Request", failure(refusal));
    };
    let answer = std::str::from_utf8(body)
        .map_err(|_| EngineError::order("", "the order is not UTF-8"))
        .and_then(|order| engine.evaluate_json_str(order, now));
    match answer.and_then(|answer| {
        serde_json::to_string(&answer).map_err(|e| EngineError::order("", e.to_string()))
    }) {
        Ok(json) => ("200 OK", json),
        Err(error) => ("400 Bad Request", failure(error)),
    }
}

/// The body of a refusal: `{"ok":false,"error":{code,path,message}}`.
fn failure(error: EngineError) -> String {
    serde_json::json!({ "ok": false, "error": error }).to_string()
}

/// The server's clock, as the engine's instant (`None` if it is set
/// outside the years the engine reckons in).
fn now_on_this_clock() -> Option<Instant> {
    let elapsed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Instant::from_millis(i64::try_from(elapsed.as_millis()).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORDER: &str = r#"{"id":"T1","category":"apparel","status":"success","successAt":"2021-09-20T20:15:00+08:00"}"#;

    fn at(ms: i64) -> Option<Instant> {
        Instant::from_millis(ms)
    }

    #[test]
    fn an_order_is_answered_at_the_moment_asked() {
        let engine = Engine::with_default_policy().unwrap();
        // 2021-09-24T09:00:00+08:00: the entry's 15 days run to 10-05.
        let (status, json) = respond(
            &engine,
            "POST /evaluate?now=1632445200000 HTTP/1.1",
            ORDER.as_bytes(),
            at(0),
        );
        assert_eq!(status, "200 OK");
        let answer: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(answer["orderId"], "T1");
        assert_eq!(answer["status"], "open");
        assert_eq!(answer["remainingDays"], 12);
    }

    #[test]
    fn without_now_the_servers_clock_answers() {
        let engine = Engine::with_default_policy().unwrap();
        let (_, json) = respond(
            &engine,
            "POST /evaluate HTTP/1.1",
            ORDER.as_bytes(),
            at(1_632_445_200_000),
        );
        assert!(json.contains(r#""remainingDays":12"#), "{json}");
    }

    #[test]
    fn a_bad_order_or_request_is_refused_with_its_path() {
        let engine = Engine::with_default_policy().unwrap();
        let bad = r#"{"id":"T1","category":"apparel","status":"success","successAt":"yesterday"}"#;
        let (status, json) = respond(
            &engine,
            "POST /evaluate?now=0 HTTP/1.1",
            bad.as_bytes(),
            at(0),
        );
        assert_eq!(status, "400 Bad Request");
        let refusal: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(refusal["ok"], false);
        assert_eq!(refusal["error"]["code"], "INVALID_ORDER");
        assert_eq!(refusal["error"]["path"], "successAt");
        assert_eq!(
            respond(&engine, "GET /evaluate HTTP/1.1", b"", at(0)).0,
            "405 Method Not Allowed"
        );
        assert_eq!(
            respond(&engine, "POST /other HTTP/1.1", b"", at(0)).0,
            "404 Not Found"
        );
        assert_eq!(
            respond(&engine, "POST /evaluate?now=soon HTTP/1.1", b"", at(0)).0,
            "400 Bad Request"
        );
    }
}
