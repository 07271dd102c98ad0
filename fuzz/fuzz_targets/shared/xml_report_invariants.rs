//! What the XML parsers promise of a report that loads, beyond `loaded_report.rs`'s
//! computable figures: line lists sorted and disjoint, one hit count per executed line
//! or none, per-line branches sorted with something to cover and never more covered than
//! there are, and no tally (file, region or total) covering more than it counts.
//! Included by the XML targets with `#[path]`.
use covscope::core::model::{Counts, CoverageReport, Metric};

fn check_counts(counts: &Counts) {
    for metric in Metric::ALL {
        if let Some(tally) = counts.tally(metric) {
            assert!(tally.covered <= tally.total, "{metric:?}: {tally:?}");
        }
    }
}

pub fn check(report: &CoverageReport) {
    check_counts(&report.totals);
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
        for region in &file.regions {
            check_counts(&region.counts);
        }
    }
}
