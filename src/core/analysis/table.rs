//! The per-file coverage table: which rows show, in what order, with what totals.
use serde::de::{self, Deserializer};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use super::missing_lines::format_uncovered_lines;
use super::path_search::{PathMatches, PathSegments, PathSegmentsBuilder};
use crate::core::model::{
    Counts, CoverageFigure, CoverageFormat, CoverageReport, FileCoverage, Metric, MetricFigure,
    Percent, ReportFacts,
};

/// A sortable column of the coverage table.
///
/// coverage.py reports keep coverage.py's own columns, named as in `coverage report -m`;
/// every other format shows, per metric it counts, the covered and total counts and the
/// percentage as its tool prints it. The key is the `data-col` and `sort-<col>` hook.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TableColumn {
    Path,
    Statements,
    Missing,
    Excluded,
    Branches,
    Partial,
    Coverage,
    MissingLines,
    /// One part of one metric's figures, for formats other than coverage.py.
    Metric {
        metric: Metric,
        part: MetricPart,
    },
}

/// Which of a metric's figures a column shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MetricPart {
    Covered,
    Total,
    Percent,
}

/// A cell's content, before it becomes text: what the one column-to-value mapping gives.
#[derive(Clone, Debug, PartialEq)]
pub enum CellValue {
    Text(String),
    Count(u64),
    /// A percentage as its tool prints it, with its value for bands.
    Figure(CoverageFigure),
    /// The metric or count does not exist for this row's format.
    Absent,
}

impl Serialize for TableColumn {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for TableColumn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let key = String::deserialize(deserializer)?;
        TableColumn::from_key(&key)
            .ok_or_else(|| de::Error::custom(format!("unknown table column {key:?}")))
    }
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
    pub counts: Counts,
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
    pub counts: Counts,
    pub percent: Percent,
    pub coverage_display: String,
    pub level: CoverageLevel,
    pub is_subset: bool,
    /// The percentages the report states for its totals; empty for a subset, whose
    /// figures follow the format's rule.
    pub stated_figures: Vec<MetricFigure>,
}

/// What sorting and filtering look at, gathered once per report so that a keystroke or a
/// click on a header works on numbers and one text buffer, never on the files themselves.
///
/// Rows are named by their file index (`u32`, the position in `CoverageReport::files`).
#[derive(Clone, Debug, PartialEq)]
pub struct TableRowIndex {
    /// Every path lowercased, cut into its distinct folders and names, for the filter.
    path_segments: PathSegments,
    /// File indices sorted by path (byte order, as `coverage report` sorts).
    path_order: Vec<u32>,
    /// Each file's position in `path_order`: ties of any column are broken by it.
    path_rank: Vec<u32>,
    is_complete: Vec<bool>,
}

/// The flat lists of a [`TableRowIndex`], borrowed: what its byte form writes out.
#[derive(Clone, Copy, Debug)]
pub struct TableRowIndexParts<'index> {
    pub path_segments: &'index PathSegments,
    pub path_order: &'index [u32],
    pub is_complete: &'index [bool],
}

/// Gathers a [`TableRowIndex`] file by file, as the files pass by: the parsing worker
/// adds each file while it makes the hand-over pieces (which consume the report), and
/// sorts once after the last, so the page receives the index instead of building it.
///
/// The paths are copied into one buffer as they pass, so the sort compares bytes that lie
/// together instead of strings scattered over the heap. [`TableRowIndexGatherer::finish`]
/// gives exactly what [`TableRowIndex::build`] gives for the same files in the same order.
#[derive(Clone, Debug)]
pub struct TableRowIndexGatherer {
    paths: String,
    path_ends: Vec<usize>,
    path_segments: PathSegmentsBuilder,
    is_complete: Vec<bool>,
}

impl TableRowIndexGatherer {
    /// Room for `file_count` files, so the lists grow once.
    pub fn with_capacity(file_count: usize) -> TableRowIndexGatherer {
        TableRowIndexGatherer {
            paths: String::new(),
            path_ends: Vec::with_capacity(file_count),
            path_segments: PathSegmentsBuilder::with_capacity(file_count),
            is_complete: Vec::with_capacity(file_count),
        }
    }

