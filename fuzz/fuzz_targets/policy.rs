//! Arbitrary bytes → (if UTF-8) `Engine::from_json_str`: Ok or Err,
//! never a panic. An accepted policy then evaluates a few fixed orders of
//! each of its categories (and of an unknown one) at several moments, and
//! each answer must hold the invariants; 100 merchant promises answer, 101
//! are refused at `merchantPromises`. See `shouhoubao_fuzz::targets::policy`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| shouhoubao_fuzz::targets::policy(data));
