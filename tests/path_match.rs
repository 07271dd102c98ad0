//! Paths written in documents find their file in a coverage report by suffix, never by guess.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::coverage_py_report;

use covscope::core::analysis::path_match::{match_path_by_suffix, PathMatch};
use covscope::core::model::CoverageReport;
use covscope::core::text::looks_like_source_path;

/// Matches a written path and returns the matched report paths (empty when none).
fn check(report: &CoverageReport, written: &str, expected: &[&str], ambiguous: bool) {
    let matched = match_path_by_suffix(written, report);
    let (paths, is_ambiguous): (Vec<&str>, bool) = match &matched {
        PathMatch::Unique(index) => (vec![report.files[*index].path.as_str()], false),
        PathMatch::Ambiguous(indices) => (
            indices
                .iter()
                .map(|&index| report.files[index].path.as_str())
                .collect(),
            true,
        ),
        PathMatch::NotFound => (vec![], false),
    };
    assert_eq!(paths, expected, "{written}");
    assert_eq!(is_ambiguous, ambiguous, "{written}");
}

#[test]
fn suffixes_match_whole_segments() {
    let toolz = coverage_py_report("coverage/toolz/coverage.json");
    check(&toolz, "toolz/functoolz.py", &["toolz/functoolz.py"], false);
    check(&toolz, "functoolz.py", &["toolz/functoolz.py"], false);
    check(
        &toolz,
        "`toolz/curried/operator.py`",
        &["toolz/curried/operator.py"],
        false,
    );
    check(&toolz, "./toolz/utils.py", &["toolz/utils.py"], false);
    check(
        &toolz,
        "/home/ci/src/toolz/utils.py",
        &["toolz/utils.py"],
        false,
    );
    check(&toolz, "toolz\\recipes.py", &["toolz/recipes.py"], false);
    check(&toolz, "oolz.py", &[], false);
    check(&toolz, "backend/core/models.py", &[], false);
    check(&toolz, "", &[], false);
}

#[test]
fn several_equal_matches_are_reported_as_ambiguous() {
    let toolz = coverage_py_report("coverage/toolz/coverage.json");
    check(
        &toolz,
        "__init__.py",
        &[
            "toolz/__init__.py",
            "toolz/curried/__init__.py",
            "toolz/sandbox/__init__.py",
        ],
        true,
    );
    check(
        &toolz,
        "curried/__init__.py",
        &["toolz/curried/__init__.py"],
        false,
    );
}

#[test]
fn an_exact_path_beats_longer_suffix_matches() {
    let windows = coverage_py_report("variants/coverage-windows-separators.json");
    check(&windows, "src/pkg/util.py", &["src\\pkg\\util.py"], false);
    check(&windows, "util.py", &["src\\pkg\\util.py"], false);
}

#[test]
fn only_path_like_words_are_looked_up() {
    let expectations = [
        ("backend/core/models.py", true),
        ("models.py", true),
        ("`core/x.py`", true),
        ("Overall coverage", false),
        ("models", false),
        ("v1.", false),
        ("", false),
    ];
    for (text, expected) in expectations {
        assert_eq!(looks_like_source_path(text), expected, "{text}");
    }
}
