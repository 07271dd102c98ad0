//! Coverage claims in planning documents: finding them, and checking them against a report.
//!
//! A claim is a coverage figure a document states ("models.py 97.39%", "Overall
//! coverage ≥ 28%", "from 38.79% to 49.81%"). `extract_claims` finds them in the frontmatter,
//! prose, lists, tables and pasted `coverage report` lines of a document;
//! `check_claims` compares each with a coverage report and gives a verdict;
//! `choose_report_for_document` picks the report a document should be checked against.
//!
//! The design is precision first: a figure only becomes a claim when its subject (a file
//! path, a function or class, or the total) sits close to it in coverage wording, and a
//! verdict is only "mismatch" when the subject resolved to exactly one measured thing and
//! no measure coverage.py offers agrees; whenever the checker is unsure it says "unknown".
//!
//! Refs: coverage.py `coverage/results.py` (`Numbers.pc_covered`, `display_covered`),
//! `coverage/jsonreport.py` (the JSON fields), `coverage/summary.py` (the text report's
//! `Name Stmts Miss [Branch BrPart] Cover` rows).
mod check;
mod choose;
mod classify;
mod frontmatter;
mod tokens;
mod walker;

use crate::core::analysis::path_match::{match_path_by_suffix, PathMatch};
use crate::core::document::PlanningDocument;
use crate::core::model::CoverageReport;
use crate::core::text::looks_like_source_path;

/// How a target compares the measured value with the claimed one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TargetComparison {
    /// ">= 50%", "at least 50%", "50%+", "target 50%".
    AtLeast,
    /// "<= 5%", "at most 5%", "under 5%".
    AtMost,
    /// "exactly 100%".
    Exactly,
    /// "reaches 28%", "achieve 50%", "need 20% → 50%": met when the measure gets there.
    Reaches,
}

/// What sort of statement a claim makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClaimKind {
    /// A measured figure: "models.py 97.39%".
    Measurement,
    /// A goal or bound: "Overall coverage >= 28%".
    Target { comparison: TargetComparison },
    /// A change: "from 38.79% to 49.81%"; the "after" figure is the one checked, the
    /// "before" one belongs to an earlier snapshot and is kept for display only.
    BeforeAfter,
}

/// What a claim is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ClaimSubject {
    /// A source file, by the path as the document wrote it.
    File(String),
    /// A function or class (coverage.py 7.6+ regions), by its dotted name, with the file
    /// when the document names one.
    Region { name: String, file: Option<String> },
    /// The whole report's total.
    Total,
    /// Something coverage-like that names no matchable file, such as a module name without
    /// its extension ("workflow_engine: 20.27%"); it can never be checked.
    Unknown,
}

/// Where in a document a claim was found.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ClaimSource {
    /// A frontmatter value, by its key path (`gaps[0].reason`), with the 1-based file line
    /// when the value could be found in the raw block.
    Frontmatter {
        key_path: String,
        line: Option<usize>,
    },
    /// Prose, a list item or a heading, by 1-based line.
    Body { line: usize },
    /// A markdown table row, by 1-based line, with the row as written.
    Table { line: usize, row_text: String },
    /// A pasted `coverage report` row such as `backend/core/models.py  230  6  97%`.
    PastedReport { line: usize },
    /// A plan must-have truth (`must_haves.truths[index]`), from `extract_goal_claims`.
    MustHave { index: usize },
    /// A verification truth, from `extract_goal_claims`: a frontmatter gap's `truth`
    /// (`gap_index`) or a row of the "Observable Truths" table (`row_index`).
    VerificationTruth {
        gap_index: Option<usize>,
        row_index: Option<usize>,
    },
}

/// One coverage figure stated by a document, classified.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    pub subject: ClaimSubject,
    /// The subject as written: the path, the region name, "overall"/"TOTAL", or the
    /// unmatchable name of an `Unknown` subject.
    pub subject_text: String,
    pub kind: ClaimKind,
    /// The claimed value; for a range target ("25-27%") its lower bound; for a ratio-only
    /// claim ("224/230 lines covered") the ratio as a percentage.
    pub claimed_percent: f64,
    /// The figure exactly as written, without the percent sign ("97.39", "25-27", "224/230").
    pub claimed_text: String,
    /// How many decimals the claim was written with; measured values are rounded to it.
    pub decimals: u8,
    /// For before/after pairs (and targets written "from X%"): the earlier figure.
    pub before_percent: Option<(f64, String)>,
    /// A covered/statements ratio stated with the claim ("(236/654 lines)").
    pub ratio: Option<(u64, u64)>,
    /// Written as an approximation ("~97%", "about 55%").
    pub approximate: bool,
    /// A nearby word saying the figure may come from another measurement or an earlier
    /// state ("estimated", "branch", "property", "issue"); a disagreement then gives
    /// "unknown" instead of "mismatch".
    pub qualifier: Option<String>,
    pub source: ClaimSource,
    /// Byte offsets of the figure in the text it was found in: the body markdown for body,
    /// table and pasted-report claims, the scalar value for frontmatter claims, the given
    /// text for `extract_claims_from_text`.
    pub span: (usize, usize),
    /// The sentence or cell around the figure, trimmed, at most 200 characters.
    pub context: String,
}

