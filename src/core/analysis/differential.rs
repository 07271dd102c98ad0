//! Differential coverage: each line of a baseline report, a diff and a current report in
//! one of lcov genhtml's twelve categories (new code tested or not, coverage lost or
//! gained, unchanged, excluded, deleted), counted per file.
//!
//! Refs: lcov `bin/genhtml` 2.x (`FileCoverageInfo::_categorizeLineCov`, `_categorize`,
//! `DiffMap::type`, `@tlaPriorityOrder`, `%tlaToTitle`) and `docs/man/genhtml.rst`
//! ("Differential coverage").
//!
//! A line's category follows from three facts: how the diff changed it (added, kept,
//! deleted), and whether the baseline and the current report measured it and saw it run
//! (`#` not code, `0` not run, `1` run). Kept lines are followed from their baseline
//! number to their current one through the diff. Where genhtml's own report differs:
//! genhtml lists only files of the current data, so a file the diff deletes (DUB, DCB)
//! or the current run no longer measures (EUB, ECB) appears here and not there.
use std::cmp::Ordering;

use crate::core::model::{CoverageReport, FileChange, FileCoverage, Patch};

use super::patch_lines::{net_file_changes, NetFileChange};
use super::path_match::{PathMatch, ReportPathIndex};

/// genhtml's categories, in its priority order (`@tlaPriorityOrder`): untested and new
/// first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DifferentialCategory {
    /// Uncovered New Code (+ => 0).
    Unc,
    /// Lost Baseline Coverage (1 => 0).
    Lbc,
    /// Uncovered Included Code (# => 0).
    Uic,
    /// Uncovered Baseline Code (0 => 0).
    Ubc,
    /// Gained Baseline Coverage (0 => 1).
    Gbc,
    /// Gained Included Coverage (# => 1).
    Gic,
    /// Gained New Coverage (+ => 1).
    Gnc,
    /// Covered Baseline Code (1 => 1).
    Cbc,
    /// Excluded Uncovered Baseline (0 => #).
    Eub,
    /// Excluded Covered Baseline (1 => #).
    Ecb,
    /// Deleted Uncovered Baseline (0 => -).
    Dub,
    /// Deleted Covered Baseline (1 => -).
    Dcb,
}

/// Each category's three-letter name, title and meaning as genhtml writes them.
pub const DIFFERENTIAL_CATEGORIES: [(DifferentialCategory, &str, &str, &str); 12] = [
    (
        DifferentialCategory::Unc,
        "UNC",
        "Uncovered New Code (+ => 0)",
        "Newly added code is not tested",
    ),
    (
        DifferentialCategory::Lbc,
        "LBC",
        "Lost Baseline Coverage (1 => 0)",
        "Unchanged code is no longer tested",
    ),
    (
        DifferentialCategory::Uic,
        "UIC",
        "Uncovered Included Code (# => 0)",
        "Previously unused code is untested",
    ),
    (
        DifferentialCategory::Ubc,
        "UBC",
        "Uncovered Baseline Code (0 => 0)",
        "Unchanged code was untested before, is untested now",
    ),
    (
        DifferentialCategory::Gbc,
        "GBC",
        "Gained Baseline Coverage (0 => 1)",
        "Unchanged code is tested now",
    ),
    (
        DifferentialCategory::Gic,
        "GIC",
        "Gained Included Coverage (# => 1)",
        "Previously unused code is tested now",
    ),
    (
        DifferentialCategory::Gnc,
        "GNC",
        "Gained New Coverage (+ => 1)",
        "Newly added code is tested",
    ),
    (
        DifferentialCategory::Cbc,
        "CBC",
        "Covered Baseline Code (1 => 1)",
        "Unchanged code was tested before and is still tested",
    ),
    (
        DifferentialCategory::Eub,
        "EUB",
        "Excluded Uncovered Baseline (0 => #)",
        "Previously untested code is unused now",
    ),
    (
        DifferentialCategory::Ecb,
        "ECB",
        "Excluded Covered Baseline (1 => #)",
        "Previously tested code is unused now",
    ),
    (
        DifferentialCategory::Dub,
        "DUB",
        "Deleted Uncovered Baseline (0 => -)",
        "Previously untested code has been deleted",
    ),
    (
        DifferentialCategory::Dcb,
        "DCB",
        "Deleted Covered Baseline (1 => -)",
        "Previously tested code has been deleted",
    ),
];

