//! Patch coverage: of the lines a diff adds, which ones the coverage report measured and
//! which of those ran, per file and in total, by diff-cover's definition and figures.
//!
//! Refs: diff-cover `diff_cover/report_generator.py` (`DiffViolations`,
//! `percent_covered`, `total_percent_covered`, `combine_adjacent_lines`) and
//! `diff_cover/diff_reporter.py` (`_parse_lines`: the added lines are the patch's lines),
//! 11.0.
//!
//! A line the diff adds is *covered* when the report lists it as run, *missed* when the
//! report measured it and it never ran, and *not code* when the report does not measure
//! it (a comment, a blank line, a file the run did not cover): diff-cover's definition,
//! which counts only lines the report measures. A file whose report match is ambiguous,
//! or whose report lists no lines, has *uncertain* lines: counted nowhere and said.
use crate::core::model::{CoverageFigure, CoverageReport, FileChange, LineNumber, Patch, Percent};

use super::export::{code_span, push_csv_line};
use super::patch_lines::{net_file_changes, NetFileChange};
use super::path_match::{PathMatch, ReportPathIndex};

/// What one added line is, for patch coverage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PatchLineStatus {
    /// The report measured the line and it ran.
    Covered,
    /// The report measured the line and it never ran.
    Missed,
    /// The report does not measure the line (diff-cover leaves it out).
    NotCode,
    /// Which report file holds the line is not known, or the report lists no lines for it.
    Uncertain,
}

/// One added line and what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PatchLine {
    /// 1-based, in the file after the patch.
    pub line: u64,
    pub status: PatchLineStatus,
}

/// How a changed file was found in the coverage report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReportFileMatch {
    /// One report file, with line lists: `index` into `report.files`.
    Measured { index: usize, report_path: String },
    /// One report file, but the report lists no lines for it (a summary-only report).
    WithoutLines { index: usize, report_path: String },
    /// Several report files end with the same path; never guessed between.
    Ambiguous { report_paths: Vec<String> },
    /// No report file has this path: none of its lines is code the report measures.
    NotInReport,
    /// The patch deletes the file, so it adds no line to look up.
    Deleted,
}

/// Counts of added lines by status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PatchLineCounts {
    pub covered: u64,
    pub missed: u64,
    pub not_code: u64,
    pub uncertain: u64,
}

/// A range of line numbers, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineRange {
    pub start: u64,
    pub end: u64,
}

impl LineRange {
    /// The range as diff-cover writes it: `597-598`, or `11` for one line.
    pub fn text(&self) -> String {
        if self.start == self.end {
            self.start.to_string()
        } else {
            format!("{}-{}", self.start, self.end)
        }
    }
}

/// One changed file's patch coverage.
#[derive(Clone, Debug, PartialEq)]
pub struct PatchFileCoverage {
    /// The path after the patch, as the diff writes it (the old path for a deleted file).
    pub path: String,
    pub old_path: Option<String>,
    pub change: FileChange,
    pub is_binary: bool,
    pub report_file: ReportFileMatch,
    /// Every added line, ascending.
    pub lines: Vec<PatchLine>,
    pub counts: PatchLineCounts,
    /// diff-cover's per-file figure; `None` when no added line is measured (diff-cover
    /// then leaves the file out of its report).
    pub figure: Option<CoverageFigure>,
    /// The missed lines as ranges (`597-598`).
    pub missed_ranges: Vec<LineRange>,
}

/// A patch's coverage against one report.
#[derive(Clone, Debug, PartialEq)]
pub struct PatchCoverage {
    /// Every file the patch changes, in the diff's order.
    pub files: Vec<PatchFileCoverage>,
    pub totals: PatchLineCounts,
    /// diff-cover's total: a whole percent rounded down, 100 when nothing is measured.
    pub total_figure: CoverageFigure,
    /// Lines the patch adds in all files, measured or not (diff-cover's
    /// `num_changed_lines`).
    pub added_lines: u64,
}

impl PatchLineStatus {
    /// The word the page hooks use (`data-status`).
    pub fn key(self) -> &'static str {
        match self {
            PatchLineStatus::Covered => "covered",
            PatchLineStatus::Missed => "missed",
            PatchLineStatus::NotCode => "not-code",
            PatchLineStatus::Uncertain => "uncertain",
        }
    }
}

