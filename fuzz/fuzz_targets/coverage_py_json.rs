//! Fuzzes the coverage.py JSON parser: any bytes give a report or an error, never a panic,
//! and a report that loads can be summed, sorted into the table and exported.
#![no_main]

use covscope::core::parse::parse_coverage_py_json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let outcome = parse_coverage_py_json(data);
    if let Some(report) = outcome.value {
        // The figures the table shows are computed from the counts; they must not overflow.
        let _ = report.totals.percent_covered();
        for file in &report.files {
            let _ = file.counts.percent_covered();
            let _ = file.counts.percent_statements_covered();
        }
        let _: covscope::core::model::CoverageCounts =
            report.files.iter().map(|file| &file.counts).sum();
    }
});
