#!/usr/bin/env bash
# Builds scripts/bundle-floor (a one-component Yew app calling each library Covscope must
# use once) with Covscope's release settings and prints its size gzipped: the floor under
# issue #7's bundle budget. Offline, with its own target directory.
#
#   bash scripts/bundle-floor.sh
set -euo pipefail
source "$(dirname "$0")/tools.sh"
ensure_wasm_target
ensure_wasm_bindgen
ensure_node_modules
floor="$COVSCOPE_ROOT/scripts/bundle-floor"
target="$COVSCOPE_ROOT/target/bundle-floor"
out="$target/out"
say "building the bundle floor (release, opt-level z, fat LTO, panic abort)"
cargo build --offline --release --target wasm32-unknown-unknown \
  --manifest-path "$floor/Cargo.toml" --target-dir "$target"
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out" --out-name floor \
  "$target/wasm32-unknown-unknown/release/covscope-bundle-floor.wasm"
# The same wasm-opt and level as Trunk's release build (data-wasm-opt="z").
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/floor_bg.wasm" -o "$out/floor_opt.wasm"
wasm_gz=$(gzip -9 -c "$out/floor_opt.wasm" | wc -c)
js_gz=$(gzip -9 -c "$out/floor.js" | wc -c)
printf 'bundle floor: wasm %s bytes raw, %s gzipped; JS glue %s gzipped; total %s bytes gzipped\n' \
  "$(wc -c < "$out/floor_opt.wasm")" "$wasm_gz" "$js_gz" "$((wasm_gz + js_gz))"