/// How the diff changed a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LineChange {
    /// Added by the diff (genhtml's `+`, `DiffMap::INSERT`).
    Added,
    /// Kept: the same line in the baseline and the current version (`EQUAL`).
    Unchanged,
    /// Removed by the diff (`-`, `DELETE`).
    Deleted,
}

/// What a report says of a line: genhtml's `#`, `0` and `1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LineState {
    /// Not measured (`#`).
    NotCode,
    /// Measured, never ran (`0`).
    NotRun,
    /// Measured and ran (`1`).
    Ran,
}

/// The category of one line, as genhtml's `_categorizeLineCov` decides it; `None` for a
/// line that is code on neither side (no category).
///
/// An added line has no baseline and a deleted one no current state; the other side is
/// not looked at.
pub fn categorize_line(
    change: LineChange,
    baseline: LineState,
    current: LineState,
) -> Option<DifferentialCategory> {
    use DifferentialCategory as C;
    use LineState::{NotCode, NotRun, Ran};
    match (change, baseline, current) {
        (LineChange::Added, _, Ran) => Some(C::Gnc),
        (LineChange::Added, _, NotRun) => Some(C::Unc),
        (LineChange::Added, _, NotCode) => None,
        (LineChange::Deleted, Ran, _) => Some(C::Dcb),
        (LineChange::Deleted, NotRun, _) => Some(C::Dub),
        (LineChange::Deleted, NotCode, _) => None,
        (LineChange::Unchanged, NotRun, NotRun) => Some(C::Ubc),
        (LineChange::Unchanged, NotRun, Ran) => Some(C::Gbc),
        (LineChange::Unchanged, Ran, NotRun) => Some(C::Lbc),
        (LineChange::Unchanged, Ran, Ran) => Some(C::Cbc),
        (LineChange::Unchanged, NotCode, NotRun) => Some(C::Uic),
        (LineChange::Unchanged, NotCode, Ran) => Some(C::Gic),
        (LineChange::Unchanged, NotRun, NotCode) => Some(C::Eub),
        (LineChange::Unchanged, Ran, NotCode) => Some(C::Ecb),
        (LineChange::Unchanged, NotCode, NotCode) => None,
    }
}

impl DifferentialCategory {
    /// genhtml's three-letter name (`UNC`).
    pub fn abbreviation(self) -> &'static str {
        self.entry().1
    }

    /// genhtml's title with its transition (`Uncovered New Code (+ => 0)`).
    pub fn title(self) -> &'static str {
        self.entry().2
    }

    /// genhtml's one-sentence meaning.
    pub fn meaning(self) -> &'static str {
        self.entry().3
    }

    fn entry(
        self,
    ) -> &'static (
        DifferentialCategory,
        &'static str,
        &'static str,
        &'static str,
    ) {
        &DIFFERENTIAL_CATEGORIES[self as usize]
    }

    /// Whether the category is a line of the current version (deleted lines are not).
    pub fn is_in_current(self) -> bool {
        !matches!(self, DifferentialCategory::Dub | DifferentialCategory::Dcb)
    }
}

/// How many lines fall in each category, in genhtml's order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CategoryCounts([u64; 12]);

impl CategoryCounts {
    pub fn get(&self, category: DifferentialCategory) -> u64 {
        self.0[category as usize]
    }

    fn add(&mut self, category: DifferentialCategory) {
        let slot = &mut self.0[category as usize];
        *slot = slot.saturating_add(1);
    }

    fn plus(mut self, other: CategoryCounts) -> CategoryCounts {
        for (sum, value) in self.0.iter_mut().zip(other.0) {
            *sum = sum.saturating_add(value);
        }
        self
    }

    /// Every category with its count, in genhtml's order.
    pub fn iter(&self) -> impl Iterator<Item = (DifferentialCategory, u64)> + '_ {
        DIFFERENTIAL_CATEGORIES
            .iter()
            .map(|(category, ..)| (*category, self.get(*category)))
    }
}

/// One categorised line: its number in the current version (`None` for a deleted line)
/// and in the baseline (`None` for an added line, or one the baseline did not have).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CategorizedLine {
    pub current_line: Option<u64>,
    pub baseline_line: Option<u64>,
    pub category: DifferentialCategory,
}

