//! The per-file coverage table: which rows show, in what order, with what totals.
use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::missing_lines::format_missing_lines;
use crate::core::model::{CoverageCounts, CoverageReport, Percent};

/// A sortable column of the coverage table, named as in `coverage report -m`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TableColumn {
    Path,
    Statements,
    Missing,
    Excluded,
    Branches,
    Partial,
    Coverage,
    MissingLines,
}

/// The order of the rows: one column, ascending or descending.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SortOrder {
    pub column: TableColumn,
    pub descending: bool,
}

/// The colour bands of the coverage column: below `low` is low, below `high` is medium.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    pub low: f64,
    pub high: f64,
}

/// What the person chose for one report's table; saved per report name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableView {
    pub sort: SortOrder,
    pub filter: String,
    pub hide_covered: bool,
    pub thresholds: Thresholds,
}

/// Which colour band a percentage falls in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CoverageLevel {
    Low,
    Medium,
    High,
}

/// One file's row, with every cell as coverage.py would print it.
#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    pub path: String,
    pub counts: CoverageCounts,
    pub percent: Percent,
    pub coverage_display: String,
    pub missing_lines_text: String,
    pub has_no_statements: bool,
    pub level: CoverageLevel,
}

/// The totals row: the report's own totals when every file shows, else the sum of the
/// rows shown, with coverage.py's display rule applied to the sum.
#[derive(Clone, Debug, PartialEq)]
pub struct TotalsRow {
    pub counts: CoverageCounts,
    pub percent: Percent,
    pub coverage_display: String,
    pub level: CoverageLevel,
    pub is_subset: bool,
}

/// Everything the table component needs to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct TableModel {
    pub rows: Vec<TableRow>,
    pub totals: TotalsRow,
    pub shown_file_count: usize,
    pub total_file_count: usize,
    pub has_branches: bool,
}

impl Default for Thresholds {
    /// 50 and 80, the bands most coverage tools use.
    fn default() -> Self {
        Thresholds {
            low: 50.0,
            high: 80.0,
        }
    }
}

impl Default for TableView {
    /// Sorted by path like `coverage report`, nothing filtered.
    fn default() -> Self {
        TableView {
            sort: SortOrder {
                column: TableColumn::Path,
                descending: false,
            },
            filter: String::new(),
            hide_covered: false,
            thresholds: Thresholds::default(),
        }
    }
}

impl TableColumn {
    /// Every column, in the order coverage.py prints them.
    pub const ALL: [TableColumn; 8] = [
        TableColumn::Path,
        TableColumn::Statements,
        TableColumn::Missing,
        TableColumn::Excluded,
        TableColumn::Branches,
        TableColumn::Partial,
        TableColumn::Coverage,
        TableColumn::MissingLines,
    ];

    /// The key used in `data-col` and `sort-<col>` page hooks.
    pub fn key(self) -> &'static str {
        match self {
            TableColumn::Path => "path",
            TableColumn::Statements => "statements",
            TableColumn::Missing => "missing",
            TableColumn::Excluded => "excluded",
            TableColumn::Branches => "branches",
            TableColumn::Partial => "partial",
            TableColumn::Coverage => "coverage",
            TableColumn::MissingLines => "missing-lines",
        }
    }

    /// The header text, coverage.py's own words spelled out.
    pub fn heading(self) -> &'static str {
        match self {
            TableColumn::Path => "File",
            TableColumn::Statements => "Statements",
            TableColumn::Missing => "Missing",
            TableColumn::Excluded => "Excluded",
            TableColumn::Branches => "Branches",
            TableColumn::Partial => "Partial",
            TableColumn::Coverage => "Coverage",
            TableColumn::MissingLines => "Missing lines",
        }
    }

    pub fn is_branch_column(self) -> bool {
        matches!(self, TableColumn::Branches | TableColumn::Partial)
    }

    /// Numbers read best largest-first, names alphabetically.
    pub fn descending_by_default(self) -> bool {
        !matches!(self, TableColumn::Path | TableColumn::Coverage)
    }
}

impl SortOrder {
    /// Clicking the sorted column flips it; clicking another sorts by it.
    pub fn toggled_by(self, column: TableColumn) -> SortOrder {
        if self.column == column {
            SortOrder {
                column,
                descending: !self.descending,
            }
        } else {
            SortOrder {
                column,
                descending: column.descending_by_default(),
            }
        }
    }
}

