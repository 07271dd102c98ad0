//! Coverage claims in planning documents: finding them, and checking them against reports.
//!
//! A claim is a coverage figure a document states ("models.py 97.39%", "Overall coverage
//! ≥ 28%", "from 38.79% to 49.81%"). The walker (`walker.rs`) reads the frontmatter and the
//! body through the shared markdown scanner and hands each unit of text to the rules
//! (`rules.rs`, `subject.rs`), which read words by their role in the lexicon
//! (`lexicon.rs`) through two word windows (`window.rs`). A claim is then checked: the
//! run rule (`runs.rs`) says which report it is about, `measures.rs` what its subject
//! resolves to there and which figures the report offers, and `check.rs` gives the verdict.
//! A patch coverage figure ("patch coverage 85%", "all new lines are covered") is about a
//! loaded diff instead: `diffs.rs` says which one and checks it as diff-cover counts.
//!
//! The design is precision first: "mismatch" only when the report is the one the figure
//! is about (named, not newer than the document), the subject is one file, region or the
//! total, and no measure agrees; otherwise "unknown" with the reason, or "stale" when the
//! report is another run.
//!
//! Refs: coverage.py `coverage/results.py` (`Numbers.pc_covered`, `display_covered`),
//! `coverage/jsonreport.py` (the JSON fields), `coverage/summary.py` (the text report's
//! `Name Stmts Miss [Branch BrPart] Cover` rows).
use serde::{Deserialize, Serialize};
mod check;
mod diffs;
mod lexicon;
mod measures;
mod rules;
mod runs;
mod subject;
mod tokens;
mod walker;
mod window;

use check::RunDoubt;
use runs::Runs;
use walker::WalkOptions;

use crate::core::document::{document_date, DocumentKind, PlanningDocument};
use crate::core::model::{CoverageReport, Patch};

/// How a target compares the measured value with the claimed one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClaimKind {
    /// A measured figure: "models.py 97.39%".
    #[default]
    Measurement,
    /// A goal or bound: "Overall coverage >= 28%".
    Target { comparison: TargetComparison },
    /// A change: "from 38.79% to 49.81%"; the "after" figure is the one checked.
    BeforeAfter,
}

/// What a claim is about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClaimSubject {
    /// A source file, by the path as the document wrote it.
    File(String),
    /// A function or class (coverage.py 7.6+ regions), by its dotted name, with the file
    /// when the document names one. A CamelCase name may also mean the file named like it.
    Region { name: String, file: Option<String> },
    /// A module named without its extension ("workflow_engine: 20.27%").
    Module(String),
    /// The whole report's total.
    #[default]
    Total,
    /// The coverage of the lines a diff adds (diff-cover's figure), never a report's total.
    Patch,
}

/// Where in a document a claim was found.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClaimSource {
    /// A frontmatter value, by its key path (`gaps[0].reason`), with its 1-based file line.
    Frontmatter {
        key_path: String,
        line: Option<usize>,
    },
    /// Prose, a list item or a heading, by 1-based file line.
    Body { line: usize },
    /// A markdown table row, by 1-based file line, with the row as written.
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

/// A report a figure's line or section names ("coverage_baseline.json - Overall: 22%").
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NamedReport {
    pub name: String,
    pub scope: ReportScope,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReportScope {
    Line,
    Section,
}

/// One coverage figure stated by a document, classified.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub subject: ClaimSubject,
    /// The subject as written: the path, the name, "overall"/"TOTAL".
    pub subject_text: String,
    pub kind: ClaimKind,
    /// The claimed value; for a range target ("25-27%") its lower bound; for a ratio-only
    /// claim ("224/230 lines covered") the ratio as a percentage.
    pub claimed_percent: f64,
    /// The figure exactly as written, without the percent sign ("97.39", "25-27", "224/230").
    pub claimed_text: String,
    /// How many decimals the claim was written with; measured values are rounded to it.
    pub decimals: u8,
    /// For before/after pairs (and goals written "from X%"): the earlier figure.
    pub before_percent: Option<(f64, String)>,
    /// A covered/statements ratio stated with the claim ("(236/654 lines)").
    pub ratio: Option<(u64, u64)>,
    /// Written as an approximation ("~97%", "about 55%").
    pub approximate: bool,
    /// A nearby word saying the figure may come from another measurement or an estimate
    /// ("estimated", "branch", "property"): a disagreement then gives "unknown".
    pub qualifier: Option<String>,
    /// Why the figure describes another run than the document's own (a "Baseline"
    /// heading, a "Before:" label, another plan's line in a history).
    pub another_run: Option<String>,
    /// The report the figure's line or section names.
    pub named_report: Option<NamedReport>,
    /// The diff (`.diff`, `.patch`) the figure's line names, for a patch figure.
    pub named_diff: Option<String>,
    pub source: ClaimSource,
    /// Byte offsets of the figure: in the body markdown for body, table and pasted-report
    /// claims, in the scalar for frontmatter claims, in the text for
    /// `extract_claims_from_text`.
    pub span: (usize, usize),
    /// The sentence or cell around the figure, trimmed, at most 200 characters.
    pub context: String,
}