    /// Adds the next file of the report (files must come in the report's order).
    pub fn add_file(&mut self, file: &FileCoverage) {
        self.paths.push_str(&file.path);
        self.path_ends.push(self.paths.len());
        self.path_segments.add_path(&file.path);
        self.is_complete.push(file.coverage.percent.is_complete());
    }

    /// The index of every file added: the paths sorted (byte order, ties by file index,
    /// as [`TableRowIndex::build`] sorts) and each file's rank.
    pub fn finish(self) -> TableRowIndex {
        let file_count = self.path_ends.len();
        let paths = self.paths.as_bytes();
        let ends = &self.path_ends;
        let path_of = |file_index: u32| {
            let index = file_index as usize;
            let start = match index {
                0 => 0,
                _ => ends[index - 1],
            };
            &paths[start..ends[index]]
        };
        let mut path_order: Vec<u32> = (0..file_count).map(row_number).collect();
        // Byte order of the UTF-8 text is the order of `str`, so this is the order
        // `build` makes; equal paths keep the report's order.
        path_order.sort_unstable_by(|&left, &right| {
            path_of(left).cmp(path_of(right)).then(left.cmp(&right))
        });
        let path_rank = ranks_in_path_order(&path_order);
        TableRowIndex {
            path_segments: self.path_segments.finish(),
            path_order,
            path_rank,
            is_complete: self.is_complete,
        }
    }
}

/// Each file's rank in the path order (the inverse of the order), as the sorts read it.
fn ranks_in_path_order(path_order: &[u32]) -> Vec<u32> {
    let mut path_rank = vec![0; path_order.len()];
    for (rank, &file_index) in path_order.iter().enumerate() {
        path_rank[file_index as usize] = row_number(rank);
    }
    path_rank
}

/// A column's ascending order (ties by path) and, for the number columns, each row's
/// key in that order, so the descending order can be made without sorting again.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnOrder {
    pub file_indices: Vec<u32>,
    /// `keys[i]` is the sort key of `file_indices[i]`; `None` for the path column, whose
    /// rows never tie.
    pub keys: Option<Vec<u64>>,
}

/// The rows a view shows, in order, as file indices, with the totals of what is shown.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownRows {
    pub file_indices: Vec<u32>,
    pub totals: TotalsRow,
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

/// The `data-col` keys of the metric columns, by metric slot in [`Metric::ALL`] and part.
const METRIC_COLUMN_KEYS: [(Metric, [&str; 3]); 8] = [
    (
        Metric::Instructions,
        [
            "instructions-covered",
            "instructions-total",
            "instructions-pct",
        ],
    ),
    (
        Metric::Statements,
        ["statements-covered", "statements-total", "statements-pct"],
    ),
    (
        Metric::Branches,
        ["branches-covered", "branches-total", "branches-pct"],
    ),
    (
        Metric::Functions,
        ["functions-covered", "functions-total", "functions-pct"],
    ),
    (
        Metric::Regions,
        ["regions-covered", "regions-total", "regions-pct"],
    ),
    (Metric::Lines, ["lines-covered", "lines-total", "lines-pct"]),
    (
        Metric::Complexity,
        ["complexity-covered", "complexity-total", "complexity-pct"],
    ),
    (
        Metric::Classes,
        ["classes-covered", "classes-total", "classes-pct"],
    ),
];

impl MetricPart {
    pub const ALL: [MetricPart; 3] = [MetricPart::Covered, MetricPart::Total, MetricPart::Percent];

    fn slot(self) -> usize {
        match self {
            MetricPart::Covered => 0,
            MetricPart::Total => 1,
            MetricPart::Percent => 2,
        }
    }
}

impl TableColumn {
    /// coverage.py's columns, in the order coverage.py prints them.
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
            TableColumn::Metric { metric, part } => METRIC_COLUMN_KEYS
                .iter()
                .find(|(candidate, _)| *candidate == metric)
                .map_or("path", |(_, keys)| keys[part.slot()]),
        }
    }

    /// The column whose key this is.
    pub fn from_key(key: &str) -> Option<TableColumn> {
        if let Some(column) = TableColumn::ALL
            .into_iter()
            .find(|column| column.key() == key)
        {
            return Some(column);
        }
        METRIC_COLUMN_KEYS.iter().find_map(|(metric, keys)| {
            MetricPart::ALL
                .into_iter()
                .find(|part| keys[part.slot()] == key)
                .map(|part| TableColumn::Metric {
                    metric: *metric,
                    part,
                })
        })
    }

    /// The header text: coverage.py's own words spelled out for coverage.py's columns; for
    /// a metric, the format's word for it (use [`column_heading`] to get it).
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
            TableColumn::Metric { part, .. } => match part {
                MetricPart::Covered => "Covered",
                MetricPart::Total => "Total",
                MetricPart::Percent => "%",
            },
        }
    }

    pub fn is_branch_column(self) -> bool {
        matches!(self, TableColumn::Branches | TableColumn::Partial)
    }

    /// Numbers read best largest-first, names and percentages lowest-first.
    pub fn descending_by_default(self) -> bool {
        !matches!(
            self,
            TableColumn::Path
                | TableColumn::Coverage
                | TableColumn::Metric {
                    part: MetricPart::Percent,
                    ..
                }
        )
    }
}

