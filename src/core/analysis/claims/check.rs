//! Compares claims with a coverage report: resolves the subject, rounds the measured
//! value to the claim's own decimals, tries coverage.py's measures in turn, and says
//! "unknown" whenever a disagreement could come from hedging, truncation or ambiguity.
use super::{CheckedClaim, Claim, ClaimKind, ClaimSubject, Measure, TargetComparison, Verdict};
use crate::core::analysis::path_match::{match_path_by_suffix, PathMatch};
use crate::core::model::{Counts, CoverageCounts, CoverageReport, Metric, Percent, Precision};

pub(super) fn check_claims(claims: &[Claim], report: &CoverageReport) -> Vec<CheckedClaim> {
    let mut checked: Vec<CheckedClaim> = claims
        .iter()
        .map(|claim| check_claim(claim, report))
        .collect();
    let file_claims = claims
        .iter()
        .filter(|claim| matches!(claim.subject, ClaimSubject::File(_)))
        .count();
    let any_file_resolved = checked.iter().any(|item| {
        matches!(item.claim.subject, ClaimSubject::File(_)) && item.matched_path.is_some()
    });
    if file_claims > 0 && !any_file_resolved {
        for item in &mut checked {
            // A total (measured or targeted) checked against another project's run means
            // nothing either way: a match or a met target there is as false as a mismatch.
            if item.claim.subject == ClaimSubject::Total && item.verdict.key() != "unknown" {
                item.verdict = Verdict::Unknown {
                    reason: format!(
                        "none of the {file_claims} file claims names a file in this report, so its total is probably from another run"
                    ),
                };
            }
        }
    }
    checked
}

pub(super) fn check_claim(claim: &Claim, report: &CoverageReport) -> CheckedClaim {
    let unknown = |reason: String, resolved: Option<&Resolved>| CheckedClaim {
        claim: claim.clone(),
        verdict: Verdict::Unknown { reason },
        matched_path: resolved.and_then(|resolved| resolved.path.clone()),
        matched_region: resolved.and_then(|resolved| resolved.region.clone()),
        measured: resolved.map(|resolved| resolved.percent.value()),
    };
    let resolved = match resolve(claim, report) {
        Ok(resolved) => resolved,
        Err(reason) => return unknown(reason, None),
    };
    if !claim.claimed_percent.is_finite() {
        return unknown(
            "the claimed figure is not a number".to_string(),
            Some(&resolved),
        );
    }
    let decimals = claim.decimals.min(Precision::MAXIMUM);
    let verdict = if resolved.counts.statements == 0 {
        no_statements_verdict(claim)
    } else {
        match claim.kind {
            ClaimKind::Target { comparison } => {
                target_verdict(claim, &resolved, comparison, decimals)
            }
            ClaimKind::Measurement | ClaimKind::BeforeAfter => {
                measurement_verdict(claim, &resolved, decimals)
            }
        }
    };
    CheckedClaim {
        claim: claim.clone(),
        verdict,
        matched_path: resolved.path.clone(),
        matched_region: resolved.region.clone(),
        measured: Some(resolved.percent.value()),
    }
}

/// The measured figures for a claim's subject.
struct Resolved {
    counts: CoverageCounts,
    /// The report's `percent_covered`.
    percent: Percent,
    /// The report's own display string for it.
    display: String,
    path: Option<String>,
    region: Option<String>,
}

fn resolve(claim: &Claim, report: &CoverageReport) -> Result<Resolved, String> {
    match &claim.subject {
        ClaimSubject::File(written) => {
            let index = file_index(written, report)?;
            let file = &report.files[index];
            Ok(Resolved {
                counts: coverage_py_counts(&file.counts)?,
                percent: file.coverage.percent,
                display: file.coverage.display.clone(),
                path: Some(file.path.clone()),
                region: None,
            })
        }
        ClaimSubject::Region { name, file } => resolve_region(name, file.as_deref(), report),
        ClaimSubject::Total => {
            if report.files.is_empty() && report.totals.tally(Metric::Statements).unwrap_or_default().total == 0 {
                return Err("the report measured no files, so it has no total to compare".to_string());
            }
            Ok(Resolved {
                counts: coverage_py_counts(&report.totals)?,
                percent: report.total_coverage.percent,
                display: report.total_coverage.display.clone(),
                path: None,
                region: None,
            })
        }
        ClaimSubject::Unknown => Err(format!(
            "“{}” names no file path (no extension), so it cannot be matched to a file of the report",
            claim.subject_text
        )),
    }
}

fn file_index(written: &str, report: &CoverageReport) -> Result<usize, String> {
    match match_path_by_suffix(written, report) {
        PathMatch::Unique(index) => Ok(index),
        PathMatch::Ambiguous(indices) => {
            let paths: Vec<&str> = indices
                .iter()
                .take(5)
                .map(|&index| report.files[index].path.as_str())
                .collect();
            Err(format!(
                "“{written}” matches {} files in this report ({}{}); the checker does not guess",
                indices.len(),
                paths.join(", "),
                if indices.len() > paths.len() {
                    ", …"
                } else {
                    ""
                }
            ))
        }
        PathMatch::NotFound => Err(format!("no file matching “{written}” in this report")),
    }
}

