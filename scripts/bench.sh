#!/usr/bin/env bash
# Measures Covscope at scale: builds the release, generates coverage.json inputs, serves
# dist/ on 127.0.0.1 and drives Debian's Chromium (tests/bench/bench.mjs), then prints a
# markdown table: load times and memory, sort and filter, the cold start (first paint and
# time to interactive with the demo) and the bytes the first view fetches beside those
# loaded only when first used. Not part of scripts/test.sh: it takes minutes and its
# figures vary. `--sizes '' --interaction-files 0` measures only the start and the sizes.
# `--formats lcov,cobertura,istanbul` adds those formats' inputs (scripts/gen_formats.py,
# `--format-size` MB each), timed against their JavaScript peer's parse of the same bytes.
#
#   bash scripts/bench.sh [--runs N] [--sizes 1,10,100] [--port P] [--timeout S]
#                         [--interaction-files N] [--formats lcov,cobertura,istanbul]
#                         [--format-size MB] [--no-build] [--no-views]
#
# The code views (issue 16: the source view of a 10,000-line file, the folder tree of the
# interaction report) are measured unless --no-views.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"

runs=5
sizes=1,10,100
port="${BENCH_PORT:-4190}"
timeout_seconds=600
interaction_files=50000
formats=""
format_size=100
build=1
views=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --timeout) timeout_seconds="$2"; shift 2 ;;
    --interaction-files) interaction_files="$2"; shift 2 ;;
    --formats) formats="$2"; shift 2 ;;
    --format-size) format_size="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --no-views) views=0; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

ensure_test_tools
cd "$COVSCOPE_ROOT"

if [ "$build" = 1 ]; then
  say "release build (trunk build --release)"
  trunk build --release
fi

say "the generator reproduces tests/fixtures/generated/small-contexts-regions.json.gz byte for byte"
scratch="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT
python3 scripts/gen_coverage.py --files 20 --seed 43 --contexts --contexts-per-line 1 \
  --regions --precision 2 -o "$scratch/small.json" 2>/dev/null
gzip -dc tests/fixtures/generated/small-contexts-regions.json.gz >"$scratch/committed.json"
if ! cmp -s "$scratch/small.json" "$scratch/committed.json"; then
  echo "scripts/gen_coverage.py no longer writes the committed fixture; regenerate it (see tests/fixtures/generated/README.md) and update tests/generated_report.rs" >&2
  exit 1
fi
echo "identical ($(wc -c <"$scratch/committed.json") bytes)"

# Inputs are cached per generator version: a changed generator gets a fresh folder.
generator_hash="$(sha256sum scripts/gen_coverage.py | cut -c1-12)"
inputs="target/bench-inputs/$generator_hash"
mkdir -p "$inputs"
generate() {
  local output="$inputs/$1"
  shift
  if [ ! -s "$output" ]; then
    say "generating $output"
    python3 scripts/gen_coverage.py "$@" -o "$output.partial" 2>"$output.files.partial"
    sed -i 's/ files$//' "$output.files.partial"
    mv "$output.files.partial" "$output.files"
    mv "$output.partial" "$output"
  fi
}
IFS=, read -r -a size_list <<<"$sizes"
for size in "${size_list[@]}"; do
  generate "coverage-${size}mb-contexts.json" --target-bytes "$((size * 1000000))" --contexts --seed 7
done
if [ "$interaction_files" -gt 0 ]; then
  generate "coverage-${interaction_files}-files.json" --files "$interaction_files" --seed 5
fi
# The source view's long module and its report: a second made-up input, so cheap (under a
# second) that it is written again every time.
view_arguments=(--no-views)
if [ "$views" = 1 ]; then
  say "generating $inputs/long-source (a 10,000-line module and its coverage.json)"
  rm -rf "$inputs/long-source"
  python3 scripts/gen_long_source.py --lines 10000 --seed 3 -o "$inputs/long-source"
  view_arguments=(--views --source-inputs "$inputs/long-source")
fi
ls -l "$inputs"

# The other formats come from their own generator, cached by its own hash the same way.
format_inputs="target/bench-inputs/formats-$(sha256sum scripts/gen_formats.py | cut -c1-12)"
IFS=, read -r -a format_list <<<"$formats"
for format in "${format_list[@]}"; do
  case "$format" in
    lcov) name="lcov-${format_size}mb.info" ;;
    cobertura) name="cobertura-${format_size}mb.xml" ;;
    istanbul) name="coverage-final-${format_size}mb.json" ;;
    *) echo "unknown format: $format (lcov, cobertura or istanbul)" >&2; exit 2 ;;
  esac
  output="$format_inputs/$name"
  mkdir -p "$format_inputs"
  if [ ! -s "$output" ]; then
    say "generating $output"
    python3 scripts/gen_formats.py --format "$format" --target-bytes "$((format_size * 1000000))" --seed 9 \
      -o "$output.partial" --paths-out "$output.paths" 2>"$output.files.partial"
    sed -i 's/ files$//' "$output.files.partial"
    mv "$output.files.partial" "$output.files"
    mv "$output.partial" "$output"
  fi
done
if [ -n "$formats" ]; then ls -l "$format_inputs"; fi

say "serving dist/ at http://127.0.0.1:$port/"
DIST_DIR="$COVSCOPE_ROOT/dist" E2E_PORT="$port" node tests/e2e/serve.mjs >"$scratch/server.log" 2>&1 &
server_pid=$!
curl -fs --retry 10 --retry-connrefused -o /dev/null "http://127.0.0.1:$port/"

say "benchmark (median of $runs runs; progress on stderr, the table on stdout)"
# The tables also go to target/bench-latest.md, to copy into BENCHMARKS.md with the
# machine and date they name.
node tests/bench/bench.mjs --url "http://127.0.0.1:$port/" --dist dist --inputs "$inputs" \
  --sizes "$sizes" --runs "$runs" --timeout "$timeout_seconds" --interaction-files "$interaction_files" \
  --formats "$formats" --format-size "$format_size" --format-inputs "$format_inputs" \
  "${view_arguments[@]}" | tee target/bench-latest.md
