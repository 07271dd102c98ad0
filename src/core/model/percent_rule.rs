//! How each coverage tool turns a covered-of-total tally into the percentage it prints.
//!
//! Tools disagree: Istanbul truncates to two decimals, llvm-cov and Go round with
//! `printf`, lcov's genhtml rounds but never shows 0 or 100 unless exact, JaCoCo floors
//! to a whole percent. Covscope reproduces each, so a figure it computes (a filtered total,
//! a folder) reads as the tool would have printed it.
//!
//! Refs: istanbul-lib-coverage `lib/percent.js`; lcov `bin/genhtml` (`rate`); LLVM
//! `llvm/tools/llvm-cov/CoverageReport.cpp` (`format("%.2f")`); Go `cmd/cover/func.go`
//! (`%.1f%%`); JaCoCo `org.jacoco.report.internal.html.table.PercentageColumn`
//! (`RoundingMode.FLOOR`).
use super::metric::Tally;
use super::percent::{CoverageFigure, Percent, Precision};

/// One tool's rule for printing a percentage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PercentRule {
    /// coverage.py's `display_covered` at the report's precision (see [`Percent::display`]).
    CoveragePy { precision: Precision },
    /// Istanbul: `Math.floor(100000 * covered / total / 10) / 100` in floating point,
    /// printed the way JavaScript prints a number (`94.3`, `96.87`, `100`); 100 when
    /// there is nothing to cover.
    IstanbulTruncated,
    /// `printf("%.Nf")` of `100 * covered / total`; `when_empty` is printed when the
    /// total is 0.
    Rounded {
        decimals: u8,
        when_empty: EmptyTotal,
    },
    /// `printf("%.Nf")` of `covered / total * 100`, the fraction taken first as llvm-cov's
    /// `getPercentCovered` and tarpaulin's `coverage_percentage` compute it; `when_empty` is
    /// printed when the total is 0. The order matters: 23 of 160 is 14.374999999999998 this
    /// way and prints `14.37` (llvm-cov's report on table.cpp of the llvmcov-cpp-shapes
    /// fixture), where `100 * 23 / 160` is exactly 14.375 and would print `14.38`.
    RoundedFraction {
        decimals: u8,
        when_empty: EmptyTotal,
    },
    /// `printf("%.Nf")` of `100 * covered / total` with trailing zeros (and a trailing
    /// point) dropped, so `93.50` reads `93.5` and `100.00` reads `100`; `when_empty` is
    /// printed when the total is 0. Cobertura's rule: its writers state rates (Istanbul's
    /// are its two-decimal percentages over 100), and this prints a stated rate the way
    /// the writer's own summary printed it (see [`trimmed_percent_text`]).
    RoundedTrimmed {
        decimals: u8,
        when_empty: EmptyTotal,
    },
    /// lcov's genhtml: `printf("%.Nf")`, except that a rate rounding to 0 with something
    /// covered shows the smallest step, and one rounding to 100 with something missed
    /// shows 100 minus the smallest step; `-` when there is nothing to cover.
    GenhtmlClamped { decimals: u8 },
    /// JaCoCo's HTML report: a whole percent rounded down; `n/a` when there is nothing
    /// to cover.
    WholeFloor,
}

/// What a tool prints for a metric with nothing to cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EmptyTotal {
    /// The percentage as if the metric were 0 of 1 (Go's `-func` output: `0.0%`).
    Zero,
    /// A text instead of a number (llvm-cov's `-`).
    Text(&'static str),
}

impl PercentRule {
    /// How many decimals the rule prints at most: what a change between two of its
    /// figures is shown with.
    pub fn decimals(self) -> u8 {
        match self {
            PercentRule::CoveragePy { precision } => precision.0,
            PercentRule::IstanbulTruncated => 2,
            PercentRule::Rounded { decimals, .. }
            | PercentRule::RoundedFraction { decimals, .. }
            | PercentRule::RoundedTrimmed { decimals, .. }
            | PercentRule::GenhtmlClamped { decimals } => decimals,
            PercentRule::WholeFloor => 0,
        }
    }

    /// The percentage and its printed text for a tally.
    ///
    /// A tally with nothing to cover has nothing missing, so its percent is 100 for
    /// sorting and colour bands, whatever text the tool prints for it.
    pub fn figure(self, tally: Tally) -> CoverageFigure {
        let percent = if tally.total == 0 {
            Percent::new(100.0)
        } else {
            Percent::new(100.0 * tally.covered as f64 / tally.total as f64)
        };
        CoverageFigure {
            percent,
            display: self.display(tally),
        }
    }

