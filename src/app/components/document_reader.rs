//! The reader view of one planning document: warnings, facts, kind panels and the body.
use yew::prelude::*;

use super::{DocumentBody, FactPanel, PlanPanel, SummaryPanel, VerificationPanel};
use crate::app::state::{SharedDocument, SharedReport};
use crate::core::document::{body_segments, FrontmatterReading};

#[derive(Properties, PartialEq)]
pub struct DocumentReaderProps {
    pub document: SharedDocument,
    pub warnings: Vec<String>,
    /// The selected coverage report, for measured coverage next to file paths.
    pub report: Option<(u64, SharedReport)>,
    pub on_open_file: Callback<(u64, String)>,
}

#[function_component]
pub fn DocumentReader(props: &DocumentReaderProps) -> Html {
    let segments = use_memo(props.document.clone(), |document| {
        body_segments(&document.0.body_markdown)
    });
    let document = &props.document.0;
    let (fact_rows, reading_note) = match &document.frontmatter {
        Some(frontmatter) => (
            frontmatter.fact_rows(),
            match frontmatter.reading {
                FrontmatterReading::Yaml => None,
                FrontmatterReading::Lenient => {
                    Some("read line by line: not valid YAML".to_string())
                }
            },
        ),
        None => (Vec::new(), None),
    };
    let title = document
        .title
        .clone()
        .unwrap_or_else(|| document.file_name.clone());
    html! {
        <article class="document-reader" data-testid="doc-view" aria-label={document.file_name.clone()}>
            <header class="document-header">
                <h2>{ title }</h2>
                <p class="document-path">
                    <span class={classes!("kind-tag", format!("kind-{}", document.kind.key()))}>{ document.kind.key() }</span>
                    { " " }<code>{ &document.path }</code>
                    if let Some(phase) = &document.phase_id { { format!(" · phase {phase}") } }
                    if let Some(plan) = &document.plan_id { { format!(" · plan {plan}") } }
                </p>
            </header>
            if !props.warnings.is_empty() {
                <ul class="document-warnings">
                    { for props.warnings.iter().map(|warning| html! {
                        <li data-testid="doc-warning" role="note"><span aria-hidden="true">{ "⚠ " }</span>{ warning }</li>
                    }) }
                </ul>
            }
            if let Some(facts) = &document.verification {
                <VerificationPanel facts={facts.clone()} report={props.report.clone()}
                    on_open_file={props.on_open_file.clone()} />
            }
            if let Some(facts) = &document.plan {
                <PlanPanel facts={facts.clone()} report={props.report.clone()}
                    on_open_file={props.on_open_file.clone()} />
            }
            if let Some(facts) = &document.summary {
                <SummaryPanel facts={facts.clone()} report={props.report.clone()}
                    on_open_file={props.on_open_file.clone()} />
            }
            <FactPanel rows={fact_rows} {reading_note} />
            <DocumentBody segments={(*segments).clone()} />
        </article>
    }
}
