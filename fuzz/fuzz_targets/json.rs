//! Arbitrary bytes → `json::parse`: never panics; when it accepts a text,
//! the value holds no duplicate key and nests at most `MAX_DEPTH`
//! containers — and the limits really are errors (see
//! `shouhoubao_fuzz::targets::json`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| shouhoubao_fuzz::targets::json(data));
