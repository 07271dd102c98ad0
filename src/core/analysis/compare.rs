//! Compares two coverage reports: per-file and total deltas, statuses, line changes and
//! the order of the comparison table.
//!
//! Every delta is the difference of the two reports' own numbers (their `percent_covered`
//! values and summary counts), never of figures Covscope recomputed, so a delta always
//! agrees with the two percentages shown beside it.
//!
//! Refs: coverage.py `coverage/results.py` (`Numbers.pc_covered`, `display_covered`,
//! `format_lines`).
use std::cmp::Ordering;
use std::collections::{HashMap, VecDeque};

use serde::{Deserialize, Serialize};

use super::missing_lines::format_lines;
use crate::core::model::{
    ArcEnd, BranchArc, Counts, CoverageFigure, CoverageFormat, CoverageReport, FileCoverage,
    Headline, LineNumber, Percent, Precision, ReportFacts,
};

/// How a file changed between the two reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeltaStatus {
    /// The file is only in the "after" report.
    NewFile,
    /// The file is only in the "before" report.
    Removed,
    Improved,
    Regressed,
    /// The percentage and every count that measures coverage are the same (branch counts
    /// only count when both reports measured branches; excluded lines never do).
    Unchanged,
}

/// One report's figures for a file (or for the totals): counts plus the coverage figure
/// exactly as that report stated it.
#[derive(Clone, Debug, PartialEq)]
pub struct FileFigures {
    pub counts: Counts,
    pub coverage: CoverageFigure,
    /// The counts a comparison weighs, in that report's terms.
    pub compared: ComparedCounts,
}

/// The quantities a comparison weighs, in one report's terms: coverage.py's statements,
/// missing lines and branches for coverage.py; the headline metric's items and the
/// branches for every other format (there are no partial branches to count then).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ComparedCounts {
    /// coverage.py's statements, or the headline metric's total.
    pub measured: u64,
    pub covered: u64,
    /// coverage.py's missing lines, or the headline metric's missed items.
    pub missing: u64,
    pub branches: u64,
    pub executed_branches: u64,
    pub missing_branches: u64,
    /// coverage.py's partial branches; 0 for other formats.
    pub partial: u64,
}

impl FileFigures {
    /// A side of a comparison: the counts and figure as the report states them.
    pub fn new(counts: Counts, coverage: CoverageFigure, headline: Headline) -> FileFigures {
        FileFigures {
            compared: ComparedCounts::of(&counts, headline),
            counts,
            coverage,
        }
    }
}

impl ComparedCounts {
    pub fn of(counts: &Counts, headline: Headline) -> ComparedCounts {
        if let Some(counts) = counts.coverage_py() {
            return ComparedCounts {
                measured: counts.statements,
                covered: counts.executed,
                missing: counts.missing,
                branches: counts.branches,
                executed_branches: counts.executed_branches,
                missing_branches: counts.missing_branches,
                partial: counts.partial_branches,
            };
        }
        let measured = match headline {
            Headline::Metric(metric) => counts.tally(metric).unwrap_or_default(),
            Headline::CoveragePyCombined => Default::default(),
        };
        let branches = counts
            .tally(crate::core::model::Metric::Branches)
            .unwrap_or_default();
        ComparedCounts {
            measured: measured.total,
            covered: measured.covered,
            missing: measured.missed(),
            branches: branches.total,
            executed_branches: branches.covered,
            missing_branches: branches.missed(),
            partial: 0,
        }
    }
}

/// A change of coverage in percentage points, with its signed display text.
#[derive(Clone, Debug, PartialEq)]
pub struct PercentDelta {
    /// `after.percent - before.percent`, on the reports' own values.
    pub points: f64,
    /// E.g. "+11.10", "-0.50", "0.00"; see [`PercentDelta::new`] for the rule.
    pub display: String,
}

/// One file of the comparison table.
#[derive(Clone, Debug, PartialEq)]
pub struct DeltaRow {
    /// The path as the "after" report spells it, or as "before" does for a removed file.
    pub path: String,
    /// The "before" spelling when it differs from `path` (a Windows report compared with a
    /// POSIX one); `None` when both spell it the same or the file is only in one report.
    pub before_path: Option<String>,
    pub status: DeltaStatus,
    pub before: Option<FileFigures>,
    pub after: Option<FileFigures>,
    /// `None` for a new or removed file: there is no second percentage to subtract.
    pub coverage_delta: Option<PercentDelta>,
    /// The count deltas treat a missing side as zero, so a new file adds its statements
    /// and a removed one takes them away, and the rows add up to the totals' deltas.
    pub statements_delta: i64,
    pub missing_delta: i64,
    pub branches_delta: i64,
    pub partial_delta: i64,
}

