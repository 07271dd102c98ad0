//! The documents view: the selected document in the reader, its claims checked against
//! the loaded reports.
use yew::prelude::*;

use super::DocumentReader;
use crate::app::components::shell::empty_state;
use crate::app::state::{
    Action, ClaimsAction, ClaimsSettings, LoadedDocument, PatchSettings, ReportShelf, SharedPatch,
    SharedReport,
};

#[derive(Properties, PartialEq)]
pub struct DocumentsPageProps {
    pub document: Option<LoadedDocument>,
    pub reports: ReportShelf,
    /// Every loaded diff, for patch coverage figures.
    pub patches: Vec<(u64, String, SharedPatch)>,
    pub claims: ClaimsSettings,
    pub dispatch: Callback<Action>,
}

#[function_component]
pub fn DocumentsPage(props: &DocumentsPageProps) -> Html {
    let Some(selected) = &props.document else {
        return empty_state(
            "No document loaded",
            "Drop markdown reports or a .planning folder, or use Open folder.",
        );
    };
    let dispatch = &props.dispatch;
    html! {
        <DocumentReader document={selected.document.clone()} warnings={selected.warnings.clone()}
            reports={report_choices(&props.reports)} selected_report_id={props.reports.selected_id}
            patches={props.patches.clone()}
            claims_report_choice={props.claims.report_choice}
            claims_mismatches_only={props.claims.mismatches_only}
            on_open_file={dispatch.reform(|(report_id, path)| Action::ShowFileInTable { report_id, path })}
            on_choose_claims_report={dispatch.reform(|report_id| ClaimsAction::ChooseReport { report_id }.into())}
            on_claims_mismatches_only={dispatch.reform(|only| ClaimsAction::SetMismatchesOnly { only }.into())} />
    }
}

/// Every loaded diff with its id and name, as the document views take them.
pub fn patch_choices(settings: &PatchSettings) -> Vec<(u64, String, SharedPatch)> {
    settings
        .patches
        .items
        .iter()
        .map(|loaded| (loaded.id, loaded.name.clone(), loaded.patch.clone()))
        .collect()
}

/// Every loaded report with its id and name, as the document views take them.
pub fn report_choices(reports: &ReportShelf) -> Vec<(u64, String, SharedReport)> {
    reports
        .items
        .iter()
        .map(|loaded| (loaded.id, loaded.name.clone(), loaded.report.clone()))
        .collect()
}