/// Which of a report's figures agreed with a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Measure {
    /// `percent_covered`: statements and branches together, coverage.py's headline figure.
    PercentCovered,
    /// `percent_statements_covered`: covered statements over statements, branches ignored.
    StatementsOnly,
    /// (statements − missing) / statements, which differs from the above only in reports
    /// whose counts do not add up.
    CoveredOverStatements,
    /// A claim written as a ratio ("224/230 lines covered") equals the covered/statements
    /// counts.
    RatioLines,
    /// A covered-of-total figure another format counts, by its metric's key ("lines",
    /// "branches", "functions"...).
    Tally(&'static str),
    /// A patch's total as diff-cover prints it: the whole percent, rounded down.
    DiffCoverTotal,
    /// A patch's covered added lines over its measured added lines, at the claim's decimals.
    PatchLines,
}

/// The outcome of checking one claim.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    Match {
        measure: Measure,
    },
    /// The report disagrees in every measure. `measured` is the headline figure,
    /// `measured_text` it rounded to the claim's decimals, `difference` the claimed value
    /// minus that.
    Mismatch {
        measured: f64,
        measured_text: String,
        difference: f64,
    },
    Unknown {
        reason: String,
    },
    /// The report is another run than the figure's (newer than the document, or not the
    /// report the figure names), so it can neither confirm nor refute it.
    Stale {
        reason: String,
    },
    TargetMet {
        measured_text: String,
    },
    TargetMissed {
        measured_text: String,
    },
}

/// A claim with its verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedClaim {
    pub claim: Claim,
    pub verdict: Verdict,
    /// The name of the report it was checked against.
    pub report_name: Option<String>,
    /// The report's path of the file the subject resolved to.
    pub matched_path: Option<String>,
    /// The dotted name of the function or class the subject resolved to.
    pub matched_region: Option<String>,
    /// The report's headline figure for the resolved subject.
    pub measured: Option<f64>,
    /// The loaded diff a patch figure was checked against.
    pub diff_name: Option<String>,
}

/// The loaded diffs, for patch coverage figures: each by its name as loaded, and the
/// report the patch view measures them against (the selected one).
#[derive(Clone, Debug)]
pub struct LoadedDiffs<'a, Id> {
    pub diffs: Vec<(&'a str, &'a Patch)>,
    pub measured_report: Option<Id>,
}

impl<Id> Default for LoadedDiffs<'_, Id> {
    fn default() -> Self {
        LoadedDiffs {
            diffs: Vec::new(),
            measured_report: None,
        }
    }
}

impl Default for ClaimSource {
    fn default() -> ClaimSource {
        ClaimSource::Body { line: 0 }
    }
}

/// Counts of verdicts, for a one-line summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClaimSummary {
    pub total: usize,
    pub matches: usize,
    pub mismatches: usize,
    pub unknown: usize,
    pub stale: usize,
    pub targets_met: usize,
    pub targets_missed: usize,
}

/// A document's claims checked against the loaded reports, for the reader view.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentVerdicts<Id> {
    /// Every claim of the frontmatter and body, in order.
    pub checked: Vec<CheckedClaim>,
    /// The coverage targets among must-haves and truths, for verdicts beside them.
    pub goals: Vec<CheckedClaim>,
    pub summary: ClaimSummary,
    /// The report the document's own figures are checked against, when it is one.
    pub checked_against: Option<Id>,
}

/// What the checker needs from one document, taken from its text once, when it is read
/// (in the parsing worker): its claims and goal claims, and the document's names, date and
/// files that decide which report a claim is about. Checking it against the loaded
/// reports ([`check_document_claims`]) reads no markdown, so the page needs no reader.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentClaims {
    /// Every claim of the frontmatter and body, in order.
    pub claims: Vec<Claim>,
    /// The coverage targets among must-haves and truths.
    pub goals: Vec<Claim>,
    /// The `.json` names the frontmatter's text states, when it has frontmatter.
    pub frontmatter_report_names: Option<Vec<String>>,
    /// The report names the body's top-level lines state.
    pub top_level_report_names: Vec<String>,
    /// The latest date the document states for itself, as written.
    pub date: Option<String>,
    /// Every source path the document names, once each.
    pub named_files: Vec<String>,
    /// Every diff the document names, in its frontmatter and its body.
    pub diff_names: Vec<String>,
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