/// The columns a report's table shows, in order: coverage.py's own for coverage.py
/// (branch columns only with branch data), else per metric the report counts (in its
/// tool's order) covered, total and percent, then the uncovered lines when listed.
pub fn table_columns(report: &CoverageReport) -> Vec<TableColumn> {
    let facts = &report.facts;
    if facts.format == CoverageFormat::CoveragePy {
        return TableColumn::ALL
            .into_iter()
            .filter(|column| facts.has_branches || !column.is_branch_column())
            .collect();
    }
    let mut columns = vec![TableColumn::Path];
    for heading in facts.format.profile().metrics {
        if report.totals.tally(heading.metric).is_some() {
            columns.extend(MetricPart::ALL.into_iter().map(|part| TableColumn::Metric {
                metric: heading.metric,
                part,
            }));
        }
    }
    if report.files.iter().any(|file| file.has_line_lists) {
        columns.push(TableColumn::MissingLines);
    }
    columns
}

/// The columns the `s` shortcut steps through, in the table's order: coverage.py's
/// path, statements, missing, branches, partial and coverage (branch columns only with
/// branch data; excluded and the missing lines are rarely what a reader sorts by), and
/// for every other format the path and each metric's percentage.
pub fn shortcut_sort_columns(report: &CoverageReport) -> Vec<TableColumn> {
    table_columns(report)
        .into_iter()
        .filter(|column| match column {
            TableColumn::Excluded | TableColumn::MissingLines => false,
            TableColumn::Metric { part, .. } => *part == MetricPart::Percent,
            _ => true,
        })
        .collect()
}

/// The count a column shows for some counts, when it is a count column that exists for
/// their format.
pub fn column_count(counts: &Counts, column: TableColumn) -> Option<u64> {
    let coverage_py = counts.coverage_py();
    match column {
        TableColumn::Statements => coverage_py.map(|counts| counts.statements),
        TableColumn::Missing => coverage_py.map(|counts| counts.missing),
        TableColumn::Excluded => coverage_py.map(|counts| counts.excluded),
        TableColumn::Branches => coverage_py.map(|counts| counts.branches),
        TableColumn::Partial => coverage_py.map(|counts| counts.partial_branches),
        TableColumn::Metric { metric, part } => counts.tally(metric).and_then(|tally| match part {
            MetricPart::Covered => Some(tally.covered),
            MetricPart::Total => Some(tally.total),
            MetricPart::Percent => None,
        }),
        TableColumn::Path | TableColumn::Coverage | TableColumn::MissingLines => None,
    }
}

/// A column's heading in the report's format's own words: "Stmts" for Istanbul's
/// statements, "Cxty" for JaCoCo's complexity, "Uncovered Line #s" for Istanbul's lines.
pub fn column_heading(format: CoverageFormat, column: TableColumn) -> &'static str {
    let profile = format.profile();
    match column {
        TableColumn::Metric { metric, .. } => profile
            .metrics
            .iter()
            .find(|heading| heading.metric == metric)
            .map_or(metric.key(), |heading| heading.heading),
        TableColumn::MissingLines if format != CoverageFormat::CoveragePy => {
            profile.uncovered_lines_heading
        }
        column => column.heading(),
    }
}

