#!/usr/bin/env bash
# The benchmarks (the `bench` command; not part of the tests): the same 10,000
# generated orders (bench/orders.mjs) through the wasm engine and through the
# plain-JavaScript PlainEngine (bench/plain-engine.mjs), in Node and in
# Debian's headless Chromium, each in its own process. Prints Markdown tables.
#
#   bench/run.sh [--reps 9] [--cold-runs 9]
#
# Builds pkg/ first (scripts/build-pkg.sh) when it is missing or older than the
# engine's sources, as scripts/run.sh does; BENCH_BUILD=1 forces a build.
set -euo pipefail
cd "$(dirname "$0")/.."

wasm=pkg/shouhoubao_bg.wasm
if [ "${BENCH_BUILD:-0}" = 1 ] || [ ! -f "$wasm" ] || [ ! -f pkg/shouhoubao.js ] \
  || [ -n "$(find src Cargo.toml Cargo.lock -newer "$wasm" -print -quit 2>/dev/null)" ]; then
  echo "bench: building pkg/ (scripts/build-pkg.sh)" >&2
  scripts/build-pkg.sh
fi
# playwright-core (npm ci) and Debian's chromium, installed by the project's own script.
if [ ! -d node_modules/playwright-core ] || [ ! -x /usr/bin/chromium ]; then
  scripts/ensure-tools.sh browser
fi

echo "## shouhoubao benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores"
echo
node bench/node.mjs "$@"
echo
node bench/chromium.mjs "$@"
