//! A coverage report: per-file line data and counts, independent of the tool that wrote it.
use super::counts::CoverageCounts;
use super::percent::{CoverageFigure, Precision};

/// Which tool and format a report was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceFormat {
    /// coverage.py's `coverage json`; `format_version` is `meta.format` when present.
    CoveragePyJson { format_version: Option<u64> },
}

/// Facts about the run that produced a report, shown in the report header.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportFacts {
    pub source_format: SourceFormat,
    /// The measuring tool's version, e.g. "7.17.3".
    pub tool_version: Option<String>,
    /// When the report was written, as the report states it (ISO 8601 for coverage.py).
    pub timestamp: Option<String>,
    pub has_branches: bool,
    pub has_contexts: bool,
    /// Whether per-file function and class regions are present (coverage.py 7.6+).
    pub has_regions: bool,
    pub precision: Precision,
}

/// One arc between lines, as coverage.py lists them; a negative `to` is an exit arc.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BranchArc {
    pub from: i64,
    pub to: i64,
}

/// Whether a region is a function or a class (coverage.py's `functions` and `classes`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RegionKind {
    Function,
    Class,
}

/// A function or class inside a file, with its own counts (coverage.py 7.6+ regions).
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    pub kind: RegionKind,
    /// The dotted qualified name, e.g. `Cls.meth`; empty for the code outside any region.
    pub name: String,
    pub start_line: Option<u64>,
    pub counts: CoverageCounts,
    pub coverage: CoverageFigure,
}

/// One measured source file.
#[derive(Clone, Debug, PartialEq)]
pub struct FileCoverage {
    /// The path exactly as the report spells it (separators and case untouched).
    pub path: String,
    pub counts: CoverageCounts,
    pub coverage: CoverageFigure,
    /// Sorted line numbers; `executed_lines` may include lines that are not statements.
    pub executed_lines: Vec<u64>,
    pub missing_lines: Vec<u64>,
    pub excluded_lines: Vec<u64>,
    /// Whether the report listed the lines at all (hand-written reports often do not).
    pub has_line_lists: bool,
    pub executed_branch_arcs: Vec<BranchArc>,
    pub missing_branch_arcs: Vec<BranchArc>,
    pub regions: Vec<Region>,
}

/// A whole coverage report in the format-neutral model.
#[derive(Clone, Debug, PartialEq)]
pub struct CoverageReport {
    pub facts: ReportFacts,
    pub files: Vec<FileCoverage>,
    pub totals: CoverageCounts,
    pub total_coverage: CoverageFigure,
}

impl FileCoverage {
    /// coverage.py shows files without statements as 100%; Covscope also says why.
    pub fn has_no_statements(&self) -> bool {
        self.counts.statements == 0
    }
}
