//! Coverage counts in coverage.py's vocabulary, which add up across files.
use std::iter::Sum;
use std::ops::Add;

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