/// The value of one column for some counts: the one mapping from columns to counts.
///
/// `figure` is the row's single figure and `stated` the percentages its report states;
/// the missing-lines text is formatted by [`build_table_row`], not here.
pub fn column_value(
    facts: &ReportFacts,
    counts: &Counts,
    figure: &CoverageFigure,
    stated: &[MetricFigure],
    column: TableColumn,
) -> CellValue {
    match column {
        TableColumn::Path | TableColumn::MissingLines => CellValue::Absent,
        TableColumn::Coverage => CellValue::Figure(figure.clone()),
        TableColumn::Metric {
            metric,
            part: MetricPart::Percent,
        } => facts
            .metric_figure(counts, stated, metric)
            .map_or(CellValue::Absent, CellValue::Figure),
        column => column_count(counts, column).map_or(CellValue::Absent, CellValue::Count),
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

/// Tells whether a path passes the filter box: a case-insensitive substring of the path,
/// the text trimmed; an empty filter keeps every path.
pub fn path_matches_filter(path: &str, filter: &str) -> bool {
    let needle = filter.trim().to_lowercase();
    needle.is_empty() || path.to_lowercase().contains(&needle)
}

/// Whether the view shows a file at all (its filter and the hide-fully-covered toggle),
/// whatever the order.
pub fn view_shows_file(view: &TableView, file: &FileCoverage) -> bool {
    path_matches_filter(&file.path, &view.filter)
        && !(view.hide_covered && file.coverage.percent.is_complete())
}

impl TableRowIndex {
    /// Gathers what sorting and filtering need, once per report: lowercased paths in one
    /// buffer, the path order and each file's rank in it, which files are complete.
    pub fn build(report: &CoverageReport) -> TableRowIndex {
        let file_count = report.files.len();
        let path_segments =
            PathSegments::of_paths(report.files.iter().map(|file| file.path.as_str()));
        let mut path_order: Vec<u32> = (0..file_count).map(row_number).collect();
        // Two files with the same path (possible only in hand-made data) keep the
        // report's order, so the unstable sort still gives one order.
        path_order.sort_unstable_by(|&left, &right| {
            report.files[left as usize]
                .path
                .cmp(&report.files[right as usize].path)
                .then(left.cmp(&right))
        });
        let path_rank = ranks_in_path_order(&path_order);
        let is_complete = report
            .files
            .iter()
            .map(|file| file.coverage.percent.is_complete())
            .collect();
        TableRowIndex {
            path_segments,
            path_order,
            path_rank,
            is_complete,
        }
    }

    /// Which files' lowercased paths contain `needle` (already lowercased), one flag per
    /// file.
    pub fn files_whose_path_contains(&self, needle: &str) -> Vec<bool> {
        let matches = self.path_matches(needle);
        (0..self.file_count())
            .map(|file_index| matches.contains(row_number(file_index)))
            .collect()
    }

    /// Which files' lowercased paths contain `needle` (already lowercased), asked file by
    /// file: the needle is looked for once per distinct folder and name
    /// (`core::analysis::path_search`).
    pub fn path_matches(&self, needle: &str) -> PathMatches<'_> {
        self.path_segments.matches(needle)
    }

    pub fn file_count(&self) -> usize {
        self.path_order.len()
    }

    /// The flat lists the index is made of, for its byte form (`core::share`).
    pub fn parts(&self) -> TableRowIndexParts<'_> {
        TableRowIndexParts {
            path_segments: &self.path_segments,
            path_order: &self.path_order,
            is_complete: &self.is_complete,
        }
    }

    /// The index from its flat lists, as they come out of its byte form; each file's rank
    /// is made here from the path order, which also proves the order names every file
    /// once. An error (never a panic) for lists that do not fit together, so no later
    /// lookup can fall outside them.
    pub fn from_parts(
        path_segments: PathSegments,
        path_order: Vec<u32>,
        is_complete: Vec<bool>,
    ) -> Result<TableRowIndex, String> {
        let file_count = path_order.len();
        if path_segments.file_count() != file_count || is_complete.len() != file_count {
            return Err("its lists do not have one entry per file".to_string());
        }
        // Every rank starts out as "no file yet"; a file named twice or out of range is
        // an error.
        let mut path_rank = vec![u32::MAX; file_count];
        for (rank, &file_index) in path_order.iter().enumerate() {
            match path_rank.get_mut(file_index as usize) {
                Some(slot) if *slot == u32::MAX => *slot = row_number(rank),
                _ => return Err("the path order does not name every file once".to_string()),
            }
        }
        Ok(TableRowIndex {
            path_segments,
            path_order,
            path_rank,
            is_complete,
        })
    }

    /// The lowercased path of one file, as the filter compares it.
    pub fn lowercase_path(&self, file_index: u32) -> String {
        self.path_segments.lowercase_path(file_index)
    }

    /// The file with exactly this path, found by binary search in the path order.
    pub fn file_index_of_path(&self, report: &CoverageReport, path: &str) -> Option<u32> {
        let position = self
            .path_order
            .binary_search_by(|&file_index| {
                report.files[file_index as usize].path.as_str().cmp(path)
            })
            .ok()?;
        Some(self.path_order[position])
    }
}

