//! The sidebar: the loaded reports, and the loaded documents grouped by phase.
use yew::prelude::*;

use crate::app::components::combine::{CombineChoice, CombinePanel};
use crate::app::components::documents::{DocumentList, DocumentListGroup, DocumentListItem};
use crate::app::components::table::{ReportList, ReportListItem};
use crate::app::state::{
    Action, CombineAction, DocumentAction, DocumentShelf, LoadedDocument, ReportAction, ReportShelf,
};
use crate::core::analysis::phases::summarize_phases;
use crate::core::document::PlanningDocument;

#[derive(Properties, PartialEq)]
pub struct SidebarProps {
    pub reports: ReportShelf,
    pub documents: DocumentShelf,
    /// The reports ticked for combining.
    pub combine_chosen: Vec<u64>,
    pub dispatch: Callback<Action>,
}

#[function_component]
pub fn Sidebar(props: &SidebarProps) -> Html {
    let document_groups = use_memo(props.documents.items.clone(), |documents| {
        document_list_groups(documents)
    });
    let report_items: Vec<ReportListItem> = props
        .reports
        .items
        .iter()
        .map(|loaded| ReportListItem {
            id: loaded.id,
            name: loaded.name.clone(),
            coverage_display: loaded.report.0.total_coverage.display.clone(),
            is_demo: loaded.is_demo,
        })
        .collect();
    let combine_choices: Vec<CombineChoice> = props
        .reports
        .items
        .iter()
        .map(|loaded| CombineChoice {
            id: loaded.id,
            name: loaded.name.clone(),
            format_name: loaded.report.0.facts.format.profile().name,
        })
        .collect();
    let dispatch = &props.dispatch;
    html! {
        <aside class="sidebar">
            <ReportList items={report_items} selected_id={props.reports.selected_id}
                on_select={dispatch.reform(|id| ReportAction::Select { id }.into())}
                on_remove={dispatch.reform(|id| ReportAction::Remove { id }.into())} />
            <CombinePanel choices={combine_choices} chosen={props.combine_chosen.clone()}
                on_toggle={dispatch.reform(|id| CombineAction::Toggle { id }.into())}
                on_combine={dispatch.reform(|()| CombineAction::Combine.into())} />
            <DocumentList groups={(*document_groups).clone()} selected_id={props.documents.selected_id}
                on_select={dispatch.reform(|id| DocumentAction::Select { id }.into())}
                on_remove={dispatch.reform(|id| DocumentAction::Remove { id }.into())} />
        </aside>
    }
}

/// The sidebar's document groups, one per phase in the overview's order.
fn document_list_groups(documents: &[LoadedDocument]) -> Vec<DocumentListGroup> {
    let plain: Vec<&PlanningDocument> = documents
        .iter()
        .map(|loaded| &loaded.document.0.document)
        .collect();
    summarize_phases(&plain)
        .into_iter()
        .map(|phase| DocumentListGroup {
            heading: phase
                .phase_id
                .map(|id| format!("Phase {id}"))
                .unwrap_or_else(|| "No phase".to_string()),
            items: phase
                .document_indices
                .iter()
                .filter_map(|&index| documents.get(index))
                .map(|loaded| {
                    let document = &loaded.document.0.document;
                    DocumentListItem {
                        id: loaded.id,
                        file_name: document.file_name.clone(),
                        path: document.path.clone(),
                        kind_key: document.kind.key(),
                        kind_label: document.kind.key().to_string(),
                        has_warnings: !loaded.warnings.is_empty(),
                        is_demo: loaded.is_demo,
                    }
                })
                .collect(),
        })
        .collect()
}
