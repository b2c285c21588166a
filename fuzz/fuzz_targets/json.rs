//! Arbitrary bytes → `json::parse`: never panics; when it accepts a text,
//! the value holds no duplicate key and nests at most `MAX_DEPTH`
//! containers — and the limits really are errors: the same text wrapped to
//! exactly the limit parses, one level more does not, and an object
//! repeating a key around it does not.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shouhoubao::json::parse;
use shouhoubao_fuzz::{depth, has_duplicate_keys, MAX_NESTING};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(value) = parse(text) else {
        return;
    };
    let d = depth(&value);
    assert!(d <= MAX_NESTING, "accepted {d} levels of nesting");
    assert!(!has_duplicate_keys(&value), "accepted a duplicate key");

    let wrap = |levels: usize| format!("{}{text}{}", "[".repeat(levels), "]".repeat(levels));
    let at_limit = parse(&wrap(MAX_NESTING - d));
    assert!(
        at_limit.is_ok(),
        "{} levels refused: {at_limit:?}",
        MAX_NESTING
    );
    assert!(
        parse(&wrap(MAX_NESTING - d + 1)).is_err(),
        "{} levels accepted",
        MAX_NESTING + 1
    );

    assert!(
        parse(&format!("{{\"k\":{text},\"k\":{text}}}")).is_err(),
        "a duplicate key accepted"
    );
    if d < MAX_NESTING {
        let two = parse(&format!("{{\"k\":{text},\"l\":{text}}}"));
        assert!(two.is_ok(), "distinct keys refused: {two:?}");
    }
});
