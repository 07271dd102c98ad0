//! Says, file by file, where two reports of the same run (two formats, or two tools) agree
//! and why they differ, naming the known causes of such differences.
//!
//! Files are paired by path: the same path, else the one file whose path ends like the
//! other's (in both directions); a path that could be several files is never paired, and
//! says which. A pair agrees when both list the same measured lines, the same ones ran,
//! the same hits where both count hits, and the same line and branch counts.
//!
//! Refs: FORMATS.md section 2 (V8-based Istanbul reports, Jest's Cobertura branches,
//! cargo-llvm-cov's lcov and table); the fixtures' PROVENANCE.md files, which record each
//! difference between the formats of one run.
use std::collections::{BTreeMap, BTreeSet};

use super::path_match::{PathMatch, ReportPathIndex};
use crate::core::model::{CoverageFormat, CoverageReport, FileCoverage, LineNumber, Metric, Tally};

/// Which of the two reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Left,
    Right,
}

/// How a file of one report was paired with a file of the other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pairing {
    /// Both spell the path the same way.
    SamePath,
    /// The paths differ but one ends like the other (an absolute path and a relative one),
    /// and no other file of either report does.
    PathSuffix,
    /// The file is in one report only.
    OnlyIn(Side),
    /// The path could be any of several files of the other report; never guessed.
    Ambiguous { side: Side, candidates: Vec<String> },
}

/// One way the two reports describe a paired file differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Difference {
    /// Lines one report measures (ran or missed) that the other does not list at all.
    MeasuredOnlyIn { side: Side, lines: Vec<LineNumber> },
    /// Lines both measure that ran in one report and were missed in the other.
    RanOnlyIn { side: Side, lines: Vec<LineNumber> },
    /// Lines both saw run, with different hit counts (only when both count hits).
    HitCounts { lines: Vec<LineNumber> },
    /// The reports' own line counts differ (covered of total).
    LineCounts { left: Tally, right: Tally },
    /// The reports' own branch counts differ.
    BranchCounts { left: Tally, right: Tally },
}

/// A fact that does not make the reports disagree but that a reader would ask about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// Lines one report lists as excluded and the other does not list at all.
    ExcludedOnlyIn { side: Side, count: usize },
}

/// The verdict for one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    Agree,
    Differ,
    /// In one report only, or its pairing is uncertain.
    OnlyOne,
}

impl Verdict {
    /// The `data-agree` value of the page hook.
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Agree => "yes",
            Verdict::Differ => "no",
            Verdict::OnlyOne => "only-one",
        }
    }
}

/// What one side of a pair looks like, as the cause rules read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SideFacts {
    pub format: CoverageFormat,
    /// When the report says it was written.
    pub timestamp: Option<String>,
    /// Lines the report measures: the ones that ran (excluded ones left out) and the
    /// ones missed.
    pub measured: BTreeSet<LineNumber>,
    pub ran: BTreeSet<LineNumber>,
    pub excluded: BTreeSet<LineNumber>,
    /// Hits per line that ran, when the format counts hits.
    pub hits: Option<BTreeMap<LineNumber, u64>>,
    /// The report's own line count (coverage.py's statements, else lines, else
    /// statements).
    pub line_count: Option<Tally>,
    pub branch_count: Option<Tally>,
    /// Lines with branches, and how many branches each has.
    pub branches_by_line: BTreeMap<LineNumber, u64>,
}

/// Everything known about one paired file, which the cause rules read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairFacts {
    pub left: SideFacts,
    pub right: SideFacts,
    pub differences: Vec<Difference>,
}

/// A known reason why two reports of one run differ, as data: what it says, and when it
/// applies.
pub struct KnownCause {
    /// A stable key (`data-cause`), also used by the tests.
    pub key: &'static str,
    pub explanation: &'static str,
    pub applies: fn(&PairFacts) -> bool,
}