/// Every file of the report in the given order, as file indices: sorting once per
/// column and direction lets the filter keep this order without sorting again.
///
/// The order is the column (reversed when descending), then the path ascending, so ties
/// are always broken the same way; every key is a number, the path by its rank.
pub fn sort_file_order(
    report: &CoverageReport,
    index: &TableRowIndex,
    sort: SortOrder,
) -> Vec<u32> {
    directed_file_order(
        &sort_column_ascending(report, index, sort.column),
        sort.descending,
    )
}

/// Every file sorted by one column ascending, ties by path ascending, with each file's
/// column key: what both directions of that column are made from.
pub fn sort_column_ascending(
    report: &CoverageReport,
    index: &TableRowIndex,
    column: TableColumn,
) -> ColumnOrder {
    if column == TableColumn::Path {
        return ColumnOrder {
            file_indices: index.path_order.clone(),
            keys: None,
        };
    }
    let mut keyed: Vec<(u64, u32)> = report
        .files
        .iter()
        .zip(&index.path_rank)
        .map(|(file, &rank)| (column_sort_key(&report.facts, file, column), rank))
        .collect();
    // The ranks are unique, so an unstable sort gives the one stable order.
    keyed.sort_unstable();
    ColumnOrder {
        file_indices: keyed
            .iter()
            .map(|&(_, rank)| index.path_order[rank as usize])
            .collect(),
        keys: Some(keyed.into_iter().map(|(key, _)| key).collect()),
    }
}

/// One direction of a column's order, in one pass over the ascending order: descending
/// is the ascending order reversed, with each run of equal keys put back in path order
/// (ties are broken by the path ascending both ways). Flipping a column's direction on
/// 50,000 files costs this pass instead of a sort.
pub fn directed_file_order(ascending: &ColumnOrder, descending: bool) -> Vec<u32> {
    let mut order = ascending.file_indices.clone();
    if !descending {
        return order;
    }
    order.reverse();
    let Some(keys) = &ascending.keys else {
        // Paths are unique by rank: no two rows tie.
        return order;
    };
    let mut run_start = 0;
    while run_start < order.len() {
        // In the reversed order, key `i` belongs to ascending position `len - 1 - i`.
        let key_at = |position: usize| keys[keys.len() - 1 - position];
        let mut run_end = run_start + 1;
        while run_end < order.len() && key_at(run_end) == key_at(run_start) {
            run_end += 1;
        }
        order[run_start..run_end].reverse();
        run_start = run_end;
    }
    order
}

/// Applies the filter and the hide-fully-covered toggle to a sorted order and totals
/// what is shown. The allocations are the index list, the lowercased filter and, when a
/// filter or the toggle hides anything, a flag per file and per distinct folder and name.
pub fn select_shown_rows(
    report: &CoverageReport,
    index: &TableRowIndex,
    sorted_order: &[u32],
    view: &TableView,
) -> ShownRows {
    let needle = view.filter.trim().to_lowercase();
    let file_indices: Vec<u32> = if needle.is_empty() && !view.hide_covered {
        // Every file shows (the view right after a load): the order as it is, with no
        // flag looked up per file.
        sorted_order.to_vec()
    } else {
        let matches = index.path_matches(&needle);
        // Whether each file shows, worked out in file order, where the per-file lists are
        // read front to back; the sorted order then looks up one flag per file instead of
        // reading those lists in a scattered order.
        let shows: Vec<bool> = (0..index.file_count())
            .map(|file_index| {
                matches.contains(row_number(file_index))
                    && !(view.hide_covered && index.is_complete[file_index])
            })
            .collect();
        sorted_order
            .iter()
            .copied()
            .filter(|&file_index| shows[file_index as usize])
            .collect()
    };
    let totals = totals_of_shown(report, &file_indices, view.thresholds.clamped());
    ShownRows {
        file_indices,
        totals,
        total_file_count: report.files.len(),
        has_branches: report.facts.has_branches,
    }
}