impl PatchLineCounts {
    /// The lines the report measures: diff-cover's `total_num_lines`.
    pub fn measured(&self) -> u64 {
        self.covered.saturating_add(self.missed)
    }

    fn add(&mut self, status: PatchLineStatus) {
        let slot = match status {
            PatchLineStatus::Covered => &mut self.covered,
            PatchLineStatus::Missed => &mut self.missed,
            PatchLineStatus::NotCode => &mut self.not_code,
            PatchLineStatus::Uncertain => &mut self.uncertain,
        };
        *slot = slot.saturating_add(1);
    }

    fn plus(self, other: PatchLineCounts) -> PatchLineCounts {
        PatchLineCounts {
            covered: self.covered.saturating_add(other.covered),
            missed: self.missed.saturating_add(other.missed),
            not_code: self.not_code.saturating_add(other.not_code),
            uncertain: self.uncertain.saturating_add(other.uncertain),
        }
    }
}

impl PatchCoverage {
    /// The files with at least one uncertain line (ambiguous match, no line lists).
    pub fn uncertain_files(&self) -> impl Iterator<Item = &PatchFileCoverage> {
        self.files.iter().filter(|file| file.counts.uncertain > 0)
    }
}

/// The coverage of the lines `patch` adds, looked up in `report`.
///
/// Each file is found in the report by its path after the patch, matched by whole path
/// segments from the end (`b/src/x.py` finds `src/x.py` and `/ci/work/src/x.py`); when
/// several report files match equally, the file is ambiguous and its lines uncertain.
pub fn compute_patch_coverage(patch: &Patch, report: &CoverageReport) -> PatchCoverage {
    let index = ReportPathIndex::new(report);
    let files: Vec<PatchFileCoverage> = net_file_changes(patch)
        .into_iter()
        .map(|change| file_coverage(change, report, &index))
        .collect();
    let totals = files.iter().fold(PatchLineCounts::default(), |sum, file| {
        sum.plus(file.counts)
    });
    let added_lines = files
        .iter()
        .map(|file| file.lines.len() as u64)
        .fold(0u64, u64::saturating_add);
    PatchCoverage {
        total_figure: diff_cover_total_figure(totals),
        files,
        totals,
        added_lines,
    }
}

fn file_coverage(
    change: NetFileChange,
    report: &CoverageReport,
    index: &ReportPathIndex,
) -> PatchFileCoverage {
    let path = change
        .new_path
        .clone()
        .or_else(|| change.old_path.clone())
        .unwrap_or_default();
    let report_file = match &change.new_path {
        None => ReportFileMatch::Deleted,
        Some(new_path) => match index.match_path(new_path) {
            PathMatch::Unique(found) => {
                let file = &report.files[found];
                if file.has_line_lists {
                    ReportFileMatch::Measured {
                        index: found,
                        report_path: file.path.clone(),
                    }
                } else {
                    ReportFileMatch::WithoutLines {
                        index: found,
                        report_path: file.path.clone(),
                    }
                }
            }
            PathMatch::Ambiguous(candidates) => ReportFileMatch::Ambiguous {
                report_paths: candidates
                    .iter()
                    .map(|&candidate| report.files[candidate].path.clone())
                    .collect(),
            },
            PathMatch::NotFound => ReportFileMatch::NotInReport,
        },
    };
    let status_of = |line: u64| match &report_file {
        ReportFileMatch::Measured { index, .. } => {
            let file = &report.files[*index];
            // A patch line beyond what the model holds is in no report's lists.
            let listed = |lines: &[LineNumber]| {
                LineNumber::try_from(line).is_ok_and(|line| lines.binary_search(&line).is_ok())
            };
            if listed(&file.executed_lines) {
                PatchLineStatus::Covered
            } else if listed(&file.missing_lines) {
                PatchLineStatus::Missed
            } else {
                PatchLineStatus::NotCode
            }
        }
        ReportFileMatch::WithoutLines { .. } | ReportFileMatch::Ambiguous { .. } => {
            PatchLineStatus::Uncertain
        }
        ReportFileMatch::NotInReport | ReportFileMatch::Deleted => PatchLineStatus::NotCode,
    };
    let lines: Vec<PatchLine> = change
        .added_lines
        .iter()
        .map(|&line| PatchLine {
            line,
            status: status_of(line),
        })
        .collect();
    let mut counts = PatchLineCounts::default();
    for line in &lines {
        counts.add(line.status);
    }
    let missed: Vec<u64> = lines
        .iter()
        .filter(|line| line.status == PatchLineStatus::Missed)
        .map(|line| line.line)
        .collect();
    PatchFileCoverage {
        path,
        old_path: change.old_path,
        change: change.change,
        is_binary: change.is_binary,
        report_file,
        figure: diff_cover_file_figure(counts),
        missed_ranges: line_ranges(&missed),
        lines,
        counts,
    }
}

