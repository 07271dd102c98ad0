//! A CI run's summary in markdown (for a job summary or a pull-request comment): each
//! report's total and its change against the previous run, the patch coverage of a diff,
//! and the claims of the planning documents that failed, from the same functions the app
//! shows these figures with.
use super::claims::{check_document_with_diffs, LoadedDiffs, Verdict};
use super::compare::compare_reports;
use super::export::code_span;
use super::patch::{compute_patch_coverage, line_ranges, ranges_text};
use crate::core::document::PlanningDocument;
use crate::core::model::{CoverageReport, Patch};
use crate::core::text::{counted, nouns};

/// One report of the run, with the run before it when there is one.
pub struct SummaryReport<'a> {
    /// The name the report list shows.
    pub name: &'a str,
    pub report: &'a CoverageReport,
    pub previous: Option<&'a CoverageReport>,
}

/// Everything a run's summary is made from.
pub struct RunSummaryInput<'a> {
    pub reports: Vec<SummaryReport<'a>>,
    /// A diff, with the name it was given under, for patch coverage.
    pub patch: Option<(&'a str, &'a Patch)>,
    pub documents: Vec<&'a PlanningDocument>,
}

/// One report's line of the totals table, as the app shows its figures.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportTotalLine {
    pub name: String,
    /// The format's name, e.g. "coverage.py JSON".
    pub format: String,
    pub file_count: usize,
    /// The report's own total, printed by its format's rule.
    pub total_display: String,
    /// The previous run's total and the change in points, as the comparison view shows them.
    pub previous_display: Option<String>,
    pub change_display: Option<String>,
}

/// One report's coverage of the diff's added lines (diff-cover's figure).
#[derive(Clone, Debug, PartialEq)]
pub struct PatchSummaryLine {
    pub report_name: String,
    pub total_display: String,
    pub covered: u64,
    pub measured: u64,
    pub added: u64,
    pub uncertain: u64,
    /// Files with missed added lines, and those lines as ranges.
    pub missed: Vec<(String, String)>,
}

/// A claim whose figure the report does not bear out.
#[derive(Clone, Debug, PartialEq)]
pub struct FailedClaim {
    pub document_path: String,
    pub report_name: String,
    pub subject: String,
    pub claimed: String,
    pub measured: String,
    pub context: String,
    /// How many places of the document state this same figure (a plan's frontmatter, its
    /// must-haves and its body often repeat one target).
    pub occurrences: usize,
}

/// The figures of a run's summary, before they are written as markdown.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSummary {
    pub totals: Vec<ReportTotalLine>,
    pub patch_name: Option<String>,
    pub patch: Vec<PatchSummaryLine>,
    pub claims_checked: usize,
    pub failed_claims: Vec<FailedClaim>,
}

/// The figures of a run: each report's total and change, the patch coverage against each
/// report, and every claim that failed (a mismatch or a missed target, checked as the
/// document reader checks it).
pub fn summarize_run(input: &RunSummaryInput) -> RunSummary {
    let totals = input.reports.iter().map(total_line).collect();
    let patch = input
        .patch
        .map(|(_, patch)| {
            input
                .reports
                .iter()
                .map(|report| patch_line(report, patch))
                .collect()
        })
        .unwrap_or_default();
    let candidates: Vec<(usize, &str, &CoverageReport)> = input
        .reports
        .iter()
        .enumerate()
        .map(|(index, report)| (index, report.name, report.report))
        .collect();
    let mut claims_checked = 0;
    let mut failed_claims = Vec::new();
    for document in &input.documents {
        // As the reader does with nothing chosen: each figure against the report it names,
        // else the one closest before the document's date, else the first report.
        // A patch figure is checked against the diff, measured against the first report.
        let diffs = LoadedDiffs {
            diffs: input.patch.into_iter().collect(),
            measured_report: Some(0),
        };
        let verdicts = check_document_with_diffs(document, &candidates, Some(0), None, &diffs);
        for checked in verdicts.checked.iter().chain(&verdicts.goals) {
            claims_checked += 1;
            let measured = match &checked.verdict {
                Verdict::Mismatch { measured_text, .. }
                | Verdict::TargetMissed { measured_text } => measured_text.clone(),
                _ => continue,
            };
            let failed = FailedClaim {
                document_path: document.path.clone(),
                report_name: checked.report_name.clone().unwrap_or_default(),
                subject: checked.claim.subject_text.clone(),
                claimed: checked.claim.claimed_text.clone(),
                measured,
                context: checked.claim.context.clone(),
                occurrences: 1,
            };
            match failed_claims
                .iter_mut()
                .find(|earlier: &&mut FailedClaim| earlier.states_the_same_as(&failed))
            {
                Some(earlier) => earlier.occurrences += 1,
                None => failed_claims.push(failed),
            }
        }
    }
    RunSummary {
        totals,
        patch_name: input.patch.map(|(name, _)| name.to_string()),
        patch,
        claims_checked,
        failed_claims,
    }
}

impl FailedClaim {
    /// The same figure about the same subject in the same document, measured the same.
    fn states_the_same_as(&self, other: &FailedClaim) -> bool {
        (
            &self.document_path,
            &self.report_name,
            &self.subject,
            &self.claimed,
            &self.measured,
        ) == (
            &other.document_path,
            &other.report_name,
            &other.subject,
            &other.claimed,
            &other.measured,
        )
    }
}

