//! The verification facts of a report: status, score, gaps, truths and human checks.
use yew::prelude::*;

use std::collections::BTreeMap;

use super::document_reader::LiveCheck;
use super::GapCard;
use crate::app::state::SharedReport;
use crate::core::document::VerificationFacts;

#[derive(Properties, PartialEq)]
pub struct VerificationPanelProps {
    pub facts: VerificationFacts,
    pub report: Option<(u64, SharedReport)>,
    #[prop_or_default]
    pub gap_checks: BTreeMap<usize, LiveCheck>,
    #[prop_or_default]
    pub truth_row_checks: BTreeMap<usize, LiveCheck>,
    pub on_open_file: Callback<(u64, String)>,
}

#[function_component]
pub fn VerificationPanel(props: &VerificationPanelProps) -> Html {
    let facts = &props.facts;
    let status = facts
        .status_raw
        .clone()
        .or_else(|| facts.body_status.clone());
    html! {
        <section class="verification-panel" aria-label="Verification">
            <div class="verification-summary">
                if let Some(status) = status {
                    <span class={classes!("status-badge", status_tone(&status))}
                        data-testid="doc-status" data-status={status.clone()}>
                        { status_icon(&status) }{ " " }{ status.clone() }
                    </span>
                }
                if let Some(score) = &facts.score {
                    <span class="score" data-testid="doc-score"
                        data-verified={score.verified.to_string()} data-total={score.total.to_string()}
                        title={score.raw.clone()}>
                        <span class="score-text">{ format!("{}/{} verified", score.verified, score.total) }</span>
                        <meter min="0" max={score.total.max(1).to_string()} value={score.verified.to_string()}
                            aria-label="Score" />
                    </span>
                }
            </div>
            if !facts.gaps.is_empty() {
                <h3>{ format!("Gaps ({})", facts.gaps.len()) }</h3>
                <div class="gap-list">
                    { for facts.gaps.iter().enumerate().map(|(index, gap)| html! {
                        <GapCard truth={gap.truth.clone()} status={gap.status}
                            status_raw={gap.status_raw.clone().unwrap_or_default()}
                            reason={gap.reason.clone()} artifacts={gap.artifacts.clone()}
                            missing={gap.missing.clone()} report={props.report.clone()}
                            live_check={props.gap_checks.get(&index).cloned()}
                            on_open_file={props.on_open_file.clone()} />
                    }) }
                </div>
            }
            if !facts.truths_table.is_empty() {
                <h3>{ format!("Observable truths ({})", facts.truths_table.len()) }</h3>
                <div class="gap-list">
                    { for facts.truths_table.iter().enumerate().map(|(index, row)| html! {
                        <GapCard truth={row.truth.clone()} status={row.status}
                            status_raw={row.status_raw.clone()} evidence={row.evidence.clone()}
                            live_check={props.truth_row_checks.get(&index).cloned()}
                            report={props.report.clone()} on_open_file={props.on_open_file.clone()} />
                    }) }
                </div>
            }
            if !facts.human_verification.is_empty() {
                <h3>{ "Needs a human" }</h3>
                <ul class="human-checks">
                    { for facts.human_verification.iter().map(|check| html! {
                        <li class="human-check">
                            <p><strong>{ "Test: " }</strong>{ &check.test }</p>
                            if let Some(expected) = &check.expected { <p><strong>{ "Expected: " }</strong>{ expected }</p> }
                            if let Some(actual) = &check.actual { <p><strong>{ "Actual: " }</strong>{ actual }</p> }
                            if let Some(why) = &check.why_human { <p><strong>{ "Why a human: " }</strong>{ why }</p> }
                        </li>
                    }) }
                </ul>
            }
            if let Some(history) = &facts.re_verification {
                <h3>{ "Re-verification" }</h3>
                <dl class="fact-rows">
                    { for history.iter().map(|(key, value)| html! {
                        <div class="fact-row"><dt>{ key }</dt><dd>{ value }</dd></div>
                    }) }
                </dl>
            }
        </section>
    }
}

/// A colour tone for a raw status; the text is always shown too.
fn status_tone(status: &str) -> &'static str {
    let status = status.to_lowercase();
    if status.contains("gap")
        || status.contains("fail")
        || status.contains("not_met")
        || status.contains("partial")
    {
        "tone-bad"
    } else if status.contains("pass")
        || status.contains("complete")
        || status.contains("verified")
        || status.contains("closed")
    {
        "tone-good"
    } else {
        "tone-neutral"
    }
}

fn status_icon(status: &str) -> &'static str {
    match status_tone(status) {
        "tone-bad" => "✗",
        "tone-good" => "✓",
        _ => "•",
    }
}
