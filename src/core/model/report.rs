//! A coverage report: per-file line, branch and region data and counts, independent of the
//! tool that wrote it.
use super::counts::Counts;
use super::format::{CoverageFormat, Headline};
use super::metric::Metric;
use super::percent::{CoverageFigure, Precision};
use super::percent_rule::PercentRule;

/// Facts about the run that produced a report, shown in the report header.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportFacts {
    pub format: CoverageFormat,
    /// The format's own version when the file states one: coverage.py's `meta.format`
    /// ("3"), llvm-cov's export `version` ("2.0.1"), Cobertura's DTD version.
    pub format_version: Option<String>,
    /// The measuring tool's version, e.g. "7.17.3".
    pub tool_version: Option<String>,
    /// When the report was written, as the report states it (ISO 8601 for coverage.py;
    /// other formats' timestamps are turned into ISO 8601 UTC by their parser).
    pub timestamp: Option<String>,
    pub has_branches: bool,
    pub has_contexts: bool,
    /// Whether per-file functions, methods or classes are present.
    pub has_regions: bool,
    /// coverage.py's display precision; other formats print with their own rule.
    pub precision: Precision,
}

/// A 1-based line number in a source file. 32 bits hold any real file (four billion
/// lines) and halve the memory a large report's line lists take; a parser meeting a larger
/// number reports it as damage instead of truncating it.
pub type LineNumber = u32;

/// One end of a coverage.py arc: a line number, or a negative number for an entry or exit
/// (minus the code object's first line). 32 bits, signed, for the same reason as
/// [`LineNumber`].
pub type ArcEnd = i32;

/// One arc between lines, as coverage.py lists them; a negative `to` is an exit arc.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BranchArc {
    pub from: ArcEnd,
    pub to: ArcEnd,
}

/// A place in a source file: a line, and a column when the format is column-precise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourcePosition {
    /// 1-based.
    pub line: LineNumber,
    /// 0-based, in the producer's units (Istanbul and llvm-cov count UTF-16 units and
    /// bytes respectively); `None` when the format gives lines only.
    pub column: Option<u32>,
}

/// A stretch of source from `start` up to `end` (inclusive of the end line; the end
/// column is exclusive as Istanbul and llvm-cov write it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceSpan {
    pub start: SourcePosition,
    pub end: SourcePosition,
}

/// One outcome of a branch point, for formats that list them (lcov's `BRDA`, Istanbul's
/// branch locations, llvm-cov's true and false counts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BranchOutcome {
    pub line: LineNumber,
    /// Which branch point on the line (lcov's block, Istanbul's branch id).
    pub block: u32,
    /// Which outcome of that branch point (lcov's branch, Istanbul's location index,
    /// llvm-cov's 0 for true and 1 for false).
    pub branch: u32,
    /// How often the outcome was taken; `None` when its branch point never ran at all
    /// (lcov's `-`).
    pub taken: Option<u64>,
    /// Where the outcome's code is, when the format says.
    pub span: Option<SourceSpan>,
}

/// How many branch outcomes of one line were taken, for formats that give only counts
/// per line (Cobertura's `condition-coverage`, JaCoCo's `mb`/`cb`, Clover's
/// `truecount`/`falsecount`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LineBranches {
    pub line: LineNumber,
    pub covered: u32,
    pub total: u32,
}

/// What a stretch of never-run code is, for column-precise highlighting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UncoveredKind {
    Statement,
    Function,
    Branch,
}

/// A stretch of code that never ran, as a column-precise format marks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct UncoveredSpan {
    pub kind: UncoveredKind,
    pub span: SourceSpan,
}

/// What kind of named code a region is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RegionKind {
    /// A function or method (coverage.py's `functions`, lcov's `FN`, Istanbul's `fnMap`,
    /// JaCoCo's methods, llvm-cov's functions).
    Function,
    /// A class (coverage.py's `classes`, JaCoCo's and Cobertura's classes).
    Class,
}

/// A percentage a report states for one metric (Cobertura's `line-rate`, llvm-cov's
/// `percent`), kept so the figure shown is the one the tool wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricFigure {
    pub metric: Metric,
    pub figure: CoverageFigure,
}

/// A function, method or class inside a file, with its own counts.
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    pub kind: RegionKind,
    /// The name as the producer writes it: coverage.py's dotted qualified name
    /// (`Cls.meth`; empty for the code outside any region), lcov's function name,
    /// JaCoCo's `Class.method(descriptor)`.
    pub name: String,
    pub start_line: Option<LineNumber>,
    pub end_line: Option<LineNumber>,
    pub counts: Counts,
    pub coverage: CoverageFigure,
    /// Percentages the report states for this region, per metric.
    pub stated_figures: Vec<MetricFigure>,
    /// How often a function was entered, for formats that count it.
    pub hits: Option<u64>,
}

