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
cargo clippy --lib --tests --target wasm32-unknown-unknown -- -D warnings

step "cargo test (unit, golden vectors, properties, CLI)"
cargo test

step "build the npm package (pkg/)"
scripts/build-pkg.sh

export PATH="$PWD/node_modules/.bin:$PATH"

step "wasm-pack test --node (golden vectors through wasm)"
wasm-pack test --node --mode no-install -- --test web

step "wasm-pack test --headless --chrome (golden vectors in Chromium)"
# webdriver.json gives Chromium its flags (--no-sandbox as root, no background networking).
WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver --mode no-install -- --test web

step "wasm-pack test --headless --firefox (golden vectors in SpiderMonkey)"
# webdriver.json gives Firefox ESR its headless flag and prefs that keep it off
# the network; geckodriver makes a fresh profile in /tmp (writable as root).
WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --firefox --geckodriver "$(command -v geckodriver)" --mode no-install -- --test web

step "TypeScript consumer (tsc --noEmit --strict)"
tsc -p tests/js/tsconfig.json

step "node --test (JS API, mini-program loader, JavaScriptCore with and without JIT, Vite consumer, demo page e2e)"
node --test tests/js/ tests/e2e/

echo
echo "all checks passed"
