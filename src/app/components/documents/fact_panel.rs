//! A document's frontmatter as a tidy list of facts rather than a code block.
use yew::prelude::*;

use crate::core::document::FactRow;

#[derive(Properties, PartialEq)]
pub struct FactPanelProps {
    pub rows: Vec<FactRow>,
    /// "YAML" or "lenient reader", so people know how far to trust the facts.
    pub reading_note: Option<String>,
}

#[function_component]
pub fn FactPanel(props: &FactPanelProps) -> Html {
    if props.rows.is_empty() {
        return html! {};
    }
    html! {
        <details class="fact-panel" open=true>
            <summary>
                { "Frontmatter" }
                if let Some(note) = &props.reading_note {
                    <span class="hint">{ format!(" ({note})") }</span>
                }
            </summary>
            <dl class="fact-rows">
                { for props.rows.iter().map(|row| html! {
                    <div class="fact-row"><dt>{ &row.key }</dt><dd>{ &row.text }</dd></div>
                }) }
            </dl>
        </details>
    }
}
