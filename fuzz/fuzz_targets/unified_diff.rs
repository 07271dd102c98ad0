//! Fuzzes the unified-diff parser and everything computed from a patch: any bytes give a
//! patch or an error, never a panic or a hang; progress grows to the length; a patch that
//! loads has its net lines, patch coverage, exports and differential categories computed
//! against a small real report (as baseline and as current).
#![no_main]

use std::sync::OnceLock;

use covscope::core::analysis::differential::compute_differential_coverage;
use covscope::core::analysis::patch::{
    compute_patch_coverage, patch_coverage_to_csv, patch_coverage_to_markdown,
};
use covscope::core::analysis::patch_lines::net_file_changes;
use covscope::core::formats::{parse_coverage_py_json, parse_unified_diff_reporting_progress};
use covscope::core::model::CoverageReport;
use libfuzzer_sys::fuzz_target;

/// A report whose paths the seeds' diffs name (`src/a.py`, `b.py`), with run, missed
/// and excluded lines.
const REPORT: &str = r#"{"meta": {"format": 3, "version": "7.17.3", "timestamp": "2026-01-01T00:00:00", "branch_coverage": false, "show_contexts": false},
 "files": {
  "src/a.py": {"executed_lines": [1, 2, 3, 5, 8], "summary": {"covered_lines": 5, "num_statements": 7, "percent_covered": 71.42857142857143, "percent_covered_display": "71", "missing_lines": 2, "excluded_lines": 1}, "missing_lines": [4, 9], "excluded_lines": [6]},
  "b.py": {"executed_lines": [1], "summary": {"covered_lines": 1, "num_statements": 2, "percent_covered": 50.0, "percent_covered_display": "50", "missing_lines": 1, "excluded_lines": 0}, "missing_lines": [2], "excluded_lines": []}},
 "totals": {"covered_lines": 6, "num_statements": 9, "percent_covered": 66.66666666666667, "percent_covered_display": "67", "missing_lines": 3, "excluded_lines": 1}}"#;

fn report() -> &'static CoverageReport {
    static REPORT_VALUE: OnceLock<CoverageReport> = OnceLock::new();
    REPORT_VALUE.get_or_init(|| {
        parse_coverage_py_json(REPORT.as_bytes())
            .value
            .expect("the fuzz target's report parses")
    })
}

fuzz_target!(|data: &[u8]| {
    let mut last_offset = 0;
    let outcome = parse_unified_diff_reporting_progress(data, &mut |offset| {
        assert!(offset >= last_offset && offset <= data.len());
        last_offset = offset;
    });
    assert_eq!(last_offset, data.len());
    match outcome.value {
        Some(patch) => {
            assert!(!patch.files.is_empty());
            let _ = patch.describe();
            let changes = net_file_changes(&patch);
            for change in &changes {
                assert!(change.added_lines.windows(2).all(|pair| pair[0] < pair[1]));
                let _ = change.map_old_lines(&patch, &[1, 2, 3, 10, 1000]);
            }
            let coverage = compute_patch_coverage(&patch, report());
            assert_eq!(
                coverage.totals.covered + coverage.totals.missed + coverage.totals.not_code
                    + coverage.totals.uncertain,
                coverage.added_lines
            );
            let _ = patch_coverage_to_markdown(&coverage, "x.diff", "coverage.json");
            let _ = patch_coverage_to_csv(&coverage);
            let _ = compute_differential_coverage(report(), &patch, report());
        }
        None => assert!(outcome.first_error().is_some()),
    }
});
