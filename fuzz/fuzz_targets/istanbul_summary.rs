//! Fuzzes the Istanbul coverage-summary.json parser: any bytes give a report or an error,
//! never a panic (see `shared/loaded_report.rs`); a report that loads lists no lines.
#![no_main]

#[path = "shared/loaded_report.rs"]
mod loaded_report;

use covscope::core::analysis::missing_lines::format_uncovered_lines;
use covscope::core::formats::parse_istanbul_summary;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(report) = loaded_report::parse_and_compute_figures(data, parse_istanbul_summary)
    else {
        return;
    };
    for file in &report.files {
        assert!(!file.has_line_lists);
        assert!(format_uncovered_lines(report.facts.format, file).is_empty());
    }
});
