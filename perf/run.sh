#!/usr/bin/env bash
# The benchmarks (the `bench` command; not part of the tests): generated
# orders (tests/oracle/orders.mjs) through the wasm engine and through the
# plain-JavaScript PlainEngine (tests/oracle/plain-engine.mjs), in Node, in Debian's
# headless Chromium, and in JavaScriptCore (the `jsc` shell, with JIT and
# with --useJIT=false as on iOS) through the mini-program build, each in its
# own process. Prints Markdown tables, then a summary of the ratios.
#
#   perf/run.sh [--reps 9] [--cold-runs 9]
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

out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "## shouhoubao benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores"
echo
node perf/node.mjs "$@" | tee -a "$out"
echo
node perf/chromium.mjs "$@" | tee -a "$out"
# JavaScriptCore: 2,000 orders (no JIT is slow), as the mini-program loads it.
echo
jsc -m perf/jsc.mjs -- --orders 2000 --reps 9 --label JIT | tee -a "$out"
echo
jsc --useJIT=false -m perf/jsc.mjs -- --orders 2000 --reps 5 --label no-JIT | tee -a "$out"
echo
echo "### First page of answers from nothing loaded, in JavaScriptCore (\`perf/first-page.mjs\`, a fresh \`jsc\` per run)"
echo
echo "| runtime | wasm ms (median) | PlainEngine ms (median) | wasm / plain | runs |"
echo "|---|---:|---:|---:|---:|"
for flags in "" "--useJIT=false"; do
  for kind in wasm plain; do
    for _ in 1 2 3 4 5 6 7; do
      jsc $flags -m perf/first-page.mjs -- "$kind" | grep '^FIRST-PAGE ' | sed "s/^FIRST-PAGE /${flags:-JIT} /"
    done
  done | node --input-type=module -e '
import { readFileSync } from "node:fs";
const rows = readFileSync(0, "utf8").trim().split("\n").map((l) => { const i = l.indexOf(" "); return { flags: l.slice(0, i), ...JSON.parse(l.slice(i + 1)) }; });
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const of = (kind) => median(rows.filter((r) => r.kind === kind).map((r) => r.ms));
const label = rows[0].flags === "JIT" ? "jsc, JIT" : "jsc `--useJIT=false`";
console.log(`| ${label} | ${of("wasm").toFixed(2)} | ${of("plain").toFixed(2)} | **${(of("wasm") / of("plain")).toFixed(2)}×** | ${rows.length / 2} |`);'
done
echo
node perf/policy-sizes.mjs
echo
jsc --useJIT=false -m perf/policy-sizes.mjs -- no-JIT
echo
echo "### Compact answers ({ windows: false }): size and the trip to a worker"
echo
node perf/compact.mjs
echo
echo "### First countdown and the preload line for the .wasm (\`perf/preload.mjs\`, headless Chromium)"
echo
node perf/preload.mjs
echo
echo "### Summary: evaluateMany against PlainEngine, per order, in one process"
echo
node --input-type=module -e '
import { readFileSync } from "node:fs";
const targets = { Node: 2, Chromium: 2, "jsc JIT": 2.5, "jsc no-JIT": 4 };
const rows = readFileSync(process.argv[1], "utf8").split("\n").filter((l) => l.startsWith("SUMMARY ")).map((l) => JSON.parse(l.slice(8)));
console.log("| runtime | wasm µs/order | wasm / plain | target | orders as a page holds them: wasm / plain | first `new Engine()` (default policy) |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const r of rows) {
  const t = targets[r.runtime];
  const page = r.pageRatio === null ? "—" : `**${r.pageRatio}×** (≤ ${t}× ${r.pageRatio <= t ? "met" : "missed"})`;
  console.log(`| ${r.runtime} | ${r.usPerOrder} | **${r.ratio}×** | ≤ ${t}× ${r.ratio <= t ? "met" : "missed"} | ${page} | ${r.firstEngineMs} ms |`);
}' "$out"
