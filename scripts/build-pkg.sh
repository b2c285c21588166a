#!/usr/bin/env bash
# Builds the npm package into pkg/: wasm-pack (--target web) with the tools
# already installed (never downloading), then the package's own files.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh wasm
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# no-install: use the wasm-bindgen on PATH (pinned to Cargo.lock) or fail loudly.
# panic = "abort" for the module (see Cargo.toml's release profile).
export CARGO_PROFILE_RELEASE_PANIC=abort
wasm-pack --quiet build --release --target web --mode no-install --out-name shouhoubao --out-dir pkg
node scripts/finish-pkg.mjs
