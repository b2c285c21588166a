#!/usr/bin/env bash
# Installs, idempotently, what the build and the tests need — from the package
# registries only (crates.io, Debian, npm). Each step checks before installing.
#   scripts/ensure-tools.sh rust     wasm32 target
#   scripts/ensure-tools.sh wasm     + wasm-bindgen-cli (pinned to Cargo.lock), wasm-pack, npm packages (binaryen…)
#   scripts/ensure-tools.sh browser  + Debian chromium, chromium-driver, fonts-noto-cjk,
#                                      firefox-esr, libjavascriptcoregtk-4.0-bin (jsc),
#                                      webkit2gtk-driver (WebKitWebDriver, MiniBrowser), xvfb, xauth;
#                                      geckodriver (crates.io, pinned)
set -euo pipefail
cd "$(dirname "$0")/.."
level=${1:-browser}
log() { printf '[ensure-tools] %s\n' "$*" >&2; }

# --- Rust target -------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
[ "$level" = rust ] && exit 0

export PATH="$HOME/.cargo/bin:$PATH"

# --- wasm-bindgen-cli, pinned to the wasm-bindgen version in Cargo.lock ------
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$want" ] || { log "no wasm-bindgen in Cargo.lock"; exit 2; }
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  log "installing wasm-bindgen-cli $want (have: ${have:-none}); takes several minutes the first time"
  # --locked fails on this registry (one locked dependency version is missing).
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# --- wasm-pack -----------------------------------------------------------------
if ! command -v wasm-pack >/dev/null 2>&1; then
  log "installing wasm-pack from crates.io"
  cargo install wasm-pack
fi

# --- npm packages (binaryen's wasm-opt, test tools), from package-lock.json --------
if [ -f package-lock.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm packages (npm ci)"
    npm ci --no-audit --no-fund
  fi
fi
[ "$level" = wasm ] && exit 0

# --- Browsers and engines (Debian): Chromium and its driver, Firefox ESR, the
# jsc shell (JavaScriptCore), WebKitGTK's MiniBrowser and WebKitWebDriver with
# Xvfb (the page in a real WebKit), and a CJK font for the screenshots -------
missing=()
for pkg in chromium chromium-driver fonts-noto-cjk firefox-esr libjavascriptcoregtk-4.0-bin \
  webkit2gtk-driver xvfb xauth; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing from Debian: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- geckodriver (Firefox's WebDriver) from crates.io, pinned --------------------
GECKODRIVER_VERSION=0.37.1
have=$(geckodriver --version 2>/dev/null | awk 'NR == 1 { print $2 }' || true)
if [ "$have" != "$GECKODRIVER_VERSION" ]; then
  log "installing geckodriver $GECKODRIVER_VERSION from crates.io (have: ${have:-none})"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --force
fi