/// Which of coverage.py's figures agreed with a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Measure {
    /// `percent_covered`: statements and branches together, coverage.py's headline figure.
    PercentCovered,
    /// `percent_statements_covered`: covered statements over statements, branches ignored.
    StatementsOnly,
    /// (statements − missing) / statements, which differs from the above only in reports
    /// whose counts do not add up.
    CoveredOverStatements,
    /// A claim written only as a ratio ("224/230 lines covered") equals the report's
    /// covered/statements counts. (A ratio stated next to a percentage is checked too: a
    /// different statement count there makes the verdict "unknown", since the claim then
    /// describes another version of the file.)
    RatioLines,
}

/// The outcome of checking one claim against one report.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    Match {
        measure: Measure,
    },
    /// The report disagrees with the claim in every measure. `measured` is the report's
    /// `percent_covered`; `measured_text` is it rounded to the claim's decimals;
    /// `difference` is the claimed value minus that rounded value.
    Mismatch {
        measured: f64,
        measured_text: String,
        difference: f64,
    },
    Unknown {
        reason: String,
    },
    TargetMet {
        measured_text: String,
    },
    TargetMissed {
        measured_text: String,
    },
}

/// A claim with its verdict against one report.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedClaim {
    pub claim: Claim,
    pub verdict: Verdict,
    /// The report's path of the file the subject resolved to.
    pub matched_path: Option<String>,
    /// The dotted name of the function or class a region subject resolved to.
    pub matched_region: Option<String>,
    /// The report's `percent_covered` for the resolved subject.
    pub measured: Option<f64>,
}

/// Counts of verdicts, for a one-line summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClaimSummary {
    pub total: usize,
    pub matches: usize,
    pub mismatches: usize,
    pub unknown: usize,
    pub targets_met: usize,
    pub targets_missed: usize,
}

/// At most this many claims are taken from one document, so a pathological file cannot
/// flood the page.
pub const MAX_CLAIMS_PER_DOCUMENT: usize = 2000;

impl TargetComparison {
    pub fn key(self) -> &'static str {
        match self {
            TargetComparison::AtLeast => "at-least",
            TargetComparison::AtMost => "at-most",
            TargetComparison::Exactly => "exactly",
            TargetComparison::Reaches => "reaches",
        }
    }

    /// The symbol shown before the claimed figure, e.g. "≥".
    pub fn symbol(self) -> &'static str {
        match self {
            TargetComparison::AtLeast | TargetComparison::Reaches => "≥",
            TargetComparison::AtMost => "≤",
            TargetComparison::Exactly => "=",
        }
    }
}

impl ClaimKind {
    pub fn key(self) -> &'static str {
        match self {
            ClaimKind::Measurement => "measurement",
            ClaimKind::Target { .. } => "target",
            ClaimKind::BeforeAfter => "before-after",
        }
    }

    pub fn is_target(self) -> bool {
        matches!(self, ClaimKind::Target { .. })
    }
}

impl ClaimSubject {
    pub fn key(&self) -> &'static str {
        match self {
            ClaimSubject::File(_) => "file",
            ClaimSubject::Region { .. } => "region",
            ClaimSubject::Total => "total",
            ClaimSubject::Unknown => "unknown",
        }
    }
}

impl Measure {
    pub fn key(self) -> &'static str {
        match self {
            Measure::PercentCovered => "percent-covered",
            Measure::StatementsOnly => "statements-only",
            Measure::CoveredOverStatements => "covered-over-statements",
            Measure::RatioLines => "ratio-lines",
        }
    }

    /// A short phrase for a verdict badge: "matches percent covered".
    pub fn label(self) -> &'static str {
        match self {
            Measure::PercentCovered => "percent covered",
            Measure::StatementsOnly => "statements only",
            Measure::CoveredOverStatements => "covered / statements",
            Measure::RatioLines => "covered/statements lines",
        }
    }
}