/// Every known cause of a difference between two reports of one file, in the order they
/// are named.
pub const KNOWN_CAUSES: [KnownCause; 6] = [
    KnownCause {
        key: "v8-every-line",
        explanation: "V8-based coverage (c8, Jest's v8 provider) counts every physical line from the first to the last, blank lines, comments and braces included; Babel's Istanbul instrumentation and other tools count statements only",
        applies: v8_counts_every_line,
    },
    KnownCause {
        key: "cobertura-drops-branches",
        explanation: "Istanbul's Cobertura writer puts branches on line elements, so branches that start on a line without a statement of its own are dropped",
        applies: cobertura_drops_branches,
    },
    KnownCause {
        key: "llvm-cov-table-lines",
        explanation: "llvm-cov's table and JSON summaries count a line once for each function it belongs to (a closure's lines count for it and for the function around it), while its lcov DA records and Cobertura lines list each physical line once",
        applies: llvm_cov_counts_lines_per_function,
    },
    KnownCause {
        key: "coverage-py-excluded",
        explanation: "coverage.py's JSON lists excluded lines; its lcov and Cobertura reports leave them out",
        applies: coverage_py_excluded_lines,
    },
    KnownCause {
        key: "different-runs",
        explanation: "the reports were written at different times and lines ran in one that did not in the other, so they look like two runs rather than one run in two formats",
        applies: different_runs,
    },
    KnownCause {
        key: "nothing-to-measure",
        explanation: "the file has no measurable lines; some writers (tarpaulin's lcov, coverage.py with skip_empty) leave such files out",
        applies: nothing_to_measure,
    },
];

/// One file's agreement between the two reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileAgreement {
    /// The path shown: the left report's spelling when it has the file.
    pub path: String,
    pub left_path: Option<String>,
    pub right_path: Option<String>,
    pub pairing: Pairing,
    /// Each report's own line count of the file (see [`SideFacts::line_count`]).
    pub left_lines: Option<Tally>,
    pub right_lines: Option<Tally>,
    pub verdict: Verdict,
    pub differences: Vec<Difference>,
    pub notes: Vec<Note>,
    /// The keys of the known causes that explain the differences (and notes).
    pub causes: Vec<&'static str>,
}

/// Two reports of the same files, file by file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agreement {
    pub files: Vec<FileAgreement>,
}

impl Agreement {
    /// How many files have each verdict: (agree, differ, only one).
    pub fn verdict_counts(&self) -> (usize, usize, usize) {
        let count = |verdict: Verdict| {
            self.files
                .iter()
                .filter(|file| file.verdict == verdict)
                .count()
        };
        (
            count(Verdict::Agree),
            count(Verdict::Differ),
            count(Verdict::OnlyOne),
        )
    }
}

/// Compares two reports of the same run, file by file, in the left report's file order,
/// then the right report's files that are not paired.
pub fn compare_same_run(left: &CoverageReport, right: &CoverageReport) -> Agreement {
    let right_index = ReportPathIndex::new(right);
    let left_index = ReportPathIndex::new(left);
    let right_by_path: BTreeMap<&str, usize> = right
        .files
        .iter()
        .enumerate()
        .map(|(index, file)| (file.path.as_str(), index))
        .collect();
    let mut right_paired = vec![false; right.files.len()];
    let mut files = Vec::new();
    for (left_position, left_file) in left.files.iter().enumerate() {
        if let Some(&index) = right_by_path.get(left_file.path.as_str()) {
            right_paired[index] = true;
            files.push(compare_pair(
                left,
                right,
                left_file,
                &right.files[index],
                Pairing::SamePath,
            ));
            continue;
        }
        match right_index.match_path(&left_file.path) {
            PathMatch::Unique(index)
                if left_index.match_path(&right.files[index].path)
                    == PathMatch::Unique(left_position) =>
            {
                right_paired[index] = true;
                files.push(compare_pair(
                    left,
                    right,
                    left_file,
                    &right.files[index],
                    Pairing::PathSuffix,
                ));
            }
            PathMatch::Unique(index) => {
                // The right file's own best match is not this one alone: either several
                // files of this report end like it (named as candidates), or another
                // matches it exactly, and then this one is alone.
                let candidates = match left_index.match_path(&right.files[index].path) {
                    PathMatch::Ambiguous(others) => others
                        .iter()
                        .map(|&other| left.files[other].path.clone())
                        .collect(),
                    _ => Vec::new(),
                };
                files.push(unpaired(left_file, left, Side::Left, candidates));
            }
            PathMatch::Ambiguous(candidates) => files.push(unpaired(
                left_file,
                left,
                Side::Left,
                candidates
                    .iter()
                    .map(|&index| right.files[index].path.clone())
                    .collect(),
            )),
            PathMatch::NotFound => files.push(unpaired(left_file, left, Side::Left, Vec::new())),
        }
    }
    for (index, right_file) in right.files.iter().enumerate() {
        if right_paired[index] {
            continue;
        }
        // A left file this one ends like, or that ends like it, was left unpaired
        // because it matched several files (or another one exactly): say so.
        let candidates = match left_index.match_path(&right_file.path) {
            PathMatch::Ambiguous(candidates) => candidates
                .iter()
                .map(|&index| left.files[index].path.clone())
                .collect(),
            PathMatch::Unique(index) => vec![left.files[index].path.clone()],
            PathMatch::NotFound => Vec::new(),
        };
        files.push(unpaired(right_file, right, Side::Right, candidates));
    }
    Agreement { files }
}

