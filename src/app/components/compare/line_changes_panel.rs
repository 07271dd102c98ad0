//! The lines of one file that became covered or missed between two reports.
use yew::prelude::*;

use crate::core::analysis::compare::LineChanges;

#[derive(Properties, PartialEq)]
pub struct LineChangesPanelProps {
    pub path: String,
    pub changes: LineChanges,
}

#[function_component]
pub fn LineChangesPanel(props: &LineChangesPanelProps) -> Html {
    let changes = &props.changes;
    let line = |label: &'static str, test_id: &'static str, text: &str| {
        html! {
            <div class="fact-row"><dt>{ label }</dt>
                <dd data-testid={test_id}>{ if text.is_empty() { "none".to_string() } else { text.to_string() } }</dd></div>
        }
    };
    html! {
        <section class="line-changes" data-testid="line-changes" aria-label={format!("Line changes in {}", props.path)}>
            <h3>{ "Line changes in " }<code>{ &props.path }</code></h3>
            if !changes.has_line_data {
                <p class="hint">{ "One of the reports lists no lines for this file, so only the counts can be compared." }</p>
            }
            <dl class="fact-rows">
                { line("Newly covered", "newly-covered", &changes.newly_covered) }
                { line("Newly missed", "newly-missed", &changes.newly_missed) }
                if changes.branches_compared {
                    { line("Partial branches gained", "partial-gained", &changes.partial_gained) }
                    { line("Partial branches lost", "partial-lost", &changes.partial_lost) }
                }
            </dl>
        </section>
    }
}
