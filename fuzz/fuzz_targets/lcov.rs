//! Fuzzes the LCOV tracefile parser: any bytes give a report or an error, never a panic,
//! and a report that loads keeps the model's promises (sorted lines, hits beside them,
//! totals that are the sum of the files) and its figures and uncovered-lines text compute.
#![no_main]

use covscope::core::analysis::missing_lines::format_uncovered_lines;
use covscope::core::formats::parse_lcov;
use covscope::core::model::{Counts, CoverageReport, Metric};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut last_offset = 0;
    let outcome = parse_lcov(data, &mut |offset| {
        // Progress only ever grows and never passes the input's length.
        assert!(offset >= last_offset && offset <= data.len());
        last_offset = offset;
    });
    assert_eq!(last_offset, data.len());
    assert_eq!(outcome.value.is_none(), outcome.first_error().is_some());
    if let Some(report) = outcome.value {
        check_report(&report);
    }
});

fn check_report(report: &CoverageReport) {
    assert!(!report.files.is_empty());
    for file in &report.files {
        assert!(file.executed_lines.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(file.missing_lines.windows(2).all(|pair| pair[0] < pair[1]));
        assert_eq!(file.executed_lines.len(), file.executed_line_hits.len());
        assert!(file.branch_outcomes.windows(2).all(|pair| pair[0].line <= pair[1].line));
        let lines = file.counts.tally(Metric::Lines).unwrap_or_default();
        assert_eq!(lines.covered, file.executed_lines.len() as u64);
        assert_eq!(lines.total, (file.executed_lines.len() + file.missing_lines.len()) as u64);
        for metric in Metric::ALL {
            let _ = report.facts.metric_figure(&file.counts, &file.stated_figures, metric);
        }
        for region in &file.regions {
            let _ = report.facts.headline_figure(&region.counts);
        }
        let _ = format_uncovered_lines(report.facts.format, file);
    }
    let summed: Counts = report.files.iter().map(|file| &file.counts).sum();
    assert_eq!(summed, report.totals);
    let _ = report.facts.headline_figure(&report.totals);
}