/// One measured source file.
#[derive(Clone, Debug, PartialEq)]
pub struct FileCoverage {
    /// The path exactly as the report spells it (separators and case untouched).
    pub path: String,
    pub counts: Counts,
    /// The file's single figure (see [`Headline`]), printed by the format's rule or as
    /// the report states it.
    pub coverage: CoverageFigure,
    /// Percentages the report states for this file, per metric; a metric without one is
    /// printed by the format's rule from its tally.
    pub stated_figures: Vec<MetricFigure>,
    /// Sorted line numbers that ran; for coverage.py they may include lines that are not
    /// statements.
    pub executed_lines: Vec<LineNumber>,
    /// Sorted measured lines that never ran.
    pub missing_lines: Vec<LineNumber>,
    /// Sorted lines left out of measurement (`# pragma: no cover`, skipped lines).
    pub excluded_lines: Vec<LineNumber>,
    /// How often each executed line ran, in the order of `executed_lines`, for formats
    /// that count hits; empty otherwise.
    pub executed_line_hits: Vec<u64>,
    /// Whether the report listed the lines at all (hand-written coverage.py reports and
    /// summary-only formats do not).
    pub has_line_lists: bool,
    /// coverage.py's arcs.
    pub executed_branch_arcs: Vec<BranchArc>,
    pub missing_branch_arcs: Vec<BranchArc>,
    /// Branch outcomes, sorted by line, for formats that list them.
    pub branch_outcomes: Vec<BranchOutcome>,
    /// Branch counts per line, sorted by line, for formats that give only counts.
    pub line_branches: Vec<LineBranches>,
    /// Column-precise stretches that never ran (Istanbul).
    pub uncovered_spans: Vec<UncoveredSpan>,
    pub regions: Vec<Region>,
    /// The file's source text when the report carries it (tarpaulin's JSON).
    pub embedded_source: Option<String>,
}

/// A whole coverage report in the format-neutral model.
#[derive(Clone, Debug, PartialEq)]
pub struct CoverageReport {
    pub facts: ReportFacts,
    pub files: Vec<FileCoverage>,
    pub totals: Counts,
    pub total_coverage: CoverageFigure,
    /// Percentages the report states for its totals, per metric.
    pub stated_total_figures: Vec<MetricFigure>,
}

impl ReportFacts {
    /// Facts with nothing known but the format; parsers fill in what their file states.
    pub fn of_format(format: CoverageFormat) -> ReportFacts {
        ReportFacts {
            format,
            format_version: None,
            tool_version: None,
            timestamp: None,
            has_branches: false,
            has_contexts: false,
            has_regions: false,
            precision: Precision::default(),
        }
    }

    /// The rule this report's percentages are printed with: the format's, with
    /// coverage.py's precision taken from the report.
    pub fn percent_rule(&self) -> PercentRule {
        match self.format.profile().percent_rule {
            PercentRule::CoveragePy { .. } => PercentRule::CoveragePy {
                precision: self.precision,
            },
            rule => rule,
        }
    }

    /// The single figure of some counts of this report, by the format's headline and rule
    /// (for a subset of files, a folder, a region without a stated figure).
    pub fn headline_figure(&self, counts: &Counts) -> CoverageFigure {
        match (self.format.profile().headline, counts) {
            (Headline::CoveragePyCombined, Counts::CoveragePy(coverage_py)) => {
                let percent = coverage_py.percent_covered();
                CoverageFigure {
                    percent,
                    display: percent.display(self.precision),
                }
            }
            (Headline::Metric(metric), counts) => {
                let rule = self.percent_rule();
                rule.empty_node_figure(counts.tally(Metric::Lines))
                    .unwrap_or_else(|| rule.figure(counts.tally(metric).unwrap_or_default()))
            }
            // A coverage.py headline over metric tallies happens only for sums across
            // formats; statements and branches together is the nearest honest figure.
            (Headline::CoveragePyCombined, Counts::Metrics(metrics)) => {
                let statements = metrics.get(Metric::Statements).unwrap_or_default();
                let branches = metrics.get(Metric::Branches).unwrap_or_default();
                self.percent_rule().figure(statements + branches)
            }
        }
    }
}

impl FileCoverage {
    /// A file with a path and nothing measured yet; parsers fill in what they read.
    pub fn empty(path: String) -> FileCoverage {
        FileCoverage {
            path,
            counts: Counts::default(),
            coverage: CoverageFigure::default(),
            stated_figures: Vec::new(),
            executed_lines: Vec::new(),
            missing_lines: Vec::new(),
            excluded_lines: Vec::new(),
            executed_line_hits: Vec::new(),
            has_line_lists: false,
            executed_branch_arcs: Vec::new(),
            missing_branch_arcs: Vec::new(),
            branch_outcomes: Vec::new(),
            line_branches: Vec::new(),
            uncovered_spans: Vec::new(),
            regions: Vec::new(),
            embedded_source: None,
        }
    }

    /// Nothing to measure in the file: coverage.py shows it as 100% and Covscope says why.
    pub fn has_no_statements(&self) -> bool {
        match &self.counts {
            Counts::CoveragePy(counts) => counts.statements == 0,
            Counts::Metrics(metrics) => metrics.iter().all(|(_, tally)| tally.total == 0),
        }
    }
}

impl ReportFacts {
    /// One metric's figure for some counts: what the tool prints for a node with nothing
    /// measured (Istanbul's 0, see [`PercentRule::empty_node_figure`]), else the stated one
    /// when there is one, else the format's rule applied to the tally; `None` when the
    /// counts lack the metric.
    pub fn metric_figure(
        &self,
        counts: &Counts,
        stated: &[MetricFigure],
        metric: Metric,
    ) -> Option<CoverageFigure> {
        let rule = self.percent_rule();
        let tally = counts.tally(metric);
        if let (Some(_), Some(empty)) = (tally, rule.empty_node_figure(counts.tally(Metric::Lines)))
        {
            return Some(empty);
        }
        if let Some(stated) = stated.iter().find(|stated| stated.metric == metric) {
            return Some(stated.figure.clone());
        }
        tally.map(|tally| rule.figure(tally))
    }
}
