//! The measures coverage tools count (lines, statements, branches, functions...), each as
//! a covered-of-total tally that adds up across files.

use std::iter::Sum;
use std::ops::Add;

/// One thing a coverage tool counts, named by the tools' own words.
///
/// JaCoCo's methods and Clover's methods are `Functions`; Clover's conditionals and
/// Cobertura's conditions are `Branches`. The key is the `<metric>` of the page hooks
/// `data-col="<metric>-covered"`, `-total` and `-pct`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Metric {
    Lines,
    Statements,
    Branches,
    Functions,
    Regions,
    Instructions,
    Complexity,
    Classes,
}

/// How many of something were covered, of how many there are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Tally {
    pub covered: u64,
    pub total: u64,
}

/// The tallies a file, region or report has, one per metric its format counts.
///
/// A metric the format does not count is absent, which is not the same as a count of
/// zero: Istanbul always counts branches (a file without any has 0 of 0), lcov from
/// tarpaulin counts no functions at all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct MetricCounts {
    tallies: [Option<Tally>; Metric::ALL.len()],
}

impl Metric {
    /// Every metric, in the order a table shows them when a format has several.
    pub const ALL: [Metric; 8] = [
        Metric::Instructions,
        Metric::Statements,
        Metric::Branches,
        Metric::Functions,
        Metric::Regions,
        Metric::Lines,
        Metric::Complexity,
        Metric::Classes,
    ];

    /// The `<metric>` of the page hooks and of saved views.
    pub fn key(self) -> &'static str {
        match self {
            Metric::Lines => "lines",
            Metric::Statements => "statements",
            Metric::Branches => "branches",
            Metric::Functions => "functions",
            Metric::Regions => "regions",
            Metric::Instructions => "instructions",
            Metric::Complexity => "complexity",
            Metric::Classes => "classes",
        }
    }

    /// The metric whose key this is.
    pub fn from_key(key: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|metric| metric.key() == key)
    }

    fn slot(self) -> usize {
        match self {
            Metric::Instructions => 0,
            Metric::Statements => 1,
            Metric::Branches => 2,
            Metric::Functions => 3,
            Metric::Regions => 4,
            Metric::Lines => 5,
            Metric::Complexity => 6,
            Metric::Classes => 7,
        }
    }
}

impl Tally {
    pub fn new(covered: u64, total: u64) -> Tally {
        Tally { covered, total }
    }

    /// How many were not covered; a tally whose covered count exceeds its total (only
    /// possible in a damaged file, which the parser flags) has none missed.
    pub fn missed(self) -> u64 {
        self.total.saturating_sub(self.covered)
    }

    pub fn is_complete(self) -> bool {
        self.covered >= self.total
    }
}

/// Adds saturating: a crafted file can list enough counts for a sum to reach `u64::MAX`,
/// and a pinned maximum is better than a panic or a wrapped, tiny total.
impl Add for Tally {
    type Output = Tally;

    fn add(self, other: Tally) -> Tally {
        Tally {
            covered: self.covered.saturating_add(other.covered),
            total: self.total.saturating_add(other.total),
        }
    }
}

impl Sum for Tally {
    fn sum<I: Iterator<Item = Tally>>(tallies: I) -> Tally {
        tallies.fold(Tally::default(), Add::add)
    }
}

impl MetricCounts {
    /// The tally of one metric, or `None` when the format does not count it.
    pub fn get(&self, metric: Metric) -> Option<Tally> {
        self.tallies[metric.slot()]
    }

    pub fn set(&mut self, metric: Metric, tally: Tally) {
        self.tallies[metric.slot()] = Some(tally);
    }

    /// These counts with one more metric, for building counts in one expression.
    pub fn with(mut self, metric: Metric, tally: Tally) -> MetricCounts {
        self.set(metric, tally);
        self
    }

    /// The metrics present, in [`Metric::ALL`]'s order, with their tallies.
    pub fn iter(&self) -> impl Iterator<Item = (Metric, Tally)> + '_ {
        Metric::ALL
            .into_iter()
            .filter_map(|metric| self.get(metric).map(|tally| (metric, tally)))
    }
}

/// Adds metric by metric; a metric present on either side is present in the sum.
impl Add for MetricCounts {
    type Output = MetricCounts;

    fn add(self, other: MetricCounts) -> MetricCounts {
        let mut sum = self;
        for (slot, tally) in sum.tallies.iter_mut().enumerate() {
            *tally = match (*tally, other.tallies[slot]) {
                (Some(left), Some(right)) => Some(left + right),
                (left, right) => left.or(right),
            };
        }
        sum
    }
}

impl Sum for MetricCounts {
    fn sum<I: Iterator<Item = MetricCounts>>(counts: I) -> MetricCounts {
        counts.fold(MetricCounts::default(), Add::add)
    }
}

impl<'a> Sum<&'a MetricCounts> for MetricCounts {
    fn sum<I: Iterator<Item = &'a MetricCounts>>(counts: I) -> MetricCounts {
        counts.copied().sum()
    }
}
