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

step "ESLint and Prettier over the JavaScript and TypeScript (eslint.config.js, .prettierrc.json)"
node_modules/.bin/eslint .
node_modules/.bin/prettier --check --log-level warn .

step "cargo clippy (-D warnings): the plain engine, every target of every crate, the boundary for wasm32"
cargo clippy --lib -- -D warnings
cargo clippy --workspace --all-targets --features shouhoubao/json,shouhoubao/schema -- -D warnings
cargo clippy -p shouhoubao-wasm --lib --tests --target wasm32-unknown-unknown --features package -- -D warnings

step "cargo test: the engine (unit, golden vectors, properties, doctests, the server example), the command, the boundary's native tests"
cargo test --features json,schema
cargo test -p shouhoubao-cli
cargo test -p shouhoubao-wasm

step "cargo doc (every public item documented, no broken links)"
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps --features json,schema
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps -p shouhoubao-cli
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps -p shouhoubao-wasm

step "build the npm package (pkg/)"
scripts/build-pkg.sh

export PATH="$PWD/node_modules/.bin:$PATH"

step "wasm-pack test --node (golden vectors through wasm)"
wasm-pack test --node --mode no-install crates/shouhoubao-wasm --test web

step "wasm-pack test --headless --chrome (golden vectors in Chromium)"
# crates/shouhoubao-wasm/webdriver.json gives Chromium its flags (--no-sandbox as root, no background networking).
WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver --mode no-install crates/shouhoubao-wasm --test web

step "wasm-pack test --headless --firefox (golden vectors in SpiderMonkey)"
# webdriver.json gives Firefox ESR its headless flag and prefs that keep it off
# the network; geckodriver makes a fresh profile in /tmp (writable as root).
WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --firefox --geckodriver "$(command -v geckodriver)" --mode no-install crates/shouhoubao-wasm --test web

step "TypeScript: a strict consumer, the package's own JavaScript and the countdown kit (tsc --checkJs)"
tsc -p tests/js/tsconfig.json
tsc -p tests/js/tsconfig.js.json
tsc -p tests/js/tsconfig.countdown.json
# The entry's consumer under the oldest and the newest TypeScript the package claims (5.9, 7).
tsc -p tests/js/tsconfig.entry.json
node node_modules/typescript-7/bin/tsc -p tests/js/tsconfig.entry.json

step "node --test (JS API, mini-program loader, JavaScriptCore with and without JIT, Vite consumer, demo page e2e)"
node --test tests/js/ tests/e2e/

echo
echo "all checks passed"