/// A file without a certain partner: in one report only, or one of several candidates.
fn unpaired(
    file: &FileCoverage,
    report: &CoverageReport,
    side: Side,
    candidates: Vec<String>,
) -> FileAgreement {
    let pairing = if candidates.is_empty() {
        Pairing::OnlyIn(side)
    } else {
        Pairing::Ambiguous { side, candidates }
    };
    let facts = side_facts(file, report);
    let is_empty =
        facts.measured.is_empty() && facts.line_count.is_none_or(|tally| tally.total == 0);
    let causes = if matches!(pairing, Pairing::OnlyIn(_)) && is_empty {
        vec!["nothing-to-measure"]
    } else {
        Vec::new()
    };
    let (left_path, right_path, left_lines, right_lines) = match side {
        Side::Left => (Some(file.path.clone()), None, facts.line_count, None),
        Side::Right => (None, Some(file.path.clone()), None, facts.line_count),
    };
    FileAgreement {
        path: file.path.clone(),
        left_path,
        right_path,
        pairing,
        left_lines,
        right_lines,
        verdict: Verdict::OnlyOne,
        differences: Vec::new(),
        notes: Vec::new(),
        causes,
    }
}

fn side_facts(file: &FileCoverage, report: &CoverageReport) -> SideFacts {
    let excluded: BTreeSet<LineNumber> = file.excluded_lines.iter().copied().collect();
    let ran: BTreeSet<LineNumber> = file
        .executed_lines
        .iter()
        .copied()
        .filter(|line| !excluded.contains(line))
        .collect();
    let measured: BTreeSet<LineNumber> = ran
        .iter()
        .copied()
        .chain(file.missing_lines.iter().copied())
        .collect();
    let hits = (!file.executed_line_hits.is_empty()).then(|| {
        file.executed_lines
            .iter()
            .copied()
            .zip(file.executed_line_hits.iter().copied())
            .collect()
    });
    let line_count = match file.counts.coverage_py() {
        Some(counts) => Some(Tally::new(counts.executed, counts.statements)),
        None => file
            .counts
            .tally(Metric::Lines)
            .or_else(|| file.counts.tally(Metric::Statements)),
    };
    let mut branches_by_line: BTreeMap<LineNumber, u64> = BTreeMap::new();
    for arc in file
        .executed_branch_arcs
        .iter()
        .chain(&file.missing_branch_arcs)
    {
        *branches_by_line.entry(arc.from.unsigned_abs()).or_insert(0) += 1;
    }
    for outcome in &file.branch_outcomes {
        *branches_by_line.entry(outcome.line).or_insert(0) += 1;
    }
    for line in &file.line_branches {
        *branches_by_line.entry(line.line).or_insert(0) += u64::from(line.total);
    }
    SideFacts {
        format: report.facts.format,
        timestamp: report.facts.timestamp.clone(),
        measured,
        ran,
        excluded,
        hits,
        line_count,
        branch_count: file.counts.tally(Metric::Branches),
        branches_by_line,
    }
}

