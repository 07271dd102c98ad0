//! One gap or observable truth of a verification report, with its status in words.
use yew::prelude::*;

use super::CoverageLink;
use crate::app::state::SharedReport;
use crate::core::document::GapStatus;

#[derive(Properties, PartialEq)]
pub struct GapCardProps {
    pub truth: String,
    pub status: GapStatus,
    /// The status as the document wrote it (`failed`, `⚠️ PARTIAL`, ...).
    pub status_raw: String,
    #[prop_or_default]
    pub reason: Option<String>,
    #[prop_or_default]
    pub evidence: Option<String>,
    #[prop_or_default]
    pub artifacts: Vec<String>,
    #[prop_or_default]
    pub missing: Vec<String>,
    pub report: Option<(u64, SharedReport)>,
    /// The live verdict when the truth is a coverage target: (key, badge, explanation).
    #[prop_or_default]
    pub live_check: Option<(String, String, String)>,
    pub on_open_file: Callback<(u64, String)>,
}

/// The `data-status` hook value and the visible label of a gap status.
pub fn gap_status_key(status: GapStatus, raw: &str) -> (String, &'static str, &'static str) {
    match status {
        GapStatus::Failed => ("failed".to_string(), "✗", "Failed"),
        GapStatus::Partial => ("partial".to_string(), "◐", "Partial"),
        GapStatus::Verified => ("verified".to_string(), "✓", "Verified"),
        GapStatus::Other => (raw.trim().to_string(), "?", "Unclear"),
    }
}

#[function_component]
pub fn GapCard(props: &GapCardProps) -> Html {
    let (status_key, icon, label) = gap_status_key(props.status, &props.status_raw);
    html! {
        <article class={classes!("gap-card", format!("gap-{}", status_class(props.status)))}
            data-testid="gap" data-status={status_key}>
            <header class="gap-header">
                <span class="gap-status"><span aria-hidden="true">{ icon }</span>{ " " }{ label }</span>
                if !props.status_raw.is_empty() && !props.status_raw.eq_ignore_ascii_case(label) {
                    <span class="hint">{ format!(" ({})", props.status_raw) }</span>
                }
            </header>
            <p class="gap-truth" data-testid="gap-truth">{ &props.truth }</p>
            if let Some((key, badge, explanation)) = &props.live_check {
                <p class={classes!("live-check", format!("verdict-{key}"))} data-testid="live-check" data-verdict={key.clone()}>
                    <span class={classes!("claim-badge", format!("verdict-{key}"))}>{ badge }</span>
                    { format!(" Measured now: {explanation}") }
                </p>
            }
            if let Some(reason) = &props.reason {
                <p class="gap-reason"><strong>{ "Reason: " }</strong>{ reason }</p>
            }
            if let Some(evidence) = &props.evidence {
                <p class="gap-reason"><strong>{ "Evidence: " }</strong>{ evidence }</p>
            }
            if !props.artifacts.is_empty() {
                <div class="gap-artifacts"><strong>{ "Artifacts: " }</strong>
                    <ul>{ for props.artifacts.iter().map(|path| html! {
                        <li><CoverageLink written_path={path.clone()} report={props.report.clone()}
                            on_open_file={props.on_open_file.clone()} /></li>
                    }) }</ul>
                </div>
            }
            if !props.missing.is_empty() {
                <div class="gap-missing"><strong>{ "Missing:" }</strong>
                    <ul class="checklist">{ for props.missing.iter().map(|item| html! {
                        <li><span aria-hidden="true">{ "☐ " }</span>{ item }</li>
                    }) }</ul>
                </div>
            }
        </article>
    }
}

fn status_class(status: GapStatus) -> &'static str {
    match status {
        GapStatus::Failed => "failed",
        GapStatus::Partial => "partial",
        GapStatus::Verified => "verified",
        GapStatus::Other => "other",
    }
}
