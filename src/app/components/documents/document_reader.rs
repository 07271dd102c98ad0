//! The reader view of one planning document: warnings, claims, facts, kind panels and the
//! body with a verdict badge after every checked coverage figure.
use std::collections::BTreeMap;

use yew::prelude::*;

use super::{DocumentBody, FactPanel, PlanPanel, SummaryPanel, VerificationPanel};
use crate::app::components::claims::{claim_presentation, ClaimsPanel};
use crate::app::derived::claim_inputs;
use crate::app::state::{SharedDocument, SharedPatch, SharedReport};
use crate::core::analysis::claims::{check_document_claims, CheckedClaim, ClaimSource};
use crate::core::document::FrontmatterReading;

/// A verdict shown beside a must-have or truth: (verdict key, badge text, explanation).
pub type LiveCheck = (String, String, String);

#[derive(Properties, PartialEq)]
pub struct DocumentReaderProps {
    pub document: SharedDocument,
    pub warnings: Vec<String>,
    /// Every loaded report, for checking claims and linking paths.
    pub reports: Vec<(u64, String, SharedReport)>,
    pub selected_report_id: Option<u64>,
    /// Every loaded diff, for patch coverage figures: measured against the selected
    /// report, as the patch view measures them.
    pub patches: Vec<(u64, String, SharedPatch)>,
    pub claims_report_choice: Option<u64>,
    pub claims_mismatches_only: bool,
    pub on_open_file: Callback<(u64, String)>,
    pub on_choose_claims_report: Callback<Option<u64>>,
    pub on_claims_mismatches_only: Callback<bool>,
}

#[function_component]
pub fn DocumentReader(props: &DocumentReaderProps) -> Html {
    // Every verdict comes from the core, once per document, report list and choice.
    let verdicts = use_memo(
        (
            props.document.clone(),
            props.reports.clone(),
            props.patches.clone(),
            props.selected_report_id,
            props.claims_report_choice,
        ),
        |(document, reports, patches, selected, choice)| {
            let inputs = claim_inputs(reports, patches, *selected);
            check_document_claims(
                &document.0.claims,
                &inputs.reports,
                *selected,
                *choice,
                &inputs.diffs,
            )
        },
    );
    let checked_against = verdicts.checked_against;
    let chosen_by_person =
        props.claims_report_choice.is_some() && checked_against == props.claims_report_choice;
    let badges: Vec<(String, String, String)> = verdicts
        .checked
        .iter()
        .map(|checked| {
            let (key, _, badge, explanation) = claim_presentation(checked);
            (key.to_string(), badge, explanation)
        })
        .collect();
    let checked_goals = &verdicts.goals;
    let checked = &verdicts.checked;
    let (must_have_checks, gap_checks, truth_row_checks) = live_checks(checked_goals);
    let summary = verdicts.summary.sentence();
    let link_report = props
        .selected_report_id
        .or(checked_against)
        .and_then(|id| {
            props
                .reports
                .iter()
                .find(|(report_id, _, _)| *report_id == id)
        })
        .map(|(id, _, report)| (*id, report.clone()));

    let document = &props.document.0.document;
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
    let report_choices: Vec<(u64, String)> = props
        .reports
        .iter()
        .map(|(id, name, _)| (*id, name.clone()))
        .collect();
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
                        <li data-testid="doc-warning"><span aria-hidden="true">{ "⚠ " }</span>{ warning }</li>
                    }) }
                </ul>
            }
            <ClaimsPanel checked={checked.clone()} {summary} {report_choices} {checked_against}
                {chosen_by_person} mismatches_only={props.claims_mismatches_only}
                on_choose_report={props.on_choose_claims_report.clone()}
                on_mismatches_only={props.on_claims_mismatches_only.clone()} />
            if let Some(facts) = &document.verification {
                <VerificationPanel facts={facts.clone()} report={link_report.clone()}
                    gap_checks={gap_checks} truth_row_checks={truth_row_checks}
                    on_open_file={props.on_open_file.clone()} />
            }
            if let Some(facts) = &document.plan {
                <PlanPanel facts={facts.clone()} report={link_report.clone()}
                    must_have_checks={must_have_checks}
                    on_open_file={props.on_open_file.clone()} />
            }
            if let Some(facts) = &document.summary {
                <SummaryPanel facts={facts.clone()} report={link_report.clone()}
                    on_open_file={props.on_open_file.clone()} />
            }
            <FactPanel rows={fact_rows} {reading_note} />
            <DocumentBody document={props.document.clone()} {badges} />
        </article>
    }
}

/// The live verdicts of must-haves, gaps and truth rows that are coverage targets, by index.
fn live_checks(
    checked: &[CheckedClaim],
) -> (
    BTreeMap<usize, LiveCheck>,
    BTreeMap<usize, LiveCheck>,
    BTreeMap<usize, LiveCheck>,
) {
    let mut must_haves = BTreeMap::new();
    let mut gaps = BTreeMap::new();
    let mut truth_rows = BTreeMap::new();
    for checked_claim in checked {
        let (key, _, badge, explanation) = claim_presentation(checked_claim);
        let live = (key.to_string(), badge, explanation);
        match checked_claim.claim.source {
            ClaimSource::MustHave { index } => {
                must_haves.entry(index).or_insert(live);
            }
            ClaimSource::VerificationTruth {
                gap_index: Some(index),
                ..
            } => {
                gaps.entry(index).or_insert(live);
            }
            ClaimSource::VerificationTruth {
                row_index: Some(index),
                ..
            } => {
                truth_rows.entry(index).or_insert(live);
            }
            _ => {}
        }
    }
    (must_haves, gaps, truth_rows)
}