/// The totals row: the reports' own totals, or the sums of a filtered subset of rows.
#[derive(Clone, Debug, PartialEq)]
pub struct DeltaTotals {
    pub status: DeltaStatus,
    /// `None` only for a subset that has no file in that report.
    pub before: Option<FileFigures>,
    pub after: Option<FileFigures>,
    pub coverage_delta: Option<PercentDelta>,
    pub statements_delta: i64,
    pub missing_delta: i64,
    pub branches_delta: i64,
    pub partial_delta: i64,
    /// True when these totals add up only the rows shown, not the whole reports.
    pub is_subset: bool,
    pub file_count: usize,
}

/// Everything the comparison view needs, in path order.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub rows: Vec<DeltaRow>,
    pub totals: DeltaTotals,
    /// The precision deltas are shown with: the finer of the two reports' precisions.
    pub precision: Precision,
    pub precision_before: Precision,
    pub precision_after: Precision,
    /// When only one report measured branches its percentages mix in branches and the
    /// other's do not, and its branch counts are compared with zeros; the view says so.
    pub has_branches_before: bool,
    pub has_branches_after: bool,
    /// What the two reports are: their formats, headlines and precisions decide how
    /// subsets are totalled and whether the figures measure the same thing.
    pub before_facts: ReportFacts,
    pub after_facts: ReportFacts,
}

/// What changed inside one file, line by line, in coverage.py's range notation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineChanges {
    /// Lines missing before and executed after, e.g. "27-31, 74".
    pub newly_covered: String,
    /// Lines executed before and missing after.
    pub newly_missed: String,
    /// Partial branches shown after but not before, e.g. "74->exit, 220->219".
    pub partial_gained: String,
    /// Partial branches shown before but not after.
    pub partial_lost: String,
    pub newly_covered_lines: Vec<LineNumber>,
    pub newly_missed_lines: Vec<LineNumber>,
    pub partial_gained_arcs: Vec<BranchArc>,
    pub partial_lost_arcs: Vec<BranchArc>,
    /// False when either report lacks line lists, so no line can be compared.
    pub has_line_data: bool,
    /// False when branch data is known in only one of the two files, so no partial
    /// branch is claimed as gained or lost.
    pub branches_compared: bool,
}

/// A sortable column of the comparison table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeltaColumn {
    Path,
    CoverageBefore,
    CoverageAfter,
    CoverageDelta,
    StatementsDelta,
    MissingDelta,
    BranchesDelta,
    PartialDelta,
    Status,
}

impl DeltaStatus {
    /// The key used in `data-status` page hooks and CSV output.
    pub fn key(self) -> &'static str {
        match self {
            DeltaStatus::NewFile => "new",
            DeltaStatus::Removed => "removed",
            DeltaStatus::Improved => "improved",
            DeltaStatus::Regressed => "regressed",
            DeltaStatus::Unchanged => "unchanged",
        }
    }

    /// The words shown in the status column.
    pub fn label(self) -> &'static str {
        match self {
            DeltaStatus::NewFile => "new file",
            DeltaStatus::Removed => "removed",
            DeltaStatus::Improved => "improved",
            DeltaStatus::Regressed => "regressed",
            DeltaStatus::Unchanged => "unchanged",
        }
    }

    /// The order of the default view: regressions first, then the files that appeared or
    /// vanished (both worth a look), then improvements, and the unchanged files last.
    pub fn attention_rank(self) -> u8 {
        match self {
            DeltaStatus::Regressed => 0,
            DeltaStatus::Removed => 1,
            DeltaStatus::NewFile => 2,
            DeltaStatus::Improved => 3,
            DeltaStatus::Unchanged => 4,
        }
    }
}

impl PercentDelta {
    /// The delta from one percentage to another, shown at `precision`.
    ///
    /// The magnitude is displayed with coverage.py's own `display_covered` rule
    /// ([`Percent::display`]): Python's `round`, half to even on the exact binary value,
    /// except that a magnitude strictly between 0 and 10^-p shows as 10^-p and one
    /// strictly between 100-10^-p and 100 shows as 100-10^-p. Applied to a delta this
    /// means a change that is not exactly zero never reads "0", "+0" or "-0": a tiny gain
    /// shows as the smallest unit, "+0.01" at precision 2 or "+1" at precision 0, so the
    /// status beside it (improved or regressed) is never contradicted. A positive delta
    /// gets a "+", a negative one a "-", and exactly zero none ("0", "0.00").
    pub fn new(before: Percent, after: Percent, precision: Precision) -> PercentDelta {
        let points = after.value() - before.value();
        PercentDelta {
            points,
            display: signed_points_display(points, precision),
        }
    }
}

impl DeltaColumn {
    /// Every column, in the order the comparison table shows them.
    pub const ALL: [DeltaColumn; 9] = [
        DeltaColumn::Path,
        DeltaColumn::CoverageBefore,
        DeltaColumn::CoverageAfter,
        DeltaColumn::CoverageDelta,
        DeltaColumn::StatementsDelta,
        DeltaColumn::MissingDelta,
        DeltaColumn::BranchesDelta,
        DeltaColumn::PartialDelta,
        DeltaColumn::Status,
    ];