/// Ascending line numbers as ranges of adjacent lines.
pub fn line_ranges(lines: &[u64]) -> Vec<LineRange> {
    let mut ranges: Vec<LineRange> = Vec::new();
    for &line in lines {
        match ranges.last_mut() {
            Some(range) if range.end.checked_add(1) == Some(line) => range.end = line,
            _ => ranges.push(LineRange {
                start: line,
                end: line,
            }),
        }
    }
    ranges
}

/// Ranges as diff-cover writes them: `11,597-598,607-610`.
pub fn ranges_text(ranges: &[LineRange]) -> String {
    ranges
        .iter()
        .map(LineRange::text)
        .collect::<Vec<_>>()
        .join(",")
}

/// diff-cover's per-file figure: `100 - missed / measured * 100` in floating point,
/// printed `(100%)` when it is 100 and with Python's `round(x, 1)` otherwise (jinja's
/// `round(1)` filter in its templates); `None` when nothing is measured.
pub fn diff_cover_file_figure(counts: PatchLineCounts) -> Option<CoverageFigure> {
    let measured = counts.measured();
    if measured == 0 {
        return None;
    }
    let value = 100.0 - counts.missed as f64 / measured as f64 * 100.0;
    let display = if value < 100.0 {
        // Rust prints the exact binary value rounded to one decimal, ties to even: what
        // Python's round(x, 1) followed by repr gives (tests/patch_coverage.rs checks a
        // table of Python's own results).
        format!("{value:.1}")
    } else {
        "100".to_string()
    };
    Some(CoverageFigure {
        percent: Percent::new(value),
        display,
    })
}

/// diff-cover's total: `int(covered / measured * 100)` in floating point (so 29 of 100
/// is 28, as Python computes it), 100 when nothing is measured.
pub fn diff_cover_total_figure(counts: PatchLineCounts) -> CoverageFigure {
    let measured = counts.measured();
    if measured == 0 {
        return CoverageFigure {
            percent: Percent::new(100.0),
            display: "100".to_string(),
        };
    }
    let value = (counts.covered as f64 / measured as f64 * 100.0).trunc();
    CoverageFigure {
        percent: Percent::new(value),
        display: format!("{value:.0}"),
    }
}