impl Measure {
    pub fn key(self) -> &'static str {
        match self {
            Measure::PercentCovered => "percent-covered",
            Measure::StatementsOnly => "statements-only",
            Measure::CoveredOverStatements => "covered-over-statements",
            Measure::RatioLines => "ratio-lines",
            Measure::Tally(metric) => metric,
            Measure::DiffCoverTotal => "diff-cover",
            Measure::PatchLines => "patch-lines",
        }
    }

    /// A short phrase for a verdict badge: "matches percent covered".
    pub fn label(self) -> &'static str {
        match self {
            Measure::PercentCovered => "percent covered",
            Measure::StatementsOnly => "statements only",
            Measure::CoveredOverStatements => "covered / statements",
            Measure::RatioLines => "covered/statements lines",
            Measure::Tally(metric) => metric,
            Measure::DiffCoverTotal => "patch coverage as diff-cover prints it",
            Measure::PatchLines => "patch coverage (covered / measured added lines)",
        }
    }
}

impl Verdict {
    /// A stable key for the page (`data-verdict`).
    pub fn key(&self) -> &'static str {
        match self {
            Verdict::Match { .. } => "match",
            Verdict::Mismatch { .. } => "mismatch",
            Verdict::Unknown { .. } => "unknown",
            Verdict::Stale { .. } => "stale",
            Verdict::TargetMet { .. } => "target-met",
            Verdict::TargetMissed { .. } => "target-missed",
        }
    }
}

impl ClaimSummary {
    /// One line such as "14 claims: 9 match, 3 mismatch, 2 unknown; 1 stale; 2 targets
    /// missed". The three measurement counts are always shown, the rest when present.
    pub fn sentence(&self) -> String {
        if self.total == 0 {
            return "No coverage claims found".to_string();
        }
        let plural = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        let mut sentence = format!(
            "{}: {} match, {} mismatch, {} unknown",
            plural(self.total, "claim", "claims"),
            self.matches,
            self.mismatches,
            self.unknown
        );
        if self.stale > 0 {
            sentence.push_str(&format!("; {} stale", self.stale));
        }
        let targets: Vec<String> = [(self.targets_met, "met"), (self.targets_missed, "missed")]
            .into_iter()
            .filter(|(count, _)| *count > 0)
            .map(|(count, outcome)| format!("{} {outcome}", plural(count, "target", "targets")))
            .collect();
        if !targets.is_empty() {
            sentence.push_str("; ");
            sentence.push_str(&targets.join(", "));
        }
        sentence
    }
}

impl Claim {
    /// A claim of `figure` about `subject`, spanning `span`; everything else as the caller
    /// sets it.
    fn of_figure(
        subject: (ClaimSubject, String),
        kind: ClaimKind,
        figure: &tokens::Figure,
        span: (usize, usize),
    ) -> Claim {
        Claim {
            subject: subject.0,
            subject_text: subject.1,
            kind,
            claimed_percent: figure.value,
            claimed_text: figure.written(),
            decimals: figure.decimals,
            approximate: figure.approximate,
            span,
            ..Claim::default()
        }
    }
}

/// Adds the counts of several documents, for a phase.
impl std::iter::Sum for ClaimSummary {
    fn sum<I: Iterator<Item = ClaimSummary>>(summaries: I) -> ClaimSummary {
        summaries.fold(ClaimSummary::default(), |total, summary| ClaimSummary {
            total: total.total + summary.total,
            matches: total.matches + summary.matches,
            mismatches: total.mismatches + summary.mismatches,
            unknown: total.unknown + summary.unknown,
            stale: total.stale + summary.stale,
            targets_met: total.targets_met + summary.targets_met,
            targets_missed: total.targets_missed + summary.targets_missed,
        })
    }
}

/// Plans, roadmaps, context and research notes describe what should happen, so their
/// arrows ("9% → 50%") are goals and their measurements describe the code before the work.
fn walk_options(document: &PlanningDocument) -> WalkOptions {
    WalkOptions {
        planning: matches!(
            document.kind,
            DocumentKind::Plan
                | DocumentKind::Roadmap
                | DocumentKind::Context
                | DocumentKind::Research
        ),
        own_plan: document.plan_id.clone(),
    }
}

