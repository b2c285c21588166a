//! Arbitrary bytes → (if UTF-8) `Engine::from_policy_json`: Ok or Err,
//! never a panic. An accepted policy then evaluates a few fixed orders of
//! each of its categories (and of an unknown one) at several moments, and
//! each answer must hold the invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shouhoubao::{json, Engine, Instant, Locale};
use shouhoubao_fuzz::{canned_orders, category_names, evaluate_and_check};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(engine) = Engine::from_policy_json(text) else {
        return;
    };
    let value = json::parse(text).expect("an accepted policy is JSON");
    assert!(
        Engine::from_policy_value(&value).is_ok(),
        "from_policy_value disagrees"
    );
    let mut names = category_names(&value);
    names.truncate(4);
    names.push("no_such_category".to_owned());
    for (i, name) in names.iter().enumerate() {
        let engine = if i % 2 == 0 {
            engine.clone()
        } else {
            engine.clone().with_locale(Locale::En)
        };
        for (order, moments) in canned_orders(name) {
            for ms in moments {
                if let Some(now) = Instant::from_millis(ms) {
                    evaluate_and_check(&engine, &order, now);
                }
            }
        }
    }
});
