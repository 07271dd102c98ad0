//! The verdict on one claim against what its subject resolved to in one report: a match
//! when any measure of any candidate agrees at the claim's own decimals; otherwise the
//! reasons a careful reader would not call it wrong, tried in order; a mismatch last.
use super::measures::{decimals_of, shown, Measured, Resolution, MAX_DECIMALS};
use super::{Claim, ClaimKind, Measure, TargetComparison, Verdict};

/// Why a disagreement against this report is not a sure mismatch, whatever the claim says:
/// the report may be another run (see `runs.rs`).
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct RunDoubt {
    /// The report is from another run: newer than the document, or not the report the
    /// figure names. Gives "stale".
    pub stale: Option<String>,
    /// The document does not say which run its figures are from. Gives "unknown".
    pub unnamed: Option<String>,
}

/// A verdict and the candidate it was reached on.
pub(super) struct Outcome<'a> {
    pub verdict: Verdict,
    pub measured: Option<&'a Measured>,
}

pub(super) fn check<'a>(
    claim: &Claim,
    resolution: &'a Resolution,
    doubt: &RunDoubt,
) -> Outcome<'a> {
    let decimals = claim.decimals.min(MAX_DECIMALS);
    let first = resolution.candidates.first();
    let unknown = |reason: String| Outcome {
        verdict: Verdict::Unknown { reason },
        measured: first,
    };
    if !claim.claimed_percent.is_finite() {
        return unknown("the claimed figure is not a number".to_string());
    }
    if !claim.kind.is_target() {
        let matched = resolution.candidates.iter().find_map(|measured| {
            matching_measure(claim, measured, decimals).map(|measure| (measure, measured))
        });
        if let Some((measure, measured)) = matched {
            return Outcome {
                verdict: Verdict::Match { measure },
                measured: Some(measured),
            };
        }
    }
    // Reasons that concern the run, then the subject, then the claim's own wording.
    if let Some(reason) = &doubt.stale {
        return Outcome {
            verdict: Verdict::Stale {
                reason: reason.clone(),
            },
            measured: first,
        };
    }
    if let Some(reason) = claim.another_run.clone().or_else(|| doubt.unnamed.clone()) {
        return unknown(reason);
    }
    let Some(measured) = first else {
        return unknown("nothing in the report to compare with".to_string());
    };
    if measured.statements == 0 {
        return unknown("no data: nothing was measured (no statements)".to_string());
    }
    if let ClaimKind::Target { comparison } = claim.kind {
        let outcomes: Vec<Verdict> = resolution
            .candidates
            .iter()
            .map(|candidate| target_verdict(claim, candidate, comparison, decimals))
            .collect();
        if outcomes
            .windows(2)
            .any(|pair| pair[0].key() != pair[1].key())
        {
            return unknown(resolution.unsure.clone().unwrap_or_default());
        }
        return Outcome {
            verdict: outcomes.into_iter().next().unwrap_or(Verdict::Unknown {
                reason: String::new(),
            }),
            measured: Some(measured),
        };
    }
    if let Some(reason) = hedged(claim, measured, decimals).or_else(|| resolution.unsure.clone()) {
        return unknown(reason);
    }
    let (measured_text, difference) = if claim.claimed_text.contains('/') {
        let text = format!("{}/{}", measured.covered, measured.statements);
        let exact = 100.0 * measured.covered as f64 / measured.statements as f64;
        (text, round_to(claim.claimed_percent - exact, 2))
    } else {
        let text = shown(measured.headline(), decimals);
        let value = text.parse::<f64>().unwrap_or(measured.headline());
        (text, round_to(claim.claimed_percent - value, decimals))
    };
    Outcome {
        verdict: Verdict::Mismatch {
            measured: measured.headline(),
            measured_text,
            difference,
        },
        measured: Some(measured),
    }
}

/// The first measure that agrees with the claim at its decimals, if any.
fn matching_measure(claim: &Claim, measured: &Measured, decimals: u8) -> Option<Measure> {
    if measured.statements == 0 {
        // coverage.py shows a file without statements as 100%: only that agrees.
        return (claim.claimed_percent == 100.0).then_some(Measure::PercentCovered);
    }
    if claim.claimed_text.contains('/') {
        return ratio_agrees(claim, measured).then_some(Measure::RatioLines);
    }
    let claimed = claim.claimed_percent;
    let agrees = |value: f64| {
        shown(value, decimals)
            .parse::<f64>()
            .is_ok_and(|shown| same(shown, claimed))
    };
    if let Some((measure, _)) = measured.readings.iter().find(|(_, value)| agrees(*value)) {
        return Some(*measure);
    }
    // A hand-written report's own display string counts too, at its own precision.
    let own = decimals_of(&measured.display) == decimals
        && measured
            .display
            .parse::<f64>()
            .is_ok_and(|shown| same(shown, claimed));
    if own {
        return Some(Measure::PercentCovered);
    }
    // Rounded half up by hand ("50.665" written as "50.67" where coverage.py shows
    // "50.66"): within half a unit of the exact value, so still right. "100" and "0" only
    // ever mean exactly 100 and 0, as in coverage.py.
    let half_unit = 0.5 * 10f64.powi(-i32::from(decimals));
    let extreme = claimed >= 100.0 || claimed <= 0.0;
    measured
        .readings
        .iter()
        .find(|(_, value)| !extreme && (value - claimed).abs() <= half_unit + 1e-9)
        .map(|(measure, _)| *measure)
}

