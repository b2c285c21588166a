#!/usr/bin/env bash
# Fuzzes the library (cargo-fuzz / libFuzzer): it must never panic, whatever
# the policy, the order or `now`. Not part of `make test`.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]     default 60
#
# Steps: install the nightly toolchain and cargo-fuzz when missing (rustup,
# crates.io; idempotent), seed the corpora from the golden vectors
# (fuzz/seed.mjs), build, then run each target for SECONDS_PER_TARGET and
# print its executions and whether it crashed. Exit status 1 when any target
# crashed (its input is in fuzz/artifacts/<target>/), 2 for a bad argument.
#
# Environment:
#   FUZZ_TARGETS    targets to run, in order (default: json policy order_default order_policy)
#   FUZZ_SANITIZER  cargo-fuzz sanitizer (default: none — the crate has no unsafe code;
#                   `address` is cargo-fuzz's own default, about half as fast)
#   FUZZ_ARGS       extra libFuzzer arguments (e.g. "-rss_limit_mb=4096")
#   SHOUHOUBAO_FUZZ_BASIC=1  keep only the basic invariants (see fuzz/src/lib.rs)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
log() { printf '[fuzz] %s\n' "$*" >&2; }

seconds=${1:-60}
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  log "usage: scripts/fuzz.sh [SECONDS_PER_TARGET]   (a positive whole number; got '$seconds')"
  exit 2
fi
read -r -a targets <<<"${FUZZ_TARGETS:-json policy order_default order_policy}"
sanitizer=${FUZZ_SANITIZER:-none}
read -r -a extra <<<"${FUZZ_ARGS:-}"

# --- tools: the nightly toolchain and cargo-fuzz ------------------------------
if ! rustup toolchain list | grep -q '^nightly'; then
  log "installing the nightly toolchain (rustup)"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  log "installing cargo-fuzz from crates.io"
  cargo install cargo-fuzz
fi

# --- corpora, seeded from the golden vectors -----------------------------------
node fuzz/seed.mjs

# --- build once, then run each target -------------------------------------------
log "building the fuzz targets (sanitizer: $sanitizer)"
cargo +nightly fuzz build -s "$sanitizer" >&2

logs=fuzz/target/fuzz-logs
mkdir -p "$logs"
declare -a report=()
crashed=0
for target in "${targets[@]}"; do
  if [ ! -f "fuzz/fuzz_targets/$target.rs" ]; then
    log "no fuzz target '$target'"
    exit 2
  fi
  artifacts=fuzz/artifacts/$target
  mkdir -p "$artifacts" "fuzz/corpus/$target"
  before=$(ls "$artifacts")
  dict=()
  [ "$target" = order_policy ] || dict=(-dict=fuzz/shouhoubao.dict)
  log "running $target for ${seconds}s (log: $logs/$target.log)"
  start=$(date +%s)
  set +e
  cargo +nightly fuzz run -s "$sanitizer" "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 -timeout=10 "${dict[@]}" "${extra[@]}" \
    >"$logs/$target.log" 2>&1
  status=$?
  set -e
  elapsed=$(($(date +%s) - start))
  execs=$(awk '/^stat::number_of_executed_units:/ { n = $2 } END { print (n == "" ? "?" : n) }' "$logs/$target.log")
  new=$(comm -13 <(printf '%s\n' "$before" | sort) <(ls "$artifacts" | sort) | grep -E '^(crash|oom|timeout|leak)-' || true)
  if [ -n "$new" ] || [ "$status" -ne 0 ]; then
    crashed=1
    found="CRASH (exit $status)"
    for f in $new; do found+=" $artifacts/$f"; done
    grep -m1 -E "panicked at|ERROR: libFuzzer|SUMMARY" "$logs/$target.log" >&2 || true
  else
    found="no crash"
  fi
  report+=("$(printf '%-14s %12s execs  %5ss  %s' "$target" "$execs" "$elapsed" "$found")")
done

echo "fuzz: ${seconds}s per target, sanitizer $sanitizer"
printf '%s\n' "${report[@]}"
if [ "$crashed" -ne 0 ]; then
  echo "fuzz: crash found. Reproduce: cargo +nightly fuzz run -s $sanitizer TARGET ARTIFACT;" \
    "minimise: cargo +nightly fuzz tmin -s $sanitizer TARGET ARTIFACT"
  exit 1
fi
