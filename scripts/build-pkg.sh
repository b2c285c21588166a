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
profile=(--profile wasm-package)
out=pkg
if [ "${1:-}" = --profiling ]; then
  # The same optimised code with its function names kept. wasm-pack's own
  # --profiling build is cargo's release profile with debug info: unwinding
  # unless told otherwise, and cargo profiles cannot be layered from the
  # command line, so this one build takes panic = "abort" from the
  # environment (as [profile.wasm-package] sets it for the package).
  export CARGO_PROFILE_RELEASE_PANIC=abort
  profile=(--profiling)
  out=pkg-profiling
fi
# A fresh folder: nothing of an earlier build (a snippet folder of another
# hash) stays beside the new one.
rm -rf "$out"
# The module is the crate crates/shouhoubao-wasm (the JS boundary around the
# engine); wasm-pack takes --out-dir relative to it, so pkg/ is given whole.
# no-install: use the wasm-bindgen on PATH (pinned to Cargo.lock) or fail loudly.
# --profile wasm-package: the release profile with panic = "abort" (Cargo.toml).
# --features package: talc as the allocator (crates/shouhoubao-wasm/Cargo.toml).
wasm-pack --quiet build crates/shouhoubao-wasm "${profile[@]}" --target web --mode no-install --out-name shouhoubao --out-dir "$PWD/$out" --features package
node crates/shouhoubao-wasm/finish-pkg.mjs "$out"
