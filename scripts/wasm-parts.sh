#!/usr/bin/env bash
# Where the bytes go: builds each of Covscope's WebAssembly binaries (the page's and the
# parsing worker's) as the release does, but with function names kept (wasm-bindgen
# --keep-debug, then wasm-opt -Oz -g), lists every item with twiggy and prints the largest
# parts, grouped by crate (covscope's own code by module). Sizes are after wasm-opt,
# uncompressed; names kept make each file a little larger than the release's.
#
#   bash scripts/wasm-parts.sh [rows, default 10]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
rows="${1:-10}"
ensure_wasm_target
ensure_wasm_bindgen
ensure_node_modules
ensure_twiggy
cd "$COVSCOPE_ROOT"
out="target/wasm-parts"
mkdir -p "$out"
# Each binary as index.html builds it: its cargo profile and its wasm-opt level (the page
# for size, the parsing worker for speed).
for part in "covscope release z" "covscope-parse-worker release-parse-worker 3"; do
  read -r bin profile level <<<"$part"
  say "$bin: $profile build with names kept"
  cargo build --profile "$profile" --target wasm32-unknown-unknown --bin "$bin"
  wasm-bindgen --target web --keep-debug --out-dir "$out" --out-name "$bin" \
    "target/wasm32-unknown-unknown/$profile/$bin.wasm"
  # The same wasm-opt and level as Trunk's release build (data-wasm-opt), names kept.
  wasm-opt "-O$level" -g --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/${bin}_bg.wasm" -o "$out/$bin.named.wasm"
  twiggy top -n 1000000 --format csv "$out/$bin.named.wasm" >"$out/$bin.twiggy.csv"
  printf '\n%s: %s bytes with names (%s gzipped)\n\n' "$bin" \
    "$(wc -c <"$out/$bin.named.wasm")" "$(gzip -9 -c "$out/$bin.named.wasm" | wc -c)"
  node scripts/wasm-parts.mjs "$out/$bin.twiggy.csv" "$rows"
done