fn resolve_region(
    name: &str,
    file: Option<&str>,
    report: &CoverageReport,
) -> Result<Resolved, String> {
    if report.files.iter().all(|file| file.regions.is_empty()) {
        return Err(
            "this report has no function or class regions (coverage.py 7.6+ JSON has them)"
                .to_string(),
        );
    }
    let file_indices: Vec<usize> = match file {
        Some(written) => vec![file_index(written, report)?],
        None => (0..report.files.len()).collect(),
    };
    let mut exact = Vec::new();
    let mut suffix = Vec::new();
    let dotted_suffix = format!(".{name}");
    for &index in &file_indices {
        for region in &report.files[index].regions {
            if region.name.is_empty() {
                continue;
            }
            if region.name == name {
                exact.push((index, region));
            } else if region.name.ends_with(&dotted_suffix) {
                suffix.push((index, region));
            }
        }
    }
    let candidates = if exact.is_empty() { suffix } else { exact };
    match candidates.as_slice() {
        [] => Err(format!(
            "no function or class named “{name}” in this report"
        )),
        [(index, region)] => Ok(Resolved {
            counts: coverage_py_counts(&region.counts)?,
            percent: region.coverage.percent,
            display: region.coverage.display.clone(),
            path: Some(report.files[*index].path.clone()),
            region: Some(region.name.clone()),
        }),
        several => {
            let places: Vec<String> = several
                .iter()
                .take(5)
                .map(|(index, region)| format!("{}::{}", report.files[*index].path, region.name))
                .collect();
            Err(format!(
                "“{name}” matches {} functions or classes ({}); the checker does not guess",
                several.len(),
                places.join(", ")
            ))
        }
    }
}

/// coverage.py shows a file without statements as 100%; only a claim of exactly that
/// agrees, anything else has nothing to compare with.
fn no_statements_verdict(claim: &Claim) -> Verdict {
    let claims_full = claim.claimed_percent == 100.0 && !claim.kind.is_target();
    if claims_full {
        Verdict::Match {
            measure: Measure::PercentCovered,
        }
    } else {
        Verdict::Unknown {
            reason: "no data: nothing was measured (no statements)".to_string(),
        }
    }
}

fn target_verdict(
    claim: &Claim,
    resolved: &Resolved,
    comparison: TargetComparison,
    decimals: u8,
) -> Verdict {
    // Compare what coverage.py would show at the target's own precision, so "100%" is only
    // met by a complete file, as with `fail_under`.
    let shown = parse_display(&resolved.percent.display(Precision(decimals)));
    let measured_text = resolved.percent.display(Precision(decimals.max(2)));
    let Some(shown) = shown else {
        return Verdict::Unknown {
            reason: "the measured value cannot be displayed".to_string(),
        };
    };
    let target = claim.claimed_percent;
    let met = match comparison {
        TargetComparison::AtLeast | TargetComparison::Reaches => shown >= target - 1e-9,
        TargetComparison::AtMost => shown <= target + 1e-9,
        TargetComparison::Exactly => (shown - target).abs() < 1e-9,
    };
    if met {
        Verdict::TargetMet { measured_text }
    } else {
        Verdict::TargetMissed { measured_text }
    }
}