impl Thresholds {
    /// Keeps the bands ordered and within 0..=100 whatever was typed.
    pub fn clamped(self) -> Thresholds {
        let clamp = |value: f64| {
            if value.is_finite() {
                value.clamp(0.0, 100.0)
            } else {
                0.0
            }
        };
        let low = clamp(self.low);
        let high = clamp(self.high).max(low);
        Thresholds { low, high }
    }

    pub fn level_of(self, percent: Percent) -> CoverageLevel {
        if percent.value() < self.low {
            CoverageLevel::Low
        } else if percent.value() < self.high {
            CoverageLevel::Medium
        } else {
            CoverageLevel::High
        }
    }
}

impl CoverageLevel {
    pub fn key(self) -> &'static str {
        match self {
            CoverageLevel::Low => "low",
            CoverageLevel::Medium => "medium",
            CoverageLevel::High => "high",
        }
    }
}

/// Builds every row of a report once (the missing-lines text is the costly part), in
/// report order; `build_table` then filters and sorts these.
pub fn build_all_rows(report: &CoverageReport, thresholds: Thresholds) -> Vec<TableRow> {
    report
        .files
        .iter()
        .map(|file| TableRow {
            path: file.path.clone(),
            counts: file.counts,
            percent: file.coverage.percent,
            coverage_display: file.coverage.display.clone(),
            missing_lines_text: format_missing_lines(file),
            has_no_statements: file.has_no_statements(),
            level: thresholds.level_of(file.coverage.percent),
        })
        .collect()
}

/// Applies the view to a report: filter by path substring (case-insensitive), hide fully
/// covered files if asked, sort, and total what is shown.
pub fn build_table(report: &CoverageReport, view: &TableView) -> TableModel {
    let all_rows = build_all_rows(report, view.thresholds.clamped());
    build_table_from_rows(&all_rows, report, view)
}

/// `build_table` on rows built once with `build_all_rows`, so typing in the filter or
/// clicking a header does not format every file's missing lines again.
pub fn build_table_from_rows(
    all_rows: &[TableRow],
    report: &CoverageReport,
    view: &TableView,
) -> TableModel {
    let thresholds = view.thresholds.clamped();
    let total_file_count = all_rows.len();
    let needle = view.filter.trim().to_lowercase();
    let mut rows: Vec<TableRow> = all_rows
        .iter()
        .filter(|row| needle.is_empty() || row.path.to_lowercase().contains(&needle))
        .filter(|row| !(view.hide_covered && row.percent.is_complete()))
        .cloned()
        .collect();
    sort_rows(&mut rows, view.sort);
    let is_subset = rows.len() != total_file_count;
    let totals = if is_subset {
        let counts: CoverageCounts = rows.iter().map(|row| &row.counts).sum();
        let percent = counts.percent_covered();
        TotalsRow {
            counts,
            percent,
            coverage_display: percent.display(report.facts.precision),
            level: thresholds.level_of(percent),
            is_subset,
        }
    } else {
        TotalsRow {
            counts: report.totals,
            percent: report.total_coverage.percent,
            coverage_display: report.total_coverage.display.clone(),
            level: thresholds.level_of(report.total_coverage.percent),
            is_subset,
        }
    };
    TableModel {
        shown_file_count: rows.len(),
        rows,
        totals,
        total_file_count,
        has_branches: report.facts.has_branches,
    }
}

/// Sorts rows by one column; ties fall back to the path so the order is always stable.
pub fn sort_rows(rows: &mut [TableRow], sort: SortOrder) {
    rows.sort_by(|left, right| {
        let primary = compare_by_column(left, right, sort.column);
        let primary = if sort.descending {
            primary.reverse()
        } else {
            primary
        };
        primary.then_with(|| left.path.cmp(&right.path))
    });
}

fn compare_by_column(left: &TableRow, right: &TableRow, column: TableColumn) -> Ordering {
    match column {
        TableColumn::Path => left.path.cmp(&right.path),
        TableColumn::Statements => left.counts.statements.cmp(&right.counts.statements),
        TableColumn::Missing => left.counts.missing.cmp(&right.counts.missing),
        TableColumn::Excluded => left.counts.excluded.cmp(&right.counts.excluded),
        TableColumn::Branches => left.counts.branches.cmp(&right.counts.branches),
        TableColumn::Partial => left
            .counts
            .partial_branches
            .cmp(&right.counts.partial_branches),
        TableColumn::Coverage => left.percent.value().total_cmp(&right.percent.value()),
        // Most gaps first reads best: missing lines plus partial branches.
        TableColumn::MissingLines => (left.counts.missing + left.counts.partial_branches)
            .cmp(&(right.counts.missing + right.counts.partial_branches)),
    }
}