/// The patch coverage as markdown for a pull-request comment: a summary line, a table of
/// the files with measured added lines (missed lines as ranges), and notes for what the
/// figures leave out (uncertain files, lines that are not code).
pub fn patch_coverage_to_markdown(
    coverage: &PatchCoverage,
    diff_name: &str,
    report_name: &str,
) -> String {
    let totals = coverage.totals;
    let mut lines = vec![format!(
        "Patch coverage of {} against {}: **{}%** ({} of {} added lines that are code ran; {} missed).",
        code_span(diff_name),
        code_span(report_name),
        coverage.total_figure.display,
        totals.covered,
        totals.measured(),
        totals.missed
    )];
    let measured_files: Vec<&PatchFileCoverage> = coverage
        .files
        .iter()
        .filter(|file| file.figure.is_some())
        .collect();
    if measured_files.is_empty() {
        lines.push(String::new());
        lines.push("No added line is code that the report measures.".to_string());
    } else {
        lines.push(String::new());
        lines.push("| File | Covered | Missed | Coverage | Missed lines |".to_string());
        lines.push("| --- | ---: | ---: | ---: | --- |".to_string());
        for file in &measured_files {
            let figure = file
                .figure
                .as_ref()
                .map_or(String::new(), |figure| format!("{}%", figure.display));
            lines.push(format!(
                "| {} | {} | {} | {} | {} |",
                code_span(&file.path),
                file.counts.covered,
                file.counts.missed,
                figure,
                ranges_text(&file.missed_ranges)
            ));
        }
        lines.push(format!(
            "| **Total** | {} | {} | {}% | |",
            totals.covered, totals.missed, coverage.total_figure.display
        ));
    }
    let uncertain: Vec<&PatchFileCoverage> = coverage.uncertain_files().collect();
    if !uncertain.is_empty() {
        lines.push(String::new());
        for file in uncertain {
            lines.push(format!(
                "- {}: {} added lines not counted, {}.",
                code_span(&file.path),
                file.counts.uncertain,
                uncertainty_reason(&file.report_file)
            ));
        }
    }
    if totals.not_code > 0 {
        lines.push(String::new());
        lines.push(format!(
            "{} of the {} added lines are not code the report measures (comments, blank lines, files it does not cover), as diff-cover counts them.",
            totals.not_code, coverage.added_lines
        ));
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

fn uncertainty_reason(report_file: &ReportFileMatch) -> String {
    match report_file {
        ReportFileMatch::Ambiguous { report_paths } => format!(
            "since {} report files end with this path ({})",
            report_paths.len(),
            report_paths
                .iter()
                .map(|path| code_span(path))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        ReportFileMatch::WithoutLines { report_path, .. } => format!(
            "since the report lists no lines for {}",
            code_span(report_path)
        ),
        _ => "for no known reason".to_string(),
    }
}

/// The columns of the patch coverage CSV, in order.
pub const PATCH_CSV_COLUMNS: [&str; 10] = [
    "path",
    "change",
    "report_path",
    "covered",
    "missed",
    "not_code",
    "uncertain",
    "coverage",
    "missed_lines",
    "note",
];

/// The patch coverage as CSV (RFC 4180, CRLF, formula cells guarded as in
/// `export::csv_field`): one line per changed file in [`PATCH_CSV_COLUMNS`] order, then a
/// `TOTAL` line.
pub fn patch_coverage_to_csv(coverage: &PatchCoverage) -> String {
    let mut text = String::new();
    push_csv_line(&mut text, PATCH_CSV_COLUMNS.iter().map(|c| c.to_string()));
    for file in &coverage.files {
        let (report_path, note) = match &file.report_file {
            ReportFileMatch::Measured { report_path, .. } => (report_path.clone(), String::new()),
            ReportFileMatch::WithoutLines { report_path, .. } => (
                report_path.clone(),
                "the report lists no lines for this file".to_string(),
            ),
            ReportFileMatch::Ambiguous { report_paths } => (
                String::new(),
                format!("ambiguous: {}", report_paths.join(" | ")),
            ),
            ReportFileMatch::NotInReport => (String::new(), "not in the report".to_string()),
            ReportFileMatch::Deleted => (String::new(), "deleted".to_string()),
        };
        let note = if file.is_binary && note.is_empty() {
            "binary".to_string()
        } else {
            note
        };
        push_csv_line(
            &mut text,
            [
                file.path.clone(),
                change_key(file.change).to_string(),
                report_path,
                file.counts.covered.to_string(),
                file.counts.missed.to_string(),
                file.counts.not_code.to_string(),
                file.counts.uncertain.to_string(),
                file.figure
                    .as_ref()
                    .map_or(String::new(), |figure| figure.display.clone()),
                ranges_text(&file.missed_ranges),
                note,
            ],
        );
    }
    let totals = coverage.totals;
    push_csv_line(
        &mut text,
        [
            "TOTAL".to_string(),
            String::new(),
            String::new(),
            totals.covered.to_string(),
            totals.missed.to_string(),
            totals.not_code.to_string(),
            totals.uncertain.to_string(),
            coverage.total_figure.display.clone(),
            String::new(),
            String::new(),
        ],
    );
    text
}

/// The word for a kind of change, as the exports write it.
pub fn change_key(change: FileChange) -> &'static str {
    match change {
        FileChange::Modified => "modified",
        FileChange::Added => "added",
        FileChange::Deleted => "deleted",
        FileChange::Renamed => "renamed",
        FileChange::Copied => "copied",
    }
}