    /// The key used in `data-col` and `sort-<col>` page hooks.
    pub fn key(self) -> &'static str {
        match self {
            DeltaColumn::Path => "path",
            DeltaColumn::CoverageBefore => "coverage-before",
            DeltaColumn::CoverageAfter => "coverage-after",
            DeltaColumn::CoverageDelta => "coverage-delta",
            DeltaColumn::StatementsDelta => "statements-delta",
            DeltaColumn::MissingDelta => "missing-delta",
            DeltaColumn::BranchesDelta => "branches-delta",
            DeltaColumn::PartialDelta => "partial-delta",
            DeltaColumn::Status => "status",
        }
    }

    pub fn heading(self) -> &'static str {
        match self {
            DeltaColumn::Path => "File",
            DeltaColumn::CoverageBefore => "Before",
            DeltaColumn::CoverageAfter => "After",
            DeltaColumn::CoverageDelta => "Change",
            DeltaColumn::StatementsDelta => "Statements",
            DeltaColumn::MissingDelta => "Missing",
            DeltaColumn::BranchesDelta => "Branches",
            DeltaColumn::PartialDelta => "Partial",
            DeltaColumn::Status => "Status",
        }
    }

    pub fn is_branch_column(self) -> bool {
        matches!(self, DeltaColumn::BranchesDelta | DeltaColumn::PartialDelta)
    }

    /// The direction a first click sorts in, chosen so the worst rows come first: lowest
    /// coverage, biggest drop, most added statements and gaps, regressions.
    pub fn descending_by_default(self) -> bool {
        matches!(
            self,
            DeltaColumn::StatementsDelta
                | DeltaColumn::MissingDelta
                | DeltaColumn::BranchesDelta
                | DeltaColumn::PartialDelta
        )
    }

    /// The default order of the comparison table: regressions first.
    pub fn default_sort() -> (DeltaColumn, bool) {
        (DeltaColumn::Status, false)
    }

    /// Clicking the sorted column flips it; clicking another sorts by it in its default
    /// direction (the same convention as the main table).
    pub fn toggled_sort(current: (DeltaColumn, bool), clicked: DeltaColumn) -> (DeltaColumn, bool) {
        if current.0 == clicked {
            (clicked, !current.1)
        } else {
            (clicked, clicked.descending_by_default())
        }
    }
}

/// Picks the default pair to compare: the two newest reports, the older as "before".
///
/// "Newest" orders by the timestamp string (coverage.py writes ISO 8601, which sorts
/// lexicographically), then by load order (later loaded counts as newer). See
/// [`chronological_order`] for reports without a timestamp. Fewer than two reports
/// give `None`.
pub fn default_comparison_pair<Id: Copy>(reports: &[(Id, Option<&str>)]) -> Option<(Id, Id)> {
    let timestamps: Vec<Option<&str>> = reports.iter().map(|(_, timestamp)| *timestamp).collect();
    let order = chronological_order(&timestamps);
    match order.as_slice() {
        [.., older, newer] => Some((reports[*older].0, reports[*newer].0)),
        _ => None,
    }
}

/// The indices of `timestamps` from oldest to newest.
///
/// Timestamps compare as strings; equal ones keep load order. A report without a
/// timestamp cannot be placed in time, so it counts as older than every dated report
/// (it never displaces a dated report as "newest"), and undated reports keep load order
/// among themselves.
pub fn chronological_order(timestamps: &[Option<&str>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..timestamps.len()).collect();
    // A stable sort keeps load order for ties; `None` sorts before every `Some`.
    order.sort_by(|&left, &right| timestamps[left].cmp(&timestamps[right]));
    order
}

/// Compares two reports file by file.
///
/// Files are paired by their exact path first; the files left over are then paired by
/// the path with `\` read as `/`, so a report written on Windows matches one written on
/// POSIX. A file only in one report is reported as new or removed, even when another
/// file appeared with the same counts: guessing renames from numbers would pair
/// unrelated files that merely have the same size, and a wrong pairing shows deltas
/// that are false, while "removed" plus "new" is always true.
pub fn compare_reports(before: &CoverageReport, after: &CoverageReport) -> Comparison {
    let precision_before = display_precision(&before.facts);
    let precision_after = display_precision(&after.facts);
    let precision = Precision(precision_before.0.max(precision_after.0));
    let rules = DeltaRules {
        precision,
        branches_comparable: before.facts.has_branches == after.facts.has_branches,
        before_headline: before.facts.format.profile().headline,
        after_headline: after.facts.format.profile().headline,
    };
    let pairs = pair_files(&before.files, &after.files);
    let mut rows: Vec<DeltaRow> = pairs
        .into_iter()
        .map(|(before_index, after_index)| {
            let before_file = before_index.and_then(|index| before.files.get(index));
            let after_file = after_index.and_then(|index| after.files.get(index));
            build_row(before_file, after_file, rules)
        })
        .collect();
    rows.sort_by(|left, right| {
        left.path
            .cmp(&right.path)
            .then_with(|| left.before_path.cmp(&right.before_path))
    });
    let before_totals = FileFigures::new(
        before.totals,
        before.total_coverage.clone(),
        rules.before_headline,
    );
    let after_totals = FileFigures::new(
        after.totals,
        after.total_coverage.clone(),
        rules.after_headline,
    );
    let totals = build_totals(
        Some(before_totals),
        Some(after_totals),
        rules,
        false,
        rows.len(),
    );
    Comparison {
        rows,
        totals,
        precision,
        precision_before,
        precision_after,
        has_branches_before: before.facts.has_branches,
        has_branches_after: after.facts.has_branches,
        before_facts: before.facts.clone(),
        after_facts: after.facts.clone(),
    }
}

