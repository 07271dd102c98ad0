//! Combining runs refuses what cannot be combined, with a sentence saying why.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::coverage_py_report;

use covscope::core::analysis::combine::combine_reports;
use covscope::core::model::{CoverageFormat, CoverageReport};

fn check(reports: &[&CoverageReport], expected_error: &str) {
    let outcome = combine_reports(reports);
    assert!(outcome.value.is_none(), "{expected_error}");
    assert_eq!(outcome.first_error(), Some(expected_error));
}

#[test]
fn what_cannot_be_combined_says_why() {
    let shard_a = coverage_py_report("coverage/toolz/shards/shard-a.json");
    let mut without_lines = coverage_py_report("coverage/toolz/shards/shard-b.json");
    without_lines.files[3].has_line_lists = false;
    let mut other_format = coverage_py_report("coverage/toolz/shards/shard-b.json");
    other_format.facts.format = CoverageFormat::Lcov;
    let mut jacoco = coverage_py_report("coverage/toolz/shards/shard-b.json");
    jacoco.facts.format = CoverageFormat::Jacoco;
    check(&[], "there is no report to combine");
    check(&[&shard_a], "combining needs at least two reports");
    check(
        &[&shard_a, &without_lines],
        "the file \"toolz/curried/__init__.py\" has no line lists in one of the reports, so which lines ran cannot be combined",
    );
    check(
        &[&shard_a, &other_format],
        "only reports of one format can be combined: one is coverage.py JSON, another LCOV tracefile",
    );
    check(
        &[&jacoco, &jacoco],
        "JaCoCo XML reports cannot be combined here: the instructions they count cannot be rebuilt from the lines they list; combine the runs with the tool itself (jacoco:merge of the .exec files, then one report)",
    );
}
