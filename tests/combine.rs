//! Combining runs refuses what cannot be combined, with a sentence saying why.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::coverage_py_report;

use covscope::core::analysis::combine::combine_reports;
use covscope::core::input::{parse_dropped_file, DroppedContent};
use covscope::core::model::{CoverageFormat, CoverageReport, Metric};

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

fn lcov_report(relative: &str) -> CoverageReport {
    let outcome = parse_dropped_file(relative, &common::fixture_bytes(relative));
    match outcome.value {
        Some(DroppedContent::Coverage(report)) => *report,
        _ => panic!("{relative}: {:?}", outcome.diagnostics),
    }
}

/// Reads `lcov --summary`'s line figure: "lines......: 98.6% (1230 of 1247 lines)".
fn lcov_summary_lines(relative: &str) -> (u64, u64) {
    let text = common::fixture_text(relative);
    let line = text
        .lines()
        .find(|line| line.trim_start().starts_with("lines"))
        .expect("a lines figure");
    let inside = &line[line.find('(').expect("(") + 1..line.find(')').expect(")")];
    let numbers: Vec<u64> = inside
        .split_whitespace()
        .filter_map(|word| word.parse().ok())
        .collect();
    (numbers[0], numbers[1])
}

/// The two toolz shards' lcov files, combined by Covscope, count the lines `lcov
/// --add-tracefile` of the same two files counts (lcov 1.16's `--summary`), and list the
/// same lines run and missed, file by file, and the same branch and function totals as
/// coverage.py's own lcov of its combined data (lcov 1.16 cannot read those records).
#[test]
fn lcov_shards_combine_as_lcov_add_tracefile_does() {
    let shard_a = lcov_report("coverage/toolz/shards/shard-a.lcov");
    let shard_b = lcov_report("coverage/toolz/shards/shard-b.lcov");
    for (shard, summary) in [
        (&shard_a, "coverage/toolz/shards/shard-a-lcov-summary.txt"),
        (&shard_b, "coverage/toolz/shards/shard-b-lcov-summary.txt"),
    ] {
        let lines = shard.totals.tally(Metric::Lines).expect("lines");
        assert_eq!(
            (lines.covered, lines.total),
            lcov_summary_lines(summary),
            "{summary}"
        );
    }
    let combined = combine_reports(&[&shard_a, &shard_b])
        .value
        .expect("the shards combine");
    let lines = combined.totals.tally(Metric::Lines).expect("lines");
    assert_eq!(
        (lines.covered, lines.total),
        lcov_summary_lines("coverage/toolz/shards/lcov-merged-summary.txt")
    );
    let coverage_combined = lcov_report("coverage/toolz/shards/combined.lcov");
    assert_eq!(combined.files.len(), coverage_combined.files.len());
    // Lines 1230 of 1247, branches 417 of 432, functions 158 of 160: the LH/LF, BRH/BRF
    // and FNH/FNF of coverage.py's lcov of its own combination, summed over its records.
    assert_eq!(combined.totals, coverage_combined.totals);
    for expected in &coverage_combined.files {
        let file = combined
            .files
            .iter()
            .find(|file| file.path == expected.path)
            .unwrap_or_else(|| panic!("{} combined", expected.path));
        assert_eq!(
            (&file.executed_lines, &file.missing_lines),
            (&expected.executed_lines, &expected.missing_lines),
            "{}",
            expected.path
        );
    }
}