impl Comparison {
    /// The columns the comparison table shows: the branch columns when either report
    /// measured branches, the partial-branch column only between coverage.py reports
    /// (other formats count no partial branches).
    pub fn columns(&self) -> Vec<DeltaColumn> {
        let both_coverage_py = self.before_facts.format == CoverageFormat::CoveragePy
            && self.after_facts.format == CoverageFormat::CoveragePy;
        let has_branches = self.has_branches_before || self.has_branches_after;
        DeltaColumn::ALL
            .into_iter()
            .filter(|column| has_branches || !column.is_branch_column())
            .filter(|column| both_coverage_py || *column != DeltaColumn::PartialDelta)
            .collect()
    }

    /// A column's heading in the compared reports' words: coverage.py's statements and
    /// missing lines, or another format's headline items ("Lines") and missed ones.
    pub fn heading(&self, column: DeltaColumn) -> &'static str {
        let measured_by = |facts: &ReportFacts| match facts.format.profile().headline {
            Headline::CoveragePyCombined => "Statements",
            Headline::Metric(metric) => facts
                .format
                .profile()
                .metrics
                .iter()
                .find(|heading| heading.metric == metric)
                .map_or(metric.key(), |heading| heading.heading),
        };
        let before = measured_by(&self.before_facts);
        let after = measured_by(&self.after_facts);
        match column {
            DeltaColumn::StatementsDelta if before == after => after,
            DeltaColumn::StatementsDelta => "Measured",
            DeltaColumn::MissingDelta if after == "Statements" && before == after => "Missing",
            DeltaColumn::MissingDelta => "Missed",
            column => column.heading(),
        }
    }

    /// A sentence when the two reports' single figures measure different things (two
    /// formats with different headlines), so a change between them is not a change in
    /// coverage alone; `None` when they measure the same.
    pub fn measures_differ(&self) -> Option<String> {
        let describe = |facts: &ReportFacts| {
            let profile = facts.format.profile();
            let measure = match profile.headline {
                Headline::CoveragePyCombined => "statements and branches together".to_string(),
                Headline::Metric(metric) => format!("{} only", metric.key()),
            };
            format!("{} ({measure})", profile.name)
        };
        let before = &self.before_facts;
        let after = &self.after_facts;
        if before.format == after.format {
            return None;
        }
        let same_headline = before.format.profile().headline == after.format.profile().headline;
        let rule_note = if same_headline {
            "they count the same metric, but each tool decides what a line or statement is, so the counts can differ"
        } else {
            "their figures measure different things, so a change between them is not a change in coverage alone"
        };
        Some(format!(
            "Before is {}, after is {}: {rule_note}.",
            describe(before),
            describe(after)
        ))
    }
}

/// The decimals a report's percentages are printed with: coverage.py's precision, or the
/// decimals of the format's own rule.
fn display_precision(facts: &ReportFacts) -> Precision {
    Precision(facts.percent_rule().decimals())
}

/// The totals row for the rows shown: the reports' own totals when every row is shown,
/// otherwise the sums of the shown rows, with each report's own formula and display rule
/// (coverage.py's at that report's precision, or the format's).
pub fn totals_for_rows(comparison: &Comparison, rows: &[DeltaRow]) -> DeltaTotals {
    if rows.len() == comparison.rows.len() {
        return comparison.totals.clone();
    }
    let sum_side = |side: fn(&DeltaRow) -> Option<&FileFigures>, facts: &ReportFacts| {
        let mut counts_seen = rows.iter().filter_map(side).peekable();
        counts_seen.peek()?;
        let counts: Counts = counts_seen.map(|figures| &figures.counts).sum();
        let coverage = match counts.coverage_py() {
            Some(coverage_py) => {
                let percent = percent_covered_without_overflow(coverage_py);
                CoverageFigure {
                    percent,
                    display: percent.display(facts.precision),
                }
            }
            None => facts.headline_figure(&counts),
        };
        Some(FileFigures::new(
            counts,
            coverage,
            facts.format.profile().headline,
        ))
    };
    let before = sum_side(|row| row.before.as_ref(), &comparison.before_facts);
    let after = sum_side(|row| row.after.as_ref(), &comparison.after_facts);
    let rules = DeltaRules {
        precision: comparison.precision,
        branches_comparable: comparison.has_branches_before == comparison.has_branches_after,
        before_headline: comparison.before_facts.format.profile().headline,
        after_headline: comparison.after_facts.format.profile().headline,
    };
    build_totals(before, after, rules, true, rows.len())
}