/// One file's row with every cell's text, the missing lines formatted now; rendering
/// calls this only for the rows in view.
pub fn build_table_row(
    report: &CoverageReport,
    file_index: u32,
    thresholds: Thresholds,
) -> TableRow {
    let file = &report.files[file_index as usize];
    TableRow {
        path: file.path.clone(),
        counts: file.counts,
        percent: file.coverage.percent,
        coverage_display: file.coverage.display.clone(),
        missing_lines_text: format_uncovered_lines(report.facts.format, file),
        has_no_statements: file.has_no_statements(),
        level: thresholds.clamped().level_of(file.coverage.percent),
    }
}

/// The next or previous shown row from the active one (`step` rows away, clamped to the
/// ends); with no active row, or one the view hides, the first shown row.
pub fn step_active_row(shown: &[u32], active_file_index: Option<u32>, step: isize) -> Option<u32> {
    let position = active_file_index
        .and_then(|active| shown.iter().position(|&file_index| file_index == active));
    let target = match position {
        Some(position) => position
            .saturating_add_signed(step)
            .min(shown.len().saturating_sub(1)),
        None => 0,
    };
    shown.get(target).copied()
}

/// The totals row: the report's own totals when every file shows, else the sum of the
/// shown files with coverage.py's display rule applied to it.
fn totals_of_shown(report: &CoverageReport, shown: &[u32], thresholds: Thresholds) -> TotalsRow {
    let is_subset = shown.len() != report.files.len();
    if is_subset {
        let counts: Counts = shown
            .iter()
            .map(|&file_index| &report.files[file_index as usize].counts)
            .sum();
        let figure = report.facts.headline_figure(&counts);
        TotalsRow {
            counts,
            percent: figure.percent,
            level: thresholds.level_of(figure.percent),
            coverage_display: figure.display,
            is_subset,
            stated_figures: Vec::new(),
        }
    } else {
        TotalsRow {
            counts: report.totals,
            percent: report.total_coverage.percent,
            coverage_display: report.total_coverage.display.clone(),
            level: thresholds.level_of(report.total_coverage.percent),
            is_subset,
            stated_figures: report.stated_total_figures.clone(),
        }
    }
}

/// A number that orders files by one column: counts as they are, the percentage through
/// its bits mapped to keep `f64::total_cmp`'s order.
fn column_sort_key(facts: &ReportFacts, file: &FileCoverage, column: TableColumn) -> u64 {
    match column {
        // The path is sorted by rank in `sort_file_order`; every path key is equal here.
        TableColumn::Path => 0,
        TableColumn::Coverage => ordered_bits(file.coverage.percent.value()),
        TableColumn::MissingLines => match file.counts.coverage_py() {
            // Most gaps first reads best: missing lines plus partial branches.
            Some(counts) => counts.missing.saturating_add(counts.partial_branches),
            None => headline_tally_missed(facts, &file.counts),
        },
        column => match column_value(
            facts,
            &file.counts,
            &file.coverage,
            &file.stated_figures,
            column,
        ) {
            CellValue::Count(count) => count,
            CellValue::Figure(figure) => ordered_bits(figure.percent.value()),
            CellValue::Text(_) | CellValue::Absent => 0,
        },
    }
}

/// How many of the headline metric's items a file missed: the gaps its uncovered-lines
/// column lists, for formats other than coverage.py.
fn headline_tally_missed(facts: &ReportFacts, counts: &Counts) -> u64 {
    match facts.format.profile().headline {
        crate::core::model::Headline::Metric(metric) => {
            counts.tally(metric).map_or(0, |tally| tally.missed())
        }
        crate::core::model::Headline::CoveragePyCombined => 0,
    }
}

/// The bits of a float turned into an unsigned number with the same order as
/// `f64::total_cmp`: negative values flipped whole, positive ones with the sign bit set.
fn ordered_bits(value: f64) -> u64 {
    let bits = value.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

/// A file's position as the `u32` the index lists use: four billion files would not fit
/// in a WebAssembly page's memory, so this never saturates in practice; saturating keeps
/// it total without a panic.
fn row_number(position: usize) -> u32 {
    u32::try_from(position).unwrap_or(u32::MAX)
}
