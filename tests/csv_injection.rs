//! CSV export never hands a spreadsheet a formula: hostile file paths and display strings
//! from dropped reports are neutralised, the signed numbers Covscope writes are not.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::fixture_bytes;

use covscope::core::analysis::compare::{build_delta_table, compare_reports, DeltaColumn};
use covscope::core::analysis::export::{comparison_to_csv, csv_field};
use covscope::core::formats::parse_coverage_py_json;
use covscope::core::model::CoverageReport;

fn load(name: &str) -> CoverageReport {
    parse_coverage_py_json(&fixture_bytes(&format!("csv-injection/{name}")))
        .value
        .unwrap_or_else(|| panic!("{name} loads"))
}

/// One cell: what goes in, and the exact CSV text that must come out.
fn check(input: &str, expected: &str) {
    assert_eq!(csv_field(input), expected, "{input:?}");
}

#[test]
fn cells_that_start_a_formula_are_quoted_behind_an_apostrophe() {
    check("=1+1", "\"'=1+1\"");
    check(
        "=HYPERLINK(\"http://evil.invalid\")",
        "\"'=HYPERLINK(\"\"http://evil.invalid\"\")\"",
    );
    check("+cmd|' /C calc'!A0", "\"'+cmd|' /C calc'!A0\"");
    check("-2+3+cmd", "\"'-2+3+cmd\"");
    check("@SUM(A1)", "\"'@SUM(A1)\"");
    check("\t=1", "\"'\t=1\"");
    check("\r=1", "\"'\r=1\"");
    check("-", "\"'-\"");
    check("-5.py", "\"'-5.py\"");
    check("+1.2.3", "\"'+1.2.3\"");
    check("-.5", "\"'-.5\"");
}

#[test]
fn plain_numbers_and_ordinary_text_are_left_alone() {
    check("-3.5", "-3.5");
    check("+20", "+20");
    check("-0", "-0");
    check("0.25", "0.25");
    check("100", "100");
    check("a=b.py", "a=b.py");
    check("plain/path.py", "plain/path.py");
    check("a,b.py", "\"a,b.py\"");
    check("", "");
}

#[test]
fn a_comparison_of_hostile_reports_exports_the_expected_csv() {
    let comparison = compare_reports(&load("before.json"), &load("after.json"));
    let rows = build_delta_table(&comparison, DeltaColumn::default_sort(), "", false);
    let expected = String::from_utf8(fixture_bytes("csv-injection/expected.csv")).expect("UTF-8");
    assert_eq!(comparison_to_csv(&comparison, &rows), expected);
}
