//! The functions and classes index: every region of a report (coverage.py's functions and
//! classes, lcov's and Istanbul's functions, JaCoCo's methods, llvm-cov's functions) with
//! its own figures, filtered and sorted.
use std::cmp::Ordering;

use super::table::{column_value, table_columns, CellValue, TableColumn};
use super::tree::sort_indices_by;
use crate::core::model::{CoverageFormat, CoverageReport, Region, RegionKind};

/// A sortable column of the index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RegionColumn {
    /// The qualified name.
    Name,
    /// The file the region is in.
    File,
    /// The first line.
    Line,
    /// Function or class.
    Kind,
    /// How often a function was entered, where the format counts it.
    Hits,
    /// A figure, as the table has it for files.
    Figure(TableColumn),
}

/// What the person chose for the index.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionView {
    /// Keeps regions whose name or file contains this (case-insensitive).
    pub filter: String,
    pub sort: RegionColumn,
    pub descending: bool,
    /// Only one kind, or both.
    pub kind: Option<RegionKind>,
    /// Only regions that are not fully covered.
    pub only_gaps: bool,
}

/// One region of the index, by position in the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegionRow {
    pub file_index: u32,
    pub region_index: u32,
}

impl Default for RegionView {
    /// In file and line order, both kinds.
    fn default() -> Self {
        RegionView {
            filter: String::new(),
            sort: RegionColumn::File,
            descending: false,
            kind: None,
            only_gaps: false,
        }
    }
}

impl RegionColumn {
    /// The `data-col` and `sort-<col>` key.
    pub fn key(self) -> &'static str {
        match self {
            RegionColumn::Name => "name",
            RegionColumn::File => "file",
            RegionColumn::Line => "line",
            RegionColumn::Kind => "kind",
            RegionColumn::Hits => "hits",
            RegionColumn::Figure(column) => column.key(),
        }
    }
}

/// The columns of a report's index: name, file, line and kind, hits where counted, then
/// the figures its files have (without the uncovered-lines text).
pub fn region_columns(report: &CoverageReport) -> Vec<RegionColumn> {
    let mut columns = vec![
        RegionColumn::Name,
        RegionColumn::File,
        RegionColumn::Line,
        RegionColumn::Kind,
    ];
    let counts_hits = report
        .files
        .iter()
        .flat_map(|file| &file.regions)
        .any(|region| region.hits.is_some());
    if counts_hits {
        columns.push(RegionColumn::Hits);
    }
    let figures = table_columns(report).into_iter().filter(|column| {
        !matches!(
            column,
            TableColumn::Path | TableColumn::MissingLines | TableColumn::Excluded
        )
    });
    // A function-only format (lcov, Istanbul) gives each function a tally of 1 of 1 or
    // 0 of 1 functions, which says no more than its hits; those columns are left out.
    let figures: Vec<TableColumn> = figures
        .filter(|column| {
            report.facts.format == CoverageFormat::CoveragePy || region_has_column(report, *column)
        })
        .collect();
    columns.extend(figures.into_iter().map(RegionColumn::Figure));
    columns
}

/// Whether any region has a value in a figure column beyond a function's own 1-of-1.
fn region_has_column(report: &CoverageReport, column: TableColumn) -> bool {
    report
        .files
        .iter()
        .flat_map(|file| &file.regions)
        .any(|region| match column {
            TableColumn::Metric { metric, .. } => region
                .counts
                .tally(metric)
                .is_some_and(|tally| tally.total > 1),
            _ => true,
        })
}

/// The regions to list, in the view's order. `file` narrows the index to one file. The
/// code outside any region (coverage.py's `""` region) is not listed.
pub fn region_rows(
    report: &CoverageReport,
    file: Option<u32>,
    view: &RegionView,
) -> Vec<RegionRow> {
    let needle = view.filter.trim().to_lowercase();
    let mut rows: Vec<RegionRow> = Vec::new();
    for (file_index, candidate) in report.files.iter().enumerate() {
        let file_index = u32::try_from(file_index).unwrap_or(u32::MAX);
        if file.is_some_and(|only| only != file_index) {
            continue;
        }
        let path_matches = candidate.path.to_lowercase().contains(&needle);
        for (region_index, region) in candidate.regions.iter().enumerate() {
            if region.name.is_empty() {
                continue;
            }
            if view.kind.is_some_and(|kind| kind != region.kind) {
                continue;
            }
            if view.only_gaps && region.coverage.percent.is_complete() {
                continue;
            }
            if !needle.is_empty() && !path_matches && !region.name.to_lowercase().contains(&needle)
            {
                continue;
            }
            rows.push(RegionRow {
                file_index,
                region_index: u32::try_from(region_index).unwrap_or(u32::MAX),
            });
        }
    }
    let region_of = |row: &RegionRow| -> (&str, &Region) {
        let file = &report.files[row.file_index as usize];
        (file.path.as_str(), &file.regions[row.region_index as usize])
    };
    let mut order: Vec<u32> = (0..u32::try_from(rows.len()).unwrap_or(u32::MAX)).collect();
    sort_indices_by(&mut order, &|left, right| {
        let (left_path, left_region) = region_of(&rows[left as usize]);
        let (right_path, right_region) = region_of(&rows[right as usize]);
        let primary = match view.sort {
            RegionColumn::Name => left_region.name.cmp(&right_region.name),
            RegionColumn::File => left_path.cmp(right_path),
            RegionColumn::Line => left_region.start_line.cmp(&right_region.start_line),
            RegionColumn::Kind => kind_rank(left_region.kind).cmp(&kind_rank(right_region.kind)),
            RegionColumn::Hits => left_region.hits.cmp(&right_region.hits),
            RegionColumn::Figure(column) => figure_key(report, left_region, column)
                .total_cmp(&figure_key(report, right_region, column)),
        };
        let primary = if view.descending {
            primary.reverse()
        } else {
            primary
        };
        primary
            .then_with(|| left_path.cmp(right_path))
            .then_with(|| left_region.start_line.cmp(&right_region.start_line))
            .then_with(|| left_region.name.cmp(&right_region.name))
            .then(Ordering::Equal)
    });
    order.iter().map(|&index| rows[index as usize]).collect()
}

fn kind_rank(kind: RegionKind) -> u8 {
    match kind {
        RegionKind::Class => 0,
        RegionKind::Function => 1,
    }
}

fn figure_key(report: &CoverageReport, region: &Region, column: TableColumn) -> f64 {
    match column_value(
        &report.facts,
        &region.counts,
        &region.coverage,
        &region.stated_figures,
        column,
    ) {
        CellValue::Count(count) => count as f64,
        CellValue::Figure(figure) => figure.percent.value(),
        CellValue::Text(_) | CellValue::Absent => -1.0,
    }
}