fn total_line(report: &SummaryReport) -> ReportTotalLine {
    let comparison = report
        .previous
        .map(|previous| compare_reports(previous, report.report));
    let totals = comparison.as_ref().map(|comparison| &comparison.totals);
    ReportTotalLine {
        name: report.name.to_string(),
        format: report.report.facts.format.profile().name.to_string(),
        file_count: report.report.files.len(),
        total_display: report.report.total_coverage.display.clone(),
        previous_display: report
            .previous
            .map(|previous| previous.total_coverage.display.clone()),
        change_display: totals
            .and_then(|totals| totals.coverage_delta.as_ref())
            .map(|delta| delta.display.clone()),
    }
}

fn patch_line(report: &SummaryReport, patch: &Patch) -> PatchSummaryLine {
    let coverage = compute_patch_coverage(patch, report.report);
    let missed = coverage
        .files
        .iter()
        .filter(|file| file.counts.missed > 0)
        .map(|file| {
            let missed: Vec<u64> = file
                .lines
                .iter()
                .filter(|line| line.status == super::patch::PatchLineStatus::Missed)
                .map(|line| line.line)
                .collect();
            (file.path.clone(), ranges_text(&line_ranges(&missed)))
        })
        .collect();
    PatchSummaryLine {
        report_name: report.name.to_string(),
        total_display: coverage.total_figure.display.clone(),
        covered: coverage.totals.covered,
        measured: coverage.totals.measured(),
        added: coverage.added_lines,
        uncertain: coverage.totals.uncertain,
        missed,
    }
}

/// At most this many files with missed lines are listed per report, so a large diff's
/// summary stays within what a job summary shows.
const MAX_MISSED_FILES_LISTED: usize = 20;

/// At most this many failed claims are listed.
const MAX_FAILED_CLAIMS_LISTED: usize = 30;

/// The summary as GitHub-flavoured markdown.
pub fn run_summary_to_markdown(summary: &RunSummary) -> String {
    let mut text = String::from("## Coverage\n\n");
    if summary.totals.is_empty() {
        text.push_str("No coverage report was given.\n");
    } else {
        text.push_str("| Report | Format | Files | Coverage | Previous run | Change |\n");
        text.push_str("|---|---|--:|--:|--:|--:|\n");
        for line in &summary.totals {
            text.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                table_cell(&line.name),
                line.format,
                line.file_count,
                percent_text(&line.total_display),
                line.previous_display
                    .as_deref()
                    .map_or("—".to_string(), percent_text),
                line.change_display
                    .as_deref()
                    .map_or("—".to_string(), |change| format!("{change} points")),
            ));
        }
    }
    if let Some(name) = &summary.patch_name {
        text.push_str(&format!("\n### Patch coverage of {}\n\n", code_span(name)));
        text.push_str("| Report | Patch coverage | Covered | Measured | Added lines |\n");
        text.push_str("|---|--:|--:|--:|--:|\n");
        for line in &summary.patch {
            text.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                table_cell(&line.report_name),
                percent_text(&line.total_display),
                line.covered,
                line.measured,
                line.added
            ));
        }
        for line in &summary.patch {
            if line.uncertain > 0 {
                text.push_str(&format!(
                    "\n{}: {} added lines could not be matched to one file of the report with certainty and are left out.\n",
                    line.report_name, line.uncertain
                ));
            }
            if line.missed.is_empty() {
                continue;
            }
            text.push_str(&format!("\nMissed added lines ({}):\n\n", line.report_name));
            for (path, ranges) in line.missed.iter().take(MAX_MISSED_FILES_LISTED) {
                text.push_str(&format!("- {}: {}\n", code_span(path), ranges));
            }
            if line.missed.len() > MAX_MISSED_FILES_LISTED {
                text.push_str(&format!(
                    "- and {} more\n",
                    counted(line.missed.len() - MAX_MISSED_FILES_LISTED, nouns::FILE)
                ));
            }
        }
    }
    if summary.claims_checked > 0 {
        text.push_str("\n### Claims that failed\n\n");
        if summary.failed_claims.is_empty() {
            text.push_str(&format!(
                "None of the {} checked failed.\n",
                counted(summary.claims_checked, nouns::CLAIM)
            ));
        } else {
            let failed: usize = summary
                .failed_claims
                .iter()
                .map(|claim| claim.occurrences)
                .sum();
            text.push_str(&format!(
                "{failed} of {} claims checked are not borne out by the report:\n\n",
                summary.claims_checked
            ));
            text.push_str("| Document | Subject | Claimed | Measured | Report | Times stated |\n");
            text.push_str("|---|---|--:|--:|---|--:|\n");
            for claim in summary.failed_claims.iter().take(MAX_FAILED_CLAIMS_LISTED) {
                text.push_str(&format!(
                    "| {} | {} | {}% | {}% | {} | {} |\n",
                    table_cell(&claim.document_path),
                    table_cell(&claim.subject),
                    table_cell(&claim.claimed),
                    claim.measured,
                    table_cell(&claim.report_name),
                    claim.occurrences,
                ));
            }
            if summary.failed_claims.len() > MAX_FAILED_CLAIMS_LISTED {
                text.push_str(&format!(
                    "\nand {} more.\n",
                    summary.failed_claims.len() - MAX_FAILED_CLAIMS_LISTED
                ));
            }
        }
    }
    text
}

/// A figure as its format printed it, with a percent sign when it is a number (a format
/// may print "-" or "n/a" where nothing was measured).
fn percent_text(display: &str) -> String {
    if display
        .chars()
        .all(|character| character.is_ascii_digit() || character == '.')
    {
        format!("{display}%")
    } else {
        display.to_string()
    }
}

/// Text inside a markdown table cell: a `|` would end the cell, a line break the row.
fn table_cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}
