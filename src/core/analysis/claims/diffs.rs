//! Patch coverage figures checked against a loaded diff: which diff a figure is about, and
//! the verdict on the patch's coverage as the patch view measures it (diff-cover's
//! definition, `analysis::patch`), at the claim's own decimals.
//!
//! Precision first, as for every other figure: "mismatch" only when the diff is the one the
//! figure's line or document names, the report is the one its run rule gives and the patch
//! view measures, the patch has measured lines none of which is uncertain, and neither
//! diff-cover's printed total nor the exact share agrees. Everything else is "unknown" with
//! the reason, or "stale" when the report is another run.
use std::cell::OnceCell;

use super::check::RunDoubt;
use super::measures::{shown, MAX_DECIMALS};
use super::runs::{names_ending, names_fit, ClaimRun};
use super::{unchecked, CheckedClaim, Claim, ClaimKind, Measure, TargetComparison, Verdict};
use crate::core::analysis::patch::{compute_patch_coverage, PatchCoverage};
use crate::core::document::PlanningDocument;
use crate::core::model::{CoverageReport, Patch};

/// The file endings that name a diff.
const DIFF_ENDINGS: &[&str] = &[".diff", ".patch"];

/// Every diff a text names (`pr-123.diff`, `0001-fix.patch`), once each.
pub(super) fn diff_names(text: &str) -> Vec<String> {
    names_ending(text, DIFF_ENDINGS)
}

/// Every diff a document names, in its frontmatter and its body.
pub(super) fn document_diff_names(document: &PlanningDocument) -> Vec<String> {
    let mut names = document
        .frontmatter
        .as_ref()
        .map(|frontmatter| diff_names(&frontmatter.raw_text))
        .unwrap_or_default();
    for name in diff_names(&document.body_markdown) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// What a document's patch figures are checked against.
pub(super) struct PatchCheck<'a> {
    /// Every loaded report, by name as loaded.
    pub reports: &'a [(&'a str, &'a CoverageReport)],
    /// The report the patch view measures, by index into `reports`.
    pub measured_report: Option<usize>,
    /// Every loaded diff, by name as loaded.
    pub diffs: &'a [(&'a str, &'a Patch)],
    /// The diffs the document names anywhere.
    pub document_diffs: &'a [String],
    /// Each diff's coverage against the measured report, computed once when first needed.
    pub coverages: Vec<OnceCell<PatchCoverage>>,
}

/// The diff a figure is about, and why it may be another change.
struct PickedDiff {
    index: usize,
    doubt: Option<String>,
}

