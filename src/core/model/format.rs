//! The coverage formats Covscope reads, and what each one counts and prints, as data.
//!
//! A report keeps its producer's vocabulary: the metrics a format counts, the tool's own
//! heading for each, the metric a single figure stands for (sorting, colour bands,
//! comparisons, the trend), and the tool's percent rule. Recognising a format from bytes is
//! the input registry's job (`core::input`); this table only describes them.
use super::metric::Metric;
use super::percent::Precision;
use super::percent_rule::{EmptyTotal, PercentRule};

/// The format a report was read from. The key is the page hook `data-format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CoverageFormat {
    /// coverage.py's `coverage json`.
    CoveragePy,
    /// Istanbul's `coverage-final.json` (nyc, c8, Jest, Vitest).
    Istanbul,
    /// Istanbul's `coverage-summary.json` (the json-summary reporter): figures, no lines.
    IstanbulSummary,
    /// An LCOV tracefile (geninfo, c8/nyc/Jest, cargo-llvm-cov, grcov, tarpaulin, coverage.py).
    Lcov,
    /// Cobertura XML (coverage.py, Istanbul, llvm-cov, tarpaulin, gcovr, coverlet).
    Cobertura,
    /// Clover XML (Istanbul, OpenClover, PHPUnit).
    Clover,
    /// JaCoCo's XML report.
    Jacoco,
    /// Go's cover profile (`go test -coverprofile`).
    Go,
    /// `llvm-cov export` JSON (cargo-llvm-cov `--json`).
    LlvmCov,
    /// cargo-tarpaulin's JSON report.
    Tarpaulin,
}

/// A metric as one tool names it in its own table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MetricHeading {
    pub metric: Metric,
    /// The tool's word for the metric ("Stmts", "Regions", "Methods").
    pub heading: &'static str,
}

/// What a single figure of a report stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Headline {
    /// coverage.py's `percent_covered`: statements and branches together.
    CoveragePyCombined,
    /// One metric's percentage.
    Metric(Metric),
}

/// Everything Covscope knows about a format that is not in a particular report.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FormatProfile {
    pub format: CoverageFormat,
    /// The `data-format` hook value.
    pub key: &'static str,
    /// The format's name as people say it.
    pub name: &'static str,
    /// The tools that write it, for the report header.
    pub written_by: &'static str,
    /// The metrics the format can count, in the order its tool prints them.
    pub metrics: &'static [MetricHeading],
    pub headline: Headline,
    /// The percent rule; coverage.py's takes the report's precision instead of this one.
    pub percent_rule: PercentRule,
    /// The rule in words, shown in the app beside the figures.
    pub percent_rule_text: &'static str,
    /// The heading of the uncovered-lines column, in the tool's words.
    pub uncovered_lines_heading: &'static str,
}

const ISTANBUL_METRICS: &[MetricHeading] = &[
    MetricHeading {
        metric: Metric::Statements,
        heading: "Stmts",
    },
    MetricHeading {
        metric: Metric::Branches,
        heading: "Branch",
    },
    MetricHeading {
        metric: Metric::Functions,
        heading: "Funcs",
    },
    MetricHeading {
        metric: Metric::Lines,
        heading: "Lines",
    },
];

const ISTANBUL_RULE_TEXT: &str =
    "Istanbul's rule: truncated (not rounded) to two decimals; 100 when there is nothing to cover";

