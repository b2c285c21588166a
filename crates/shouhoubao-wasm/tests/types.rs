//! The package's TypeScript declarations (src/types.d.ts) against the
//! engine's own names: every wire enum's union lists exactly the names the
//! engine writes and reads, in its order. (The input types' fields are held
//! to the glue's shapes by tests/js/shapes-agree.test.mjs.)

#![allow(clippy::restriction)] // test code: a failed check panics, and that is the report

use shouhoubao::internals::{OrderStatus, PromiseFrom, PromiseService, Wire};
use shouhoubao::{Anchor, Counting, ErrorCode, Locale, Service, StateReason, Status, WindowCode};

const TYPES: &str = include_str!("../src/types.d.ts");

/// The members of `export type {name} = "a" | "b";` in the declarations.
fn declared_union(name: &str) -> Vec<String> {
    let start = format!("export type {name} = ");
    let line = TYPES
        .lines()
        .find_map(|line| line.strip_prefix(start.as_str()))
        .unwrap_or_else(|| panic!("types.d.ts declares no `{start}…`"));
    line.trim_end_matches(';')
        .split(" | ")
        .map(|member| member.trim_matches('"').to_owned())
        .collect()
}

fn names<T: Wire>() -> Vec<String> {
    T::ALL.iter().map(|m| m.as_str().to_owned()).collect()
}

#[test]
fn types_declare_every_wire_name() {
    let unions = [
        ("Status", names::<Status>()),
        ("WindowCode", names::<WindowCode>()),
        ("StateReason", names::<StateReason>()),
        ("Service", names::<Service>()),
        ("Anchor", names::<Anchor>()),
        ("Counting", names::<Counting>()),
        ("ErrorCode", names::<ErrorCode>()),
        ("Locale", names::<Locale>()),
        ("OrderStatus", names::<OrderStatus>()),
        ("PromiseService", names::<PromiseService>()),
        ("PromiseFrom", names::<PromiseFrom>()),
    ];
    for (name, engine_names) in unions {
        assert_eq!(declared_union(name), engine_names, "{name}");
    }
}
