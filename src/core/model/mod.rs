//! The format-neutral coverage model that every parser converts into.
mod counts;
mod percent;
mod report;

pub use counts::CoverageCounts;
pub use percent::{CoverageFigure, Percent, Precision};
pub use report::{
    BranchArc, CoverageReport, FileCoverage, Region, RegionKind, ReportFacts, SourceFormat,
};
