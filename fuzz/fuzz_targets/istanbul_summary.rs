//! Fuzzes the Istanbul coverage-summary.json parser: any bytes give a report or an error,
//! never a panic; progress grows and ends at the input's length; and every figure and sum
//! the table shows of a report that loads can be computed.
#![no_main]

use covscope::core::analysis::missing_lines::format_uncovered_lines;
use covscope::core::formats::parse_istanbul_summary;
use covscope::core::model::{Counts, Metric};
use libfuzzer_sys::fuzz_target;

const METRICS: [Metric; 4] = [
    Metric::Statements,
    Metric::Branches,
    Metric::Functions,
    Metric::Lines,
];

fuzz_target!(|data: &[u8]| {
    let mut last_offset = 0;
    let outcome = parse_istanbul_summary(data, &mut |offset| {
        assert!(offset >= last_offset && offset <= data.len());
        last_offset = offset;
    });
    assert_eq!(last_offset, data.len());
    assert_eq!(outcome.value.is_none(), outcome.first_error().is_some());
    let Some(report) = outcome.value else {
        return;
    };
    for file in &report.files {
        assert!(format_uncovered_lines(report.facts.format, file).is_empty());
        for metric in METRICS {
            let _ = report.facts.metric_figure(&file.counts, &file.stated_figures, metric);
        }
    }
    let _: Counts = report.files.iter().map(|file| &file.counts).sum();
    for metric in METRICS {
        let _ = report
            .facts
            .metric_figure(&report.totals, &report.stated_total_figures, metric);
    }
});