/// The formats and their descriptions, in the order the registry tries to recognise them.
pub const FORMAT_PROFILES: [FormatProfile; 10] = [
    FormatProfile {
        format: CoverageFormat::CoveragePy,
        key: "coverage-py",
        name: "coverage.py JSON",
        written_by: "coverage.py (`coverage json`)",
        metrics: &[
            MetricHeading {
                metric: Metric::Statements,
                heading: "Statements",
            },
            MetricHeading {
                metric: Metric::Branches,
                heading: "Branches",
            },
        ],
        headline: Headline::CoveragePyCombined,
        percent_rule: PercentRule::CoveragePy {
            precision: Precision(0),
        },
        percent_rule_text: "coverage.py's rule: rounded half to even at the report's precision, never 0 or 100 unless exact",
        uncovered_lines_heading: "Missing lines",
    },
    FormatProfile {
        format: CoverageFormat::Istanbul,
        key: "istanbul",
        name: "Istanbul coverage-final.json",
        written_by: "Istanbul (nyc, c8, Jest, Vitest)",
        metrics: ISTANBUL_METRICS,
        headline: Headline::Metric(Metric::Lines),
        percent_rule: PercentRule::IstanbulTruncated,
        percent_rule_text: ISTANBUL_RULE_TEXT,
        uncovered_lines_heading: "Uncovered Line #s",
    },
    FormatProfile {
        format: CoverageFormat::IstanbulSummary,
        key: "istanbul-summary",
        name: "Istanbul coverage-summary.json",
        written_by: "Istanbul's json-summary reporter (nyc, c8, Jest, Vitest)",
        metrics: ISTANBUL_METRICS,
        headline: Headline::Metric(Metric::Lines),
        percent_rule: PercentRule::IstanbulTruncated,
        percent_rule_text: ISTANBUL_RULE_TEXT,
        uncovered_lines_heading: "Uncovered Line #s",
    },
    FormatProfile {
        format: CoverageFormat::Lcov,
        key: "lcov",
        name: "LCOV tracefile",
        written_by: "lcov's geninfo, c8, nyc, Jest, cargo-llvm-cov, grcov, tarpaulin, coverage.py",
        metrics: &[
            MetricHeading {
                metric: Metric::Lines,
                heading: "Lines",
            },
            MetricHeading {
                metric: Metric::Functions,
                heading: "Functions",
            },
            MetricHeading {
                metric: Metric::Branches,
                heading: "Branches",
            },
        ],
        headline: Headline::Metric(Metric::Lines),
        percent_rule: PercentRule::GenhtmlClamped { decimals: 1 },
        percent_rule_text: "lcov's rule (genhtml): rounded to one decimal, never 0 or 100 unless exact; - when there is nothing to cover",
        uncovered_lines_heading: "Uncovered lines",
    },
    FormatProfile {
        format: CoverageFormat::Cobertura,
        key: "cobertura",
        name: "Cobertura XML",
        written_by: "coverage.py, Istanbul, llvm-cov, tarpaulin, gcovr, coverlet",
        metrics: &[
            MetricHeading {
                metric: Metric::Lines,
                heading: "Lines",
            },
            MetricHeading {
                metric: Metric::Branches,
                heading: "Branches",
            },
        ],
        headline: Headline::Metric(Metric::Lines),
        // Cobertura states its rates (`line-rate`, `branch-rate`) per file and in total;
        // those are shown, printed by this rule as percentages (Istanbul's 0.9945999999999999
        // is its own 99.46, coverage.py's 0.9864 is 98.64), and the same rule prints what
        // Covscope adds up itself (folders, filtered totals).
        percent_rule: PercentRule::RoundedTrimmed {
            decimals: 2,
            when_empty: EmptyTotal::Text("-"),
        },
        percent_rule_text: "Cobertura's rates as the file states them, as percentages rounded to two decimals (93.5, 100); sums Covscope makes are printed the same way; - when there is nothing to cover",
        uncovered_lines_heading: "Uncovered lines",
    },
    FormatProfile {
        format: CoverageFormat::Clover,
        key: "clover",
        name: "Clover XML",
        written_by: "Istanbul, OpenClover, PHPUnit",
        metrics: &[
            MetricHeading {
                metric: Metric::Statements,
                heading: "Statements",
            },
            MetricHeading {
                metric: Metric::Branches,
                heading: "Conditionals",
            },
            MetricHeading {
                metric: Metric::Functions,
                heading: "Methods",
            },
        ],
        headline: Headline::Metric(Metric::Statements),
        // Clover XML states no percentages. Its usual writer in the projects Covscope serves
        // is Istanbul, whose summary truncates (c8-express: 2769 of 2776 prints 99.74, not
        // 99.75), so its figures read as Istanbul printed them.
        percent_rule: PercentRule::IstanbulTruncated,
        percent_rule_text: "Istanbul's rule (Clover XML's usual writer): truncated (not rounded) to two decimals; 100 when there is nothing to cover",
        uncovered_lines_heading: "Uncovered lines",
    },
    FormatProfile {
        format: CoverageFormat::Jacoco,
        key: "jacoco",
        name: "JaCoCo XML",
        written_by: "JaCoCo (Maven, Gradle, Ant)",
        metrics: &[
            MetricHeading {
                metric: Metric::Instructions,
                heading: "Instructions",
            },
            MetricHeading {
                metric: Metric::Branches,
                heading: "Branches",
            },
            MetricHeading {
                metric: Metric::Lines,
                heading: "Lines",
            },
            MetricHeading {
                metric: Metric::Complexity,
                heading: "Cxty",
            },
            MetricHeading {
                metric: Metric::Functions,
                heading: "Methods",
            },
            MetricHeading {
                metric: Metric::Classes,
                heading: "Classes",
            },
        ],
        headline: Headline::Metric(Metric::Instructions),
        percent_rule: PercentRule::WholeFloor,
        percent_rule_text: "JaCoCo's rule: a whole percent, rounded down; n/a when there is nothing to cover",
        uncovered_lines_heading: "Uncovered lines",
    },
    FormatProfile {
        format: CoverageFormat::Go,
        key: "go",
        name: "Go cover profile",
        written_by: "go test -coverprofile",
        metrics: &[MetricHeading {
            metric: Metric::Statements,
            heading: "Statements",
        }],
        headline: Headline::Metric(Metric::Statements),
        percent_rule: PercentRule::Rounded {
            decimals: 1,
            when_empty: EmptyTotal::Zero,
        },
        percent_rule_text: "go tool cover's rule: statements, rounded to one decimal",
        uncovered_lines_heading: "Uncovered lines",
    },
    FormatProfile {
        format: CoverageFormat::LlvmCov,
        key: "llvm-cov",
        name: "llvm-cov export JSON",
        written_by: "llvm-cov export, cargo llvm-cov --json",
        metrics: &[
            MetricHeading {
                metric: Metric::Regions,
                heading: "Regions",
            },
            MetricHeading {
                metric: Metric::Functions,
                heading: "Functions",
            },
            MetricHeading {
                metric: Metric::Lines,
                heading: "Lines",
            },
            MetricHeading {
                metric: Metric::Branches,
                heading: "Branches",
            },
        ],
        headline: Headline::Metric(Metric::Lines),
        percent_rule: PercentRule::RoundedFraction {
            decimals: 2,
            when_empty: EmptyTotal::Text("-"),
        },
        percent_rule_text: "llvm-cov's rule: covered / total × 100, rounded to two decimals; - when there is nothing to cover",
        uncovered_lines_heading: "Uncovered lines",
    },
    FormatProfile {
        format: CoverageFormat::Tarpaulin,
        key: "tarpaulin",
        name: "tarpaulin JSON",
        written_by: "cargo-tarpaulin --out Json",
        metrics: &[MetricHeading {
            metric: Metric::Lines,
            heading: "Lines",
        }],
        headline: Headline::Metric(Metric::Lines),
        percent_rule: PercentRule::RoundedFraction {
            decimals: 2,
            when_empty: EmptyTotal::Text("-"),
        },
        percent_rule_text: "tarpaulin's rule: covered / coverable × 100, rounded to two decimals; - where nothing is coverable (tarpaulin prints no percentage there)",
        uncovered_lines_heading: "Uncovered lines",
    },
];

impl CoverageFormat {
    /// Every format, in the order of [`FORMAT_PROFILES`].
    pub fn all() -> impl Iterator<Item = CoverageFormat> {
        FORMAT_PROFILES.iter().map(|profile| profile.format)
    }

    pub fn profile(self) -> &'static FormatProfile {
        FORMAT_PROFILES
            .iter()
            .find(|profile| profile.format == self)
            // Every variant has a row: `tests/formats_table.rs` checks the table whole.
            .unwrap_or(&FORMAT_PROFILES[0])
    }

    /// The `data-format` hook value.
    pub fn key(self) -> &'static str {
        self.profile().key
    }

    pub fn from_key(key: &str) -> Option<CoverageFormat> {
        FORMAT_PROFILES
            .iter()
            .find(|profile| profile.key == key)
            .map(|profile| profile.format)
    }
}
