//! Structured input (`shouhoubao_fuzz::structured::Case`, derived with
//! `arbitrary`): a policy and an order described by their parts — now and
//! then with large parts at the contract's limits (deep parent chains, wide
//! trees, 100,000 dates, 100 merchant promises) — rendered to JSON text,
//! then checked and evaluated, so the fuzzer works in the rules rather than
//! in JSON syntax. Never a panic or a long check; a refusal is
//! INVALID_POLICY / INVALID_ORDER at a path (the predicted one, for the large
//! parts); an answer must hold the invariants. See
//! `shouhoubao_fuzz::targets::order_policy`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shouhoubao_fuzz::structured::Case;

fuzz_target!(|case: Case| shouhoubao_fuzz::targets::order_policy(&case));
