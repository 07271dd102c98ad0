//! Fuzzes the Go cover profile parser: any bytes give a report or an error, never a panic
//! or an allocation a crafted span asks for, and a report that loads keeps the model's
//! promises and its figures and uncovered-lines text compute.
#![no_main]

use covscope::core::analysis::missing_lines::format_uncovered_lines;
use covscope::core::formats::parse_go_cover;
use covscope::core::model::{Counts, Metric};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut last_offset = 0;
    let outcome = parse_go_cover(data, &mut |offset| {
        // Progress only ever grows and never passes the input's length.
        assert!(offset >= last_offset && offset <= data.len());
        last_offset = offset;
    });
    assert_eq!(last_offset, data.len());
    assert_eq!(outcome.value.is_none(), outcome.first_error().is_some());
    let Some(report) = outcome.value else {
        return;
    };
    assert!(!report.files.is_empty());
    for file in &report.files {
        assert!(file.executed_lines.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(file.missing_lines.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(file.executed_line_hits.is_empty() || file.executed_line_hits.len() == file.executed_lines.len());
        // A line is run or missing, never both.
        assert!(file.missing_lines.iter().all(|line| file.executed_lines.binary_search(line).is_err()));
        let statements = file.counts.tally(Metric::Statements).unwrap_or_default();
        assert!(statements.covered <= statements.total);
        let _ = report.facts.headline_figure(&file.counts);
        let _ = format_uncovered_lines(report.facts.format, file);
    }
    let summed: Counts = report.files.iter().map(|file| &file.counts).sum();
    assert_eq!(summed, report.totals);
});
