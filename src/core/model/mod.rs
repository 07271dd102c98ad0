//! The format-neutral coverage model that every parser converts into.
//!
//! A report is files with their lines (run, missed, excluded, with hits where counted),
//! branches (coverage.py's arcs, other formats' outcomes or per-line counts), regions
//! (functions, methods, classes) and counts in the producer's own terms; each format's
//! metrics, headings and percent rule are data in `format.rs`. A patch (`patch.rs`) is
//! the other thing Covscope reads: which lines a diff adds, removes and keeps.
mod counts;
mod file_sink;
mod format;
mod metric;
mod patch;
mod percent;
mod percent_rule;
mod report;

pub use counts::{Counts, CoverageCounts};
pub use file_sink::{hand_files_to_sink, ReportFileSink};
pub use format::{CoverageFormat, FormatProfile, Headline, MetricHeading, FORMAT_PROFILES};
pub use metric::{Metric, MetricCounts, Tally};
pub use patch::{
    FileChange, FilePatch, Hunk, HunkLineKind, HunkLineRun, NumberedHunkLine, Patch, PatchCommit,
    PathPrefixes, SkippedDiffSection,
};
pub use percent::{CoverageFigure, Percent, Precision};
pub(crate) use percent_rule::javascript_number_text;
pub use percent_rule::{trimmed_percent_text, EmptyTotal, PercentRule};
pub use report::{
    ArcEnd, BranchArc, BranchOutcome, CoverageReport, FileCoverage, LineBranches, LineNumber,
    MetricFigure, Region, RegionKind, ReportFacts, SourcePosition, SourceSpan, UncoveredKind,
    UncoveredSpan,
};
