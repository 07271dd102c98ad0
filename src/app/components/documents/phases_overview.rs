//! One row per phase: its documents, latest verification status and score, open gaps, plans.
use crate::core::text::{counted, nouns};
use yew::prelude::*;

use crate::app::derived::claim_inputs;
use crate::app::state::{LoadedDocument, SharedPatch, SharedReport};
use crate::core::analysis::claims::{check_document_claims, ClaimSummary};
use crate::core::analysis::phases::summarize_phases;
use crate::core::document::PlanningDocument;

#[derive(Properties, PartialEq)]
pub struct PhasesOverviewProps {
    pub documents: Vec<LoadedDocument>,
    /// Every loaded report, to check each document's coverage claims against its report.
    pub reports: Vec<(u64, String, SharedReport)>,
    /// Every loaded diff, for patch coverage figures (measured against the selected report).
    pub patches: Vec<(u64, String, SharedPatch)>,
    pub selected_report_id: Option<u64>,
    pub claims_report_choice: Option<u64>,
    pub on_select_document: Callback<u64>,
}

/// The overview's column headings, in order.
const PHASE_COLUMN_HEADINGS: [&str; 7] = [
    "Phase",
    "Status",
    "Score",
    "Open gaps",
    "Plans with summary",
    "Coverage claims",
    "Documents",
];

#[function_component]
pub fn PhasesOverview(props: &PhasesOverviewProps) -> Html {
    let phases = use_memo(props.documents.clone(), |documents| {
        let plain: Vec<&PlanningDocument> = documents
            .iter()
            .map(|loaded| &loaded.document.0.document)
            .collect();
        summarize_phases(&plain)
    });
    let claim_summaries = use_memo(
        (
            props.documents.clone(),
            props.reports.clone(),
            props.patches.clone(),
            props.selected_report_id,
            props.claims_report_choice,
        ),
        |(documents, reports, patches, selected, choice)| {
            let inputs = claim_inputs(reports, patches, *selected);
            documents
                .iter()
                .map(|loaded| {
                    check_document_claims(
                        &loaded.document.0.claims,
                        &inputs.reports,
                        *selected,
                        *choice,
                        &inputs.diffs,
                    )
                    .summary
                })
                .collect::<Vec<ClaimSummary>>()
        },
    );
    if props.documents.is_empty() {
        return html! {
            <section class="empty-state">
                <h2>{ "No planning documents loaded" }</h2>
                <p>{ "Drop a .planning folder or markdown reports (VERIFICATION, PLAN, SUMMARY…) to see their phases." }</p>
            </section>
        };
    }
    html! {
        <table class="phases-table" data-testid="phases-table">
            <caption class="table-caption">{ counted(phases.len(), nouns::PHASE) }</caption>
            <thead><tr>
                { for PHASE_COLUMN_HEADINGS.iter().map(|heading| html! { <th scope="col">{ *heading }</th> }) }
            </tr></thead>
            <tbody>
                { for phases.iter().map(|phase| {
                    let phase_key = phase.phase_id.clone().unwrap_or_default();
                    let label = phase.phase_id.clone().map(|id| format!("Phase {id}")).unwrap_or_else(|| "No phase".to_string());
                    html! {
                        <tr data-testid="phase" data-phase={phase_key}>
                            <th scope="row" data-col="phase">{ label }</th>
                            <td data-col="status">{ phase.status_raw.clone().unwrap_or_else(|| "—".to_string()) }</td>
                            <td class="number" data-col="score">{ phase.score.as_ref().map(|score| format!("{}/{}", score.verified, score.total)).unwrap_or_else(|| "—".to_string()) }</td>
                            <td class="number" data-col="open-gaps">{ phase.open_gap_count }</td>
                            <td class="number" data-col="plans">{ if phase.plan_count == 0 { "—".to_string() } else { format!("{}/{}", phase.plans_with_summary, phase.plan_count) } }</td>
                            <td data-col="claims">{ phase_claims_sentence(&phase.document_indices, &claim_summaries) }</td>
                            <td data-col="documents">
                                <ul class="phase-documents">
                                    { for phase.document_indices.iter().filter_map(|&index| props.documents.get(index)).map(|loaded| {
                                        let id = loaded.id;
                                        let on_select = props.on_select_document.clone();
                                        let onclick = Callback::from(move |_: MouseEvent| on_select.emit(id));
                                        html! {
                                            <li><button type="button" class="link-button" {onclick}>
                                                { &loaded.document.0.document.file_name }
                                            </button></li>
                                        }
                                    }) }
                                </ul>
                            </td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

fn phase_claims_sentence(document_indices: &[usize], summaries: &[ClaimSummary]) -> String {
    document_indices
        .iter()
        .filter_map(|&index| summaries.get(index))
        .copied()
        .sum::<ClaimSummary>()
        .sentence()
}