/// Every coverage claim in a document: frontmatter values first, then the body in order.
pub fn extract_claims(document: &PlanningDocument) -> Vec<Claim> {
    extract(document).0
}

/// The claims of a document, and the report names its top-level lines state.
fn extract(document: &PlanningDocument) -> (Vec<Claim>, Vec<String>) {
    let options = walk_options(document);
    let mut claims = Vec::new();
    if let Some(frontmatter) = &document.frontmatter {
        walker::walk_frontmatter(&frontmatter.entries, &options, &mut claims);
    }
    let (body, first_line) = (&document.body_markdown, document.body_first_line);
    let names = walker::walk_body(body, first_line, &options, &mut claims);
    claims.truncate(MAX_CLAIMS_PER_DOCUMENT);
    (claims, names)
}

/// The coverage claims in a piece of markdown (a sentence, a line, a cell or several
/// lines); sources give 1-based lines within the text and spans index into it.
pub fn extract_claims_from_text(text: &str) -> Vec<Claim> {
    let mut claims = Vec::new();
    walker::walk_body(text, 1, &WalkOptions::default(), &mut claims);
    claims.truncate(MAX_CLAIMS_PER_DOCUMENT);
    claims
}

/// The coverage targets among a document's plan must-haves and verification truths
/// (frontmatter gaps and the "Observable Truths" table), for evaluating them live.
pub fn extract_goal_claims(document: &PlanningDocument) -> Vec<Claim> {
    let mut claims = Vec::new();
    if let Some(plan) = &document.plan {
        for (index, truth) in plan.must_haves.truths.iter().enumerate() {
            walker::goal_text_claims(truth, ClaimSource::MustHave { index }, &mut claims);
        }
    }
    if let Some(verification) = &document.verification {
        for (index, gap) in verification.gaps.iter().enumerate() {
            let source = ClaimSource::VerificationTruth {
                gap_index: Some(index),
                row_index: None,
            };
            walker::goal_text_claims(&gap.truth, source, &mut claims);
        }
        for (index, row) in verification.truths_table.iter().enumerate() {
            let source = ClaimSource::VerificationTruth {
                gap_index: None,
                row_index: Some(index),
            };
            walker::goal_text_claims(&row.truth, source, &mut claims);
        }
    }
    claims.retain(|claim| claim.kind.is_target());
    claims.truncate(MAX_CLAIMS_PER_DOCUMENT);
    claims
}

/// Checks one claim against one report the person chose for it: the run is taken as the
/// claim's own, so only the claim's own context can make a disagreement "unknown".
pub fn check_claim(claim: &Claim, report: &CoverageReport) -> CheckedClaim {
    check_against(claim, report, None, &RunDoubt::default())
}

/// Checks a document's claims against the loaded reports (id, name as loaded, report):
/// each figure against the report its line, section or document names, else the one the
/// person `chosen`, else the one closest before the document's date, else `selected`.
/// With no diff loaded, every patch coverage figure is "unknown".
pub fn check_document<Id: Clone + PartialEq>(
    document: &PlanningDocument,
    reports: &[(Id, &str, &CoverageReport)],
    selected: Option<Id>,
    chosen: Option<Id>,
) -> DocumentVerdicts<Id> {
    check_document_with_diffs(document, reports, selected, chosen, &LoadedDiffs::default())
}

/// As [`check_document`], and each patch coverage figure against the loaded diff it is
/// about, measured against `diffs.measured_report` as the patch view measures it.
pub fn check_document_with_diffs<Id: Clone + PartialEq>(
    document: &PlanningDocument,
    reports: &[(Id, &str, &CoverageReport)],
    selected: Option<Id>,
    chosen: Option<Id>,
    diffs: &LoadedDiffs<Id>,
) -> DocumentVerdicts<Id> {
    let extracted = extract_document_claims(document);
    check_document_claims(&extracted, reports, selected, chosen, diffs)
}

/// Everything the checker needs from a document's text (see [`DocumentClaims`]).
pub fn extract_document_claims(document: &PlanningDocument) -> DocumentClaims {
    let (claims, top_level_report_names) = extract(document);
    DocumentClaims {
        goals: extract_goal_claims(document),
        frontmatter_report_names: document
            .frontmatter
            .as_ref()
            .map(|frontmatter| runs::json_names(&frontmatter.raw_text)),
        top_level_report_names,
        date: document_date(document),
        named_files: runs::named_files(document, &claims),
        diff_names: diffs::document_diff_names(document),
        claims,
    }
}

