//! A summary's one-liner, duration, completion date, key files and decisions.
use yew::prelude::*;

use super::CoverageLink;
use crate::app::state::SharedReport;
use crate::core::document::SummaryFacts;

#[derive(Properties, PartialEq)]
pub struct SummaryPanelProps {
    pub facts: SummaryFacts,
    pub report: Option<(u64, SharedReport)>,
    pub on_open_file: Callback<(u64, String)>,
}

#[function_component]
pub fn SummaryPanel(props: &SummaryPanelProps) -> Html {
    let facts = &props.facts;
    let files = |heading: &str, paths: &[String]| {
        if paths.is_empty() {
            return html! {};
        }
        html! {
            <>
                <h4>{ heading }</h4>
                <ul class="file-list">{ for paths.iter().map(|path| html! {
                    <li><CoverageLink written_path={path.clone()} report={props.report.clone()}
                        on_open_file={props.on_open_file.clone()} /></li>
                }) }</ul>
            </>
        }
    };
    html! {
        <section class="summary-panel" aria-label="Summary">
            if let Some(one_liner) = &facts.one_liner { <p class="one-liner">{ one_liner }</p> }
            <dl class="facts">
                if let Some(duration) = &facts.duration { <div class="fact"><dt>{ "Duration" }</dt><dd>{ duration }</dd></div> }
                if let Some(completed) = &facts.completed { <div class="fact"><dt>{ "Completed" }</dt><dd>{ completed }</dd></div> }
                if let Some(subsystem) = &facts.subsystem { <div class="fact"><dt>{ "Subsystem" }</dt><dd>{ subsystem }</dd></div> }
                if !facts.tags.is_empty() { <div class="fact"><dt>{ "Tags" }</dt><dd>{ facts.tags.join(", ") }</dd></div> }
            </dl>
            if !facts.key_files.created.is_empty() || !facts.key_files.modified.is_empty() || !facts.key_files.other.is_empty() {
                <h3>{ "Key files" }</h3>
                { files("Created", &facts.key_files.created) }
                { files("Modified", &facts.key_files.modified) }
                { files("Other", &facts.key_files.other) }
            }
            if !facts.decisions.is_empty() {
                <h3>{ "Decisions" }</h3>
                <ul>{ for facts.decisions.iter().map(|decision| html! { <li>{ decision }</li> }) }</ul>
            }
            if !facts.tech_stack.is_empty() {
                <h3>{ "Tech stack" }</h3>
                <dl class="fact-rows">{ for facts.tech_stack.iter().map(|(key, values)| html! {
                    <div class="fact-row"><dt>{ key }</dt><dd>{ values.join(", ") }</dd></div>
                }) }</dl>
            }
        </section>
    }
}
