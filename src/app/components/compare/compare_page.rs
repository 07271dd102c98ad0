//! The comparison view of two reports, the two newest unless the person chose a pair.
use yew::prelude::*;

use super::{ComparedReport, ComparisonView};
use crate::app::components::shell::empty_state;
use crate::app::effects::downloads::export;
use crate::app::state::{Action, ComparisonAction, ComparisonSettings, LoadedReport, ReportShelf};

#[derive(Properties, PartialEq)]
pub struct ComparePageProps {
    pub reports: ReportShelf,
    /// The (before, after) pair to compare, when two reports are loaded.
    pub pair: Option<(LoadedReport, LoadedReport)>,
    pub settings: ComparisonSettings,
    pub dispatch: Callback<Action>,
}

#[function_component]
pub fn ComparePage(props: &ComparePageProps) -> Html {
    let Some((before, after)) = &props.pair else {
        return empty_state(
            "Load two reports to compare them",
            "Drop two or more coverage.json snapshots; the two newest are compared, older as before.",
        );
    };
    let compared = |loaded: &LoadedReport| ComparedReport {
        id: loaded.id,
        name: loaded.name.clone(),
        report: loaded.report.clone(),
    };
    let choices: Vec<(u64, String)> = props
        .reports
        .items
        .iter()
        .map(|loaded| (loaded.id, loaded.name.clone()))
        .collect();
    let dispatch = &props.dispatch;
    html! {
        <ComparisonView {choices} before={compared(before)} after={compared(after)}
            settings={props.settings.clone()}
            on_pair={dispatch.reform(|(before, after)| ComparisonAction::SetPair { before, after }.into())}
            on_sort={dispatch.reform(|column| ComparisonAction::SortBy { column }.into())}
            on_filter={dispatch.reform(|text| ComparisonAction::SetFilter { text }.into())}
            on_only_changed={dispatch.reform(|only_changed| ComparisonAction::SetOnlyChanged { only_changed }.into())}
            on_select_file={dispatch.reform(|path| ComparisonAction::SelectFile { path }.into())}
            on_export={Callback::from(export)} />
    }
}
