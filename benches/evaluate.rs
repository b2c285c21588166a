//! Native speed of the engine: `cargo bench --bench evaluate`.
//!
//! 10,000 generated orders over every default-policy category and every
//! window kind (entry, no-reason, 三包 with parts, repairs and exchanges,
//! merchant promises, long discovery, pending and closed), evaluated at one
//! moment. Reported per batch; divide by 10,000 for ns per order.

#![allow(clippy::restriction, missing_docs)] // bench code: a broken setup panics; criterion_main! writes `main`
#![cfg(not(target_arch = "wasm32"))]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::{json, Value};
use shouhoubao::internals::{parse_document, Document, EngineInternals};
use shouhoubao::{Engine, Instant};

/// Every category of the default policy, and one it does not know.
fn categories() -> Vec<String> {
    let policy: Value = serde_json::from_str(shouhoubao::DEFAULT_POLICY_JSON).unwrap();
    let mut names: Vec<String> = policy["categories"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    names.push("unknown".to_owned());
    names
}
const DAY: i64 = 86_400_000;

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> i64 {
        (self.next() % n) as i64
    }
}

fn orders(n: usize) -> Vec<Value> {
    let names = categories();
    let mut rng = Rng(0x5eed);
    let base = 1_704_038_400_000; // 2024-01-01T00:00:00+08:00
    (0..n)
        .map(|i| {
            let success = base + rng.below(700) * DAY + rng.below(DAY as u64);
            let status = match i % 23 {
                0 => "pending",
                1 => "closed",
                _ => "success",
            };
            let mut order = json!({
                "id": format!("O{i}"), "category": names[i % names.len()],
                "status": status, "successAt": success,
            });
            if rng.below(10) < 8 {
                order["deliveredAt"] = json!(success - rng.below(3 * DAY as u64));
            }
            if rng.below(2) == 0 {
                order["invoiceAt"] = json!("2024-03-31");
            }
            if rng.below(5) == 0 {
                order["repairDays"] = json!(rng.below(30));
            }
            if rng.below(8) == 0 {
                order["exchangedAt"] = json!(success + 20 * DAY);
            }
            if rng.below(3) == 0 {
                order["merchantPromises"] =
                    json!([{ "service": "repair", "months": 24, "from": "invoice" }]);
            }
            order
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let engine = Engine::with_default_policy().unwrap();
    let now = Instant::from_millis(1_748_743_200_000).unwrap(); // 2025-06-01T10:00:00+08:00
    let values = orders(10_000);
    let texts: Vec<String> = values.iter().map(Value::to_string).collect();
    let parsed: Vec<Document> = texts.iter().map(|t| parse_document(t).unwrap()).collect();
    let checked: Vec<_> = texts
        .iter()
        .map(|t| {
            engine
                .read_order(&shouhoubao::internals::parse(t).unwrap())
                .unwrap()
        })
        .collect();

    let mut group = c.benchmark_group("10k orders");
    group.throughput(Throughput::Elements(values.len() as u64));
    group.sample_size(20);
    group.bench_function("evaluate (checked orders)", |b| {
        b.iter(|| {
            checked
                .iter()
                .map(|o| engine.evaluate_facts(o, now).unwrap().windows.len())
                .sum::<usize>()
        })
    });
    group.bench_function("read + evaluate (JSON values on a tape)", |b| {
        b.iter(|| {
            parsed
                .iter()
                .map(|o| engine.evaluate_value(o.value(), now).unwrap().windows.len())
                .sum::<usize>()
        })
    });
    group.bench_function(
        "parse + read + evaluate + write (JSON text in and out)",
        |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|t| {
                        let order = parse_document(t).unwrap();
                        serde_json::to_string(&engine.evaluate_value(order.value(), now).unwrap())
                            .unwrap()
                            .len()
                    })
                    .sum::<usize>()
            })
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
