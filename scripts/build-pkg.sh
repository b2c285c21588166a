#!/usr/bin/env bash
# Builds the npm package into pkg/: wasm-pack (--target web) with the tools
# already installed (never downloading), then the package's own files.
#
#   scripts/build-pkg.sh               pkg/, the package
#   scripts/build-pkg.sh --profiling   pkg-profiling/, the same module with
#                                      its function names (for profilers)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh wasm
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
mode=--release
out=pkg
if [ "${1:-}" = --profiling ]; then
  mode=--profiling
  out=pkg-profiling
fi
# no-install: use the wasm-bindgen on PATH (pinned to Cargo.lock) or fail loudly.
# panic = "abort" for the module (see Cargo.toml's release profile); the
# profiling build is the release profile with debug info.
export CARGO_PROFILE_RELEASE_PANIC=abort
wasm-pack --quiet build "$mode" --target web --mode no-install --out-name shouhoubao --out-dir "$out"
node scripts/finish-pkg.mjs "$out"
