//! Every kind of bad file gets one clear message saying what is wrong and where.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::fixture_bytes;

use covscope::core::input::parse_dropped_file;

fn check(fixture: &str, expected_message: &str) {
    let bytes = fixture_bytes(&format!("bad-input/{fixture}"));
    let outcome = parse_dropped_file(fixture, &bytes);
    assert!(outcome.value.is_none(), "{fixture} must not load");
    assert_eq!(outcome.first_error(), Some(expected_message), "{fixture}");
}

#[test]
fn empty_files() {
    check("empty.json", "the file is empty");
    check("whitespace-only.json", "the file is empty");
    check("empty-object.json", "the file is JSON but not a coverage.py report: there is no \"files\" object (it is an empty object)");
}

#[test]
fn invalid_json_says_line_and_column() {
    check(
        "truncated.json",
        "the file is not valid JSON: EOF while parsing a value (line 1, column 22)",
    );
    check(
        "trailing-garbage.json",
        "the file is not valid JSON: trailing characters (line 2, column 1)",
    );
    check(
        "deep-nesting.json",
        "the file could not be read as JSON: recursion limit exceeded (line 1, column 128)",
    );
}

#[test]
fn binary_and_wrongly_encoded_files() {
    check(
        "screenshot.png",
        "the file is binary, not text (a NUL byte at offset 8)",
    );
    check(
        "latin1.json",
        "the file is not valid UTF-8 (bad byte at offset 25, line 1)",
    );
    check(
        "utf16.json",
        "the file is UTF-16 encoded (little-endian); save it as UTF-8",
    );
}

#[test]
fn json_from_other_tools_names_the_keys_found() {
    check("metrics-summary.json", "the file is JSON but not a coverage.py report: there is no \"files\" object (found keys \"coverage_percent\", \"passed\", \"total_lines\"); it looks like a metrics summary that mentions coverage, not the output of `coverage json`");
    check(
        "istanbul-coverage-summary.json",
        "[\"total\"] has no \"branches\" and \"functions\", which every Istanbul summary has",
    );
    check("top-level-array.json", "the file is JSON but not a coverage.py report: the top level is an array, not an object with \"meta\", \"files\" and \"totals\"");
    check("files-is-array.json", "the file is JSON but not a coverage.py report: \"files\" is an array, not an object keyed by file path");
}

#[test]
fn wrong_values_inside_a_coverage_report_name_the_key() {
    check("wrong-type-num-statements.json", "files[\"x.py\"].summary.num_statements has the wrong type: invalid type: string \"12\", expected u64 (line 1, column 77)");
    check("negative-count.json", "files[\"x.py\"].summary.covered_lines has the wrong type: invalid value: integer `-1`, expected u64 (line 1, column 95)");
    check(
        "missing-summary.json",
        "files[\"x.py\"] has no \"summary\", which every coverage.py report has",
    );
}

/// A Cobertura root with nothing inside: the Cobertura parser says what is missing.
#[test]
fn cobertura_without_packages_says_what_is_missing() {
    check(
        "coverage.xml",
        "<coverage> at line 1, column 23: the report has no <packages> element, so it lists no files (every Cobertura writer writes one, even when empty)",
    );
}