fn measurement_verdict(claim: &Claim, resolved: &Resolved, decimals: u8) -> Verdict {
    let counts = &resolved.counts;
    let covered = counts.statements.saturating_sub(counts.missing);
    let ratio_matches = claim.ratio.is_some_and(|(part, whole)| {
        whole == counts.statements && (part == covered || part == counts.executed)
    });
    // A claim written only as a ratio ("224/230 lines covered") is checked as one.
    if claim.claimed_text.contains('/') {
        if ratio_matches {
            return Verdict::Match {
                measure: Measure::RatioLines,
            };
        }
        if let Some(qualifier) = &claim.qualifier {
            return hedged(claim, resolved, qualifier, decimals);
        }
        if let Some(unknown) = other_version(claim, counts) {
            return unknown;
        }
        let measured = 100.0 * covered as f64 / counts.statements as f64;
        return Verdict::Mismatch {
            measured: resolved.percent.value(),
            measured_text: format!("{covered}/{}", counts.statements),
            difference: round_to(claim.claimed_percent - measured, 2),
        };
    }
    let statements_only = counts.percent_statements_covered();
    let covered_over_statements = Percent::new(100.0 * covered as f64 / counts.statements as f64);
    let measures = [
        (Measure::PercentCovered, resolved.percent),
        (Measure::StatementsOnly, statements_only),
        (Measure::CoveredOverStatements, covered_over_statements),
    ];
    let claimed = claim.claimed_percent;
    for (measure, value) in measures {
        if parse_display(&value.display(Precision(decimals)))
            .is_some_and(|shown| same(shown, claimed))
        {
            return Verdict::Match { measure };
        }
    }
    // A hand-written report's own display string counts too, at its own precision.
    if Precision::of_display_text(&resolved.display).0 == decimals
        && parse_display(&resolved.display).is_some_and(|shown| same(shown, claimed))
    {
        return Verdict::Match {
            measure: Measure::PercentCovered,
        };
    }
    let values: Vec<f64> = measures.iter().map(|(_, value)| value.value()).collect();
    // Rounded half up by hand ("50.665" written as "50.67" where coverage.py shows
    // "50.66"): still within half a unit of the exact value, so still right. "100" and
    // "0" are exempt: like coverage.py, they only ever mean exactly 100 and 0.
    let half_unit = 0.5 * 10f64.powi(-i32::from(decimals));
    let extreme = claimed >= 100.0 || claimed <= 0.0;
    for (measure, value) in measures {
        if !extreme && (value.value() - claimed).abs() <= half_unit + 1e-9 {
            return Verdict::Match { measure };
        }
    }
    if claim.approximate
        && values
            .iter()
            .any(|value| (value - claimed).abs() <= 1.0 + 1e-9)
    {
        return Verdict::Unknown {
            reason: format!(
                "approximately {}% is within a point of the measured {}%",
                claim.claimed_text,
                resolved.percent.display(Precision(decimals.max(2)))
            ),
        };
    }
    if values
        .iter()
        .any(|value| same(truncated(*value, decimals), claimed))
    {
        return Verdict::Unknown {
            reason: format!(
                "{}% looks like the measured {}% cut off rather than rounded",
                claim.claimed_text,
                resolved
                    .percent
                    .display(Precision(decimals.saturating_add(2)))
            ),
        };
    }
    if let Some(qualifier) = &claim.qualifier {
        return hedged(claim, resolved, qualifier, decimals);
    }
    if let Some(unknown) = other_version(claim, counts) {
        return unknown;
    }
    // "workflow_debugger.py (9% → 50%)": when the earlier figure is what the report
    // measures, the later one is where the author wants to get, not where the code is.
    if let Some((before, before_text)) = &claim.before_percent {
        let before_decimals = before_text.split_once('.').map_or(0, |(_, fraction)| {
            fraction.len().min(usize::from(Precision::MAXIMUM)) as u8
        });
        let before_is_now = values.iter().any(|value| {
            let shown = parse_display(&Percent::new(*value).display(Precision(before_decimals)));
            shown.is_some_and(|shown| same(shown, *before))
                || same(truncated(*value, before_decimals), *before)
        });
        if before_is_now {
            return Verdict::Unknown {
                reason: format!(
                    "the earlier figure {before_text}% is what this report measures, so {}% reads as a goal",
                    claim.claimed_text
                ),
            };
        }
    }
    let measured_text = resolved.percent.display(Precision(decimals));
    let shown = parse_display(&measured_text).unwrap_or(resolved.percent.value());
    Verdict::Mismatch {
        measured: resolved.percent.value(),
        measured_text,
        difference: round_to(claimed - shown, decimals),
    }
}

/// A stated statement count that differs from the report's means the claim measured
/// another version of the file, or another scope for a total ("TOTAL 1163 930 20%").
fn other_version(claim: &Claim, counts: &CoverageCounts) -> Option<Verdict> {
    let (_, whole) = claim.ratio?;
    (whole != counts.statements).then(|| Verdict::Unknown {
        reason: format!(
            "the claim counts {whole} statements where this report has {}, so it describes another version or scope",
            counts.statements
        ),
    })
}

/// A disagreement with a hedged claim: it may describe another measurement or an earlier
/// state, so the checker cannot call it wrong.
fn hedged(claim: &Claim, resolved: &Resolved, qualifier: &str, decimals: u8) -> Verdict {
    Verdict::Unknown {
        reason: format!(
            "{}% is qualified (“{qualifier}”) and may describe another measurement or an earlier state; this report measures {}%",
            claim.claimed_text,
            resolved.percent.display(Precision(decimals.max(2)))
        ),
    }
}

fn parse_display(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|value| value.is_finite())
}

fn same(left: f64, right: f64) -> bool {
    (left - right).abs() < 1e-9
}

/// The value cut (not rounded) to `decimals`, as people who copy digits do.
fn truncated(value: f64, decimals: u8) -> f64 {
    let scale = 10f64.powi(i32::from(decimals));
    // The small nudge keeps 97.39 (stored as 97.3899999…) at 97.39 when cut to 2 decimals.
    let units = (value * scale + 1e-7).floor();
    parse_display(&format!("{:.*}", usize::from(decimals), units / scale)).unwrap_or(value)
}

fn round_to(value: f64, decimals: u8) -> f64 {
    let scale = 10f64.powi(i32::from(decimals.min(Precision::MAXIMUM)));
    (value * scale).round() / scale
}

/// coverage.py's counts of a subject, which every measure below is defined on; another
/// format's counts give unknown rather than a comparison with figures it does not have.
fn coverage_py_counts(counts: &Counts) -> Result<CoverageCounts, String> {
    counts.coverage_py().copied().ok_or_else(|| {
        "this report is not coverage.py's, and claims are checked against coverage.py's figures only"
            .to_string()
    })
}
