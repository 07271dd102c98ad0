#!/usr/bin/env bash
# Runs every fuzz target to exactly 10,000,000 executions, one after another, at the lowest
# CPU priority, logging each to logs/<target>.log and printing one line of figures each.
#
# Usage: fuzz/run-all.sh [target ...]   (no arguments: every target, in the order below)
# Needs the nightly toolchain and cargo-fuzz. FUZZ_RUNS overrides the execution count for
# a quick smoke run; the figures in TESTING.md come from the default.
# Built without AddressSanitizer (the code under test is safe Rust, and ASan costs about
# three times the speed) but with debug assertions and overflow checks, so an arithmetic
# overflow is a crash.
set -u
cd "$(dirname "$0")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
runs="${FUZZ_RUNS:-10000000}"
if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    targets=(share_fragment markdown_render frontmatter planning_document dropped_file coverage_py_json istanbul istanbul_summary unified_diff cobertura_xml clover_xml jacoco_xml lcov go_cover claims)
fi
mkdir -p logs
summary=logs/summary.txt
# Every binary is built before the first run starts, so editing the sources while the
# (hours-long) runs go on never changes or breaks a target halfway through the list.
build_flags=(--sanitizer none --debug-assertions)
for target in "${targets[@]}"; do
    if ! nice -n 19 cargo +nightly fuzz build "${build_flags[@]}" "$target" >"logs/$target.build.log" 2>&1; then
        echo "$target: build failed, see logs/$target.build.log" | tee -a "$summary"
        exit 1
    fi
done
binaries="$CARGO_TARGET_DIR/$(rustc +nightly -vV | sed -n 's/^host: //p')/release"
printf '%s run-all: %s executions per target, targets: %s\n' "$(date -u +%FT%TZ)" "$runs" "${targets[*]}" >>"$summary"
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target" "artifacts/$target"
    # Committed seeds are read but never written to; new inputs go to corpus/ (ignored).
    inputs=("corpus/$target")
    [ -d "seeds/$target" ] && inputs+=("seeds/$target")
    log="logs/$target.log"
    started=$(date +%s)
    # What `cargo fuzz run` would start, minus its rebuild check.
    nice -n 19 "$binaries/$target" -artifact_prefix="$PWD/artifacts/$target/" \
        -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 "${inputs[@]}" >"$log" 2>&1
    status=$?
    seconds=$(( $(date +%s) - started ))
    # libFuzzer ends with "Done N runs in S second(s)" and prints "cov: E" (edges) per line.
    executions=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 | grep -o '[0-9]*')
    edges=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
    if [ "$status" -eq 0 ] && [ -n "$executions" ]; then
        result="no crash, hang or out-of-memory"
    elif grep -q 'libFuzzer: timeout' "$log"; then
        result="TIMEOUT (exit $status), see $log"
    elif grep -q 'out-of-memory' "$log"; then
        result="OUT-OF-MEMORY (exit $status), see $log"
    elif grep -q -e 'deadly signal' -e 'panicked' -e 'ERROR: AddressSanitizer' "$log"; then
        result="CRASH (exit $status), see $log and artifacts/$target/"
    else
        result="FAILED (exit $status), see $log"
    fi
    executions="${executions:-0}"
    rate=$(( seconds > 0 ? executions / seconds : executions ))
    line=$(printf '%s %-18s executions=%s seconds=%s exec/s=%s edges=%s result=%s' \
        "$(date -u +%FT%TZ)" "$target" "$executions" "$seconds" "$rate" "${edges:-?}" "$result")
    echo "$line"
    echo "$line" >>"$summary"
done
