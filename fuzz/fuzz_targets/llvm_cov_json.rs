//! Fuzzes the llvm-cov export JSON parser: any bytes give a report or an error, never a
//! panic; progress only grows and ends at the length; a report that loads has consistent
//! line lists and every figure, sum and uncovered-lines text can be computed.
#![no_main]

use covscope::core::analysis::missing_lines::format_uncovered_lines;
use covscope::core::formats::parse_llvm_cov_json;
use covscope::core::model::{CoverageReport, Metric};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut last_offset = 0;
    let outcome = parse_llvm_cov_json(data, &mut |offset| {
        assert!(offset >= last_offset && offset <= data.len());
        last_offset = offset;
    });
    assert_eq!(last_offset, data.len());
    match outcome.value {
        Some(report) => check_report(&report),
        None => assert!(outcome.first_error().is_some()),
    }
});

/// What every loaded report must satisfy, whatever the input.
fn check_report(report: &CoverageReport) {
    let facts = &report.facts;
    for metric in Metric::ALL {
        let _ = facts.metric_figure(&report.totals, &report.stated_total_figures, metric);
    }
    for file in &report.files {
        assert_eq!(file.executed_lines.len(), file.executed_line_hits.len());
        assert!(file.executed_lines.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(file.missing_lines.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(file.branch_outcomes.windows(2).all(|pair| pair[0].line <= pair[1].line));
        for metric in Metric::ALL {
            let _ = facts.metric_figure(&file.counts, &file.stated_figures, metric);
        }
        for region in &file.regions {
            let _ = facts.headline_figure(&region.counts);
        }
        let _ = format_uncovered_lines(facts.format, file);
    }
    let _: covscope::core::model::Counts = report.files.iter().map(|file| &file.counts).sum();
}