impl PatchCheck<'_> {
    /// The verdict on one patch figure, given the run the report rule gives it.
    pub fn check(&self, claim: &Claim, run: &ClaimRun) -> CheckedClaim {
        let unknown = |reason: String| unchecked(claim, Verdict::Unknown { reason });
        let picked = match self.pick_diff(claim) {
            Ok(picked) => picked,
            Err(reason) => return unknown(reason),
        };
        let (diff_name, patch) = self.diffs[picked.index];
        let Some(measured_index) = self.measured_report else {
            let mut checked = unknown(format!(
                "no coverage report is selected to measure {diff_name} against"
            ));
            checked.diff_name = Some(diff_name.to_string());
            return checked;
        };
        let (report_name, report) = self.reports[measured_index];
        let mut checked = if run.reports.contains(&measured_index) {
            let coverage =
                self.coverages[picked.index].get_or_init(|| compute_patch_coverage(patch, report));
            verdict(claim, coverage, &run.doubt, picked.doubt, diff_name)
        } else {
            let meant: Vec<&str> = run
                .reports
                .iter()
                .map(|&index| self.reports[index].0)
                .collect();
            let reason = match meant.as_slice() {
                [] => run.doubt.unnamed.clone().unwrap_or_default(),
                _ => format!(
                    "this figure is about {}, while the patch view measures {diff_name} against {report_name}",
                    meant.join(", ")
                ),
            };
            unknown(reason)
        };
        checked.report_name = Some(report_name.to_string());
        checked.diff_name = Some(diff_name.to_string());
        checked
    }

    /// The loaded diff the figure's line names, else the one its document names, else the
    /// only one loaded (with a doubt); never a guess between several.
    fn pick_diff(&self, claim: &Claim) -> Result<PickedDiff, String> {
        if self.diffs.is_empty() {
            return Err(
                "no diff loaded: load the diff this patch coverage figure is about".to_string(),
            );
        }
        let fitting = |name: &str| -> Vec<usize> {
            (0..self.diffs.len())
                .filter(|&index| names_fit(name, self.diffs[index].0))
                .collect()
        };
        let named = |name: &str, whose: &str| match fitting(name)[..] {
            [index] => Ok(PickedDiff { index, doubt: None }),
            [] => Err(format!("{whose} {name}, which is not loaded")),
            ref several => Err(format!(
                "{name} fits {} loaded diffs ({}); the checker does not guess",
                several.len(),
                several
                    .iter()
                    .map(|&index| self.diffs[index].0)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        };
        if let Some(name) = &claim.named_diff {
            return named(name, "this figure is about");
        }
        match self.document_diffs {
            [] => {}
            [name] => return named(name, "the document is about"),
            several => {
                return Err(format!(
                    "the document names several diffs ({}) and this figure's line names none",
                    several.join(", ")
                ))
            }
        }
        match self.diffs {
            [(name, _)] => Ok(PickedDiff {
                index: 0,
                doubt: Some(format!(
                    "the document names no diff, so the loaded {name} may be another change"
                )),
            }),
            several => Err(format!(
                "{} diffs are loaded and the document names none of them; the checker does not guess",
                several.len()
            )),
        }
    }
}

/// The verdict on a patch figure against the patch's coverage: a match when diff-cover's
/// printed total (for a whole percent) or the exact share at the claim's decimals agrees;
/// otherwise the reasons a careful reader would not call it wrong; a mismatch last.
fn verdict(
    claim: &Claim,
    coverage: &PatchCoverage,
    run_doubt: &RunDoubt,
    diff_doubt: Option<String>,
    diff_name: &str,
) -> CheckedClaim {
    let totals = coverage.totals;
    let measured_lines = totals.measured();
    let mut checked = unchecked(
        claim,
        Verdict::Unknown {
            reason: String::new(),
        },
    );
    let unknown = |reason: String| Verdict::Unknown { reason };
    if measured_lines == 0 {
        checked.verdict = unknown(format!(
            "none of the {} lines {diff_name} adds is code the report measures, so it has no patch coverage",
            coverage.added_lines
        ));
        return checked;
    }
    let exact = 100.0 * totals.covered as f64 / measured_lines as f64;
    checked.measured = Some(exact);
    let decimals = claim.decimals.min(MAX_DECIMALS);
    // diff-cover prints its total as a whole percent rounded down: that figure is read
    // only for a claim written without decimals.
    let diff_cover = coverage.total_figure.percent.value();
    let mut readings = vec![(Measure::PatchLines, shown_value(exact, decimals))];
    if decimals == 0 {
        readings.insert(0, (Measure::DiffCoverTotal, diff_cover));
    }
    let claimed = claim.claimed_percent;
    let measured_text = if decimals == 0 {
        coverage.total_figure.display.clone()
    } else {
        shown(exact, decimals)
    };
    if !claimed.is_finite() {
        checked.verdict = unknown("the claimed figure is not a number".to_string());
        return checked;
    }
    if !claim.kind.is_target() {
        if let Some((measure, _)) = readings.iter().find(|(_, value)| same(*value, claimed)) {
            checked.verdict = Verdict::Match { measure: *measure };
            return checked;
        }
    }
    if let Some(reason) = &run_doubt.stale {
        checked.verdict = Verdict::Stale {
            reason: reason.clone(),
        };
        return checked;
    }
    let doubt = claim
        .another_run
        .clone()
        .or_else(|| run_doubt.unnamed.clone())
        .or(diff_doubt);
    if let Some(reason) = doubt {
        checked.verdict = unknown(reason);
        return checked;
    }
    if totals.uncertain > 0 {
        checked.verdict = unknown(format!(
            "{} added lines of {diff_name} could not be placed in the report (an ambiguous path, or no line lists), so its patch coverage is not sure",
            totals.uncertain
        ));
        return checked;
    }
    if let ClaimKind::Target { comparison } = claim.kind {
        let outcomes: Vec<bool> = readings
            .iter()
            .map(|(_, value)| met(*value, claimed, comparison))
            .collect();
        checked.verdict = match outcomes[..] {
            [first, ..] if outcomes.iter().all(|outcome| *outcome == first) => {
                let measured_text = shown(exact, decimals.max(2));
                if first {
                    Verdict::TargetMet { measured_text }
                } else {
                    Verdict::TargetMissed { measured_text }
                }
            }
            _ => unknown(format!(
                "diff-cover's {}% and the exact {}% fall on either side of the {}% target",
                coverage.total_figure.display,
                shown(exact, 2),
                claim.claimed_text
            )),
        };
        return checked;
    }
    let exact_text = shown(exact, decimals.max(2));
    if claim.approximate && claimed >= 100.0 {
        checked.verdict = unknown(format!(
            "“{}” says every added line is covered only loosely; {} of {measured_lines} measured added lines ran ({exact_text}%)",
            claim.context, totals.covered
        ));
        return checked;
    }
    if claim.approximate && (exact - claimed).abs() <= 1.0 + 1e-9 {
        checked.verdict = unknown(format!(
            "approximately {}% is within a point of the measured {exact_text}%",
            claim.claimed_text
        ));
        return checked;
    }
    if decimals > 0 && same(truncated(exact, decimals), claimed) {
        checked.verdict = unknown(format!(
            "{}% looks like the measured {}% cut off rather than rounded",
            claim.claimed_text,
            shown(exact, decimals.saturating_add(2))
        ));
        return checked;
    }
    if let Some(qualifier) = &claim.qualifier {
        checked.verdict = unknown(format!(
            "{}% is qualified (“{qualifier}”) and may describe another measurement or an earlier state; this patch measures {exact_text}%",
            claim.claimed_text
        ));
        return checked;
    }
    let shown_measured = measured_text.parse::<f64>().unwrap_or(exact);
    checked.verdict = Verdict::Mismatch {
        measured: exact,
        measured_text,
        difference: round_to(claimed - shown_measured, decimals),
    };
    checked
}

/// The value as the report's rule shows it at `decimals`, read back as a number: "100"
/// and "0" only ever for exactly 100 and 0.
fn shown_value(value: f64, decimals: u8) -> f64 {
    shown(value, decimals).parse().unwrap_or(value)
}

fn met(value: f64, target: f64, comparison: TargetComparison) -> bool {
    match comparison {
        TargetComparison::AtLeast | TargetComparison::Reaches => value >= target - 1e-9,
        TargetComparison::AtMost => value <= target + 1e-9,
        TargetComparison::Exactly => same(value, target),
    }
}

fn same(left: f64, right: f64) -> bool {
    (left - right).abs() < 1e-9
}

/// The value cut (not rounded) to `decimals`, as people who copy digits do.
fn truncated(value: f64, decimals: u8) -> f64 {
    let scale = 10f64.powi(i32::from(decimals));
    (value * scale + 1e-7).floor() / scale
}

fn round_to(value: f64, decimals: u8) -> f64 {
    let scale = 10f64.powi(i32::from(decimals.min(MAX_DECIMALS)));
    (value * scale).round() / scale
}