/// Line-by-line changes of one file between two reports.
///
/// Lines are compared by number, so the result is exact when the source did not change
/// between the runs (the usual case: more tests, same code). A line is newly covered
/// when it was missing before and is an executed statement after, newly missed when it
/// was an executed statement before and is missing after. Partial branches are the
/// arcs coverage.py shows in its Missing column (a missing arc whose lines are not
/// themselves missing); "gained" and "lost" are the set differences of those, so a
/// partial branch can also be lost because its whole line became missing (that line
/// is then in `newly_missed`).
///
/// The ranges are coverage.py's `format_lines` over the union of both files' statements
/// (each rebuilt as executed lines that are not excluded, plus missing lines), so a
/// range never spans a statement of either report that is not in it.
///
/// Whether a file has branch data is judged from the file itself (branch counts or
/// arcs present); [`line_changes_for_row`] uses the reports' own facts instead.
pub fn compare_file_lines(before: &FileCoverage, after: &FileCoverage) -> LineChanges {
    let branches_compared = file_has_branch_data(before) == file_has_branch_data(after);
    compare_files(before, after, branches_compared)
}

/// The line changes for one row of a comparison, finding its files in the two reports.
///
/// `None` for a new or removed file (there is nothing to compare it with) or when a
/// path cannot be found. Partial branches are not compared when only one report
/// measured branches (`meta.branch_coverage`), which the files alone cannot always tell:
/// every partial branch would otherwise look gained or lost.
pub fn line_changes_for_row(
    before: &CoverageReport,
    after: &CoverageReport,
    row: &DeltaRow,
) -> Option<LineChanges> {
    let before_path = row.before_path.as_deref().unwrap_or(&row.path);
    let before_file = before.files.iter().find(|file| file.path == before_path)?;
    let after_file = after.files.iter().find(|file| file.path == row.path)?;
    let branches_compared = before.facts.has_branches == after.facts.has_branches;
    Some(compare_files(before_file, after_file, branches_compared))
}