fn compare_pair(
    left_report: &CoverageReport,
    right_report: &CoverageReport,
    left_file: &FileCoverage,
    right_file: &FileCoverage,
    pairing: Pairing,
) -> FileAgreement {
    let left = side_facts(left_file, left_report);
    let right = side_facts(right_file, right_report);
    let mut differences = Vec::new();
    for (side, own, other) in [(Side::Left, &left, &right), (Side::Right, &right, &left)] {
        let lines: Vec<LineNumber> = own.measured.difference(&other.measured).copied().collect();
        if !lines.is_empty() {
            differences.push(Difference::MeasuredOnlyIn { side, lines });
        }
    }
    for (side, own, other) in [(Side::Left, &left, &right), (Side::Right, &right, &left)] {
        let lines: Vec<LineNumber> = own
            .ran
            .iter()
            .copied()
            .filter(|line| other.measured.contains(line) && !other.ran.contains(line))
            .collect();
        if !lines.is_empty() {
            differences.push(Difference::RanOnlyIn { side, lines });
        }
    }
    if let (Some(left_hits), Some(right_hits)) = (&left.hits, &right.hits) {
        let lines: Vec<LineNumber> = left_hits
            .iter()
            .filter(|(line, hits)| right_hits.get(line).is_some_and(|other| other != *hits))
            .map(|(line, _)| *line)
            .collect();
        if !lines.is_empty() {
            differences.push(Difference::HitCounts { lines });
        }
    }
    if let (Some(left_count), Some(right_count)) = (left.line_count, right.line_count) {
        if left_count != right_count {
            differences.push(Difference::LineCounts {
                left: left_count,
                right: right_count,
            });
        }
    }
    if let (Some(left_count), Some(right_count)) = (left.branch_count, right.branch_count) {
        if left_count != right_count {
            differences.push(Difference::BranchCounts {
                left: left_count,
                right: right_count,
            });
        }
    }
    let mut notes = Vec::new();
    for (side, own, other) in [(Side::Left, &left, &right), (Side::Right, &right, &left)] {
        if !own.excluded.is_empty() && other.excluded.is_empty() {
            notes.push(Note::ExcludedOnlyIn {
                side,
                count: own.excluded.len(),
            });
        }
    }
    let facts = PairFacts {
        left,
        right,
        differences,
    };
    let causes = KNOWN_CAUSES
        .iter()
        .filter(|cause| (cause.applies)(&facts))
        .map(|cause| cause.key)
        .collect();
    FileAgreement {
        path: left_file.path.clone(),
        left_path: Some(left_file.path.clone()),
        right_path: Some(right_file.path.clone()),
        pairing,
        left_lines: facts.left.line_count,
        right_lines: facts.right.line_count,
        verdict: if facts.differences.is_empty() {
            Verdict::Agree
        } else {
            Verdict::Differ
        },
        differences: facts.differences,
        notes,
        causes,
    }
}

impl PairFacts {
    fn side(&self, side: Side) -> &SideFacts {
        match side {
            Side::Left => &self.left,
            Side::Right => &self.right,
        }
    }

    fn lines_measured_only_in(&self, side: Side) -> Option<&[LineNumber]> {
        self.differences
            .iter()
            .find_map(|difference| match difference {
                Difference::MeasuredOnlyIn { side: only, lines } if *only == side => {
                    Some(lines.as_slice())
                }
                _ => None,
            })
    }
}

/// Formats V8-based JavaScript tools write (through Istanbul's reporters).
const ISTANBUL_FAMILY: [CoverageFormat; 4] = [
    CoverageFormat::Istanbul,
    CoverageFormat::Lcov,
    CoverageFormat::Cobertura,
    CoverageFormat::Clover,
];

/// One side measures extra lines, the other none, and the side with extras measures every
/// line from its first to its last: V8's physical lines against statements.
fn v8_counts_every_line(facts: &PairFacts) -> bool {
    [Side::Left, Side::Right].into_iter().any(|side| {
        let other = match side {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        };
        let own = facts.side(side);
        let (Some(first), Some(last)) = (own.measured.first(), own.measured.last()) else {
            return false;
        };
        ISTANBUL_FAMILY.contains(&own.format)
            && ISTANBUL_FAMILY.contains(&facts.side(other).format)
            && facts.lines_measured_only_in(side).is_some()
            && facts.lines_measured_only_in(other).is_none()
            && (last - first + 1) as usize == own.measured.len()
    })
}

