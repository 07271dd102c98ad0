//! Fuzzes the Istanbul coverage-final.json parser: any bytes give a report or an error,
//! never a panic (see `shared/loaded_report.rs`); a report that loads has sorted lines,
//! a count for each executed line, and totals that are the sum of its files.
#![no_main]

#[path = "shared/loaded_report.rs"]
mod loaded_report;

use covscope::core::formats::parse_istanbul;
use covscope::core::model::Counts;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(report) = loaded_report::parse_and_compute_figures(data, parse_istanbul) else {
        return;
    };
    for file in &report.files {
        assert!(file.executed_lines.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(file.missing_lines.windows(2).all(|pair| pair[0] < pair[1]));
        assert_eq!(file.executed_lines.len(), file.executed_line_hits.len());
    }
    let summed: Counts = report.files.iter().map(|file| &file.counts).sum();
    assert_eq!(summed, report.totals);
});
