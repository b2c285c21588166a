#!/usr/bin/env bash
# The main job (`make run`): build the npm package into pkg/ when it is missing
# or older than the engine's sources, then serve the demo page
# (www/ at /, pkg/ at /pkg/) on 127.0.0.1 until interrupted.
#
#   scripts/run.sh [--port N]        PORT=N scripts/run.sh
#   make run ARGS="--port 9000"      make run PORT=9000
#
# Default port 8080; --port 0 picks a free one. The server prints its URL.
# Open it with ?now=2026-10-20T10:00:00+08:00 for the fixed demo moment.
set -euo pipefail
cd "$(dirname "$0")/.."

wasm=pkg/shouhoubao_bg.wasm
if [ ! -f "$wasm" ] || [ ! -f pkg/shouhoubao.js ] \
  || [ -n "$(find src build.rs Cargo.toml Cargo.lock crates/shouhoubao-wasm -newer "$wasm" -print -quit 2>/dev/null)" ]; then
  echo "shouhoubao: building pkg/ (scripts/build-pkg.sh)" >&2
  scripts/build-pkg.sh
fi

# `make run ARGS="--port 9000"`: make exports command-line variables to the recipe.
# shellcheck disable=SC2086
set -- ${ARGS:-} "$@"
exec node www/server.mjs "$@"
