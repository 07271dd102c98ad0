//! A plan's must-haves, tasks, wave and dependencies.
use yew::prelude::*;

use std::collections::BTreeMap;

use super::document_reader::LiveCheck;
use super::CoverageLink;
use crate::app::state::SharedReport;
use crate::core::document::PlanFacts;

#[derive(Properties, PartialEq)]
pub struct PlanPanelProps {
    pub facts: PlanFacts,
    pub report: Option<(u64, SharedReport)>,
    #[prop_or_default]
    pub must_have_checks: BTreeMap<usize, LiveCheck>,
    pub on_open_file: Callback<(u64, String)>,
}

#[function_component]
pub fn PlanPanel(props: &PlanPanelProps) -> Html {
    let facts = &props.facts;
    let link = |path: &str| {
        html! {
            <CoverageLink written_path={path.to_string()} report={props.report.clone()}
                on_open_file={props.on_open_file.clone()} />
        }
    };
    let must_haves = &facts.must_haves;
    html! {
        <section class="plan-panel" aria-label="Plan">
            <dl class="facts">
                if let Some(wave) = &facts.wave { <div class="fact"><dt>{ "Wave" }</dt><dd>{ wave }</dd></div> }
                if !facts.depends_on.is_empty() {
                    <div class="fact"><dt>{ "Depends on" }</dt><dd>{ facts.depends_on.join(", ") }</dd></div>
                }
                if let Some(plan_type) = &facts.plan_type { <div class="fact"><dt>{ "Type" }</dt><dd>{ plan_type }</dd></div> }
                if facts.gap_closure { <div class="fact"><dt>{ "Gap closure" }</dt><dd>{ "yes" }</dd></div> }
                if let Some(autonomous) = facts.autonomous {
                    <div class="fact"><dt>{ "Autonomous" }</dt><dd>{ if autonomous { "yes" } else { "no" } }</dd></div>
                }
            </dl>
            if !must_haves.truths.is_empty() || !must_haves.artifacts.is_empty() || !must_haves.key_links.is_empty() {
                <h3>{ "Must-haves" }</h3>
                if !must_haves.truths.is_empty() {
                    <ul class="must-have-truths">{ for must_haves.truths.iter().enumerate().map(|(index, truth)| html! {
                        <li><span data-testid="must-have-truth">{ truth }</span>
                            if let Some((key, badge, explanation)) = props.must_have_checks.get(&index) {
                                { " " }
                                <span class={classes!("claim-badge", format!("verdict-{key}"))} data-testid="live-check"
                                    data-verdict={key.clone()} title={explanation.clone()}>{ badge }</span>
                            }
                        </li>
                    }) }</ul>
                }
                if !must_haves.artifacts.is_empty() {
                    <table class="artifact-table">
                        <thead><tr><th scope="col">{ "Artifact" }</th><th scope="col">{ "Provides" }</th><th scope="col">{ "Min lines" }</th></tr></thead>
                        <tbody>{ for must_haves.artifacts.iter().map(|artifact| html! {
                            <tr data-testid="artifact">
                                <td>{ link(&artifact.path) }</td>
                                <td>{ artifact.provides.clone().unwrap_or_default() }
                                    if !artifact.contains.is_empty() {
                                        <div class="hint">{ format!("contains: {}", artifact.contains.join(", ")) }</div>
                                    }
                                    if !artifact.exports.is_empty() {
                                        <div class="hint">{ format!("exports: {}", artifact.exports.join(", ")) }</div>
                                    }
                                </td>
                                <td class="number">{ artifact.min_lines.map(|lines| lines.to_string()).unwrap_or_default() }</td>
                            </tr>
                        }) }</tbody>
                    </table>
                }
                if !must_haves.key_links.is_empty() {
                    <ul class="key-links">{ for must_haves.key_links.iter().map(|key_link| html! {
                        <li><code>{ &key_link.from }</code>{ " → " }<code>{ &key_link.to }</code>
                            if let Some(via) = &key_link.via { { format!(" via {via}") } }</li>
                    }) }</ul>
                }
            }
            if !facts.tasks.is_empty() {
                <h3>{ format!("Tasks ({})", facts.tasks.len()) }</h3>
                <ol class="task-list">{ for facts.tasks.iter().map(|task| html! {
                    <li class="task-card" data-testid="task">
                        <div class="task-heading">
                            <strong data-testid="task-name">{ task.name.clone().unwrap_or_else(|| "Untitled task".to_string()) }</strong>
                            if let Some(task_type) = &task.task_type { <span class="kind-tag">{ task_type }</span> }
                            if !task.closed { <span class="warning-mark">{ "⚠ never closed" }</span> }
                        </div>
                        if !task.files.is_empty() {
                            <div class="task-files"><strong>{ "Files: " }</strong>
                                { for task.files.iter().map(|path| html! { <span class="task-file">{ link(path) }</span> }) }
                            </div>
                        }
                        if let Some(action) = &task.action { <div class="task-part"><strong>{ "Action" }</strong><p class="pre-wrap">{ action }</p></div> }
                        if let Some(verify) = &task.verify { <div class="task-part"><strong>{ "Verify" }</strong><p class="pre-wrap">{ verify }</p></div> }
                        if let Some(done) = &task.done { <div class="task-part"><strong>{ "Done when" }</strong><p class="pre-wrap">{ done }</p></div> }
                    </li>
                }) }</ol>
            }
            if !facts.files_modified.is_empty() {
                <h3>{ "Files modified" }</h3>
                <ul class="file-list">{ for facts.files_modified.iter().map(|path| html! { <li>{ link(path) }</li> }) }</ul>
            }
        </section>
    }
}