/// The comparison table for a view: filter by path substring (case-insensitive, on
/// either spelling), optionally keep only changed files, then sort.
///
/// Ties fall back to the path so the order is always stable. Rows without a value in the
/// sorted column (a new file has no "before" coverage) go last in either direction. The
/// status column orders regressions first (see [`DeltaStatus::attention_rank`]) and,
/// within a status, the biggest change in coverage first.
pub fn build_delta_table(
    comparison: &Comparison,
    sort: (DeltaColumn, bool),
    filter: &str,
    only_changed: bool,
) -> Vec<DeltaRow> {
    let needle = filter.trim().to_lowercase();
    let mut rows: Vec<DeltaRow> = comparison
        .rows
        .iter()
        .filter(|row| {
            needle.is_empty()
                || row.path.to_lowercase().contains(&needle)
                || row
                    .before_path
                    .as_ref()
                    .is_some_and(|path| path.to_lowercase().contains(&needle))
        })
        .filter(|row| !(only_changed && row.status == DeltaStatus::Unchanged))
        .cloned()
        .collect();
    let (column, descending) = sort;
    rows.sort_by(|left, right| {
        let primary = match (sort_key(left, column), sort_key(right, column)) {
            (Some(left_key), Some(right_key)) => {
                let ordering = left_key.compare(&right_key);
                if descending {
                    ordering.reverse()
                } else {
                    ordering
                }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        primary
            .then_with(|| left.path.cmp(&right.path))
            .then_with(|| left.before_path.cmp(&right.before_path))
    });
    rows
}

/// The path with Windows separators read as POSIX ones, the key for cross-OS matching.
pub fn normalized_path(path: &str) -> String {
    path.replace('\\', "/")
}

/// A difference of two counts as a signed number, saturating instead of overflowing.
pub fn count_delta(before: u64, after: u64) -> i64 {
    let difference = i128::from(after) - i128::from(before);
    difference.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

/// The signed display of a delta in percentage points; see [`PercentDelta::new`].
fn signed_points_display(points: f64, precision: Precision) -> String {
    if points == 0.0 {
        // Also catches -0.0, which would otherwise read "-0".
        return Percent::new(0.0).display(precision);
    }
    let magnitude = Percent::new(points.abs()).display(precision);
    if points > 0.0 {
        format!("+{magnitude}")
    } else if points < 0.0 {
        format!("-{magnitude}")
    } else {
        // NaN has no sign to show; hand-built models are the only way to get one here.
        magnitude
    }
}

/// A value a row is sorted by; numbers compare numerically, text by code point.
enum SortKey<'a> {
    Text(&'a str),
    Number(f64),
    Count(i64),
    Rank(u8, f64),
}

impl SortKey<'_> {
    fn compare(&self, other: &SortKey<'_>) -> Ordering {
        match (self, other) {
            (SortKey::Text(left), SortKey::Text(right)) => left.cmp(right),
            (SortKey::Number(left), SortKey::Number(right)) => left.total_cmp(right),
            (SortKey::Count(left), SortKey::Count(right)) => left.cmp(right),
            // Within a status the larger change comes first, whichever way it went.
            (SortKey::Rank(left, left_size), SortKey::Rank(right, right_size)) => left
                .cmp(right)
                .then_with(|| right_size.total_cmp(left_size)),
            _ => Ordering::Equal,
        }
    }
}

fn sort_key(row: &DeltaRow, column: DeltaColumn) -> Option<SortKey<'_>> {
    match column {
        DeltaColumn::Path => Some(SortKey::Text(&row.path)),
        DeltaColumn::CoverageBefore => row
            .before
            .as_ref()
            .map(|figures| SortKey::Number(figures.coverage.percent.value())),
        DeltaColumn::CoverageAfter => row
            .after
            .as_ref()
            .map(|figures| SortKey::Number(figures.coverage.percent.value())),
        DeltaColumn::CoverageDelta => row
            .coverage_delta
            .as_ref()
            .map(|delta| SortKey::Number(delta.points)),
        DeltaColumn::StatementsDelta => Some(SortKey::Count(row.statements_delta)),
        DeltaColumn::MissingDelta => Some(SortKey::Count(row.missing_delta)),
        DeltaColumn::BranchesDelta => Some(SortKey::Count(row.branches_delta)),
        DeltaColumn::PartialDelta => Some(SortKey::Count(row.partial_delta)),
        DeltaColumn::Status => {
            let size = row
                .coverage_delta
                .as_ref()
                .map(|delta| delta.points.abs())
                .filter(|size| size.is_finite())
                .unwrap_or(0.0);
            Some(SortKey::Rank(row.status.attention_rank(), size))
        }
    }
}

/// Pairs the files of two reports: exact path first, then the path with `\` as `/`.
/// Returns (before index, after index) pairs; a side is `None` for an unpaired file.
fn pair_files(
    before: &[FileCoverage],
    after: &[FileCoverage],
) -> Vec<(Option<usize>, Option<usize>)> {
    let mut after_by_exact: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (index, file) in after.iter().enumerate() {
        after_by_exact
            .entry(file.path.as_str())
            .or_default()
            .push_back(index);
    }
    let mut after_paired = vec![false; after.len()];
    let mut before_match: Vec<Option<usize>> = vec![None; before.len()];
    for (before_index, file) in before.iter().enumerate() {
        if let Some(after_index) = after_by_exact
            .get_mut(file.path.as_str())
            .and_then(VecDeque::pop_front)
        {
            after_paired[after_index] = true;
            before_match[before_index] = Some(after_index);
        }
    }
    let mut after_by_normalized: HashMap<String, VecDeque<usize>> = HashMap::new();
    for (index, file) in after.iter().enumerate() {
        if !after_paired[index] {
            after_by_normalized
                .entry(normalized_path(&file.path))
                .or_default()
                .push_back(index);
        }
    }
    for (before_index, file) in before.iter().enumerate() {
        if before_match[before_index].is_some() {
            continue;
        }
        if let Some(after_index) = after_by_normalized
            .get_mut(&normalized_path(&file.path))
            .and_then(VecDeque::pop_front)
        {
            after_paired[after_index] = true;
            before_match[before_index] = Some(after_index);
        }
    }
    let mut pairs: Vec<(Option<usize>, Option<usize>)> = before_match
        .into_iter()
        .enumerate()
        .map(|(before_index, after_index)| (Some(before_index), after_index))
        .collect();
    pairs.extend(
        after_paired
            .iter()
            .enumerate()
            .filter(|(_, paired)| !**paired)
            .map(|(after_index, _)| (None, Some(after_index))),
    );
    pairs
}

fn build_row(
    before: Option<&FileCoverage>,
    after: Option<&FileCoverage>,
    rules: DeltaRules,
) -> DeltaRow {
    let before_figures = before
        .map(|file| FileFigures::new(file.counts, file.coverage.clone(), rules.before_headline));
    let after_figures = after
        .map(|file| FileFigures::new(file.counts, file.coverage.clone(), rules.after_headline));
    let (path, before_path) = match (before, after) {
        (Some(before), Some(after)) if before.path != after.path => {
            (after.path.clone(), Some(before.path.clone()))
        }
        (_, Some(after)) => (after.path.clone(), None),
        (Some(before), None) => (before.path.clone(), None),
        (None, None) => (String::new(), None),
    };
    let deltas = Deltas::between(before_figures.as_ref(), after_figures.as_ref(), rules);
    DeltaRow {
        path,
        before_path,
        status: deltas.status,
        before: before_figures,
        after: after_figures,
        coverage_delta: deltas.coverage_delta,
        statements_delta: deltas.statements_delta,
        missing_delta: deltas.missing_delta,
        branches_delta: deltas.branches_delta,
        partial_delta: deltas.partial_delta,
    }
}

fn build_totals(
    before: Option<FileFigures>,
    after: Option<FileFigures>,
    rules: DeltaRules,
    is_subset: bool,
    file_count: usize,
) -> DeltaTotals {
    let deltas = Deltas::between(before.as_ref(), after.as_ref(), rules);
    DeltaTotals {
        status: deltas.status,
        before,
        after,
        coverage_delta: deltas.coverage_delta,
        statements_delta: deltas.statements_delta,
        missing_delta: deltas.missing_delta,
        branches_delta: deltas.branches_delta,
        partial_delta: deltas.partial_delta,
        is_subset,
        file_count,
    }
}

/// What a comparison needs to know to compute any row's deltas and status.
#[derive(Clone, Copy)]
struct DeltaRules {
    /// The precision delta texts are shown with.
    precision: Precision,
    /// False when only one report measured branches: then branch counts differ because
    /// of what was measured, not because coverage changed, so they decide no status.
    branches_comparable: bool,
    /// What each side's single figure stands for, which decides its quantities.
    before_headline: Headline,
    after_headline: Headline,
}

/// The deltas and status shared by file rows and the totals row.
struct Deltas {
    status: DeltaStatus,
    coverage_delta: Option<PercentDelta>,
    statements_delta: i64,
    missing_delta: i64,
    branches_delta: i64,
    partial_delta: i64,
}

impl Deltas {
    fn between(
        before: Option<&FileFigures>,
        after: Option<&FileFigures>,
        rules: DeltaRules,
    ) -> Deltas {
        let before_counts = before.map_or(ComparedCounts::default(), |figures| figures.compared);
        let after_counts = after.map_or(ComparedCounts::default(), |figures| figures.compared);
        let coverage_delta = match (before, after) {
            (Some(before), Some(after)) => Some(PercentDelta::new(
                before.coverage.percent,
                after.coverage.percent,
                rules.precision,
            )),
            _ => None,
        };
        let status = match (before, after) {
            (None, Some(_)) => DeltaStatus::NewFile,
            (Some(_), None) => DeltaStatus::Removed,
            // Only a hand-built subset of nothing gets here; nothing changed in it.
            (None, None) => DeltaStatus::Unchanged,
            (Some(before), Some(after)) => judge_change(
                &before_counts,
                &after_counts,
                after.coverage.percent.value() - before.coverage.percent.value(),
                rules.branches_comparable,
            ),
        };
        Deltas {
            status,
            coverage_delta,
            statements_delta: count_delta(before_counts.measured, after_counts.measured),
            missing_delta: count_delta(before_counts.missing, after_counts.missing),
            branches_delta: count_delta(before_counts.branches, after_counts.branches),
            partial_delta: count_delta(before_counts.partial, after_counts.partial),
        }
    }
}

/// Decides improved, regressed or unchanged for a file present in both reports.
///
/// The percentage decides first, because it is the figure people judge by. When it is
/// exactly the same the gaps decide, in the order coverage.py lists them: fewer missing
/// lines is an improvement, then fewer missing branches, then fewer partial branches,
/// then more covered lines and branches (a fully covered file that grew). Only when all
/// of those are equal is the file unchanged; the excluded count alone does not make a
/// change, since excluded lines are outside every coverage figure. When only one report
/// measured branches the branch counts are left out of this tie-break, so a file whose
/// lines are exactly as covered as before stays unchanged.
fn judge_change(
    before: &ComparedCounts,
    after: &ComparedCounts,
    points: f64,
    branches_comparable: bool,
) -> DeltaStatus {
    if points > 0.0 {
        return DeltaStatus::Improved;
    }
    if points < 0.0 {
        return DeltaStatus::Regressed;
    }
    let branch_gaps = [
        (before.missing_branches, after.missing_branches),
        (before.partial, after.partial),
    ];
    let fewer_is_better = std::iter::once((before.missing, after.missing))
        .chain(branch_gaps.into_iter().filter(|_| branches_comparable));
    for (before_count, after_count) in fewer_is_better {
        match after_count.cmp(&before_count) {
            Ordering::Less => return DeltaStatus::Improved,
            Ordering::Greater => return DeltaStatus::Regressed,
            Ordering::Equal => {}
        }
    }
    let covered = |counts: &ComparedCounts| {
        let branches = if branches_comparable {
            counts.executed_branches
        } else {
            0
        };
        u128::from(counts.covered) + u128::from(branches)
    };
    match covered(after).cmp(&covered(before)) {
        Ordering::Greater => DeltaStatus::Improved,
        Ordering::Less => DeltaStatus::Regressed,
        Ordering::Equal => DeltaStatus::Unchanged,
    }
}

fn compare_files(
    before: &FileCoverage,
    after: &FileCoverage,
    branches_compared: bool,
) -> LineChanges {
    if !before.has_line_lists || !after.has_line_lists {
        return LineChanges {
            has_line_data: false,
            branches_compared: false,
            ..LineChanges::default()
        };
    }
    let before_statements = rebuild_statements(before);
    let after_statements = rebuild_statements(after);
    let mut statements = before_statements.clone();
    statements.extend_from_slice(&after_statements);
    statements.sort_unstable();
    statements.dedup();
    let before_executed = executed_statements(before);
    let after_executed = executed_statements(after);
    let newly_covered_lines = intersection(&sorted_unique(&before.missing_lines), &after_executed);
    let newly_missed_lines = intersection(&before_executed, &sorted_unique(&after.missing_lines));
    let (partial_gained_arcs, partial_lost_arcs) = if branches_compared {
        let before_partial = shown_partial_arcs(before);
        let after_partial = shown_partial_arcs(after);
        (
            difference(&after_partial, &before_partial),
            difference(&before_partial, &after_partial),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    LineChanges {
        newly_covered: format_lines(&statements, &newly_covered_lines, &[]),
        newly_missed: format_lines(&statements, &newly_missed_lines, &[]),
        partial_gained: format_lines(&[], &[], &partial_gained_arcs),
        partial_lost: format_lines(&[], &[], &partial_lost_arcs),
        newly_covered_lines,
        newly_missed_lines,
        partial_gained_arcs,
        partial_lost_arcs,
        has_line_data: true,
        branches_compared,
    }
}

fn file_has_branch_data(file: &FileCoverage) -> bool {
    file.counts
        .tally(crate::core::model::Metric::Branches)
        .is_some_and(|branches| branches.total > 0)
        || !file.executed_branch_arcs.is_empty()
        || !file.missing_branch_arcs.is_empty()
}

/// coverage.py's statements, rebuilt as in `missing_lines.rs`: executed lines that are
/// not excluded, plus missing lines.
fn rebuild_statements(file: &FileCoverage) -> Vec<LineNumber> {
    let mut statements = executed_statements(file);
    statements.extend_from_slice(&file.missing_lines);
    sorted_unique(&statements)
}

/// Executed lines that are statements (not excluded), sorted.
fn executed_statements(file: &FileCoverage) -> Vec<LineNumber> {
    let excluded = sorted_unique(&file.excluded_lines);
    let executed: Vec<LineNumber> = file
        .executed_lines
        .iter()
        .copied()
        .filter(|line| excluded.binary_search(line).is_err())
        .collect();
    sorted_unique(&executed)
}

/// The missing arcs coverage.py shows as `from->to`: those whose lines are not missing.
fn shown_partial_arcs(file: &FileCoverage) -> Vec<BranchArc> {
    let missing = sorted_unique(&file.missing_lines);
    let is_missing_line =
        |line: ArcEnd| line >= 0 && missing.binary_search(&line.unsigned_abs()).is_ok();
    let mut arcs: Vec<BranchArc> = file
        .missing_branch_arcs
        .iter()
        .copied()
        .filter(|arc| !is_missing_line(arc.from) && !is_missing_line(arc.to))
        .collect();
    arcs.sort_unstable();
    arcs.dedup();
    arcs
}

fn sorted_unique<T: Ord + Copy>(items: &[T]) -> Vec<T> {
    let mut sorted = items.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    sorted
}

/// Items of the sorted `left` that are also in the sorted `right`.
fn intersection<T: Ord + Copy>(left: &[T], right: &[T]) -> Vec<T> {
    left.iter()
        .copied()
        .filter(|item| right.binary_search(item).is_ok())
        .collect()
}

/// Items of the sorted `left` that are not in the sorted `right`.
fn difference<T: Ord + Copy>(left: &[T], right: &[T]) -> Vec<T> {
    left.iter()
        .copied()
        .filter(|item| right.binary_search(item).is_err())
        .collect()
}

/// coverage.py's `pc_covered`, as [`CoverageCounts::percent_covered`] computes it, with
/// the sums taken in floating point so absurd hand-written counts cannot overflow; for
/// any count below 2^53 the sums are exact and the result is identical.
fn percent_covered_without_overflow(counts: &crate::core::model::CoverageCounts) -> Percent {
    if counts.statements == 0 {
        return Percent::new(100.0);
    }
    let numerator = counts.executed as f64 + counts.executed_branches as f64;
    let denominator = counts.statements as f64 + counts.branches as f64;
    Percent::new(100.0 * numerator / denominator)
}
