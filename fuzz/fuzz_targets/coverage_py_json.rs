//! Fuzzes the coverage.py JSON parser: any bytes give a report or an error, never a panic,
//! and the figures and missing-lines text of a report that loads can all be computed.
#![no_main]

use covscope::core::analysis::missing_lines::format_missing_lines;
use covscope::core::formats::parse_coverage_py_json_reporting_progress;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut last_offset = 0;
    let outcome = parse_coverage_py_json_reporting_progress(data, &mut |offset| {
        // Progress only ever grows and never passes the input's length.
        assert!(offset >= last_offset && offset <= data.len());
        last_offset = offset;
    });
    assert_eq!(last_offset, data.len());
    if let Some(report) = outcome.value {
        // The figures the table shows are computed from the counts; they must not overflow.
        let _ = report.totals.percent_covered();
        for file in &report.files {
            let _ = file.counts.percent_covered();
            let _ = file.counts.percent_statements_covered();
            let _ = format_missing_lines(file);
        }
        let _: covscope::core::model::CoverageCounts =
            report.files.iter().map(|file| &file.counts).sum();
    }
});