/// "224/230 lines": the covered (or executed) count over the statements.
fn ratio_agrees(claim: &Claim, measured: &Measured) -> bool {
    claim.ratio.is_some_and(|(part, whole)| {
        whole == measured.statements && (part == measured.covered || part == measured.executed)
    })
}

/// Why a figure that disagrees may still be right: approximate, cut off rather than
/// rounded, hedged, about another version of the file, or a goal after its starting point.
fn hedged(claim: &Claim, measured: &Measured, decimals: u8) -> Option<String> {
    let values: Vec<f64> = measured.readings.iter().map(|(_, value)| *value).collect();
    let claimed = claim.claimed_percent;
    let now = shown(measured.headline(), decimals.max(2));
    if claim.approximate
        && values
            .iter()
            .any(|value| (value - claimed).abs() <= 1.0 + 1e-9)
    {
        return Some(format!(
            "approximately {}% is within a point of the measured {now}%",
            claim.claimed_text
        ));
    }
    if values
        .iter()
        .any(|value| same(truncated(*value, decimals), claimed))
    {
        return Some(format!(
            "{}% looks like the measured {}% cut off rather than rounded",
            claim.claimed_text,
            shown(measured.headline(), decimals.saturating_add(2))
        ));
    }
    let agrees = |value: &f64| {
        shown(*value, decimals)
            .parse::<f64>()
            .is_ok_and(|shown| same(shown, claimed))
    };
    if let Some((Measure::Tally(metric), _)) =
        measured.others.iter().find(|(_, value)| agrees(value))
    {
        return Some(format!(
            "{}% is the report's {metric} figure here, and the claim does not say it means {metric}",
            claim.claimed_text
        ));
    }
    if let Some(qualifier) = &claim.qualifier {
        return Some(format!(
            "{}% is qualified (“{qualifier}”) and may describe another measurement or an earlier state; this report measures {now}%",
            claim.claimed_text
        ));
    }
    if let Some((_, whole)) = claim
        .ratio
        .filter(|(_, whole)| *whole != measured.statements)
    {
        return Some(format!(
            "the claim counts {whole} statements where this report has {}, so it describes another version or scope",
            measured.statements
        ));
    }
    // "workflow_debugger.py (9% → 50%)": when the earlier figure is what the report
    // measures, the later one is where the author wants to get.
    let (before, before_text) = claim.before_percent.as_ref()?;
    let before_decimals = before_text.split_once('.').map_or(0, |(_, fraction)| {
        fraction.len().min(usize::from(MAX_DECIMALS)) as u8
    });
    values
        .iter()
        .any(|value| {
            let earlier = shown(*value, before_decimals).parse::<f64>();
            earlier.is_ok_and(|earlier| same(earlier, *before)) || same(truncated(*value, before_decimals), *before)
        })
        .then(|| {
            format!(
                "the earlier figure {before_text}% is what this report measures, so {}% reads as a goal",
                claim.claimed_text
            )
        })
}

fn target_verdict(
    claim: &Claim,
    measured: &Measured,
    comparison: TargetComparison,
    decimals: u8,
) -> Verdict {
    // Compare what coverage.py would show at the target's own precision, so "100%" is only
    // met by a complete file, as with `fail_under`.
    let headline = measured.headline();
    let measured_text = shown(headline, decimals.max(2));
    let Ok(shown) = shown(headline, decimals).parse::<f64>() else {
        return Verdict::Unknown {
            reason: "the measured value cannot be displayed".to_string(),
        };
    };
    let target = claim.claimed_percent;
    let met = match comparison {
        TargetComparison::AtLeast | TargetComparison::Reaches => shown >= target - 1e-9,
        TargetComparison::AtMost => shown <= target + 1e-9,
        TargetComparison::Exactly => same(shown, target),
    };
    if met {
        Verdict::TargetMet { measured_text }
    } else {
        Verdict::TargetMissed { measured_text }
    }
}

fn same(left: f64, right: f64) -> bool {
    (left - right).abs() < 1e-9
}

/// The value cut (not rounded) to `decimals`, as people who copy digits do.
fn truncated(value: f64, decimals: u8) -> f64 {
    let scale = 10f64.powi(i32::from(decimals));
    // The small nudge keeps 97.39 (stored as 97.3899999…) at 97.39 when cut to 2 decimals.
    let units = (value * scale + 1e-7).floor();
    format!("{:.*}", usize::from(decimals), units / scale)
        .parse()
        .unwrap_or(value)
}

fn round_to(value: f64, decimals: u8) -> f64 {
    let scale = 10f64.powi(i32::from(decimals.min(MAX_DECIMALS)));
    (value * scale).round() / scale
}
