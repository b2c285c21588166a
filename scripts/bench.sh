#!/usr/bin/env bash
# The `bench` command (`make bench`; not part of the tests): native speed
# (criterion), JS speed in Node and Chromium against the plain-JavaScript
# engine (perf/run.sh), and the package's size (scripts/size-report.sh).
# Prints Markdown; BENCHMARKS.md records a run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh browser >&2

echo "## Native (criterion, \`cargo bench --bench evaluate\`), 10,000 orders per iteration"
echo
echo "| what | time per 10k (criterion's estimate) | per order |"
echo "|---|---:|---:|"
cargo bench --quiet --features json --bench evaluate 2>/dev/null | awk '
  /^10k orders\// { name = substr($0, 12) }
  $1 == "time:" && $3 ~ /^(ms|µs|ns|s)$/ { gsub(/\[|\]/, ""); t = $4; u = $5;
            ns = (u == "ms" ? t * 1e6 : (u == "µs" ? t * 1e3 : t * 1e9)) / 10000;
            printf("| %s | %s %s | %.0f ns |\n", name, t, u, ns) }'
echo
perf/run.sh
echo
scripts/size-report.sh