/// A Cobertura side counts fewer branches, and the other side's extra branches are on
/// lines the Cobertura side does not measure.
fn cobertura_drops_branches(facts: &PairFacts) -> bool {
    [(&facts.left, &facts.right), (&facts.right, &facts.left)]
        .into_iter()
        .any(|(cobertura, other)| {
            let (Some(own), Some(theirs)) = (cobertura.branch_count, other.branch_count) else {
                return false;
            };
            let dropped: u64 = other
                .branches_by_line
                .iter()
                .filter(|(line, _)| !cobertura.branches_by_line.contains_key(line))
                .filter(|(line, _)| !cobertura.measured.contains(line))
                .map(|(_, count)| count)
                .sum();
            cobertura.format == CoverageFormat::Cobertura
                && own.total < theirs.total
                && dropped > 0
                && dropped == theirs.total - own.total
        })
}

/// The llvm-cov export's line count is larger than the distinct lines it and the other
/// report list, which agree line for line.
fn llvm_cov_counts_lines_per_function(facts: &PairFacts) -> bool {
    let sets_agree = !facts.differences.iter().any(|difference| {
        matches!(
            difference,
            Difference::MeasuredOnlyIn { .. } | Difference::RanOnlyIn { .. }
        )
    });
    [(&facts.left, &facts.right), (&facts.right, &facts.left)]
        .into_iter()
        .any(|(llvm, other)| {
            llvm.format == CoverageFormat::LlvmCov
                && sets_agree
                && llvm.line_count.is_some_and(|count| {
                    count.total > llvm.measured.len() as u64
                        && other
                            .line_count
                            .is_some_and(|theirs| theirs.total == other.measured.len() as u64)
                })
        })
}

/// coverage.py's JSON lists excluded lines that the other report (its lcov or Cobertura)
/// does not.
fn coverage_py_excluded_lines(facts: &PairFacts) -> bool {
    [(&facts.left, &facts.right), (&facts.right, &facts.left)]
        .into_iter()
        .any(|(json, other)| {
            json.format == CoverageFormat::CoveragePy
                && !json.excluded.is_empty()
                && other.excluded.is_empty()
        })
}

/// Lines ran in only one report, and the reports state different times of writing. (The
/// formats of one run written a few seconds apart, as coverage.py's are, agree on which
/// lines ran, so a time alone never counts.)
fn different_runs(facts: &PairFacts) -> bool {
    let ran_differs = facts
        .differences
        .iter()
        .any(|difference| matches!(difference, Difference::RanOnlyIn { .. }));
    match (&facts.left.timestamp, &facts.right.timestamp) {
        (Some(left), Some(right)) => ran_differs && left != right,
        _ => false,
    }
}

/// Never true for a pair: the cause is for a file only one report lists.
fn nothing_to_measure(_facts: &PairFacts) -> bool {
    false
}

/// The lines of a list as a reader scans them: the first few, and how many more.
pub fn lines_preview(lines: &[LineNumber]) -> String {
    const SHOWN: usize = 8;
    let shown: Vec<String> = lines
        .iter()
        .take(SHOWN)
        .map(LineNumber::to_string)
        .collect();
    if lines.len() > SHOWN {
        format!("{} and {} more", shown.join(", "), lines.len() - SHOWN)
    } else {
        shown.join(", ")
    }
}

/// One sentence per difference and note, naming the reports.
pub fn describe_difference(difference: &Difference, names: (&str, &str)) -> String {
    let name = |side: Side| match side {
        Side::Left => names.0,
        Side::Right => names.1,
    };
    let plural = |count: usize| if count == 1 { "line" } else { "lines" };
    match difference {
        Difference::MeasuredOnlyIn { side, lines } => format!(
            "{} {} measured only in {}: {}",
            lines.len(),
            plural(lines.len()),
            name(*side),
            lines_preview(lines)
        ),
        Difference::RanOnlyIn { side, lines } => format!(
            "{} {} ran only in {}: {}",
            lines.len(),
            plural(lines.len()),
            name(*side),
            lines_preview(lines)
        ),
        Difference::HitCounts { lines } => format!(
            "hit counts differ on {} {}: {}",
            lines.len(),
            plural(lines.len()),
            lines_preview(lines)
        ),
        Difference::LineCounts { left, right } => format!(
            "lines counted: {} of {} in {}, {} of {} in {}",
            left.covered, left.total, names.0, right.covered, right.total, names.1
        ),
        Difference::BranchCounts { left, right } => format!(
            "branches counted: {} of {} in {}, {} of {} in {}",
            left.covered, left.total, names.0, right.covered, right.total, names.1
        ),
    }
}

