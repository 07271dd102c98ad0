#!/usr/bin/env bash
# Installs what is missing, then serves Covscope with its demo at http://127.0.0.1:8080/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
ensure_wasm_target
ensure_trunk
ensure_wasm_bindgen
ensure_node_modules
ensure_cargo_dependencies
cd "$COVSCOPE_ROOT"
say "serving Covscope at http://127.0.0.1:${COVSCOPE_PORT:-8080}/ (Ctrl-C stops it)"
# No autoreload: its injected inline script would be refused by the Content-Security-Policy.
exec trunk serve --release --no-autoreload --address 127.0.0.1 --port "${COVSCOPE_PORT:-8080}"
