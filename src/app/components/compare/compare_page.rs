//! The comparison view of two reports, the two newest unless the person chose a pair.
use yew::prelude::*;

use super::{ComparedReport, ComparisonView};
use crate::app::components::shell::empty_state;
use crate::app::effects::downloads::export;
use crate::app::state::{
    Action, AgreementAction, ComparisonAction, ComparisonSettings, LoadedReport, MainView,
    ReportShelf, ViewAction,
};

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
    // Two reports of one run (two formats, two tools) are better read file by file.
    let show_agreement = {
        let dispatch = dispatch.clone();
        let pair = (before.id, after.id);
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(
                AgreementAction::SetPair {
                    left: pair.0,
                    right: pair.1,
                }
                .into(),
            );
            dispatch.emit(
                ViewAction::Show {
                    view: MainView::Agreement,
                }
                .into(),
            );
        })
    };
    html! {
        <>
        <p class="hint">
            { "The same run in two formats or from two tools? " }
            <button type="button" class="link-button" data-testid="compare-to-agreement" onclick={show_agreement}>
                { "See where these two agree, file by file" }
            </button>
        </p>
        <ComparisonView {choices} before={compared(before)} after={compared(after)}
            settings={props.settings.clone()}
            on_pair={dispatch.reform(|(before, after)| ComparisonAction::SetPair { before, after }.into())}
            on_sort={dispatch.reform(|column| ComparisonAction::SortBy { column }.into())}
            on_filter={dispatch.reform(|text| ComparisonAction::SetFilter { text }.into())}
            on_only_changed={dispatch.reform(|only_changed| ComparisonAction::SetOnlyChanged { only_changed }.into())}
            on_select_file={dispatch.reform(|path| ComparisonAction::SelectFile { path }.into())}
            on_export={Callback::from(export)} />
        </>
    }
}
