//! Arbitrary bytes → `now` (the first 8 bytes, see `split_now`) and an order
//! as JSON text → `json::parse` → the default policy's `evaluate_json`.
//! Never a panic; an answer must hold the invariants (remainingDays ≥ 0,
//! nextChangeAt after now, windows sorted, …). See
//! `shouhoubao_fuzz::targets::order_default`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| shouhoubao_fuzz::targets::order_default(data));
