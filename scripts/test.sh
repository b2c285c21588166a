#!/usr/bin/env bash
# The test command: installs what it needs (idempotently), then runs every
# check and test suite of the project. Run from anywhere: `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n==> %s\n' "$*"; }

step "tools"
scripts/ensure-tools.sh browser

step "cargo fmt --check"
cargo fmt --check

step "cargo clippy (all targets, -D warnings)"
cargo clippy --all-targets -- -D warnings

step "cargo test (unit, golden vectors, properties, CLI)"
cargo test

step "the core compiles to wasm32"
cargo build --lib --target wasm32-unknown-unknown --release

echo
echo "all checks passed"