    /// What the tool prints for every metric of a file or folder that has nothing measured
    /// at all, overriding the metrics' own figures; `lines` is the node's lines tally.
    ///
    /// Istanbul's text reporter prints 0 in every column of a node whose lines total 0
    /// (`isEmpty ? 0 : pct` in istanbul-reports' `lib/text/index.js`), although one metric
    /// with nothing to cover is 100 when the node has lines: a comments-only file reads
    /// `0 | 0 | 0 | 0` in nyc's table while its coverage-summary.json says 100 for each.
    /// Other tools have no such rule.
    pub fn empty_node_figure(self, lines: Option<Tally>) -> Option<CoverageFigure> {
        match (self, lines) {
            (PercentRule::IstanbulTruncated, Some(Tally { total: 0, .. })) => {
                Some(CoverageFigure {
                    percent: Percent::new(0.0),
                    display: "0".to_string(),
                })
            }
            _ => None,
        }
    }

    /// The text the tool prints for a tally, without a `%` sign.
    pub fn display(self, tally: Tally) -> String {
        let Tally { covered, total } = tally;
        match self {
            PercentRule::CoveragePy { precision } => {
                let percent = if total == 0 {
                    100.0
                } else {
                    100.0 * covered as f64 / total as f64
                };
                Percent::new(percent).display(precision)
            }
            PercentRule::IstanbulTruncated => {
                if total == 0 {
                    return "100".to_string();
                }
                // The same floating-point steps as istanbul-lib-coverage, so the rare
                // quotient that lands a hair below a hundredth is floored as it does.
                let scaled = (100_000.0 * covered as f64) / total as f64;
                let truncated = (scaled / 10.0).floor() / 100.0;
                javascript_number_text(truncated)
            }
            PercentRule::Rounded {
                decimals,
                when_empty,
            } => match (total, when_empty) {
                (0, EmptyTotal::Text(text)) => text.to_string(),
                (0, EmptyTotal::Zero) => format!("{:.*}", usize::from(decimals), 0.0),
                _ => format!(
                    "{:.*}",
                    usize::from(decimals),
                    100.0 * covered as f64 / total as f64
                ),
            },
            PercentRule::RoundedFraction {
                decimals,
                when_empty,
            } => match (total, when_empty) {
                (0, EmptyTotal::Text(text)) => text.to_string(),
                (0, EmptyTotal::Zero) => format!("{:.*}", usize::from(decimals), 0.0),
                _ => format!(
                    "{:.*}",
                    usize::from(decimals),
                    covered as f64 / total as f64 * 100.0
                ),
            },
            PercentRule::RoundedTrimmed {
                decimals,
                when_empty,
            } => match (total, when_empty) {
                (0, EmptyTotal::Text(text)) => text.to_string(),
                (0, EmptyTotal::Zero) => "0".to_string(),
                _ => trimmed_percent_text(100.0 * covered as f64 / total as f64, decimals),
            },
            PercentRule::GenhtmlClamped { decimals } => {
                if total == 0 {
                    return "-".to_string();
                }
                // The exact ends need no arithmetic; one function's 0 or 1 of 1 is the
                // common case, printed once per function of a report.
                if covered == 0 || covered == total {
                    let whole = if covered == 0 { "0" } else { "100" };
                    return match decimals {
                        0 => whole.to_string(),
                        _ => format!("{whole}.{:0<width$}", "", width = usize::from(decimals)),
                    };
                }
                let places = usize::from(decimals);
                let step = 1.0 / 10f64.powi(i32::from(decimals));
                let rounded = format!("{:.*}", places, covered as f64 * 100.0 / total as f64);
                let value: f64 = rounded.parse().unwrap_or(0.0);
                if value == 0.0 && covered > 0 {
                    format!("{step:.places$}")
                } else if value == 100.0 && covered != total {
                    format!("{:.*}", places, 100.0 - step)
                } else {
                    rounded
                }
            }
            PercentRule::WholeFloor => {
                if total == 0 {
                    return "n/a".to_string();
                }
                // Exact integer arithmetic: floor(100 * covered / total).
                let whole = u128::from(covered) * 100 / u128::from(total);
                whole.to_string()
            }
        }
    }
}

/// A percentage rounded to `decimals` places as `printf("%.Nf")` rounds it (on the exact
/// binary value), with trailing zeros and a trailing point dropped: `93.50` is `93.5`,
/// `100.00` is `100`. Used for [`PercentRule::RoundedTrimmed`] and for printing a
/// percentage a report states by the same rule.
pub fn trimmed_percent_text(percent: f64, decimals: u8) -> String {
    let text = format!("{:.*}", usize::from(decimals), percent);
    if !text.contains('.') {
        return text;
    }
    let trimmed = text.trim_end_matches('0').trim_end_matches('.');
    if trimmed == "-0" {
        "0".to_string()
    } else {
        trimmed.to_string()
    }
}

/// A number as JavaScript's `Number.prototype.toString` prints it for the values a
/// percentage takes (0 to 100 with at most a few decimals): the shortest text that reads
/// back as the same double, which is also what Rust's `Display` prints.
pub(crate) fn javascript_number_text(value: f64) -> String {
    if value == 0.0 {
        // Both 0 and -0 print as "0" in JavaScript.
        return "0".to_string();
    }
    format!("{value}")
}
