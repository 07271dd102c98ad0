//! Every coverage figure a document states, with the verdict against the chosen report.
use yew::prelude::*;

use crate::core::analysis::claims::{CheckedClaim, ClaimKind, ClaimSubject, Verdict};
use crate::core::model::{Percent, Precision};

#[derive(Properties, PartialEq)]
pub struct ClaimsPanelProps {
    pub checked: Vec<CheckedClaim>,
    pub summary: String,
    pub report_choices: Vec<(u64, String)>,
    /// The report the claims were checked against, if any report is loaded.
    pub checked_against: Option<u64>,
    /// True when the person picked the report; false when the document's own rules did.
    pub chosen_by_person: bool,
    pub mismatches_only: bool,
    pub on_choose_report: Callback<Option<u64>>,
    pub on_mismatches_only: Callback<bool>,
}

#[function_component]
pub fn ClaimsPanel(props: &ClaimsPanelProps) -> Html {
    let on_choose = props.on_choose_report.clone();
    let onchange = Callback::from(move |event: Event| {
        let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
        on_choose.emit(select.value().parse::<u64>().ok());
    });
    let on_only = props.on_mismatches_only.clone();
    let onchange_only = Callback::from(move |event: Event| {
        let input: web_sys::HtmlInputElement = event.target_unchecked_into();
        on_only.emit(input.checked());
    });
    let shown: Vec<&CheckedClaim> = props
        .checked
        .iter()
        .filter(|checked| {
            !props.mismatches_only
                || matches!(
                    checked.verdict,
                    Verdict::Mismatch { .. } | Verdict::TargetMissed { .. }
                )
        })
        .collect();
    html! {
        <details class="claims-panel" open={!props.checked.is_empty()} data-testid="claims-panel">
            <summary>
                <strong>{ "Coverage claims: " }</strong>
                <span data-testid="claims-summary">{ &props.summary }</span>
            </summary>
            <div class="table-controls">
                <label class="picker">{ "Checked against " }
                    <select data-testid="claims-report" {onchange}>
                        <option value="auto" selected={!props.chosen_by_person}>{ "the report this document points to" }</option>
                        { for props.report_choices.iter().map(|(id, name)| html! {
                            <option value={id.to_string()} selected={props.chosen_by_person && props.checked_against == Some(*id)}>{ name }</option>
                        }) }
                    </select>
                </label>
                if !props.chosen_by_person {
                    if let Some(name) = props.checked_against.and_then(|id| props.report_choices.iter().find(|(choice, _)| *choice == id)) {
                        <span class="hint">{ format!("(now {})", name.1) }</span>
                    }
                }
                <label class="toggle">
                    <input type="checkbox" data-testid="claims-mismatches-only" checked={props.mismatches_only}
                        onchange={onchange_only} />
                    { "Only mismatches and missed targets" }
                </label>
            </div>
            <ul class="claims-list">
                { for shown.iter().map(|checked| claim_item(checked)) }
            </ul>
        </details>
    }
}

/// The hook values and the badge of one checked claim: (verdict key, measured text,
/// badge text, explanation).
pub fn claim_presentation(checked: &CheckedClaim) -> (&'static str, String, String, String) {
    let claim = &checked.claim;
    let measured_text = match &checked.verdict {
        Verdict::Mismatch { measured_text, .. }
        | Verdict::TargetMet { measured_text }
        | Verdict::TargetMissed { measured_text } => measured_text.clone(),
        _ => checked
            .measured
            .map(|measured| Percent::new(measured).display(Precision(claim.decimals)))
            .unwrap_or_default(),
    };
    // Each figure is checked against its own report (and a patch figure against its diff),
    // so the explanation names them.
    let diff = checked
        .diff_name
        .as_deref()
        .map(|name| format!(" of {name}"))
        .unwrap_or_default();
    let report = checked
        .report_name
        .as_deref()
        .map(|name| format!("{diff} in {name}"))
        .unwrap_or(diff);
    let (badge, explanation) =
        match &checked.verdict {
            Verdict::Match { measure } => (
                "✓".to_string(),
                format!(
                    "Matches the measured {} ({measured_text}%){report}",
                    measure.label()
                ),
            ),
            Verdict::Mismatch { difference, .. } => {
                (
                    format!("✗ {measured_text}%"),
                    format!(
                "Claimed {}%, measured {measured_text}%{report}: the claim is {:.2} points {}",
                claim.claimed_text,
                difference.abs(),
                // The difference is the claim minus the measurement.
                if *difference < 0.0 { "below the measurement" } else { "above the measurement" }
            ),
                )
            }
            Verdict::Unknown { reason } => ("?".to_string(), reason.clone()),
            Verdict::Stale { reason } => ("↻ stale".to_string(), format!("Another run: {reason}")),
            Verdict::TargetMet { .. } => (
                format!("✓ {measured_text}%"),
                format!(
                    "Target {}% met: measured {measured_text}%{report}",
                    claim.claimed_text
                ),
            ),
            Verdict::TargetMissed { .. } => (
                format!("✗ {measured_text}%"),
                format!(
                    "Target {}% missed: measured {measured_text}%{report}",
                    claim.claimed_text
                ),
            ),
        };
    (checked.verdict.key(), measured_text, badge, explanation)
}

fn claim_item(checked: &CheckedClaim) -> Html {
    let claim = &checked.claim;
    let (verdict_key, measured_text, badge, explanation) = claim_presentation(checked);
    let subject = match &claim.subject {
        ClaimSubject::Total => "total".to_string(),
        ClaimSubject::Patch => match &checked.diff_name {
            Some(name) => format!("patch {name}"),
            None => "patch".to_string(),
        },
        _ => checked
            .matched_path
            .clone()
            .unwrap_or_else(|| claim.subject_text.clone()),
    };
    let kind = match claim.kind {
        ClaimKind::Measurement => "measurement".to_string(),
        ClaimKind::Target { comparison } => format!("target {}", comparison.symbol()),
        ClaimKind::BeforeAfter => "before → after".to_string(),
    };
    html! {
        <li class={classes!("claim", format!("verdict-{verdict_key}"))} data-testid="claim"
            data-verdict={verdict_key} data-claimed={claim.claimed_text.clone()}
            data-measured={measured_text} data-subject={subject.clone()}>
            <span class={classes!("claim-badge", format!("verdict-{verdict_key}"))} title={explanation.clone()}>{ badge }</span>
            <span class="claim-figure">{ format!("{}%", claim.claimed_text) }</span>
            <span class="claim-subject"><code>{ subject }</code>{ format!(" · {kind}") }</span>
            <span class="claim-explanation">{ explanation }</span>
            <q class="claim-context">{ &claim.context }</q>
        </li>
    }
}