/// The sentence for a note.
pub fn describe_note(note: &Note, names: (&str, &str)) -> String {
    match note {
        Note::ExcludedOnlyIn { side, count } => format!(
            "{count} excluded {} listed only in {}",
            if *count == 1 { "line" } else { "lines" },
            match side {
                Side::Left => names.0,
                Side::Right => names.1,
            }
        ),
    }
}

/// The explanation of a known cause by its key.
pub fn cause_explanation(key: &str) -> Option<&'static str> {
    KNOWN_CAUSES
        .iter()
        .find(|cause| cause.key == key)
        .map(|cause| cause.explanation)
}

/// The whole reason text of a file's row, its sentences joined.
pub fn reason_text(file: &FileAgreement, names: (&str, &str)) -> String {
    reason_sentences(file, names).join("; ")
}

/// The sentences of a file's reason: how it was paired, what differs, and why.
pub fn reason_sentences(file: &FileAgreement, names: (&str, &str)) -> Vec<String> {
    let name = |side: Side| match side {
        Side::Left => names.0,
        Side::Right => names.1,
    };
    let mut sentences: Vec<String> = Vec::new();
    match &file.pairing {
        Pairing::SamePath => {}
        Pairing::PathSuffix => sentences.push(format!(
            "paired by the end of the path: {} in {}",
            file.right_path.as_deref().unwrap_or_default(),
            names.1
        )),
        Pairing::OnlyIn(side) => sentences.push(format!("only in {}", name(*side))),
        Pairing::Ambiguous { side, candidates } => {
            let other = match side {
                Side::Left => names.1,
                Side::Right => names.0,
            };
            sentences.push(match candidates.as_slice() {
                [candidate] => format!(
                    "in {}; {candidate} in {other} could be this file or another, so it is not paired",
                    name(*side)
                ),
                _ => format!(
                    "in {}; it could be any of {} files of {other} ({}), so it is not paired",
                    name(*side),
                    candidates.len(),
                    candidates.join(", ")
                ),
            });
        }
    }
    sentences.extend(
        file.differences
            .iter()
            .map(|difference| describe_difference(difference, names)),
    );
    sentences.extend(file.notes.iter().map(|note| describe_note(note, names)));
    if file.verdict == Verdict::Agree && file.notes.is_empty() {
        sentences.push("same lines measured and run, same counts".to_string());
    } else if file.verdict == Verdict::Agree {
        sentences.insert(0, "same lines measured and run, same counts".to_string());
    }
    sentences.extend(
        file.causes
            .iter()
            .filter_map(|key| cause_explanation(key))
            .map(|explanation| format!("known cause: {explanation}")),
    );
    if file.verdict == Verdict::Differ && file.causes.is_empty() {
        sentences.push("no known cause explains this difference".to_string());
    }
    sentences
}

/// The pair of reports most likely to be one run in two formats: the two sharing the
/// most file paths by name, preferring different formats; ties go to load order.
pub fn default_agreement_pair(reports: &[(u64, &CoverageReport)]) -> Option<(u64, u64)> {
    let names = |report: &CoverageReport| -> BTreeSet<String> {
        report
            .files
            .iter()
            .filter_map(|file| file.path.rsplit(['/', '\\']).next().map(str::to_string))
            .collect()
    };
    let named: Vec<(u64, CoverageFormat, BTreeSet<String>)> = reports
        .iter()
        .map(|(id, report)| (*id, report.facts.format, names(report)))
        .collect();
    let mut best: Option<((usize, bool), (u64, u64))> = None;
    for (position, left) in named.iter().enumerate() {
        for right in &named[position + 1..] {
            let score = (left.2.intersection(&right.2).count(), left.1 != right.1);
            if best.as_ref().is_none_or(|(known, _)| score > *known) {
                best = Some((score, (left.0, right.0)));
            }
        }
    }
    best.map(|(_, pair)| pair)
}
