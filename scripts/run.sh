#!/usr/bin/env bash
# The main job: evaluate the sample orders in www/ with the embedded default policy.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin shouhoubao
now=${NOW:-2021-09-15T10:00:00+08:00}
echo "shouhoubao eval --now $now examples/orders.jsonl" >&2
target/release/shouhoubao eval --now "$now" examples/orders.jsonl