impl Verdict {
    /// A stable key for the page: "match", "mismatch", "unknown", "target-met" or
    /// "target-missed".
    pub fn key(&self) -> &'static str {
        match self {
            Verdict::Match { .. } => "match",
            Verdict::Mismatch { .. } => "mismatch",
            Verdict::Unknown { .. } => "unknown",
            Verdict::TargetMet { .. } => "target-met",
            Verdict::TargetMissed { .. } => "target-missed",
        }
    }
}

impl ClaimSummary {
    /// One line such as "14 claims: 9 match, 3 mismatch, 2 unknown; 2 targets missed".
    ///
    /// `total` counts every claim; the three measurement counts are always shown so the
    /// line reads the same from one document to the next, target counts only when present.
    pub fn sentence(&self) -> String {
        if self.total == 0 {
            return "No coverage claims found".to_string();
        }
        let mut sentence = format!(
            "{} {}: {} match, {} mismatch, {} unknown",
            self.total,
            if self.total == 1 { "claim" } else { "claims" },
            self.matches,
            self.mismatches,
            self.unknown
        );
        let mut target_parts = Vec::new();
        if self.targets_met > 0 {
            target_parts.push(format!(
                "{} {} met",
                self.targets_met,
                if self.targets_met == 1 {
                    "target"
                } else {
                    "targets"
                }
            ));
        }
        if self.targets_missed > 0 {
            target_parts.push(format!(
                "{} {} missed",
                self.targets_missed,
                if self.targets_missed == 1 {
                    "target"
                } else {
                    "targets"
                }
            ));
        }
        if !target_parts.is_empty() {
            sentence.push_str("; ");
            sentence.push_str(&target_parts.join(", "));
        }
        sentence
    }
}

/// Every coverage claim in a document: frontmatter values first, then the body in order.
///
/// Plan must-haves and verification truths come out as targets (they state what should
/// hold), and in forward-looking documents (plans, roadmaps, context, research) an arrow
/// such as "9% → 50%" without a past-tense verb is read as a target too.
pub fn extract_claims(document: &PlanningDocument) -> Vec<Claim> {
    let planning = walker::is_forward_looking(document.kind);
    let mut claims = Vec::new();
    if let Some(frontmatter) = &document.frontmatter {
        frontmatter::frontmatter_claims(frontmatter, planning, &mut claims);
    }
    let options = walker::WalkOptions { planning };
    walker::walk_markdown(
        &document.body_markdown,
        document.body_first_line,
        &options,
        &mut claims,
    );
    claims.truncate(MAX_CLAIMS_PER_DOCUMENT);
    claims
}

/// The coverage claims in a piece of markdown text (a sentence, a line, a cell or several
/// lines); sources give 1-based lines within the text and spans index into it.
pub fn extract_claims_from_text(text: &str) -> Vec<Claim> {
    let mut claims = Vec::new();
    walker::walk_markdown(text, 1, &walker::WalkOptions::default(), &mut claims);
    claims.truncate(MAX_CLAIMS_PER_DOCUMENT);
    claims
}

/// The coverage targets among a document's plan must-haves and verification truths
/// (frontmatter gaps and the "Observable Truths" table), for evaluating them live.
pub fn extract_goal_claims(document: &PlanningDocument) -> Vec<Claim> {
    let mut claims = Vec::new();
    if let Some(plan) = &document.plan {
        for (index, truth) in plan.must_haves.truths.iter().enumerate() {
            frontmatter::goal_text_claims(truth, ClaimSource::MustHave { index }, &mut claims);
        }
    }
    if let Some(verification) = &document.verification {
        for (index, gap) in verification.gaps.iter().enumerate() {
            let source = ClaimSource::VerificationTruth {
                gap_index: Some(index),
                row_index: None,
            };
            frontmatter::goal_text_claims(&gap.truth, source, &mut claims);
        }
        for (index, row) in verification.truths_table.iter().enumerate() {
            let source = ClaimSource::VerificationTruth {
                gap_index: None,
                row_index: Some(index),
            };
            frontmatter::goal_text_claims(&row.truth, source, &mut claims);
        }
    }
    claims.retain(|claim| claim.kind.is_target());
    claims.truncate(MAX_CLAIMS_PER_DOCUMENT);
    claims
}

/// Checks one claim against one report.
pub fn check_claim(claim: &Claim, report: &CoverageReport) -> CheckedClaim {
    check::check_claim(claim, report)
}

/// Checks a document's claims against one report.
///
/// When the claims name files but none of them is in the report, the report is most
/// likely from another run or project, so its total cannot confirm or refute the
/// document's totals: those mismatches become "unknown".
pub fn check_claims(claims: &[Claim], report: &CoverageReport) -> Vec<CheckedClaim> {
    check::check_claims(claims, report)
}