/// One file's categories.
#[derive(Clone, Debug, PartialEq)]
pub struct DifferentialFile {
    /// The file's path in the current report, or in the baseline for a file the current
    /// report does not have.
    pub path: String,
    /// The file's path in the baseline report, when it has the file.
    pub baseline_path: Option<String>,
    /// How the diff changed the file, when the diff has it.
    pub change: Option<FileChange>,
    pub in_current: bool,
    /// Current lines ascending, then deleted lines by baseline number.
    pub lines: Vec<CategorizedLine>,
    pub counts: CategoryCounts,
}

/// A file whose categories are not computed, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UncertainDifferentialFile {
    pub path: String,
    pub reason: String,
}

/// The categories of every file of a baseline report, a diff and a current report.
#[derive(Clone, Debug, PartialEq)]
pub struct DifferentialCoverage {
    pub files: Vec<DifferentialFile>,
    pub totals: CategoryCounts,
    pub uncertain: Vec<UncertainDifferentialFile>,
}

/// Categorises every line of `current` (and every baseline line it no longer has).
///
/// Files are matched by path suffix, never guessed: the diff's new paths to the current
/// report, its old paths to the baseline; a file the diff does not touch is found in the
/// baseline by its own path (the same tool writes the same paths). A file whose match is
/// ambiguous is left out with its reason. A current file without baseline data gets
/// genhtml's included-code categories (GIC, UIC) for its kept lines.
pub fn compute_differential_coverage(
    baseline: &CoverageReport,
    patch: &Patch,
    current: &CoverageReport,
) -> DifferentialCoverage {
    let changes = net_file_changes(patch);
    let current_index = ReportPathIndex::new(current);
    let baseline_index = ReportPathIndex::new(baseline);
    let mut uncertain = Vec::new();
    // Which net change each current file has (from the diff's new paths).
    let mut change_of_current: Vec<Option<usize>> = vec![None; current.files.len()];
    let mut ambiguous_current = vec![false; current.files.len()];
    for (change_index, change) in changes.iter().enumerate() {
        let Some(new_path) = &change.new_path else {
            continue;
        };
        match current_index.match_path(new_path) {
            PathMatch::Unique(found) => change_of_current[found] = Some(change_index),
            PathMatch::Ambiguous(candidates) => {
                for &candidate in &candidates {
                    ambiguous_current[candidate] = true;
                }
                uncertain.push(UncertainDifferentialFile {
                    path: new_path.clone(),
                    reason: format!(
                        "the diff's file matches {} current report files equally",
                        candidates.len()
                    ),
                });
            }
            PathMatch::NotFound => {}
        }
    }
    let mut baseline_used = vec![false; baseline.files.len()];
    let mut files = Vec::new();
    for (index, file) in current.files.iter().enumerate() {
        if ambiguous_current[index] {
            continue;
        }
        let change = change_of_current[index].map(|change_index| &changes[change_index]);
        // The baseline file: by the diff's old path when the diff has the file (none for
        // a file it adds), else by the file's own path.
        let baseline_path = match change {
            Some(change) => change.old_path.as_deref(),
            None => Some(file.path.as_str()),
        };
        let baseline_file = match baseline_path.map(|path| baseline_index.match_path(path)) {
            Some(PathMatch::Unique(found)) => {
                baseline_used[found] = true;
                Some(&baseline.files[found])
            }
            Some(PathMatch::Ambiguous(candidates)) => {
                uncertain.push(UncertainDifferentialFile {
                    path: file.path.clone(),
                    reason: format!(
                        "{} baseline report files match its path equally",
                        candidates.len()
                    ),
                });
                continue;
            }
            Some(PathMatch::NotFound) | None => None,
        };
        files.push(categorize_file(
            patch,
            Some(file),
            baseline_file,
            change,
            file.path.clone(),
        ));
    }
    // Baseline files no current file took: deleted by the diff, or no longer measured.
    // Which change each baseline file has, from the diff's old paths (one lookup per
    // change, not per pair).
    let mut change_of_baseline: Vec<Option<usize>> = vec![None; baseline.files.len()];
    for (change_index, change) in changes.iter().enumerate() {
        if let Some(PathMatch::Unique(found)) = change
            .old_path
            .as_deref()
            .map(|old| baseline_index.match_path(old))
        {
            change_of_baseline[found].get_or_insert(change_index);
        }
    }
    for (index, file) in baseline.files.iter().enumerate() {
        if baseline_used[index] {
            continue;
        }
        let change = change_of_baseline[index].map(|change_index| &changes[change_index]);
        files.push(categorize_file(
            patch,
            None,
            Some(file),
            change,
            file.path.clone(),
        ));
    }
    files.retain(|file| !file.lines.is_empty());
    let totals = files
        .iter()
        .fold(CategoryCounts::default(), |sum, file| sum.plus(file.counts));
    DifferentialCoverage {
        files,
        totals,
        uncertain,
    }
}

