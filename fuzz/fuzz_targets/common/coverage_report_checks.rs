//! Checks every XML coverage fuzz target runs on what a parser returns: progress grows and
//! ends at the input's length, and a report that loads keeps the model's promises (sorted,
//! disjoint line lists, covered never above total) and has every figure computable.
use covscope::core::analysis::missing_lines::format_uncovered_lines;
use covscope::core::model::{Counts, CoverageReport, Metric};
use covscope::core::text::ParseOutcome;

type Parser = fn(&[u8], &mut dyn FnMut(usize)) -> ParseOutcome<CoverageReport>;

pub fn check_parser(parser: Parser, data: &[u8]) {
    let mut last_offset = 0;
    let outcome = parser(data, &mut |offset| {
        // Progress only ever grows and never passes the input's length.
        assert!(offset >= last_offset && offset <= data.len());
        last_offset = offset;
    });
    assert_eq!(last_offset, data.len());
    assert_eq!(outcome.value.is_none(), outcome.first_error().is_some());
    if let Some(report) = outcome.value {
        check_report(&report);
    }
}

fn check_counts(counts: &Counts) {
    for metric in Metric::ALL {
        if let Some(tally) = counts.tally(metric) {
            assert!(tally.covered <= tally.total, "{metric:?}: {tally:?}");
        }
    }
}

fn check_report(report: &CoverageReport) {
    let facts = &report.facts;
    let headings = facts.format.profile().metrics;
    check_counts(&report.totals);
    let _ = facts.headline_figure(&report.totals);
    for file in &report.files {
        check_counts(&file.counts);
        assert!(file.executed_lines.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(file.missing_lines.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(file
            .missing_lines
            .iter()
            .all(|line| file.executed_lines.binary_search(line).is_err()));
        assert!(
            file.executed_line_hits.is_empty()
                || file.executed_line_hits.len() == file.executed_lines.len()
        );
        assert!(file
            .line_branches
            .windows(2)
            .all(|pair| pair[0].line < pair[1].line));
        assert!(file
            .line_branches
            .iter()
            .all(|line| line.covered <= line.total && line.total > 0));
        for heading in headings {
            let _ = facts.metric_figure(&file.counts, &file.stated_figures, heading.metric);
        }
        let _ = facts.headline_figure(&file.counts);
        let _ = format_uncovered_lines(facts.format, file);
        for region in &file.regions {
            check_counts(&region.counts);
            let _ = facts.headline_figure(&region.counts);
        }
    }
    let _: Counts = report.files.iter().map(|file| &file.counts).sum();
}
