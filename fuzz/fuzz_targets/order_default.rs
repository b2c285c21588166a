//! Arbitrary bytes → `now` (the first 8 bytes, see `split_now`) and an order
//! as JSON text → `json::parse` → the default policy's `evaluate_json`.
//! Never a panic; an answer must hold the invariants (remainingDays ≥ 0,
//! nextChangeAt after now, windows sorted, …).
#![no_main]

use libfuzzer_sys::fuzz_target;
use shouhoubao::json;
use shouhoubao_fuzz::{default_engine, evaluate_and_check, split_now};

fuzz_target!(|data: &[u8]| {
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
});
