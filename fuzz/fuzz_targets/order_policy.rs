//! Structured input (`shouhoubao_fuzz::structured::Case`, derived with
//! `arbitrary`): a policy and an order described by their parts, rendered
//! to JSON text, then evaluated — so the fuzzer works in the rules rather
//! than in JSON syntax. Never a panic; an answer must hold the invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shouhoubao::{json, now_from_millis, Engine, Locale};
use shouhoubao_fuzz::evaluate_and_check;
use shouhoubao_fuzz::structured::Case;

fuzz_target!(|case: Case| {
    let rendered = case.render();
    let policy = json::parse(&rendered.policy);
    let order = json::parse(&rendered.order);
    // The renderer writes JSON (a repeated part name aside, on purpose).
    let order =
        order.unwrap_or_else(|e| panic!("rendered order is not JSON: {e}\n{}", rendered.order));
    let Ok(engine) = Engine::from_policy_json(&rendered.policy) else {
        return;
    };
    assert!(policy.is_ok(), "a policy that is not JSON was accepted");
    let engine = if case.english {
        engine.with_locale(Locale::En)
    } else {
        engine
    };
    let Some(now) = rendered.now else {
        return;
    };
    let Ok(now) = now_from_millis(now) else {
        return;
    };
    evaluate_and_check(&engine, &order, now);
});
