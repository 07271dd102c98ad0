//! Coverage counts, which add up across files: coverage.py's in its own vocabulary, every
//! other format's as per-metric tallies.
use std::iter::Sum;
use std::ops::Add;

use super::metric::{Metric, MetricCounts, Tally};
use super::percent::Percent;

/// The numbers coverage.py reports for a file, a region or a total.
///
/// The names follow coverage.py's `Numbers` class. `executed` is kept as given rather than
/// recomputed, because hand-written reports can disagree with `statements - missing` and
/// the parser flags that instead of hiding it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct CoverageCounts {
    pub statements: u64,
    pub executed: u64,
    pub missing: u64,
    pub excluded: u64,
    pub branches: u64,
    pub executed_branches: u64,
    pub missing_branches: u64,
    pub partial_branches: u64,
}

impl CoverageCounts {
    /// coverage.py's `pc_covered`: executed statements and branches over all of them,
    /// and exactly 100 when there are no statements.
    pub fn percent_covered(&self) -> Percent {
        if self.statements == 0 {
            return Percent::new(100.0);
        }
        let numerator = self.executed.saturating_add(self.executed_branches);
        let denominator = self.statements.saturating_add(self.branches);
        Percent::new(100.0 * numerator as f64 / denominator as f64)
    }

    /// coverage.py's `percent_statements_covered`: statements only, branches ignored.
    pub fn percent_statements_covered(&self) -> Percent {
        if self.statements == 0 {
            return Percent::new(100.0);
        }
        Percent::new(100.0 * self.executed as f64 / self.statements as f64)
    }
}

/// Adds field by field, saturating: the parser refuses counts above 10^15, but a crafted
/// file can still list enough files for a sum to reach `u64::MAX`, and a pinned maximum is
/// better than a panic (debug) or a wrapped, tiny total (release).
impl Add for CoverageCounts {
    type Output = CoverageCounts;

    fn add(self, other: CoverageCounts) -> CoverageCounts {
        CoverageCounts {
            statements: self.statements.saturating_add(other.statements),
            executed: self.executed.saturating_add(other.executed),
            missing: self.missing.saturating_add(other.missing),
            excluded: self.excluded.saturating_add(other.excluded),
            branches: self.branches.saturating_add(other.branches),
            executed_branches: self
                .executed_branches
                .saturating_add(other.executed_branches),
            missing_branches: self.missing_branches.saturating_add(other.missing_branches),
            partial_branches: self.partial_branches.saturating_add(other.partial_branches),
        }
    }
}

impl Sum for CoverageCounts {
    fn sum<I: Iterator<Item = CoverageCounts>>(counts: I) -> CoverageCounts {
        counts.fold(CoverageCounts::default(), Add::add)
    }
}

impl<'a> Sum<&'a CoverageCounts> for CoverageCounts {
    fn sum<I: Iterator<Item = &'a CoverageCounts>>(counts: I) -> CoverageCounts {
        counts.copied().sum()
    }
}

/// The counts of a file, region or report in its producer's own terms.
///
/// coverage.py's counts keep coverage.py's vocabulary and exactness (a hand-written report
/// whose `executed` disagrees with `statements - missing` is shown as written); every other
/// format counts covered-of-total tallies per metric.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Counts {
    CoveragePy(CoverageCounts),
    Metrics(MetricCounts),
}

impl Default for Counts {
    fn default() -> Self {
        Counts::Metrics(MetricCounts::default())
    }
}

impl Counts {
    /// coverage.py's counts, when these are coverage.py's.
    pub fn coverage_py(&self) -> Option<&CoverageCounts> {
        match self {
            Counts::CoveragePy(counts) => Some(counts),
            Counts::Metrics(_) => None,
        }
    }

    /// One metric's tally. coverage.py's counts answer for statements (executed of
    /// statements) and branches (executed branches of branches).
    pub fn tally(&self, metric: Metric) -> Option<Tally> {
        match self {
            Counts::CoveragePy(counts) => match metric {
                Metric::Statements => Some(Tally::new(counts.executed, counts.statements)),
                Metric::Branches => Some(Tally::new(counts.executed_branches, counts.branches)),
                _ => None,
            },
            Counts::Metrics(metrics) => metrics.get(metric),
        }
    }

    /// The counts as per-metric tallies, whatever their format.
    pub fn as_metrics(&self) -> MetricCounts {
        match self {
            Counts::CoveragePy(counts) => MetricCounts::default()
                .with(
                    Metric::Statements,
                    Tally::new(counts.executed, counts.statements),
                )
                .with(
                    Metric::Branches,
                    Tally::new(counts.executed_branches, counts.branches),
                ),
            Counts::Metrics(metrics) => *metrics,
        }
    }
}

/// Adds like with like. One report holds one format's counts, so mixed sums happen only
/// when the caller combines different formats on purpose; they add as metric tallies.
impl Add for Counts {
    type Output = Counts;

    fn add(self, other: Counts) -> Counts {
        match (self, other) {
            (Counts::CoveragePy(left), Counts::CoveragePy(right)) => {
                Counts::CoveragePy(left + right)
            }
            (Counts::Metrics(left), Counts::Metrics(right)) => Counts::Metrics(left + right),
            (left, right) => Counts::Metrics(left.as_metrics() + right.as_metrics()),
        }
    }
}

impl<'a> Sum<&'a Counts> for Counts {
    /// The sum of no counts is empty metric tallies; a sum of coverage.py counts stays
    /// coverage.py's.
    fn sum<I: Iterator<Item = &'a Counts>>(counts: I) -> Counts {
        let mut counts = counts.copied();
        match counts.next() {
            Some(first) => counts.fold(first, Add::add),
            None => Counts::default(),
        }
    }
}

impl Sum for Counts {
    fn sum<I: Iterator<Item = Counts>>(counts: I) -> Counts {
        let mut counts = counts;
        match counts.next() {
            Some(first) => counts.fold(first, Add::add),
            None => Counts::default(),
        }
    }
}
