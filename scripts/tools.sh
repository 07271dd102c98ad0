#!/usr/bin/env bash
# Installs, only when missing, the pinned tools Covscope builds and tests with.
# Sourced by scripts/serve.sh and scripts/test.sh; every step is idempotent.
set -euo pipefail

COVSCOPE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"
WASM_BINDGEN_VERSION="0.2.130"
TWIGGY_VERSION="0.8.0"
export PATH="$HOME/.cargo/bin:$COVSCOPE_ROOT/tests/e2e/node_modules/.bin:$PATH"

say() { printf '\n== %s\n' "$*"; }

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$component"; then
      rustup component add "$component"
    fi
  done
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
    say "installing trunk $TRUNK_VERSION (takes about 9 minutes, once)"
    cargo install --locked trunk --version "$TRUNK_VERSION"
  fi
}

ensure_wasm_bindgen() {
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
    # --locked fails against this registry mirror, so the lock file is not used here.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

# twiggy, which lists what each function and data segment of a wasm file weighs
# (scripts/wasm-parts.sh).
ensure_twiggy() {
  if ! twiggy --version 2>/dev/null | grep -q "$TWIGGY_VERSION"; then
    say "installing twiggy $TWIGGY_VERSION"
    cargo install --locked twiggy --version "$TWIGGY_VERSION"
  fi
}

# The npm packages: binaryen (wasm-opt 132 for release builds) and Playwright.
ensure_node_modules() {
  local e2e="$COVSCOPE_ROOT/tests/e2e"
  local stamp="$e2e/node_modules/.covscope-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$e2e/package-lock.json" "$stamp"; then
    say "installing npm packages for the build and the browser tests"
    (cd "$e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
    cp "$e2e/package-lock.json" "$stamp"
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi
}

ensure_cargo_dependencies() {
  # Trunk builds offline, so every crate must be in the local registry first.
  (cd "$COVSCOPE_ROOT" && cargo fetch --quiet)
}

# Everything the test and benchmark commands need: the build tools, Chromium, the npm
# packages and the crates.
ensure_test_tools() {
  ensure_wasm_target
  ensure_trunk
  ensure_wasm_bindgen
  ensure_chromium
  ensure_node_modules
  ensure_cargo_dependencies
}