/// As [`check_document_with_diffs`], for a document whose claims were extracted when it
/// was read: the verdicts are the same.
pub fn check_document_claims<Id: Clone + PartialEq>(
    extracted: &DocumentClaims,
    reports: &[(Id, &str, &CoverageReport)],
    selected: Option<Id>,
    chosen: Option<Id>,
    diffs: &LoadedDiffs<Id>,
) -> DocumentVerdicts<Id> {
    let claims = &extracted.claims;
    let index_of =
        |id: Option<Id>| id.and_then(|id| reports.iter().position(|(known, _, _)| *known == id));
    let loaded = reports
        .iter()
        .map(|(_, name, report)| (*name, measures::report_timestamp(report)));
    let choices = (index_of(selected), index_of(chosen));
    let runs = Runs::new(extracted, loaded.collect(), choices);
    let measured_report = index_of(diffs.measured_report.clone());
    let document_diffs = &extracted.diff_names;
    let named_reports: Vec<(&str, &CoverageReport)> = reports
        .iter()
        .map(|(_, name, report)| (*name, *report))
        .collect();
    let patch_check = diffs::PatchCheck {
        reports: &named_reports,
        measured_report,
        diffs: &diffs.diffs,
        document_diffs,
        coverages: diffs.diffs.iter().map(|_| Default::default()).collect(),
    };
    let check_one = |claim: &Claim| {
        let run = runs.claim_run(claim);
        if claim.subject == ClaimSubject::Patch {
            return patch_check.check(claim, &run);
        }
        let mut first: Option<CheckedClaim> = None;
        for &index in &run.reports {
            let (_, name, report) = &reports[index];
            let checked =
                match runs.total_scope(claim, |path| measures::report_has_file(report, path)) {
                    Some(reason) => unchecked(claim, Verdict::Unknown { reason }),
                    None => check_against(claim, report, Some(name), &run.doubt),
                };
            if checked.verdict.key() == "match" {
                return checked;
            }
            first.get_or_insert(checked);
        }
        let reason = run.doubt.unnamed.clone().unwrap_or_default();
        first.unwrap_or_else(|| unchecked(claim, Verdict::Unknown { reason }))
    };
    let checked: Vec<CheckedClaim> = claims.iter().map(check_one).collect();
    let goals = extracted.goals.iter().map(check_one).collect();
    // A figure with no line or section of its own tells which report the document's are.
    let document_run = runs.claim_run(&Claim::default());
    DocumentVerdicts {
        summary: summarize(&checked),
        checked,
        goals,
        checked_against: match document_run.reports[..] {
            [index] => Some(reports[index].0.clone()),
            _ => None,
        },
    }
}

/// Counts the verdicts.
pub fn summarize(checked: &[CheckedClaim]) -> ClaimSummary {
    let mut summary = ClaimSummary {
        total: checked.len(),
        ..ClaimSummary::default()
    };
    for item in checked {
        let count = match item.verdict {
            Verdict::Match { .. } => &mut summary.matches,
            Verdict::Mismatch { .. } => &mut summary.mismatches,
            Verdict::Unknown { .. } => &mut summary.unknown,
            Verdict::Stale { .. } => &mut summary.stale,
            Verdict::TargetMet { .. } => &mut summary.targets_met,
            Verdict::TargetMissed { .. } => &mut summary.targets_missed,
        };
        *count += 1;
    }
    summary
}

fn check_against(
    claim: &Claim,
    report: &CoverageReport,
    name: Option<&str>,
    doubt: &RunDoubt,
) -> CheckedClaim {
    let resolution = match measures::resolve(&claim.subject, &claim.subject_text, report) {
        Ok(resolution) => resolution,
        Err(reason) => {
            let mut checked = unchecked(claim, Verdict::Unknown { reason });
            checked.report_name = name.map(str::to_string);
            return checked;
        }
    };
    let outcome = check::check(claim, &resolution, doubt);
    CheckedClaim {
        claim: claim.clone(),
        verdict: outcome.verdict,
        report_name: name.map(str::to_string),
        matched_path: outcome.measured.and_then(|measured| measured.path.clone()),
        matched_region: outcome
            .measured
            .and_then(|measured| measured.region.clone()),
        measured: outcome.measured.map(|measured| measured.headline()),
        diff_name: None,
    }
}

pub(super) fn unchecked(claim: &Claim, verdict: Verdict) -> CheckedClaim {
    CheckedClaim {
        claim: claim.clone(),
        verdict,
        report_name: None,
        matched_path: None,
        matched_region: None,
        measured: None,
        diff_name: None,
    }
}
