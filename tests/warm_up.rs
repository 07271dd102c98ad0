//! The parsing worker's warm-up report: it must read cleanly, or the warm-up would stop
//! early and leave part of the parser cold without anyone noticing.
use covscope::core::formats::parse_coverage_py_json;
use covscope::core::input::warm_up_report_text;
use covscope::core::model::{Counts, CoverageCounts};

/// Parses the warm-up report of `file_count` files and compares what matters with the
/// expected values: no diagnostic, the file count, the totals and their display.
fn check(file_count: usize, expected_totals: CoverageCounts, expected_display: &str) {
    let text = warm_up_report_text(file_count);
    let outcome = parse_coverage_py_json(text.as_bytes());
    assert_eq!(outcome.diagnostics, Vec::new(), "{file_count} files");
    let report = outcome.value.expect("the warm-up report parses");
    assert_eq!(report.files.len(), file_count);
    assert_eq!(
        report.totals,
        Counts::CoveragePy(expected_totals),
        "{file_count} files"
    );
    assert_eq!(report.total_coverage.display, expected_display);
}

#[test]
fn the_warm_up_report_reads_without_a_single_diagnostic() {
    check(
        300,
        CoverageCounts {
            statements: 15_000,
            executed: 12_000,
            missing: 3_000,
            excluded: 0,
            branches: 3_000,
            executed_branches: 1_800,
            missing_branches: 1_200,
            partial_branches: 600,
        },
        "77",
    );
    check(
        1,
        CoverageCounts {
            statements: 50,
            executed: 40,
            missing: 10,
            excluded: 0,
            branches: 10,
            executed_branches: 6,
            missing_branches: 4,
            partial_branches: 2,
        },
        "77",
    );
    check(0, CoverageCounts::default(), "100");
}
