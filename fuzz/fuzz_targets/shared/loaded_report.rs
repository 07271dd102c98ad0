//! What a coverage-parser fuzz target checks of any bytes: progress grows, stays within
//! the input and ends at its length; a parse without a report has an error; and every
//! figure, sum and uncovered-lines text the table shows of a report that loads can be
//! computed without a panic or an overflow. Included by the targets with `#[path]`.
use covscope::core::analysis::missing_lines::format_uncovered_lines;
use covscope::core::model::{Counts, CoverageReport, Metric};
use covscope::core::text::ParseOutcome;

/// A parser's entry point, as the input registry calls it.
pub type Parser = fn(&[u8], &mut dyn FnMut(usize)) -> ParseOutcome<CoverageReport>;

/// Parses `data` with `parse`, checking the progress reports and the outcome's shape,
/// and computes every figure of the report when one loads; returns the report.
pub fn parse_and_compute_figures(data: &[u8], parse: Parser) -> Option<CoverageReport> {
    let mut last_offset = 0;
    let outcome = parse(data, &mut |offset| {
        assert!(offset >= last_offset && offset <= data.len());
        last_offset = offset;
    });
    assert_eq!(last_offset, data.len());
    assert_eq!(outcome.value.is_none(), outcome.first_error().is_some());
    let report = outcome.value?;
    let metrics: Vec<Metric> = report
        .facts
        .format
        .profile()
        .metrics
        .iter()
        .map(|heading| heading.metric)
        .collect();
    for file in &report.files {
        let _ = format_uncovered_lines(report.facts.format, file);
        for &metric in &metrics {
            let _ = report
                .facts
                .metric_figure(&file.counts, &file.stated_figures, metric);
        }
        for region in &file.regions {
            for &metric in &metrics {
                let _ = report
                    .facts
                    .metric_figure(&region.counts, &region.stated_figures, metric);
            }
        }
    }
    let _: Counts = report.files.iter().map(|file| &file.counts).sum();
    for &metric in &metrics {
        let _ = report
            .facts
            .metric_figure(&report.totals, &report.stated_total_figures, metric);
    }
    Some(report)
}