/// The measured lines of a report file with what each is, ascending.
fn measured_lines(file: Option<&FileCoverage>) -> Vec<(u64, LineState)> {
    let Some(file) = file else {
        return Vec::new();
    };
    let mut lines: Vec<(u64, LineState)> = file
        .executed_lines
        .iter()
        .map(|&line| (u64::from(line), LineState::Ran))
        .chain(
            file.missing_lines
                .iter()
                .map(|&line| (u64::from(line), LineState::NotRun)),
        )
        .collect();
    // A line listed both ways (damaged input) counts as run, as a hit count would.
    lines.sort_by_key(|(line, _)| *line);
    lines.dedup_by_key(|(line, _)| *line);
    lines
}

fn categorize_file(
    patch: &Patch,
    current: Option<&FileCoverage>,
    baseline: Option<&FileCoverage>,
    change: Option<&NetFileChange>,
    path: String,
) -> DifferentialFile {
    let current_lines = measured_lines(current);
    let baseline_lines = measured_lines(baseline);
    let baseline_numbers: Vec<u64> = baseline_lines.iter().map(|(line, _)| *line).collect();
    let mapped = match change {
        Some(change) => change.map_old_lines(patch, &baseline_numbers),
        None => baseline_numbers.iter().map(|&line| Some(line)).collect(),
    };
    let added: &[u64] = change.map_or(&[], |change| change.added_lines.as_slice());
    // Kept baseline lines by their current number (ascending: moving keeps the order).
    let mut kept: Vec<(u64, u64, LineState)> = Vec::new();
    let mut lines = Vec::new();
    let mut deleted = Vec::new();
    for ((baseline_line, state), current_line) in baseline_lines.iter().zip(&mapped) {
        match current_line {
            Some(current_line) => kept.push((*current_line, *baseline_line, *state)),
            None => deleted.push((*baseline_line, *state)),
        }
    }
    // Walk the current lines and the kept baseline lines together, by current number.
    let mut current_iter = current_lines.iter().copied().peekable();
    let mut kept_iter = kept.iter().copied().peekable();
    loop {
        let order = match (current_iter.peek(), kept_iter.peek()) {
            (None, None) => break,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some((current_line, _)), Some((kept_line, ..))) => current_line.cmp(kept_line),
        };
        let current_step = if order == Ordering::Greater {
            None
        } else {
            current_iter.next()
        };
        let kept_step = if order == Ordering::Less {
            None
        } else {
            kept_iter.next()
        };
        let Some(line) = current_step
            .map(|(line, _)| line)
            .or(kept_step.map(|(line, ..)| line))
        else {
            break;
        };
        let current_state = current_step.map_or(LineState::NotCode, |(_, state)| state);
        let baseline = kept_step.map(|(_, baseline_line, state)| (baseline_line, state));
        let line_change = if added.binary_search(&line).is_ok() {
            LineChange::Added
        } else {
            LineChange::Unchanged
        };
        let baseline_state = baseline.map_or(LineState::NotCode, |(_, state)| state);
        if let Some(category) = categorize_line(line_change, baseline_state, current_state) {
            lines.push(CategorizedLine {
                current_line: Some(line),
                baseline_line: baseline.map(|(baseline_line, _)| baseline_line),
                category,
            });
        }
    }
    for (baseline_line, state) in deleted {
        if let Some(category) = categorize_line(LineChange::Deleted, state, LineState::NotCode) {
            lines.push(CategorizedLine {
                current_line: None,
                baseline_line: Some(baseline_line),
                category,
            });
        }
    }
    let mut counts = CategoryCounts::default();
    for line in &lines {
        counts.add(line.category);
    }
    DifferentialFile {
        path,
        baseline_path: baseline.map(|file| file.path.clone()),
        change: change.map(|change| change.change),
        in_current: current.is_some(),
        lines,
        counts,
    }
}