/// Counts the verdicts.
pub fn summarize(checked: &[CheckedClaim]) -> ClaimSummary {
    let mut summary = ClaimSummary {
        total: checked.len(),
        ..ClaimSummary::default()
    };
    for item in checked {
        match item.verdict {
            Verdict::Match { .. } => summary.matches += 1,
            Verdict::Mismatch { .. } => summary.mismatches += 1,
            Verdict::Unknown { .. } => summary.unknown += 1,
            Verdict::TargetMet { .. } => summary.targets_met += 1,
            Verdict::TargetMissed { .. } => summary.targets_missed += 1,
        }
    }
    summary
}

/// The report a document's claims should be checked against.
///
/// 1. The one the document names: a `.json` path in its frontmatter or body whose
///    segments end like the report's name (when several loaded reports fit the name, rule 2
///    picks among them).
/// 2. Else the one whose timestamp is closest before the document's date (frontmatter
///    `verified`, `completed`, `date` or `created`, else a `**Date:**`-style body line).
/// 3. Else the selected report.
///
/// `reports` holds (id, name or path as loaded, report).
/// The report to check a document's claims against: the one the person chose while it is
/// still loaded, else `choose_report_for_document`'s pick.
pub fn report_for_claims<Id: Clone + PartialEq>(
    document: &PlanningDocument,
    reports: &[(Id, &str, &CoverageReport)],
    selected: Option<Id>,
    chosen_by_person: Option<Id>,
) -> Option<Id> {
    chosen_by_person
        .filter(|chosen| reports.iter().any(|(id, _, _)| id == chosen))
        .or_else(|| choose_report_for_document(document, reports, selected))
}

pub fn choose_report_for_document<Id: Clone + PartialEq>(
    document: &PlanningDocument,
    reports: &[(Id, &str, &CoverageReport)],
    selected: Option<Id>,
) -> Option<Id> {
    choose::choose_report_for_document(document, reports, selected)
}

/// The date a document states for itself, as written: frontmatter `verified`,
/// `completed`, `date` or `created`, else a `**Date:**`-style line near the top of the body.
pub fn document_date(document: &PlanningDocument) -> Option<String> {
    choose::document_date(document)
}

/// Checks a document's claims against a report, and calls every claim about the total
/// unknown when the report holds none of the files the document names anywhere
/// (artifacts, files modified, key files, task files, file claims): its total is then
/// another run's, and a match, mismatch or met target against it would mean nothing.
pub fn check_document_claims(
    document: &PlanningDocument,
    claims: &[Claim],
    report: &CoverageReport,
) -> Vec<CheckedClaim> {
    let mut checked = check_claims(claims, report);
    let named = paths_named_by(document, claims);
    let any_in_report = named
        .iter()
        .any(|path| !matches!(match_path_by_suffix(path, report), PathMatch::NotFound));
    if !named.is_empty() && !any_in_report {
        for item in &mut checked {
            if item.claim.subject == ClaimSubject::Total && item.verdict.key() != "unknown" {
                item.verdict = Verdict::Unknown {
                    reason: format!(
                        "none of the {} files this document names is in this report, so its total is another run's",
                        named.len()
                    ),
                };
                item.measured = None;
            }
        }
    }
    checked
}

/// Every source path a document names, once each.
fn paths_named_by(document: &PlanningDocument, claims: &[Claim]) -> Vec<String> {
    let mut paths: Vec<String> = Vec::new();
    let mut add = |path: &str| {
        let path = path.trim().trim_matches('`');
        if looks_like_source_path(path)
            && !path.ends_with(".json")
            && !paths.iter().any(|known| known == path)
        {
            paths.push(path.to_string());
        }
    };
    for claim in claims {
        if let ClaimSubject::File(path) = &claim.subject {
            add(path);
        }
    }
    if let Some(plan) = &document.plan {
        plan.files_modified.iter().for_each(|path| add(path));
        plan.must_haves
            .artifacts
            .iter()
            .for_each(|artifact| add(&artifact.path));
        plan.tasks
            .iter()
            .flat_map(|task| task.files.iter())
            .for_each(|path| add(path));
    }
    if let Some(verification) = &document.verification {
        verification
            .gaps
            .iter()
            .flat_map(|gap| gap.artifacts.iter())
            .for_each(|path| add(path));
    }
    if let Some(summary) = &document.summary {
        let key_files = &summary.key_files;
        key_files
            .created
            .iter()
            .chain(&key_files.modified)
            .chain(&key_files.other)
            .for_each(|path| add(path));
    }
    paths
}
